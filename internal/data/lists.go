package data

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/data/listfile"
)

// list declares one list: how its entries are written, which keys are words to
// translate (the first must be there), how the source's entries are checked and how
// an entry becomes a T in one language.
type list[T any] struct {
	shape *listfile.Shape
	words []string
	check func(ld *listfile.Loader, e *listfile.Entry, tax *Taxonomies)
	make  func(e *listfile.Entry, words []Text, r *listfile.Resolver) T
}

// build makes the list's entries in the resolver's language.
func build[T any](l list[T], entries []*listfile.Entry, r *listfile.Resolver) []T {
	out := make([]T, 0, len(entries))
	for _, e := range entries {
		out = append(out, l.make(e, r.Words(l.shape.Key, e.ID, l.words...), r))
	}
	return out
}

var starterList = list[Starter]{
	shape: &listfile.Shape{Key: "starter", Path: "starter", Keys: map[string]listfile.Kind{"ages": listfile.Strings, "topics": listfile.Strings, "text": listfile.String}},
	words: []string{"text"},
	check: func(ld *listfile.Loader, e *listfile.Entry, tax *Taxonomies) {
		checkTags(ld, e, "ages", e.Strs("ages"), tax.AgeBands)
		checkTags(ld, e, "topics", e.Strs("topics"), tax.Topics)
		if strings.TrimSpace(e.Str("text")) == "" {
			ld.Errorf(e.From, e.Line, "starter %q has no text", e.ID)
		}
	},
	make: func(e *listfile.Entry, w []Text, _ *listfile.Resolver) Starter {
		return Starter{ID: e.ID, Ages: e.Strs("ages"), Topics: e.Strs("topics"), Text: w[0]}
	},
}

var replyList = list[Reply]{
	shape: &listfile.Shape{Key: "reply", Path: "reply", Keys: map[string]listfile.Kind{"text": listfile.String, "note": listfile.String}},
	words: []string{"text", "note"},
	check: func(*listfile.Loader, *listfile.Entry, *Taxonomies) {},
	make: func(e *listfile.Entry, w []Text, _ *listfile.Resolver) Reply {
		return Reply{ID: e.ID, Text: w[0], Note: w[1]}
	},
}

var actionList = list[Action]{
	shape: &listfile.Shape{Key: "action", Path: "action", Keys: map[string]listfile.Kind{"step": listfile.String, "text": listfile.String}},
	words: []string{"text"},
	check: func(ld *listfile.Loader, e *listfile.Entry, tax *Taxonomies) {
		if step := e.Str("step"); !slices.Contains(tax.Steps, step) {
			ld.Errorf(e.From, e.Line, "action %q: step %q is not one of %s", e.ID, step, strings.Join(tax.Steps, ", "))
		}
	},
	make: func(e *listfile.Entry, w []Text, _ *listfile.Resolver) Action {
		return Action{ID: e.ID, Step: e.Str("step"), Text: w[0]}
	},
}

var promiseShape = &listfile.Shape{Key: "promise", Path: "section.promise", Keys: map[string]listfile.Kind{"ages": listfile.Strings, "who": listfile.String, "text": listfile.String}}

var sectionList = list[Section]{
	shape: &listfile.Shape{Key: "section", Path: "section", Keys: map[string]listfile.Kind{"title": listfile.String, "prompt": listfile.String, "perPerson": listfile.Bool}, Nested: promiseShape},
	words: []string{"title", "prompt"},
	check: func(ld *listfile.Loader, e *listfile.Entry, tax *Taxonomies) {
		if strings.TrimSpace(e.Str("title")) == "" {
			ld.Errorf(e.From, e.Line, "section %q has no title", e.ID)
		}
		for _, p := range e.Nested {
			checkTags(ld, p, "ages", p.Strs("ages"), tax.AgeBands)
			if who := p.Str("who"); !slices.Contains(tax.Who, who) {
				ld.Errorf(p.From, p.Line, "promise %q: who %q is not one of %s", p.ID, who, strings.Join(tax.Who, ", "))
			}
		}
	},
	make: func(e *listfile.Entry, w []Text, r *listfile.Resolver) Section {
		s := Section{ID: e.ID, Title: w[0], Prompt: w[1], PerPerson: e.Flag("perPerson")}
		for _, p := range e.Nested {
			s.Promises = append(s.Promises, Promise{ID: p.ID, Ages: p.Strs("ages"), Who: p.Str("who"), Text: r.Words("promise", p.ID, "text")[0]})
		}
		return s
	},
}

// wordsShape is data/<lang>/helplines.toml: the words of each helpline of
// data/helplines.toml, one table per id.
var wordsShape = &listfile.Shape{Name: "helpline", Keys: map[string]listfile.Kind{"name": listfile.String, "for": listfile.String, "hours": listfile.String}}

// helplineList is data/helplines.toml; its words come from the words files.
var helplineList = list[Helpline]{
	shape: &listfile.Shape{Key: "helpline", Path: "helpline", Keys: map[string]listfile.Kind{
		"country": listfile.String, "name": listfile.String, "phone": listfile.String, "url": listfile.String, "verified": listfile.Date,
		"weight": listfile.Int, "purpose": listfile.String, "checked": listfile.String}},
	words: []string{"for", "hours", "name"},
	check: checkHelpline,
	make: func(e *listfile.Entry, w []Text, r *listfile.Resolver) Helpline {
		name := w[2]
		if name.Value == "" {
			// A name from the facts file is a proper noun in the source language.
			name = Text{Value: e.Str("name"), Lang: r.Source}
		}
		return Helpline{ID: e.ID, Country: strings.ToUpper(e.Str("country")), Purpose: e.Str("purpose"), Name: name,
			Phone: e.Str("phone"), URL: e.Str("url"), Checked: e.Str("checked"), Verified: e.Date("verified"),
			Weight: e.Int("weight"), For: w[0], Hours: w[1]}
	},
}

var countryRE = regexp.MustCompile(`^([A-Za-z]{2}|INT)$`)

func checkHelpline(ld *listfile.Loader, h *listfile.Entry, tax *Taxonomies) {
	f, line, id := h.From, h.Line, h.ID
	if h.Str("name") == "" {
		ld.Errorf(f, line, "helpline %q has no name", id)
	}
	if country := h.Str("country"); !countryRE.MatchString(country) {
		ld.Errorf(f, line, "helpline %q: country %q must be a two-letter code such as GB, or INT for routes that work anywhere", id, country)
	}
	purpose := h.Str("purpose")
	emergency := purpose == "emergency"
	switch {
	case purpose == "":
		ld.Errorf(f, line, "helpline %q has no purpose: give one of %s", id, strings.Join(tax.Purposes, ", "))
	case !slices.Contains(tax.Purposes, purpose):
		ld.Errorf(f, f.KeyLine(line, "purpose"), "helpline %q: purpose %q is not one of %s", id, purpose, strings.Join(tax.Purposes, ", "))
	}
	if u := h.Str("url"); u != "" {
		if msg := judgeAddress(u); msg != "" {
			ld.Errorf(f, f.KeyLine(line, "url"), "helpline %q: url %q %s", id, u, msg)
		}
	}
	if c := h.Str("checked"); c == "" {
		ld.Errorf(f, line, "helpline %q has no checked page: give the https:// address of the organisation's own page that states these details", id)
	} else if msg := judgeAddress(c); msg != "" {
		ld.Errorf(f, f.KeyLine(line, "checked"), "helpline %q: checked %q %s", id, c, msg)
	}
	if emergency && h.Str("phone") == "" {
		ld.Errorf(f, line, "emergency number %q has no phone", id)
	}
	if !emergency && h.Str("url") == "" {
		ld.Errorf(f, line, "helpline %q has no url: give the https:// address of its own page, where readers can check the details", id)
	}
	if h.Date("verified").IsZero() {
		ld.Errorf(f, line, "helpline %q has no verified date (verified = YYYY-MM-DD)", id)
	}
}

// judgeAddress says what is wrong with a helpline's web address, or "" when nothing is:
// it must be a full https:// address, with no port, which readers can open as it is.
func judgeAddress(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return "must be a full https:// address"
	case u.Port() != "":
		return fmt.Sprintf("has a port (:%s): leave it out, https:// needs none", u.Port())
	case u.User != nil:
		return "must not hold a user name or password"
	}
	return ""
}

// tagShapes are data/taxonomies.toml.
var tagShapes = []*listfile.Shape{
	{Key: "age", Path: "age"}, {Key: "topic", Path: "topic"}, {Key: "step", Path: "step"},
	{Key: "who", Path: "who"}, {Key: "purpose", Path: "purpose"},
}

// taxonomies loads the tag lists.
func taxonomies(ld *listfile.Loader, read Reader) Taxonomies {
	l := ld.Load(read, "data/taxonomies.toml", tagShapes...)
	ids := func(sh *listfile.Shape) []string {
		var out []string
		for _, e := range l.Lists[sh.Key] {
			out = append(out, e.ID)
		}
		return out
	}
	return Taxonomies{AgeBands: ids(tagShapes[0]), Topics: ids(tagShapes[1]), Steps: ids(tagShapes[2]),
		Who: ids(tagShapes[3]), Purposes: ids(tagShapes[4])}
}
