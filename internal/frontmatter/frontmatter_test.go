package frontmatter

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		check     func(t *testing.T, p *Page)
		err       string // substring of the error, with its line
	}{
		{name: "yaml", src: "---\ntitle: Hello\nweight: 3\nreviewed: 2026-11-22\nages: [8-10, 11-13]\nsources:\n  - title: A\n    url: https://a.example/\n  - title: Offline report\n---\nBody\n",
			check: func(t *testing.T, p *Page) {
				m := p.Meta
				if m.Title != "Hello" || m.Weight != 3 || len(m.Ages) != 2 || len(m.Sources) != 2 || m.Sources[1].URL != "" {
					t.Errorf("meta %+v", m)
				}
				if !m.Reviewed.Equal(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("reviewed %v", m.Reviewed)
				}
				if string(p.Body) != "Body\n" || p.BodyLine != 11 {
					t.Errorf("body %q at line %d", p.Body, p.BodyLine)
				}
			}},
		{name: "toml", src: "+++\ntitle = \"Hello\"\nreviewed = 2026-01-02\ndraft = true\n+++\nBody",
			check: func(t *testing.T, p *Page) {
				if p.Meta.Title != "Hello" || !p.Meta.Draft || p.Meta.Reviewed.Month() != time.January || p.BodyLine != 6 {
					t.Errorf("meta %+v line %d", p.Meta, p.BodyLine)
				}
			}},
		{name: "bom and empty body", src: "\ufeff---\ntitle: X\n---\n", check: func(t *testing.T, p *Page) {
			if p.Meta.Title != "X" || len(p.Body) != 0 {
				t.Errorf("%+v", p)
			}
		}},
		{name: "unknown key warns", src: "---\ntitle: X\ndescripton: y\n---\n", check: func(t *testing.T, p *Page) {
			if len(p.Warnings) != 1 || p.Warnings[0].Line != 3 || !strings.Contains(p.Warnings[0].Message, `did you mean "description"`) {
				t.Errorf("warnings %+v", p.Warnings)
			}
		}},
		{name: "no front matter", src: "# Title\n", err: "line 1: missing front matter"},
		{name: "unclosed", src: "---\ntitle: X\n", err: "line 1: front matter opened with \"---\" is never closed"},
		{name: "missing title", src: "---\ndescription: x\n---\n", err: "line 1: missing title"},
		{name: "empty title", src: "---\ntitle: \"\"\n---\n", err: "line 2: title: is empty"},
		{name: "bad yaml", src: "---\ntitle: X\nages: [8-10\n---\n", err: "line 3: bad YAML"},
		{name: "bad yaml indent", src: "---\ntitle: X\n  weight: 2\nlayout: x: y\n---\n", err: "bad YAML"},
		{name: "bad toml", src: "+++\ntitle = \"X\"\nweight = \n+++\n", err: "line 3: bad TOML"},
		{name: "wrong type", src: "---\ntitle: X\nweight: heavy\n---\n", err: "line 3: weight: want a whole number, got text \"heavy\""},
		{name: "bad date", src: "---\ntitle: X\nreviewed: 22/11/2026\n---\n", err: "line 3: reviewed: want a date written YYYY-MM-DD"},
		{name: "source without title", src: "---\ntitle: X\nsources:\n  - url: https://a.example/\n---\n", err: "line 3: sources: item 1: needs a title"},
		{name: "source bad url", src: "---\ntitle: X\nsources:\n  - title: A\n    url: javascript:alert(1)\n---\n", err: "must be a full http(s) address"},
		{name: "bad layout", src: "---\ntitle: X\nlayout: ../../etc/passwd\n---\n", err: "line 3: layout:"},
		{name: "bad menu", src: "---\ntitle: X\nmenu: side\n---\n", err: `line 3: menu: must be "main" or "footer"`},
		{name: "all errors", src: "---\ntitle: X\nweight: a\ndraft: maybe\n---\n", err: "line 4: draft: want true or false"},
		{name: "translationKey refused", src: "---\ntitle: X\ntranslationKey: other\n---\n", err: "line 3: translationKey: is not supported"},
		{name: "not a mapping", src: "---\n- a\n- b\n---\n", err: "front matter must be a list of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(tc.src))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want it to contain %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, p)
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"---\ntitle: X\n---\nBody", "+++\ntitle = \"X\"\n+++\n", "---\n", "---\ntitle: [\n---\n", "---\nsources:\n  - {title: a, url: b}\n---\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse([]byte(s))
		if err == nil && p.Meta.Title == "" {
			t.Errorf("accepted a page without a title: %q", s)
		}
	})
}
