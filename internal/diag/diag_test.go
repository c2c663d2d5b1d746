package diag

import (
	"errors"
	"testing"
)

func TestAddErrorKeepsPositions(t *testing.T) {
	var l List
	l.AddError("page.md", 4, errors.Join(
		Errorf("other.md", 2, "has its own file"),
		Diagnostic{Line: 7, Message: "has a line but no file"},
		Diagnostic{Severity: Warning, Message: "has neither"},
		errors.New("plain"),
	))
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.Severity.String()+" "+d.String())
	}
	want := []string{
		"error other.md:2: has its own file",
		"error page.md:4: plain",
		"warning page.md:4: has neither",
		"error page.md:7: has a line but no file",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.md", Line: 3, Column: 2, Message: "m"}, "a.md:3:2: m"},
		{Diagnostic{File: "a.md", Message: "m"}, "a.md: m"},
		{Diagnostic{Line: 3, Message: "m"}, "line 3: m"},
		{Diagnostic{Message: "m"}, "m"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.d, got, tc.want)
		}
	}
}
