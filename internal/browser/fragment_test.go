package browser

import (
	"context"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pageErrors records the uncaught exceptions of a tab.
type pageErrors struct {
	mu   sync.Mutex
	list []string
}

func (pe *pageErrors) all() []string {
	pe.mu.Lock()
	defer pe.mu.Unlock()
	return append([]string(nil), pe.list...)
}

// watchErrors records every uncaught exception of tab from now on.
func watchErrors(t *testing.T, tab context.Context) *pageErrors {
	t.Helper()
	pe := &pageErrors{}
	if err := chromedp.Listen(tab, func(ev any) {
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			pe.mu.Lock()
			defer pe.mu.Unlock()
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			pe.list = append(pe.list, msg)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return pe
}

// TestStartersBadFragment opens the starters page with fragments that are not valid
// percent-encoding (issue 15, finding 10): they are ignored, nothing throws, and the filter
// still works.
func TestStartersBadFragment(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	b := newBrowser(t)
	visible := `[...document.querySelectorAll('[data-flat] [data-ages]')].filter(e => !e.hidden).length`
	total := `new Set([...document.querySelectorAll('#starters [data-id]')].map(e => e.dataset.id)).size`
	teensPressed := `document.querySelector('button[data-value="14-17"]').getAttribute('aria-pressed') === 'true'`
	for _, c := range []struct {
		hash  string
		teens bool // the good part of the fragment chooses 14-17
	}{
		{"#ages=%", false},
		{"#ages=%zz,14-17", false},
		{"#topics=%E0%A4%A&ages=14-17", true},
	} {
		t.Run(c.hash, func(t *testing.T) {
			tab, nl := newTab(t, b)
			errs := watchErrors(t, tab)
			navigate(t, tab, nl, ts.URL+"/en/starters/index.html"+c.hash)
			teens := eval[int](t, tab, `new Set([...document.querySelectorAll('#starters [data-ages~="14-17"]')].map(e => e.dataset.id)).size`)
			want := eval[int](t, tab, total)
			if c.teens {
				want = teens
			}
			if got := eval[int](t, tab, visible); got != want {
				t.Errorf("%d starters shown on opening, want %d", got, want)
			}
			if got := eval[bool](t, tab, teensPressed); got != c.teens {
				t.Errorf("14-17 pressed: %v, want %v", got, c.teens)
			}
			// The filter still works.
			if !c.teens {
				if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`button[data-value="14-17"]`)), chromedp.KeyEvent(kb.Enter)); err != nil {
					t.Fatal(err)
				}
			}
			if got := eval[int](t, tab, visible); got != teens || !eval[bool](t, tab, teensPressed) {
				t.Errorf("14-17 shows %d starters, want %d", got, teens)
			}
			if got := eval[string](t, tab, `document.querySelector('[data-count]').textContent`); got != itoa(teens)+" conversation starters" {
				t.Errorf("count %q, want %d", got, teens)
			}
			// A bad fragment typed later (hashchange) is ignored too.
			eval[bool](t, tab, `(location.hash = 'ages=%', true)`)
			waitFor(t, tab, `location.hash === '#ages=%'`, "the new fragment")
			if errs := errs.all(); len(errs) > 0 {
				t.Errorf("page errors: %q", errs)
			}
		})
	}
}
