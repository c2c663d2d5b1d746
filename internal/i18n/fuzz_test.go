package i18n

import (
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/talksite/talksite/internal/diag"
)

// templateKind classifies a string as go-i18n executes it: "text" (no action), "simple"
// (only {{.Name}} placeholders), "invalid" (does not parse: go-i18n reports an error and
// executes nothing) or "complex" (any other action: range, template, define, functions).
func templateKind(s string) string {
	if !strings.Contains(s, "{{") {
		return "text"
	}
	tmpl, err := template.New("").Option("missingkey=default").Parse(s)
	if err != nil {
		return "invalid"
	}
	if len(tmpl.Templates()) > 1 {
		return "complex"
	}
	if tmpl.Tree == nil {
		return "simple"
	}
	for _, n := range tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			p := n.Pipe
			if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
				return "complex"
			}
			if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); !ok || len(f.Ident) != 1 {
				return "complex"
			}
		default:
			return "complex"
		}
	}
	return "simple"
}

// FuzzParse reads any TOML text as a strings file, in the source language and as a
// translation, builds a catalog and translates every string with and without a count and
// data: no panic, no hang, and an output no longer than its string allows.
func FuzzParse(f *testing.F) {
	f.Add("\"a\" = \"A {{.Name}}\"\n[b]\none = \"{{.Count}} b\"\nother = \"{{.Count}} bs\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		en, _ := Parse("en", "i18n/en.toml", []byte(src))
		if en == nil {
			return
		}
		cy, _ := Parse("cy", "i18n/cy.toml", []byte(src))
		files := []*File{en}
		if cy != nil {
			files = append(files, cy)
		}
		longest := 0
		for _, file := range files {
			for _, id := range file.IDs() {
				for _, text := range file.Messages[id].Forms {
					longest = max(longest, len(text)+len(id))
					// A range or template definition would be executed without limit on every page.
					if templateKind(text) == "complex" {
						t.Fatalf("Parse accepted %s %q = %q, a template action other than a placeholder", file.Path, id, text)
					}
				}
			}
		}
		for _, id := range en.IDs() {
			if cy != nil && cy.Messages[id] != nil {
				_ = Check("cy", en.Messages[id], cy.Messages[id])
			}
		}
		_ = Placeholders(src)
		cat, err := NewCatalog("en", files)
		if err != nil {
			return
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			data := map[string]any{"Name": "<b>x</b>", "Language": "{{.Name}}", "Date": 22, "Count": "c"}
			for _, chain := range [][]string{{"en"}, {"cy", "en"}} {
				loc := cat.Localizer(chain, func(diag.Diagnostic) {})
				for _, file := range files {
					ids := file.IDs()
					// A few strings are enough: each is independent, and a fuzzer mutating a
					// whole strings file would otherwise spend its time translating.
					for _, id := range ids[:min(len(ids), 24)] {
						outs := []string{loc.Translate(id, nil, nil), loc.Translate(id, nil, data)}
						for _, n := range []int{0, 1, 2, 11, -1} {
							outs = append(outs, loc.Translate(id, &n, nil), loc.Translate(id, &n, data))
						}
						_ = loc.Forms(id)
						_ = loc.Lang(id)
						for _, out := range outs {
							// A placeholder ({{.X}}, at least 6 bytes) becomes at most
							// "<no value>" or a data value (10 bytes).
							if len(out) > 2*longest+64 {
								t.Errorf("%s: %d bytes from a string of at most %d", id, len(out), longest)
							}
						}
					}
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("translating did not finish in 10s: %q", src)
		}
	})
}

// TestTemplateActionsRejected: a strings file may hold only {{.Name}} placeholders. Any
// other action is executed by go-i18n's text/template when a page shows the string, with
// no limit on what it does: {{range 1000000000}}x{{end}} renders a gigabyte on every page.
// Parse rejects such a string with its file and line and drops it, so it is never executed.
func TestTemplateActionsRejected(t *testing.T) {
	for _, text := range []string{
		"{{range 1000000000}}x{{end}}",
		`{{define "a"}}xxxxxxxxxx{{end}}{{template "a"}}`,
		`{{template "x"}}`,
		`{{printf "%c%s%c" 60 "script" 62}}`,
		"{{.}}",
		"{{$x := 1}}{{$x}}",
		"{{if .Count}}a{{end}}",
		"{{.Name.Field}}",
		"{{len .}}",
	} {
		src := "\"x\" = \"" + strings.ReplaceAll(text, `"`, `\"`) + "\"\n"
		for _, lang := range []string{"en", "cy"} {
			f, err := Parse(lang, "i18n/"+lang+".toml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), "i18n/"+lang+".toml:1:") {
				t.Errorf("%s: %q accepted (error %v)", lang, text, err)
			}
			if f != nil && f.Messages["x"] != nil {
				t.Errorf("%s: %q kept in the catalog", lang, text)
			}
		}
	}
	// Placeholders stay.
	if _, err := Parse("en", "i18n/en.toml", []byte(`"x" = "{{.Count}} of {{ .Total }} for {{.Name}}"`)); err != nil {
		t.Errorf("placeholders rejected: %v", err)
	}
}

func TestTemplateKind(t *testing.T) {
	for s, want := range map[string]string{
		"plain": "text", "{{.Count}} x {{ .Name }}": "simple", "{{-  .Count -}}": "simple",
		"{{range 3}}x{{end}}": "complex", "{{.}}": "complex", `{{template "x"}}`: "complex",
		`{{define "a"}}{{end}}`: "complex", "{{.A.B}}": "complex", "{{print 1}}": "complex",
		"{{": "invalid", "{{.Count}": "invalid", "{{nofunc}}": "invalid",
	} {
		if got := templateKind(s); got != want {
			t.Errorf("templateKind(%q) = %s, want %s", s, got, want)
		}
	}
}
