package scaffold

import (
	"regexp"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/tomlfile"

	"github.com/talksite/talksite/internal/config"
)

// TestEveryKeyDocumented checks that the site.toml of a new site mentions every setting
// config knows, and parses as it is.
func TestEveryKeyDocumented(t *testing.T) {
	files, err := Files(Options{Name: `Hill "top" Primary`, Country: "IE"})
	if err != nil {
		t.Fatal(err)
	}
	var cfg string
	for _, f := range files {
		if f.Path == "site.toml" {
			cfg = string(f.Body)
		}
	}
	for _, key := range config.Keys() {
		table, k, inTable := strings.Cut(key, ".")
		if !inTable {
			k, table = key, ""
		}
		documented := regexp.MustCompile(`(?m)^#? ?`+regexp.QuoteMeta(k)+` = `).MatchString(cfg) ||
			strings.Contains(cfg, "["+k+".") || strings.Contains(cfg, "[["+k+"]]")
		if table != "" {
			documented = documented && (strings.Contains(cfg, "["+table+".") || strings.Contains(cfg, "[["+table+"]]"))
		}
		if !documented {
			t.Errorf("site.toml of a new site does not document %q", key)
		}
	}
	var m map[string]any
	if _, err := tomlfile.Decode("site.toml", []byte(cfg), &m); err != nil {
		t.Fatalf("the new site.toml does not parse: %v", err)
	}
	if m["name"] != `Hill "top" Primary` || m["country"] != "IE" {
		t.Errorf("decoded %v", m)
	}
	if _, err := Files(Options{Country: "Wales"}); err == nil {
		t.Error("accepted a country that is not a code")
	}
}

// TestNameCannotWriteSettings gives names that try to end the string or the comment they
// are written in, and checks that site.toml still parses, holds the name exactly, and sets
// nothing but name and country. A newline in --name used to add "exitURL = ..." through
// the commented licence line.
func TestNameCannotWriteSettings(t *testing.T) {
	for _, name := range []string{
		"Hilltop\nexitURL = \"https://evil.example/\"",
		"Hilltop\r\nexitURL = \"https://evil.example/\"",
		"Hilltop\rexitURL = \"https://evil.example/\"",
		"Hilltop\"\nexitURL = \"https://evil.example/",
		`Hilltop\" exitURL = "x`,
		"Hilltop'''\nexitURL = 'x'",
		"Nul\x00 bell\a escape\x1b delete\x7f tab\t",
		"Line\u2028separator\u2029and \u0085next",
		"Ysgol Gynradd Bryn — مدرسة",
	} {
		files, err := Files(Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		cfg := string(files[0].Body)
		var m map[string]any
		if _, err := tomlfile.Decode("site.toml", []byte(cfg), &m); err != nil {
			t.Errorf("%q: site.toml does not parse: %v", name, err)
			continue
		}
		if m["name"] != name {
			t.Errorf("%q: name decoded as %q", name, m["name"])
		}
		if len(m) != 2 || m["country"] != "GB" {
			t.Errorf("%q: settings %v, want only name and country", name, m)
		}
		for i, line := range strings.Split(cfg, "\n") {
			if strings.Contains(line, "evil.example") && !strings.HasPrefix(line, "# ") && !strings.HasPrefix(line, "name = ") {
				t.Errorf("%q: line %d sets something: %s", name, i+1, line)
			}
		}
	}
	if _, err := Files(Options{Name: "Hilltop\xff"}); err == nil {
		t.Error("accepted a name that is not UTF-8 (site.toml would not parse)")
	}
}
