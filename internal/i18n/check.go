package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/talksite/talksite/internal/locale"
)

// checkPlaceholders accepts text with {{.Name}} placeholders and nothing else. Strings are
// Go templates underneath (go-i18n runs them), and a translation from a volunteer must not
// be able to loop, define templates or call functions.
func checkPlaceholders(s string) error {
	if !strings.Contains(s, "{{") {
		return nil
	}
	bad := fmt.Errorf("only placeholders like {{.Count}} may be written between {{ and }}")
	t, err := texttemplate.New("").Parse(s)
	if err != nil {
		return bad
	}
	if len(t.Templates()) > 1 || t.Tree == nil {
		return bad
	}
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			p := n.Pipe
			if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
				return bad
			}
			if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); !ok || len(f.Ident) != 1 {
				return bad
			}
		default:
			return bad
		}
	}
	return nil
}

// NeededForms returns the plural forms a language uses for whole numbers, plus "other", in
// CLDR order.
func NeededForms(lang string) []string { return locale.CardinalForms(lang) }

var (
	placeholderRE = regexp.MustCompile(`\{\{-?\s*([^{}]*?)\s*-?\}\}`)
	htmlRE        = regexp.MustCompile(`<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;`)
)

// Placeholders returns the distinct template actions of a text, e.g. [".Count"], sorted.
func Placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Check compares a translation with its source and returns what is wrong with it: missing
// or extra placeholders, missing plural forms, HTML.
func Check(lang string, src, tr *Message) []string {
	var problems []string
	want := map[string]bool{}
	for _, text := range src.Forms {
		for _, p := range Placeholders(text) {
			want[p] = true
		}
	}
	plural := len(src.Forms) > 1
	for _, f := range Forms {
		text, ok := tr.Forms[f]
		if !ok {
			continue
		}
		got := Placeholders(text)
		for _, p := range got {
			if !want[p] {
				problems = append(problems, fmt.Sprintf("%s form has {{%s}}, which the source does not have", f, p))
			}
		}
		for p := range want {
			// A plural form may leave out the count ("one" is often written as a word).
			if p == ".Count" && plural {
				continue
			}
			if !slices.Contains(got, p) {
				problems = append(problems, fmt.Sprintf("%s form lacks {{%s}}", f, p))
			}
		}
		if htmlRE.MatchString(text) {
			problems = append(problems, fmt.Sprintf("%s form contains HTML; write plain text", f))
		}
		if err := checkPlaceholders(text); err != nil {
			problems = append(problems, fmt.Sprintf("%s form: %v", f, err))
		}
	}
	if plural {
		for _, f := range NeededForms(lang) {
			if strings.TrimSpace(tr.Forms[f]) == "" {
				problems = append(problems, fmt.Sprintf("has no %q plural form, which %s needs", f, lang))
			}
		}
	}
	sort.Strings(problems)
	return slices.Compact(problems)
}
