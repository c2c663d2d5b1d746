package layouts

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/view"
)

// Page runs the layout of the page v shows and returns the HTML, or nil when the page
// has no layout or its layout failed (reported).
func (s *Set) Page(v *view.View) []byte {
	p := v.Page
	file, line := "content/"+p.Lang+"/"+p.URLPath, 0
	if p.File != nil {
		file = p.File.Path
		if p.Meta.Layout != "" {
			line = p.File.KeyLines["layout"]
		}
	}
	lay, problem := s.layoutFor(p)
	if lay == nil {
		s.list.Errorf(file, line, "%s", problem)
		return nil
	}
	return s.execute(lay, v, file)
}

// Chooser runs layouts/chooser.html for the root index.html, or reports that it is
// missing.
func (s *Set) Chooser(v *view.View) []byte {
	lay := s.layouts["chooser.html"]
	if lay == nil {
		s.list.Errorf("layouts/chooser.html", 0, "missing: the root index.html is rendered with it")
		return nil
	}
	if v == nil {
		return nil
	}
	return s.execute(lay, v, "index.html")
}

// HasNotFound reports whether layouts/404.html exists, and reports it missing if not.
func (s *Set) HasNotFound() bool {
	if s.layouts[content.NotFoundName] == nil {
		s.list.Errorf("layouts/"+content.NotFoundName, 0, "missing: the 404 page is rendered with it")
		return false
	}
	return true
}

// NotFound runs layouts/404.html for a language's 404 page.
func (s *Set) NotFound(v *view.View) []byte {
	lay := s.layouts[content.NotFoundName]
	if lay == nil {
		return nil
	}
	return s.execute(lay, v, "layouts/"+content.NotFoundName)
}

func (s *Set) execute(lay *layout, v *view.View, file string) []byte {
	lang := v.Lang.Code
	t := lay.perLang[lang]
	if t == nil {
		return nil
	}
	name := "baseof.html"
	if !lay.hasMain {
		name = strings.TrimPrefix(lay.file, "layouts/")
	}
	// Sized like the last page, the buffer rarely grows: growing it was the build's
	// largest allocation.
	var buf bytes.Buffer
	buf.Grow(int(s.pageSize.Load()))
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		// The layouts ran minified; run the page again as written so that the error names
		// the layout's own line.
		if raw := s.rawTemplate(lay, v.Lang); raw != nil {
			if rerr := raw.ExecuteTemplate(io.Discard, name, v); rerr != nil {
				err = rerr
			}
		}
		s.failure(lay.file, err, file)
		return nil
	}
	problems := v.Problems()
	for _, e := range problems {
		s.list.Errorf(lay.file, 0, "%s (rendering %s)", e, file)
	}
	if len(problems) > 0 {
		return nil
	}
	s.pageSize.Store(int64(buf.Len()))
	return buf.Bytes()
}

// cachedFunc makes the cached template function of one language's template set:
// {{cached "partials/footer.html" key .}} executes the partial once per distinct key and
// reuses its output. The header and footer are the same on most pages of a language at the
// same folder depth, and rendering them is much of the work of a page.
func (s *Set) cachedFunc(t *template.Template, lang string) func(name, key string, data any) (template.HTML, error) {
	return func(name, key string, data any) (template.HTML, error) {
		k := lang + "\x00" + name + "\x00" + key
		if v, ok := s.partials.Load(k); ok {
			return v.(template.HTML), nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		out := template.HTML(buf.String())
		s.partials.Store(k, out)
		return out, nil
	}
}

// rawTemplate parses a layout and its base as written (not minified), for error messages.
func (s *Set) rawTemplate(lay *layout, l *content.Lang) *template.Template {
	t := template.New("baseof.html").Funcs(funcs())
	if src, ok := s.baseSrc["layouts/baseof.html"]; ok {
		if _, err := t.Parse(src); err != nil {
			return nil
		}
	}
	for p, src := range s.baseSrc {
		if p == "layouts/baseof.html" {
			continue
		}
		if _, err := t.New(strings.TrimPrefix(p, "layouts/")).Parse(src); err != nil {
			return nil
		}
	}
	if _, err := t.New(strings.TrimPrefix(lay.file, "layouts/")).Parse(lay.src); err != nil {
		return nil
	}
	nop := func(string, ...any) {}
	t.Funcs(template.FuncMap{"T": view.TFunc(l.Strings, nop), "TL": view.TLFunc(l.Strings, nop, l.Language, s.site.Config)})
	return t
}

// failure records a layout's execution error, to be reported once with the first page it
// broke and how many others (see ReportFailures).
func (s *Set) failure(layoutFile string, err error, page string) {
	d := parseTemplateError(layoutFile, err)
	key := fmt.Sprintf("%s:%d:%s", d.File, d.Line, d.Message)
	s.failMu.Lock()
	defer s.failMu.Unlock()
	if s.failures == nil {
		s.failures = map[string]*failure{}
	}
	if f := s.failures[key]; f != nil {
		f.more++
		return
	}
	s.failures[key] = &failure{diag: d, first: page}
}

// ReportFailures adds the layouts' execution failures to the diagnostics, each once.
func (s *Set) ReportFailures() {
	for _, f := range s.failures {
		where := "rendering " + f.first
		if f.more > 0 {
			where += fmt.Sprintf(" and %d other pages", f.more)
		}
		s.list.Add(diag.Errorf(f.diag.File, f.diag.Line, "%s (%s)", f.diag.Message, where))
	}
}
