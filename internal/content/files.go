package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/source"
)

// loadFiles reads the content files of the declared languages: each one's front matter,
// body and address. It returns them in path order, with "<lang>/<address>" of each file
// that could not be read or parsed (Site.Broken).
func loadFiles(tree *source.Tree, cfg *config.Config, declared map[string]bool, tax *data.Taxonomies, list *diag.List) ([]*SourceFile, map[string]bool) {
	var paths []string
	for _, p := range tree.Paths("content") {
		parts := strings.SplitN(p, "/", 3)
		if len(parts) < 3 || !declared[parts[1]] || source.Ext(p) != "md" {
			continue
		}
		if !cfg.UseDefaultContent() && tree.Origin(p) == source.FromDefault {
			continue
		}
		paths = append(paths, p)
	}
	files := make([]*SourceFile, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, p := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			files[i] = loadFile(tree, p, tax, list)
		}()
	}
	wg.Wait()
	broken := map[string]bool{}
	for i, f := range files {
		if f == nil {
			parts := strings.SplitN(strings.TrimSuffix(paths[i], ".md"), "/", 3)
			broken[parts[1]+"/"+urlPathOf(parts[2])] = true
		}
	}
	return slices.DeleteFunc(files, func(f *SourceFile) bool { return f == nil }), broken
}

// urlPathOf turns a file path below content/<lang>/, without ".md", into the page's
// URLPath: "guidance/_index" → "guidance", "_index" → "".
func urlPathOf(rest string) string {
	switch {
	case rest == "_index" || rest == "index":
		return ""
	case strings.HasSuffix(rest, "/_index"), strings.HasSuffix(rest, "/index"):
		return path.Dir(rest)
	}
	return rest
}

func loadFile(tree *source.Tree, p string, tax *data.Taxonomies, list *diag.List) *SourceFile {
	b, err := readText(tree, p)
	if err != nil {
		list.AddError(p, 0, err)
		return nil
	}
	parsed, err := frontmatter.Parse(b)
	if err != nil {
		list.AddError(p, 0, err)
		return nil
	}
	for _, w := range parsed.Warnings {
		list.Add(diag.At(p, 0, w))
	}
	parts := strings.SplitN(p, "/", 3) // content, lang, rest
	lang := parts[1]
	urlPath := urlPathOf(strings.TrimSuffix(parts[2], ".md"))
	if strings.ContainsAny(urlPath, " ?#%:\"'<>\\`") {
		list.Errorf(p, 0, "file names become addresses: use letters, digits, - and _ (no spaces or any of ?#%%:\"'<>\\`)")
		return nil
	}
	key := urlPath
	for _, age := range parsed.Meta.Ages {
		if !slices.Contains(tax.AgeBands, age) {
			list.Errorf(p, parsed.KeyLines["ages"], "ages: %q is not one of %s", age, strings.Join(tax.AgeBands, ", "))
		}
	}
	for _, topic := range parsed.Meta.Topics {
		if !slices.Contains(tax.Topics, topic) {
			list.Errorf(p, parsed.KeyLines["topics"], "topics: %q is not one of %s", topic, strings.Join(tax.Topics, ", "))
		}
	}
	for _, r := range parsed.Meta.Routes {
		if !slices.Contains(tax.Purposes, r) {
			list.Errorf(p, parsed.KeyLines["routes"], "routes: %q is not one of %s", r, strings.Join(tax.Purposes, ", "))
		}
	}
	return &SourceFile{Path: p, Lang: lang, Key: key, URLPath: urlPath, Meta: parsed.Meta,
		BodyLine: parsed.BodyLine, KeyLines: parsed.KeyLines, Hash: PageHash(parsed.Meta, parsed.Body), bodyStart: len(b) - len(parsed.Body)}
}

// PageHash fingerprints the words of a page: what a translation is made from. Weight,
// dates and sources can change without making translations outdated.
func PageHash(m frontmatter.Meta, body []byte) string {
	h := sha256.New()
	h.Write([]byte(m.Title))
	h.Write([]byte{0})
	h.Write([]byte(m.Description))
	h.Write([]byte{0})
	h.Write(bytes.TrimSpace(body))
	return hex.EncodeToString(h.Sum(nil))[:10]
}
