package data

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// list declares one list: how its entries are written, which keys are words to
// translate (the first must be there), how the source's entries are checked and how
// an entry becomes a T in one language.
type list[T any] struct {
	shape *shape
	words []string
	check func(ld *loader, e *entry, tax *Taxonomies)
	make  func(e *entry, words []Text, r *resolver) T
}

// build makes the list's entries in the resolver's language.
func build[T any](l list[T], entries []*entry, r *resolver) []T {
	out := make([]T, 0, len(entries))
	for _, e := range entries {
		out = append(out, l.make(e, r.words(l.shape.key, e.id, l.words...), r))
	}
	return out
}

var starterList = list[Starter]{
	shape: &shape{key: "starter", path: "starter", keys: map[string]kind{"ages": kStrings, "topics": kStrings, "text": kString}},
	words: []string{"text"},
	check: func(ld *loader, e *entry, tax *Taxonomies) {
		ld.checkTags(e, "ages", e.strs("ages"), tax.AgeBands)
		ld.checkTags(e, "topics", e.strs("topics"), tax.Topics)
		if strings.TrimSpace(e.str("text")) == "" {
			ld.errorf(e.from, e.line, "starter %q has no text", e.id)
		}
	},
	make: func(e *entry, w []Text, _ *resolver) Starter {
		return Starter{ID: e.id, Ages: e.strs("ages"), Topics: e.strs("topics"), Text: w[0]}
	},
}

var replyList = list[Reply]{
	shape: &shape{key: "reply", path: "reply", keys: map[string]kind{"text": kString, "note": kString}},
	words: []string{"text", "note"},
	check: func(*loader, *entry, *Taxonomies) {},
	make: func(e *entry, w []Text, _ *resolver) Reply {
		return Reply{ID: e.id, Text: w[0], Note: w[1]}
	},
}

var actionList = list[Action]{
	shape: &shape{key: "action", path: "action", keys: map[string]kind{"step": kString, "text": kString}},
	words: []string{"text"},
	check: func(ld *loader, e *entry, tax *Taxonomies) {
		if step := e.str("step"); !slices.Contains(tax.Steps, step) {
			ld.errorf(e.from, e.line, "action %q: step %q is not one of %s", e.id, step, strings.Join(tax.Steps, ", "))
		}
	},
	make: func(e *entry, w []Text, _ *resolver) Action {
		return Action{ID: e.id, Step: e.str("step"), Text: w[0]}
	},
}

var promiseShape = &shape{key: "promise", path: "section.promise", keys: map[string]kind{"ages": kStrings, "who": kString, "text": kString}}

var sectionList = list[Section]{
	shape: &shape{key: "section", path: "section", keys: map[string]kind{"title": kString, "prompt": kString, "perPerson": kBool}, nested: promiseShape},
	words: []string{"title", "prompt"},
	check: func(ld *loader, e *entry, tax *Taxonomies) {
		if strings.TrimSpace(e.str("title")) == "" {
			ld.errorf(e.from, e.line, "section %q has no title", e.id)
		}
		for _, p := range e.nested {
			ld.checkTags(p, "ages", p.strs("ages"), tax.AgeBands)
			if who := p.str("who"); !slices.Contains(Who, who) {
				ld.errorf(p.from, p.line, "promise %q: who %q is not one of %s", p.id, who, strings.Join(Who, ", "))
			}
		}
	},
	make: func(e *entry, w []Text, r *resolver) Section {
		s := Section{ID: e.id, Title: w[0], Prompt: w[1], PerPerson: e.flag("perPerson")}
		for _, p := range e.nested {
			s.Promises = append(s.Promises, Promise{ID: p.id, Ages: p.strs("ages"), Who: p.str("who"), Text: r.words("promise", p.id, "text")[0]})
		}
		return s
	},
}

// wordsShape is data/<lang>/helplines.toml: the words of each helpline of
// data/helplines.toml, one table per id.
var wordsShape = &shape{keys: map[string]kind{"name": kString, "for": kString, "hours": kString}}

// helplineList is data/helplines.toml; its words come from the words files.
var helplineList = list[Helpline]{
	shape: &shape{key: "helpline", path: "helpline", keys: map[string]kind{
		"country": kString, "name": kString, "phone": kString, "url": kString, "verified": kDate,
		"weight": kInt, "purpose": kString, "checked": kString}},
	words: []string{"for", "hours", "name"},
	check: checkHelpline,
	make: func(e *entry, w []Text, r *resolver) Helpline {
		name := w[2]
		if name.Value == "" {
			// A name from the facts file is a proper noun in the source language.
			name = Text{Value: e.str("name"), Lang: r.source}
		}
		return Helpline{ID: e.id, Country: strings.ToUpper(e.str("country")), Purpose: e.str("purpose"), Name: name,
			Phone: e.str("phone"), URL: e.str("url"), Checked: e.str("checked"), Verified: e.date("verified"),
			Weight: e.int("weight"), For: w[0], Hours: w[1]}
	},
}

var countryRE = regexp.MustCompile(`^([A-Za-z]{2}|INT)$`)

func checkHelpline(ld *loader, h *entry, _ *Taxonomies) {
	f, line, id := h.from, h.line, h.id
	if h.str("name") == "" {
		ld.errorf(f, line, "helpline %q has no name", id)
	}
	if country := h.str("country"); !countryRE.MatchString(country) {
		ld.errorf(f, line, "helpline %q: country %q must be a two-letter code such as GB, or INT for routes that work anywhere", id, country)
	}
	purpose := h.str("purpose")
	emergency := purpose == "emergency"
	switch {
	case purpose == "":
		ld.errorf(f, line, "helpline %q has no purpose: give one of %s", id, strings.Join(Purposes, ", "))
	case !slices.Contains(Purposes, purpose):
		ld.errorf(f, f.keyLine(line, "purpose"), "helpline %q: purpose %q is not one of %s", id, purpose, strings.Join(Purposes, ", "))
	}
	if u := h.str("url"); u != "" {
		if msg := judgeAddress(u); msg != "" {
			ld.errorf(f, f.keyLine(line, "url"), "helpline %q: url %q %s", id, u, msg)
		}
	}
	if c := h.str("checked"); c == "" {
		ld.errorf(f, line, "helpline %q has no checked page: give the https:// address of the organisation's own page that states these details", id)
	} else if msg := judgeAddress(c); msg != "" {
		ld.errorf(f, f.keyLine(line, "checked"), "helpline %q: checked %q %s", id, c, msg)
	}
	if emergency && h.str("phone") == "" {
		ld.errorf(f, line, "emergency number %q has no phone", id)
	}
	if !emergency && h.str("url") == "" {
		ld.errorf(f, line, "helpline %q has no url: give the https:// address of its own page, where readers can check the details", id)
	}
	if h.date("verified").IsZero() {
		ld.errorf(f, line, "helpline %q has no verified date (verified = YYYY-MM-DD)", id)
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
var tagShapes = []*shape{{key: "age", path: "age"}, {key: "topic", path: "topic"}, {key: "step", path: "step"}}

// taxonomies loads the tag lists.
func (ld *loader) taxonomies(read Reader) Taxonomies {
	l := ld.load(read, "data/taxonomies.toml", tagShapes...)
	ids := func(sh *shape) []string {
		var out []string
		for _, e := range l.lists[sh.key] {
			out = append(out, e.id)
		}
		return out
	}
	return Taxonomies{AgeBands: ids(tagShapes[0]), Topics: ids(tagShapes[1]), Steps: ids(tagShapes[2])}
}
