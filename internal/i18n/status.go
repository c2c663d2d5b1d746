package i18n

import "github.com/talksite/talksite/internal/tomlfile"

// StatusPath is where the record of a language's translations is kept: which version of
// each source string it was made from, and whether the file is a draft. It sits beside the
// strings rather than inside them because translation platforms such as Weblate rewrite the
// strings file and drop keys they do not know.
func StatusPath(lang string) string { return "i18n/status/" + lang + ".toml" }

// Status is the content of a status file.
type Status struct {
	Draft      bool              `toml:"draft"`
	ReviewedBy string            `toml:"reviewedBy"` // kept here too: Weblate drops [_meta]
	SourceHash map[string]string `toml:"sourceHash"`
}

// ParseStatus reads a status file.
func ParseStatus(path string, src []byte) (*Status, error) {
	st := &Status{}
	if _, err := tomlfile.Decode(path, src, st); err != nil {
		return nil, err
	}
	return st, nil
}

// Apply merges a status file into the strings: a sourceHash written in the strings file
// itself wins.
func (f *File) Apply(st *Status) {
	if st == nil {
		return
	}
	f.Draft = f.Draft || st.Draft
	if f.ReviewedBy == "" {
		f.ReviewedBy = st.ReviewedBy
	}
	for id, h := range st.SourceHash {
		if m := f.Messages[id]; m != nil && m.SourceHash == "" {
			m.SourceHash = h
		}
	}
}
