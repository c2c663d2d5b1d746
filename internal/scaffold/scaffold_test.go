package scaffold

import (
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

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
	if _, err := toml.Decode(cfg, &m); err != nil {
		t.Fatalf("the new site.toml does not parse: %v", err)
	}
	if m["name"] != `Hill "top" Primary` || m["country"] != "IE" {
		t.Errorf("decoded %v", m)
	}
	if _, err := Files(Options{Country: "Wales"}); err == nil {
		t.Error("accepted a country that is not a code")
	}
}
