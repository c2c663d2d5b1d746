package assets

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/talksite/talksite/internal/diag"
)

// xhtmlNS is the XHTML namespace: its elements inside an SVG document run as HTML.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

// svgActiveElements run script or load a document of their own (lower case).
var svgActiveElements = map[string]bool{
	"script": true, "handler": true, "listener": true, "foreignobject": true,
	"iframe": true, "frame": true, "frameset": true, "embed": true, "object": true, "applet": true,
}

// svgAnimations can set another attribute, such as href, to a new value.
var svgAnimations = map[string]bool{"set": true, "animate": true, "animatecolor": true, "animatemotion": true, "animatetransform": true}

// CheckSVG parses an SVG as XML and reports everything in it that could run script or
// load something from another site. An SVG under assets/ is served from the site's own
// origin, and a browser runs the scripts of an SVG opened directly: a script there could
// read what a family saved on the site (their agreement, their checklist). Nothing is
// stripped: the file is refused and its owner told where, because a drawing never needs
// any of this.
//
// Refused: script, handler, foreignObject, iframe, embed, object and any XHTML element;
// on* attributes; animations that set href or an on* attribute; xml:base; href or
// xlink:href other than a #fragment, a relative path or a PNG, JPEG, GIF or WebP data:
// image; javascript: anywhere; in styles (elements and attributes) @import, @font-face,
// backslash escapes and url() or strings naming another site; processing instructions
// such as xml-stylesheet; DOCTYPEs that declare entities; anything that is not
// well-formed XML.
//
// Each reason is a diagnostic at its line, naming no file: the caller knows which it is.
func CheckSVG(body []byte) []diag.Diagnostic {
	var problems []diag.Diagnostic
	add := func(line int, format string, args ...any) {
		problems = append(problems, diag.Errorf("", line, format, args...))
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	inStyle := 0
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			add(line, "not a well-formed SVG (XML): %v", err)
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			switch {
			case svgActiveElements[name]:
				add(line, "<%s> is not allowed in an SVG: it can run script or load another page", tok.Name.Local)
			case tok.Name.Space == xhtmlNS:
				add(line, "<%s>: HTML elements are not allowed in an SVG", tok.Name.Local)
			}
			if name == "style" {
				inStyle++
			}
			for _, a := range tok.Attr {
				checkSVGAttr(line, name, a, add)
			}
		case xml.EndElement:
			if strings.EqualFold(tok.Name.Local, "style") && inStyle > 0 {
				inStyle--
			}
		case xml.CharData:
			if inStyle > 0 {
				checkSVGStyle(line, "<style>", string(tok), add)
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				add(line, "<?%s?> is not allowed in an SVG: it can load a stylesheet or a transform from elsewhere", tok.Target)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(tok), []byte("<!ENTITY")) {
				add(line, "<!ENTITY> declarations are not allowed in an SVG: they can hide what the file does; save it without a DOCTYPE")
			}
		}
	}
	return problems
}

func checkSVGAttr(line int, element string, a xml.Attr, add func(int, string, ...any)) {
	name := strings.ToLower(a.Name.Local)
	value := squeeze(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		add(line, "<%s %s>: event-handler attributes are not allowed in an SVG", element, name)
		return
	case name == "base" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace"):
		add(line, "<%s xml:base>: xml:base is not allowed in an SVG", element)
		return
	case name == "href":
		if msg := svgURLProblem(value); msg != "" {
			add(line, "<%s href=%q>: %s", element, a.Value, msg)
		}
		return
	case name == "attributename" && svgAnimations[element]:
		target := strings.ToLower(strings.TrimPrefix(value, "xlink:"))
		if target == "href" || strings.HasPrefix(target, "on") {
			add(line, "<%s attributeName=%q>: animations may not change links or event handlers", element, a.Value)
		}
		return
	}
	if strings.Contains(strings.ToLower(value), "javascript:") {
		add(line, "<%s %s>: javascript: is not allowed in an SVG", element, a.Name.Local)
		return
	}
	if name == "style" || strings.Contains(strings.ToLower(a.Value), "url(") {
		checkSVGStyle(line, "<"+element+" "+a.Name.Local+">", a.Value, add)
	}
}

// checkSVGStyle checks CSS from a style element or attribute. line is where the text
// starts; problems are reported on their own line.
func checkSVGStyle(line int, where, css string, add func(int, string, ...any)) {
	low := strings.ToLower(css)
	lineAt := func(i int) int { return line + strings.Count(css[:i], "\n") }
	if i := strings.IndexByte(css, '\\'); i >= 0 {
		add(lineAt(i), "%s: backslash escapes are not allowed in an SVG's styles (they can hide a url() or @import)", where)
		return
	}
	for _, rule := range []string{"@import", "@font-face"} {
		if i := strings.Index(low, rule); i >= 0 {
			add(lineAt(i), "%s: %s is not allowed in an SVG: it loads a file", where, rule)
		}
	}
	if i := strings.Index(low, "javascript:"); i >= 0 {
		add(lineAt(i), "%s: javascript: is not allowed in an SVG", where)
	}
	for i := 0; ; {
		j := strings.Index(low[i:], "url(")
		if j < 0 {
			break
		}
		start := i + j
		end := strings.IndexByte(low[start:], ')')
		if end < 0 {
			end = len(low) - start
		}
		arg := strings.Trim(strings.TrimSpace(css[start+4:start+end]), `"'`)
		if msg := svgURLProblem(squeeze(arg)); msg != "" {
			add(lineAt(start), "%s: url(%s): %s", where, arg, msg)
		}
		i = start + end
	}
	// Strings load files too, in image-set("...") for example.
	for i := 0; i < len(css); i++ {
		q := css[i]
		if q != '"' && q != '\'' {
			continue
		}
		end := strings.IndexByte(css[i+1:], q)
		if end < 0 {
			break
		}
		s := squeeze(css[i+1 : i+1+end])
		if strings.HasPrefix(s, "//") || hasScheme(s) {
			if msg := svgURLProblem(s); msg != "" {
				add(lineAt(i), "%s: %q: %s", where, s, msg)
			}
		}
		i += end + 1
	}
}

// svgURLProblem says why an SVG may not use the address, or "" when it may: a fragment of
// the same file, a relative path to a file of the site, or a raster data: image.
func svgURLProblem(u string) string {
	low := strings.ToLower(u)
	switch {
	case u == "" || strings.HasPrefix(u, "#"):
		return ""
	case strings.ContainsRune(u, '\\'):
		return "backslashes are not allowed in addresses"
	case strings.HasPrefix(u, "//"):
		return "an SVG may only use files of this site (no other sites)"
	case hasScheme(u):
		for _, ok := range []string{"data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"} {
			if strings.HasPrefix(low, ok) {
				return ""
			}
		}
		return "an SVG may only use #ids and files of this site (no other sites, no javascript: or data: other than PNG, JPEG, GIF or WebP images)"
	case strings.HasPrefix(u, "/"):
		return "use a relative path (the site may be published in a sub-folder)"
	}
	return ""
}

// hasScheme reports whether an address starts with a scheme such as "https:".
func hasScheme(u string) bool {
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// squeeze drops what browsers ignore in an address: ASCII whitespace and control
// characters ("java\tscript:" is "javascript:").
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
