package assets

import (
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/minify"
)

// svgOpen starts every test SVG; the vector comes on line 2 so the error's line shows
// the refusal is located.
const svgOpen = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n"

// TestSVGRefusesActiveContent plants each way an SVG can run script, load from another
// origin or hide either, and checks the asset is refused with an error naming the line.
// An SVG under assets/ is served from the site's own origin: opened directly, its script
// could read what the family saved (the agreement, the checklist) in localStorage.
func TestSVGRefusesActiveContent(t *testing.T) {
	for _, tc := range []struct{ name, body, contains string }{
		{"script", `<script>alert(1)</script>`, "script"},
		{"script with CDATA", `<script><![CDATA[alert(1)]]></script>`, "script"},
		{"xhtml script", `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`, "script"},
		{"upper-case script", `<SCRIPT>alert(1)</SCRIPT>`, "script"},
		{"onload", `<rect onload="alert(1)"/>`, "onload"},
		{"onclick upper case", `<rect ONCLICK="alert(1)"/>`, "onclick"},
		{"namespaced handler", `<rect xmlns:e="http://www.w3.org/2001/xml-events" e:onbegin="alert(1)"/>`, "onbegin"},
		{"foreignObject", `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`, "foreignObject"},
		{"iframe", `<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>`, "iframe"},
		{"embed", `<embed xmlns="http://www.w3.org/1999/xhtml" src="x.swf"/>`, "embed"},
		{"object", `<object xmlns="http://www.w3.org/1999/xhtml" data="x.html"/>`, "object"},
		{"handler", `<handler type="application/ecmascript">alert(1)</handler>`, "handler"},
		{"javascript href", `<a href="javascript:alert(1)"><text>x</text></a>`, "javascript:"},
		{"javascript xlink:href", `<a xlink:href="javascript:alert(1)"><text>x</text></a>`, "javascript:"},
		{"javascript href with tab", "<a href=\"java\tscript:alert(1)\"><text>x</text></a>", "href"},
		{"javascript href entity", `<a href="&#106;avascript:alert(1)"><text>x</text></a>`, "href"},
		{"data html href", `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a>`, "href"},
		{"data svg image", `<image href="data:image/svg+xml;base64,PHN2Zy8+"/>`, "href"},
		{"other origin image", `<image href="https://evil.example/x.png"/>`, "href"},
		{"protocol-relative use", `<use href="//evil.example/x.svg#a"/>`, "href"},
		{"other origin use", `<use xlink:href="http://evil.example/x.svg#a"/>`, "href"},
		{"animate href", `<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>`, "attributeName"},
		{"animate onclick", `<a><animate attributeName="onclick" values="alert(1)"/><text>x</text></a>`, "attributeName"},
		{"xml:base", `<a xml:base="javascript:alert(1)//" href="x"><text>x</text></a>`, "xml:base"},
		{"style import", `<style>@import "https://evil.example/x.css";</style>`, "@import"},
		{"style import url", `<style>@import url(x.css);</style>`, "@import"},
		{"style url other origin", `<style>rect{fill:url(https://evil.example/x.svg#p)}</style>`, "url("},
		{"style url protocol-relative", `<style>rect{fill:url( "//evil.example/x.svg#p" )}</style>`, "url("},
		{"style escape", `<style>rect{fill:u\72l(https://evil.example/x)}</style>`, "escape"},
		{"style attribute url", `<rect style="fill:url(https://evil.example/x.svg#p)"/>`, "url("},
		{"presentation attribute url", `<rect fill="url(http://evil.example/x.svg#p)"/>`, "url("},
		{"style attribute import", `<rect style="@import 'https://evil.example/x.css'"/>`, "@import"},
		{"xml-stylesheet", `<?xml-stylesheet href="https://evil.example/x.xsl" type="text/xsl"?><rect/>`, "xml-stylesheet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems := svgProblems(t, svgOpen+tc.body+"\n</svg>\n")
			if !hasProblem(problems, 2, tc.contains) {
				t.Errorf("no error on line 2 containing %q; got %v", tc.contains, problems)
			}
		})
	}
	// Entities can hide a vector from a scanner and blow up a parser ("billion laughs").
	t.Run("entity", func(t *testing.T) {
		body := "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [ <!ENTITY js \"javascript:alert(1)\"> ]>\n" + svgOpen + "<a href=\"&js;\"><text>x</text></a></svg>\n"
		if problems := svgProblems(t, body); !hasProblem(problems, 2, "ENTITY") {
			t.Errorf("no error on line 2 naming the ENTITY; got %v", problems)
		}
	})
	t.Run("not XML", func(t *testing.T) {
		if problems := svgProblems(t, svgOpen+"<rect>\n</svg>\n"); len(problems) == 0 {
			t.Errorf("a malformed SVG was published")
		}
	})
}

// TestSVGKeepsOrdinaryDrawings checks that what drawing programs write is still published:
// fragment links, relative links, raster data images, url(#id) fills, titles and styles.
func TestSVGKeepsOrdinaryDrawings(t *testing.T) {
	for _, body := range []string{
		`<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect fill="url(#g)" width="10" height="10"/>`,
		`<style>.a{fill:url(#g);stroke:#000}</style><rect class="a" style="fill: url( '#g' )"/>`,
		`<use href="#g"/><use xlink:href="#g"/><a href="../en/help/"><text>Help</text></a>`,
		`<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>`,
		`<image href="icons/photo.png" width="1" height="1"/>`,
		`<title>Hilltop Primary</title><desc>Logo</desc><metadata><x xmlns="http://example.org/rdf">y</x></metadata>`,
		`<a><set attributeName="fill" to="red"/><text>x</text></a>`,
	} {
		if problems := svgProblems(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -->\n"+svgOpen+body+"\n</svg>\n"); len(problems) > 0 {
			t.Errorf("%s: refused: %v", body, problems)
		}
	}
	// The default site's own icon.
	if problems := svgProblems(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#0f5c6e"/></svg>`); len(problems) > 0 {
		t.Errorf("refused: %v", problems)
	}
}

func svgProblems(t *testing.T, body string) []diag.Diagnostic {
	t.Helper()
	set, problems := Process(map[string][]byte{"logo.svg": []byte(body)}, minify.New())
	if len(problems) > 0 && set.Get("logo.svg") != nil {
		t.Errorf("the SVG was refused but is still in the set")
	}
	for _, p := range problems {
		if p.File != "assets/logo.svg" {
			t.Errorf("problem names %q, want assets/logo.svg", p.File)
		}
	}
	return problems
}

func hasProblem(problems []diag.Diagnostic, line int, contains string) bool {
	for _, p := range problems {
		if p.Line == line && strings.Contains(p.Message, contains) {
			return true
		}
	}
	return false
}
