package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestEveryPage loads every page of every language of the default site and judges it:
// axe-core finds no WCAG 2.2 A/AA violation in the light and the dark colour scheme; the
// page does not scroll sideways at 320 CSS pixels (WCAG 1.4.10) nor clip text at 200% text
// size (1.4.4); its layout has no empty boxes, no content far below a box's top, nothing
// over text, and on a phone's first screen the heading, the exit button and "Get help now"
// (layoutJS); it requests nothing from another origin; and nothing is stored (no cookie,
// no web storage, no IndexedDB).
func TestEveryPage(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	ts := serveSite(t, dir)
	browser := newBrowser(t)
	list := pages(t, dir)
	start := time.Now()

	failures := inTabs(t, browser, list, func(tab context.Context, nl *netLog, p string, fail func(string, ...any)) {
		judgePage(t, tab, nl, ts.URL, p, fail)
	})
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("judged %d pages in %s", len(list), time.Since(start).Round(time.Millisecond))
}

func axeFail(p, mode string, vs []axeViolation, fail func(string, ...any)) {
	for _, v := range vs {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, n.Target)
		}
		fail("%s%s: axe %s (%s): %s at %s; %s", p, mode, v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.Nodes[0].Summary)
	}
}

// overflowJS names the elements that stick out of the viewport sideways, or "".
const overflowJS = `(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return '';
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > root.clientWidth + 1 || r.left < -1) && !el.closest('.visually-hidden,.skip-link,[hidden]')) {
      out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' (' + Math.round(r.left) + '..' + Math.round(r.right) + ')');
      if (out.length > 4) break;
    }
  }
  return 'page is ' + root.scrollWidth + 'px wide: ' + out.join(', ');
})()`

// zoomJS doubles the text size and reports sideways scrolling and clipped text, then
// restores the size. Setting a style through the CSSOM is allowed by the page's policy.
const zoomJS = `(() => {
  const root = document.documentElement;
  root.style.fontSize = '200%';
  const problems = [];
  if (root.scrollWidth > root.clientWidth) problems.push('scrolls sideways (' + root.scrollWidth + 'px)');
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden,.skip-link,[hidden],.table-scroll')) continue;
    const cs = getComputedStyle(el);
    const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && el.textContent.trim()) {
      problems.push('clips ' + el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0]);
    }
  }
  root.style.fontSize = '';
  return problems.slice(0, 5).join(', ');
})()`

func judgePage(t *testing.T, tab context.Context, nl *netLog, base, p string, fail func(string, ...any)) {
	nl.mu.Lock()
	nl.urls = nil
	nl.mu.Unlock()
	if err := chromedp.Do(tab, chromedp.Navigate(pageURL(base, p))); err != nil {
		fail("%s: navigate: %v", p, err)
		return
	}
	src := axeJS(t)
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		fail("%s: inject axe: %v", p, err)
		return
	}
	vs, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("%s: axe: %v", p, err)
		return
	}
	axeFail(p, "", vs, fail)

	// Dark colour scheme.
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		fail("%s: dark mode: %v", p, err)
		return
	}
	vs, err = chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("%s: axe (dark): %v", p, err)
	}
	axeFail(p, " (dark)", vs, fail)
	chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})

	// Reflow at 320 CSS pixels.
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 640, DeviceScaleFactor: 1}); err != nil {
		fail("%s: 320px: %v", p, err)
		return
	}
	if wide, err := chromedp.Run(tab, chromedp.Evaluate[string](overflowJS)); err != nil {
		fail("%s: 320px: %v", p, err)
	} else if wide != "" {
		fail("%s: scrolls sideways at 320 CSS px: %s", p, wide)
	}
	// The layout as a person sees it, on a phone's first screen and on a desktop (layout_test.go).
	layoutFail(tab, p, 360, 640, "empty,gap,overlap,top", fail)
	// Text at 200%, on a desktop-sized window (WCAG 1.4.4).
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 1280, Height: 900, DeviceScaleFactor: 1}); err != nil {
		fail("%s: 1280px: %v", p, err)
		return
	}
	layoutFail(tab, p, 1280, 900, "empty,gap,overlap", fail)
	if bad, err := chromedp.Run(tab, chromedp.Evaluate[string](zoomJS)); err != nil {
		fail("%s: 200%% text: %v", p, err)
	} else if bad != "" {
		fail("%s: at 200%% text: %s", p, bad)
	}
	chromedp.Call(tab, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	if f := nl.foreign(base); len(f) > 0 {
		fail("%s: requests to other origins: %v", p, f)
	}
	if v, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`window.__csp || []`)); err != nil || len(v) > 0 {
		fail("%s: Content Security Policy violations: %v %v", p, v, err)
	}
	st, err := chromedp.Run(tab, chromedp.Evaluate[storageState](`({cookie: document.cookie, localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage), indexedDB: []})`))
	if err != nil {
		fail("%s: storage: %v", p, err)
	} else if !st.empty() {
		fail("%s: stored something on load: %+v", p, st)
	}
}

// TestJudgesCatchProblems makes sure the page judges can fail: a page spoiled on purpose
// must be caught by each of them.
func TestJudgesCatchProblems(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, _ := open(t, browser, ts.URL+"/ar/help/index.html")
	eval[bool](t, tab, `(() => {
	  const wide = document.createElement('p');
	  wide.textContent = 'x'.repeat(400);
	  wide.style.whiteSpace = 'nowrap';
	  const faint = document.createElement('p');
	  faint.textContent = 'faint text';
	  faint.style.color = '#cccccc';
	  const clip = document.createElement('div');
	  clip.style.overflow = 'hidden';
	  clip.style.height = '1em';
	  clip.textContent = 'clipped text '.repeat(3);
	  const img = document.createElement('img');
	  img.src = '../../assets/icons/none.svg';
	  document.querySelector('main').append(wide, faint, clip, img);
	  return true;
	})()`)
	ids := map[string]bool{}
	for _, v := range axe(t, tab) {
		ids[v.ID] = true
	}
	if !ids["color-contrast"] || !ids["image-alt"] {
		t.Errorf("axe missed planted problems; found %v", ids)
	}
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 640, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, overflowJS); got == "" {
		t.Error("the reflow check missed a 400-character line")
	}
	if got := eval[string](t, tab, zoomJS); !strings.Contains(got, "clips div") {
		t.Errorf("the 200%% check missed clipped text: %q", got)
	}
	// An inline script is blocked by the page's policy, and the block is recorded.
	eval[bool](t, tab, `(() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.append(s); return true; })()`)
	waitFor(t, tab, `(window.__csp || []).length > 0`, "the policy violation to be recorded")
	if eval[bool](t, tab, `window.ran === true`) {
		t.Error("an inline script ran despite the Content Security Policy")
	}
}
