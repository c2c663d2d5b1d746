package content

import (
	"strings"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/source"
)

// loadStrings reads the interface strings of the declared languages with their status
// files, and checks the translations against the source language.
func loadStrings(tree *source.Tree, cfg *config.Config, declared map[string]bool, list *diag.List) *i18n.Catalog {
	var files []*i18n.File
	for _, p := range tree.Paths("i18n") {
		if source.Ext(p) != "toml" || strings.Count(p, "/") != 1 {
			continue
		}
		lang := strings.TrimSuffix(strings.TrimPrefix(p, "i18n/"), ".toml")
		if !declared[lang] {
			continue
		}
		b, err := readText(tree, p)
		if err != nil {
			list.AddError(p, 0, err)
			continue
		}
		f, err := i18n.Parse(lang, p, b)
		list.AddError(p, 0, err)
		if f == nil {
			continue
		}
		if sp := i18n.StatusPath(lang); tree.Has(sp) {
			if b, err := readText(tree, sp); err != nil {
				list.AddError(sp, 0, err)
			} else if st, err := i18n.ParseStatus(sp, b); err != nil {
				list.AddError(sp, 0, err)
			} else {
				f.Apply(st)
			}
		}
		files = append(files, f)
	}
	cat, err := i18n.NewCatalog(cfg.DefaultLanguage, files)
	if err != nil {
		list.AddError("", 0, err)
		cat, _ = i18n.NewCatalog(cfg.DefaultLanguage, nil)
	}
	checkStrings(cat, cfg, list)
	return cat
}

// checkStrings reports translations that could break a page or mislead a reader: changed
// placeholders and HTML are errors; missing plural forms are warnings (the "other" form is
// shown instead).
func checkStrings(cat *i18n.Catalog, cfg *config.Config, list *diag.List) {
	src := cat.Source()
	for _, l := range cfg.Langs {
		f := cat.File(l.Code)
		if f == nil || l.Code == cfg.DefaultLanguage {
			continue
		}
		for _, id := range f.IDs() {
			tr := f.Messages[id]
			orig := src.Messages[id]
			if tr.Empty() {
				continue
			}
			if orig == nil {
				list.Warnf(f.Path, tr.Line, "%s: not in the source language's file %s, so it is never shown", id, src.Path)
				continue
			}
			for _, problem := range i18n.Check(l.Code, orig, tr) {
				if strings.Contains(problem, "plural form") {
					list.Warnf(f.Path, tr.Line, "%s: %s", id, problem)
				} else {
					list.Errorf(f.Path, tr.Line, "%s: %s", id, problem)
				}
			}
		}
	}
	for _, id := range src.IDs() {
		if m := src.Messages[id]; htmlLike(m) {
			list.Errorf(src.Path, m.Line, "%s: contains HTML; write plain text", id)
		}
	}
}

func htmlLike(m *i18n.Message) bool {
	for _, f := range m.Forms {
		if strings.Contains(f, "<") && strings.Contains(f, ">") {
			return true
		}
	}
	return false
}
