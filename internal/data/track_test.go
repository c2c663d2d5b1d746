package data

import (
	"maps"
	"strings"
	"testing"
)

// TestEntryTracking checks that each translated entry is tracked on its own: an entry
// whose English changed is outdated, one the translation lacks is missing, and Stamp
// makes the outdated ones current again.
func TestEntryTracking(t *testing.T) {
	files := maps.Clone(defaults)
	chains := map[string][]string{"en": {"en"}, "cy": {"cy", "en"}}
	load := func() *Set {
		t.Helper()
		site, problems := Load(twoLayers(files, nil), "en", chains)
		for _, p := range problems {
			t.Errorf("%s:%d: %s", p.File, p.Line, p.Message)
		}
		return site.Sets["cy"]
	}
	// Translate both starters, then stamp them.
	files["data/cy/starters.toml"] = "draft = true\nsourceHash = \"old-whole-file-hash\"\n\n[[starter]]\nid = \"a\"\ntext = \"A cy\"\n\n[[starter]]\nid = \"b\"\ntext = \"B cy\"\n"
	cy := load()
	st := cy.Files["starters"]
	if tr, out, miss := st.Count(); tr != 0 || out != 2 || miss != 0 {
		t.Fatalf("before stamping: %d translated, %d outdated, %d missing; want 0, 2, 0", tr, out, miss)
	}
	if !st.Exists || !st.Draft || st.Path != "data/cy/starters.toml" {
		t.Errorf("state %+v", st)
	}
	hashes := map[string]string{}
	for _, e := range st.Entries {
		hashes[e.ID] = e.SourceHash
	}
	files["data/cy/starters.toml"] = string(Stamp([]byte(files["data/cy/starters.toml"]), hashes))
	if strings.Contains(files["data/cy/starters.toml"], "old-whole-file-hash") || strings.Count(files["data/cy/starters.toml"], "sourceHash") != 2 {
		t.Errorf("stamped file:\n%s", files["data/cy/starters.toml"])
	}
	cy = load()
	if tr, out, miss := cy.Files["starters"].Count(); tr != 2 || out != 0 || miss != 0 {
		t.Fatalf("after stamping: %d translated, %d outdated, %d missing; want 2, 0, 0", tr, out, miss)
	}
	if cy.Starters[0].Text.Outdated {
		t.Error("a stamped entry is outdated")
	}

	// The English of one starter changes: that one only is outdated, on the page too.
	files["data/en/starters.toml"] = strings.Replace(files["data/en/starters.toml"], `text = "B"`, `text = "B, changed"`, 1)
	cy = load()
	if tr, out, _ := cy.Files["starters"].Count(); tr != 1 || out != 1 {
		t.Errorf("after a change: %d translated, %d outdated; want 1, 1", tr, out)
	}
	if a, b := cy.Starters[0].Text, cy.Starters[1].Text; a.Outdated || !b.Outdated || b.Lang != "cy" || b.Value != "B cy" {
		t.Errorf("texts: %+v %+v", a, b)
	}

	// A language with no file: everything is missing, shown in English and not outdated.
	if tr, out, miss := cy.Files["checklist"].Count(); tr != 0 || out != 0 || miss != 0 {
		t.Errorf("checklist: %d %d %d: there are no actions", tr, out, miss)
	}
	for _, s := range cy.Agreement {
		if s.Title.Lang != "en" || s.Title.Outdated {
			t.Errorf("untranslated section: %+v", s.Title)
		}
	}
	if _, _, miss := cy.Files["agreement"].Count(); miss != 3 { // a section and its two promises
		t.Errorf("agreement: %d missing, want 3", miss)
	}
	if st := cy.Files["helplines"]; st.Exists || len(st.Entries) != 2 || st.Entries[0].Translated {
		t.Errorf("helplines: %+v", st)
	}
}

// TestStampKeepsOtherLines checks that Stamp changes only the sourceHash lines.
func TestStampKeepsOtherLines(t *testing.T) {
	src := "# words\n\n[a]\nsourceHash = \"11111111\"\nfor = \"A\"\n\n[b]\nfor = \"B\"\n\n[[section]]\nid = \"s\"\ntitle = \"S\"\n\n[[section.promise]]\nid = \"p\"\nsourceHash = \"22222222\"\ntext = \"P\""
	got := string(Stamp([]byte(src), map[string]string{"b": "bbbbbbbb", "p": "pppppppp", "s": "ssssssss"}))
	want := "# words\n\n[a]\nsourceHash = \"11111111\"\nfor = \"A\"\n\n[b]\nsourceHash = \"bbbbbbbb\"\nfor = \"B\"\n\n[[section]]\nid = \"s\"\nsourceHash = \"ssssssss\"\ntitle = \"S\"\n\n[[section.promise]]\nid = \"p\"\nsourceHash = \"pppppppp\"\ntext = \"P\""
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestOrigins checks what `talksite files` shows of a merged data file.
func TestOrigins(t *testing.T) {
	layers := []Layer{{Src: []byte(defaults["data/helplines.toml"])}, {Site: true, Src: []byte(helpline("mine", "GB") + "[[helpline]]\nid = \"h1\"\nremove = true\n\n[[helpline]]\nid = \"h2\"\nweight = 3\n")}}
	got, ok := Origins("data/helplines.toml", layers)
	var lines []string
	for _, o := range got {
		lines = append(lines, o.Change+" "+o.Kind+" "+o.ID)
	}
	if want := "replaced helpline h2,added helpline mine,removed helpline h1"; !ok || strings.Join(lines, ",") != want {
		t.Errorf("got %q, want %q", strings.Join(lines, ","), want)
	}
	if _, ok := Origins("data/notes.txt", nil); ok {
		t.Error("a file that is not a data file has origins")
	}
}
