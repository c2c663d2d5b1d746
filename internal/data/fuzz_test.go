package data

import (
	"strings"
	"testing"
	"time"

	"github.com/talksite/talksite/internal/diag"
)

// sources are small source-language files, so that a fuzzed translation or words file
// has entries to match.
var sources = map[string]string{
	"data/taxonomies.toml": "[[age]]\nid = \"8-10\"\n\n[[topic]]\nid = \"gaming\"\n\n[[step]]\nid = \"talk\"\n" + whoAndPurposes,
	"data/en/starters.toml": `[[starter]]
id = "a"
ages = ["8-10"]
topics = ["gaming"]
text = "A"

[[reply]]
id = "r"
text = "R"
note = "N"
`,
	"data/en/checklist.toml": `[[action]]
id = "a"
step = "talk"
text = "A"
`,
	"data/en/agreement.toml": `[[section]]
id = "s"
title = "S"
prompt = "P"
perPerson = true

[[section.promise]]
id = "p"
ages = ["8-10"]
who = "everyone"
text = "P"
`,
	"data/helplines.toml": `[[helpline]]
id = "h"
country = "GB"
purpose = "child-support"
name = "H"
phone = "0800 1111"
url = "https://example.org/"
checked = "https://example.org/contact"
verified = 2026-11-22
`,
	"data/en/helplines.toml": `[h]
for = "F"
hours = "O"
`,
}

// fuzzPaths are the files FuzzLoad serves fuzzed bytes as, chosen by the first argument.
var fuzzPaths = []string{
	"data/en/starters.toml", "data/en/checklist.toml", "data/en/agreement.toml", "data/en/helplines.toml",
	"data/helplines.toml", "data/cy/starters.toml", "data/cy/checklist.toml", "data/cy/agreement.toml",
	"data/cy/helplines.toml", "data/pt-BR/starters.toml", "data/taxonomies.toml",
}

// FuzzLoad loads the data files with one of them replaced by any bytes: no panic, no hang,
// and every problem names a file that was read.
func FuzzLoad(f *testing.F) {
	for i, p := range fuzzPaths {
		f.Add(uint8(i), []byte(sources[p]))
	}
	f.Fuzz(func(t *testing.T, which uint8, src []byte) {
		fuzzed := fuzzPaths[int(which)%len(fuzzPaths)]
		read := func(p string) ([]Layer, error) {
			if p == fuzzed {
				return []Layer{{Src: src}}, nil
			}
			if s, ok := sources[p]; ok {
				return []Layer{{Src: []byte(s)}}, nil
			}
			return nil, nil
		}
		chains := map[string][]string{"en": {"en"}, "cy": {"cy", "en"}, "pt": {"pt", "en"}, "pt-BR": {"pt-BR", "pt", "en"}}
		done := make(chan struct{})
		var site *Site
		var problems []diag.Diagnostic
		go func() {
			defer close(done)
			site, problems = Load(read, "en", chains)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Load did not finish in 10s for %s: %q", fuzzed, src)
		}
		for _, p := range problems {
			if p.File != fuzzed && sources[p.File] == "" {
				t.Errorf("problem in a file that was not read: %+v", p)
			}
			if p.Line < 0 || p.Line > strings.Count(string(src), "\n")+1 && p.File == fuzzed {
				t.Errorf("problem at line %d of a %d-line file: %+v", p.Line, strings.Count(string(src), "\n")+1, p)
			}
		}
		for lang := range chains {
			if site.Sets[lang] == nil {
				t.Fatalf("no set for %s", lang)
			}
		}
	})
}
