package source

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	def := fstest.MapFS{
		"site.toml":             {Data: []byte("name = \"default\"")},
		"content/en/_index.md":  {Data: []byte("default home")},
		"content/en/help.md":    {Data: []byte("default help")},
		"data/en/starters.toml": {Data: []byte("default starters")},
		"layouts/single.html":   {Data: []byte("default layout")},
		"assets/css/site.css":   {Data: []byte("default css")},
		"i18n/en.toml":          {Data: []byte("default strings")},
		"content/en/.hidden.md": {Data: []byte("never")},
		"content/en/draft.md~":  {Data: []byte("editor backup")},
		"README.md":             {Data: []byte("not part of a site")},
	}
	site := fstest.MapFS{
		"site.toml":            {Data: []byte("name = \"site\"")},
		"content/en/help.md":   {Data: []byte("site help")},
		"content/en/local.md":  {Data: []byte("site page")},
		"public/en/index.html": {Data: []byte("old output")},
		".git/config":          {Data: []byte("git")},
	}
	tree, err := Load(site, def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"assets/css/site.css", "content/en/_index.md", "content/en/help.md", "content/en/local.md", "data/en/starters.toml", "i18n/en.toml", "layouts/single.html"}
	if got := tree.Paths(""); !slices.Equal(got, want) {
		t.Errorf("paths %v\nwant %v", got, want)
	}
	if got := tree.Paths("content"); len(got) != 3 {
		t.Errorf("content paths %v", got)
	}
	for p, origin := range map[string]Origin{"content/en/help.md": FromSite, "content/en/_index.md": FromDefault, "content/en/local.md": FromSite} {
		if tree.Origin(p) != origin {
			t.Errorf("%s from %v, want %v", p, tree.Origin(p), origin)
		}
	}
	if b, _ := tree.ReadFile("content/en/help.md"); string(b) != "site help" {
		t.Errorf("help.md = %q, want the site's", b)
	}
	d, s, _ := tree.ConfigLayers()
	if string(d) != `name = "default"` || string(s) != `name = "site"` {
		t.Errorf("config layers %q %q", d, s)
	}

	tree, _ = Load(site, def, Options{NoDefaultContent: true})
	want = []string{"assets/css/site.css", "content/en/help.md", "content/en/local.md", "i18n/en.toml", "layouts/single.html"}
	if got := tree.Paths(""); !slices.Equal(got, want) {
		t.Errorf("without default content: %v\nwant %v", got, want)
	}
}

// TestSiteCode: a site folder's layouts, scripts, styles and SVGs are listed as its code,
// except files that are byte for byte the default's (a copy of this repository).
func TestSiteCode(t *testing.T) {
	def := fstest.MapFS{
		"layouts/single.html": {Data: []byte("default layout")},
		"assets/js/exit.js":   {Data: []byte("default script")},
	}
	site := fstest.MapFS{
		"layouts/single.html":   {Data: []byte("default layout")},
		"assets/js/exit.js":     {Data: []byte("changed script")},
		"assets/icons/logo.svg": {Data: []byte("<svg/>")},
		"assets/img/photo.png":  {Data: []byte("png")},
		"content/en/help.md":    {Data: []byte("words")},
	}
	tree, err := Load(site, def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"assets/icons/logo.svg", "assets/js/exit.js"}
	if got := tree.SiteCode(); !slices.Equal(got, want) {
		t.Errorf("site code %v, want %v", got, want)
	}
}

// TestLayers checks that both layers of a data file can be read, the default's first, and
// that NoDefaultContent drops the default's data but its taxonomies.
func TestLayers(t *testing.T) {
	def := fstest.MapFS{
		"data/helplines.toml":  {Data: []byte("default helplines")},
		"data/en/x.toml":       {Data: []byte("default only")},
		"data/taxonomies.toml": {Data: []byte("default taxonomies")},
	}
	site := fstest.MapFS{
		"data/helplines.toml": {Data: []byte("site helplines")},
		"data/en/y.toml":      {Data: []byte("site only")},
	}
	layers := func(tree *Tree, p string) string {
		t.Helper()
		ls, err := tree.Layers(p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range ls {
			out = append(out, l.Origin.String()+":"+string(l.Data))
		}
		return strings.Join(out, ",")
	}
	tree, err := Load(site, def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"data/helplines.toml": "default:default helplines,site:site helplines",
		"data/en/x.toml":      "default:default only",
		"data/en/y.toml":      "site:site only",
		"data/none.toml":      "",
	} {
		if got := layers(tree, p); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
	tree, err = Load(site, def, Options{NoDefaultContent: true})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"data/helplines.toml":  "site:site helplines",
		"data/en/x.toml":       "",
		"data/taxonomies.toml": "default:default taxonomies",
	} {
		if got := layers(tree, p); got != want {
			t.Errorf("without default content, %s: %q, want %q", p, got, want)
		}
	}
}

// TestTreeIsAnFS checks the union against io/fs's own conformance test: the site's file
// wins, both layers' files are listed, directories are made up from their files, and
// folders the build does not read are not there.
func TestTreeIsAnFS(t *testing.T) {
	def := fstest.MapFS{
		"content/en/_index.md":    {Data: []byte("default home")},
		"content/en/help.md":      {Data: []byte("default help")},
		"layouts/single.html":     {Data: []byte("single")},
		"layouts/partials/a.html": {Data: []byte("a")},
	}
	site := fstest.MapFS{
		"content/en/help.md":       {Data: []byte("site help")},
		"content/en/guidance/a.md": {Data: []byte("site guidance")},
		"public/index.html":        {Data: []byte("output, not read")},
	}
	tree, err := Load(site, def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(tree, "content/en/_index.md", "content/en/help.md", "content/en/guidance/a.md", "layouts/single.html", "layouts/partials/a.html"); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(tree, "content/en/help.md"); err != nil || string(b) != "site help" {
		t.Errorf("help.md = %q, %v; want the site's", b, err)
	}
	if _, err := fs.Stat(tree, "public/index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("public/index.html: %v, want not to exist", err)
	}
	var walked []string
	fs.WalkDir(tree, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	})
	if want := tree.Paths(""); !slices.Equal(walked, want) {
		t.Errorf("WalkDir found %q, Paths %q", walked, want)
	}
}
