package browser

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
	// A script that asks for the colour scheme could change more than colours in the dark
	// one: then every page gets the whole of axe in both schemes.
	wholeDark := ""
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".js") {
			if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), "prefers-color-scheme") {
				wholeDark = p + " names prefers-color-scheme"
			}
		}
		return err
	})

	// Each tab starts at the desktop size and alternates the order of the sizes (judgePage).
	var narrow sync.Map // tab → whether its next page loads at the phone's size
	prepare := func(t *testing.T, tab context.Context) {
		axeOnEveryPage(t, tab)
		if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, desktop); err != nil {
			t.Fatal(err)
		}
	}
	failures := inTabs(t, browser, list, prepare, func(tab context.Context, nl *netLog, p string, fail func(string, ...any)) {
		atPhone, _ := narrow.Load(tab)
		judgePage(tab, nl, ts.URL, p, wholeDark, atPhone == true, fail)
		narrow.Store(tab, atPhone != true)
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

// The dark scheme of the default site changes colours only: its one prefers-color-scheme
// block sets custom properties to other colours. Where that holds (onlyColoursJS), every
// element, box and style but the colours is the same in both schemes, so axe's rules that
// do not read colours give the light run's results again, and the dark run is only
// colourRules. Where it does not hold, the dark run is the whole of axe.

// colourRules are the rules of axe-core 4.14 that read colours: color-contrast and
// link-in-text-block, and the data-table rules, whose heuristic tells a data table from a
// layout table partly by its rows' backgrounds. (The other readers of colours in axe.js,
// getBackgroundColor, getForegroundColor and getOwnBackgroundColor, serve these rules.)
const colourRules = `['color-contrast', 'link-in-text-block', 'table-fake-caption', 'td-has-header', 'th-has-data-cells']`

// axeColourRun is axeRun with every rule but colourRules turned off.
var axeColourRun = strings.Replace(axeRun, "resultTypes:",
	"rules: Object.fromEntries(axe.getRules().map(r => r.ruleId).filter(id => !"+colourRules+".includes(id)).map(id => [id, {enabled: false}])),\n  resultTypes:", 1)

// onlyColoursJS returns "" when the dark scheme can change nothing but colours on the page,
// or else why not: everything its style sheets set under a prefers-color-scheme condition
// is a custom property set to a colour, which is a colour wherever else it is set; nothing
// in the page itself (a media attribute, a style element, an inline script) names the
// scheme; no light-dark(); and axe is the version whose colour rules are listed.
const onlyColoursJS = `(() => {
  if (!String(axe.version).startsWith('4.14.')) return 'axe-core ' + axe.version + ' is not 4.14, whose rules that read colours are listed';
  const scheme = /prefers-color-scheme/i;
  if (scheme.test(document.documentElement.outerHTML)) return 'the page names prefers-color-scheme';
  const inDark = new Map(), outside = new Map(), problems = [];
  const add = (m, p, v) => m.set(p, [...(m.get(p) || []), v]);
  const walk = (rules, dark) => {
    for (const r of rules) {
      const d = dark || scheme.test(r.conditionText || (r.media && r.media.mediaText) || '');
      if (r instanceof CSSStyleRule) {
        for (const p of r.style) {
          const v = r.style.getPropertyValue(p).trim();
          if (/light-dark\(/i.test(v)) problems.push(r.selectorText + ' uses light-dark()');
          if (p.startsWith('--')) add(d ? inDark : outside, p, v);
          else if (d) problems.push(r.selectorText + ' sets ' + p + ' in the dark scheme');
        }
        if (r.cssRules && r.cssRules.length) walk(r.cssRules, d);
      } else if (r instanceof CSSImportRule) {
        try { walk(r.styleSheet.cssRules, d); } catch (e) { problems.push('an imported style sheet cannot be read'); }
      } else if (r.cssRules) {
        walk(r.cssRules, d);
      } else if (d) {
        problems.push('a ' + r.constructor.name + ' in the dark scheme');
      }
    }
  };
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch (e) { return 'a style sheet cannot be read'; }
    walk(rules, scheme.test(sheet.media.mediaText));
  }
  for (const [p, vs] of inDark) {
    if (!outside.has(p)) problems.push(p + ' is set only in the dark scheme');
    for (const v of [...vs, ...(outside.get(p) || [])]) if (!CSS.supports('color', v)) problems.push(p + ': ' + v + ' is not a colour');
  }
  return problems.slice(0, 3).join('; ');
})()`

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

// The sizes judgePage lays pages out at. axe runs at the desktop size, the size the window
// was given (chromiumOptions). The override makes it the page's size whichever Chromium
// CHROME_PATH names: chromium --headless keeps 143 pixels of the window for a toolbar, and
// a page would get 1280 × 757.
var (
	desktop = emulation.SetDeviceMetricsOverrideParams{Width: 1280, Height: 900, DeviceScaleFactor: 1}
	reflow  = emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 640, DeviceScaleFactor: 1}
	phone   = emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 640, DeviceScaleFactor: 1, Mobile: true}
)

// judgePage judges one page in a tab that axeOnEveryPage readied, at the size the tab's
// previous page ended at: the desktop, or the phone when atPhone. Each change of size or
// colour scheme lays the whole page out again, so the sizes go desktop, 320, phone on one
// page and phone, 320, desktop on the next: two changes a page instead of four. wholeDark,
// if not empty, says why the dark scheme needs the whole of axe on every page.
func judgePage(tab context.Context, nl *netLog, base, p, wholeDark string, atPhone bool, fail func(string, ...any)) {
	nl.forget()
	if err := chromedp.Do(tab, chromedp.Navigate(pageURL(base, p))); err != nil {
		fail("%s: navigate: %v", p, err)
		return
	}
	resize := func(size emulation.SetDeviceMetricsOverrideParams) bool {
		if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, size); err != nil {
			fail("%s: %dpx: %v", p, size.Width, err)
			return false
		}
		return true
	}
	// Reflow at 320 CSS pixels (WCAG 1.4.10).
	overflow := func() {
		if wide, err := chromedp.Run(tab, chromedp.Evaluate[string](overflowJS)); err != nil {
			fail("%s: 320px: %v", p, err)
		} else if wide != "" {
			fail("%s: scrolls sideways at 320 CSS px: %s", p, wide)
		}
	}
	// The layout as a person sees it on a phone's first screen (layout_test.go).
	onPhone := func() { layoutFail(tab, p, phone.Width, phone.Height, "empty,gap,overlap,top", fail) }
	if atPhone {
		onPhone()
		if !resize(reflow) {
			return
		}
		overflow()
		if !resize(desktop) || !judgeOnDesktop(tab, p, wholeDark, fail) {
			return
		}
	} else {
		if !judgeOnDesktop(tab, p, wholeDark, fail) || !resize(reflow) {
			return
		}
		overflow()
		if !resize(phone) {
			return
		}
		onPhone()
	}
	if f := nl.foreign(base); len(f) > 0 {
		fail("%s: requests to other origins: %v", p, f)
	}
	end, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		CSP     []string     `json:"csp"`
		Storage storageState `json:"storage"`
	}](`({csp: window.__csp || [], storage: {cookie: document.cookie, localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage), indexedDB: []}})`))
	if err != nil {
		fail("%s: policy violations and storage: %v", p, err)
		return
	}
	if len(end.CSP) > 0 {
		fail("%s: Content Security Policy violations: %v", p, end.CSP)
	}
	if !end.Storage.empty() {
		fail("%s: stored something on load: %+v", p, end.Storage)
	}
}

// judgeOnDesktop runs judgePage's checks at the desktop size, in light and dark colours:
// axe-core, the layout, and text at 200% (WCAG 1.4.4). It reports false when the page
// cannot be judged further.
func judgeOnDesktop(tab context.Context, p, wholeDark string, fail func(string, ...any)) bool {
	// The whole of axe in light colours, and whether the dark scheme changes only colours.
	onlyColours := `''`
	if wholeDark == "" {
		onlyColours = onlyColoursJS
	}
	light, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Violations []axeViolation `json:"violations"`
		NotOnly    string         `json:"notOnly"`
	}](`(async () => ({violations: await `+axeRun+`, notOnly: `+onlyColours+`}))()`, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("%s: axe: %v", p, err)
		return false
	}
	axeFail(p, "", light.Violations, fail)

	// Dark colour scheme: only the rules that read colours, where it changes nothing else.
	darkRun := axeColourRun
	if wholeDark != "" || light.NotOnly != "" {
		darkRun = axeRun
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		fail("%s: dark mode: %v", p, err)
		return false
	}
	vs, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](darkRun, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("%s: axe (dark): %v", p, err)
	}
	axeFail(p, " (dark)", vs, fail)
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		fail("%s: light mode: %v", p, err)
		return false
	}

	layoutFail(tab, p, desktop.Width, desktop.Height, "empty,gap,overlap", fail)
	if bad, err := chromedp.Run(tab, chromedp.Evaluate[string](zoomJS)); err != nil {
		fail("%s: 200%% text: %v", p, err)
	} else if bad != "" {
		fail("%s: at 200%% text: %s", p, bad)
	}
	return true
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

	// The dark scheme's run: a low-contrast colour planted in the dark custom properties is
	// found by the colour rules alone, and a dark rule that sets more than colours sends the
	// page to the whole of axe.
	dark, _ := open(t, browser, ts.URL+"/en/help/index.html")
	axe(t, dark)
	if why := eval[string](t, dark, onlyColoursJS); why != "" {
		t.Logf("the dark scheme changes more than colours (%s): TestEveryPage runs the whole of axe in it", why)
	}
	eval[bool](t, dark, `(() => {
	  for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
	    if (r.conditionText && r.conditionText.includes('prefers-color-scheme')) r.cssRules[0].style.setProperty('--text', '#333333');
	  return true;
	})()`)
	if why := eval[string](t, dark, onlyColoursJS); why != "" {
		t.Errorf("a planted dark colour counts as more than a colour: %s", why)
	}
	if _, err := chromedp.Call(dark, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	ids = map[string]bool{}
	for _, v := range eval[[]axeViolation](t, dark, axeColourRun) {
		ids[v.ID] = true
	}
	if !ids["color-contrast"] {
		t.Errorf("the dark colour run missed dark text on the dark background; found %v", ids)
	}
	for _, plant := range []string{
		`@media (prefers-color-scheme: dark) { .site-nav { display: none; } }`,
		`@media (prefers-color-scheme: dark) { :root { --radius: 2em; } }`,
		`@supports (color: red) { @media (prefers-color-scheme: dark) { h1 { font-size: 4rem; } } }`,
	} {
		if why := eval[string](t, dark, `(() => { const s = document.styleSheets[0]; const i = s.insertRule(`+quoteJS(plant)+`, s.cssRules.length); const why = `+onlyColoursJS+`; s.deleteRule(i); return why; })()`); why == "" {
			t.Errorf("the dark scheme check took %s for a change of colours only", plant)
		}
	}
}

// TestJudgePageCatchesProblems makes sure judgePage reports what it judges, in both orders
// of sizes: a copy of the site with faults planted in one page and its style sheet must
// fail axe in light and dark colours, the reflow, layout and 200% checks, the network
// audit and the policy.
func TestJudgePageCatchesProblems(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	site := serveSite(t, dir)
	spoil := strings.NewReplacer(`</main>`, `<img src="https://example.com/x.png">`+
		`<p class="spoil-wide">`+strings.Repeat("wide ", 100)+`</p>`+
		`<div class="spoil-clip">`+strings.Repeat("clipped text ", 3)+`</div>`+
		`<p class="notice"></p><p style="color: red">styled inline</p></main>`)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := http.Get(site.URL + r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		switch {
		case strings.HasSuffix(r.URL.Path, ".css"):
			b = append(b, `.spoil-wide { white-space: nowrap } .spoil-clip { overflow: hidden; height: 1em }
@media (prefers-color-scheme: dark) { :root { --text: #333333 } }`...)
		case r.URL.Path == "/en/help/index.html":
			b = []byte(spoil.Replace(string(b)))
		}
		w.WriteHeader(res.StatusCode)
		w.Write(b)
	}))
	t.Cleanup(ts.Close)
	browser := newBrowser(t)
	tab, nl := newTab(t, browser)
	axeOnEveryPage(t, tab)
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, desktop); err != nil {
		t.Fatal(err)
	}
	for _, atPhone := range []bool{false, true} {
		var got []string
		judgePage(tab, nl, ts.URL, "en/help/index.html", "", atPhone, func(format string, args ...any) {
			got = append(got, fmt.Sprintf(format, args...))
		})
		all := strings.Join(got, "\n")
		for _, want := range []string{
			": axe image-alt ", " (dark): axe color-contrast ", "scrolls sideways at 320 CSS px",
			"layout 360x640 empty: ", "layout 1280x900 empty: ", "at 200% text: ", "clips div.spoil-clip",
			"requests to other origins: [https://example.com/x.png]", "Content Security Policy violations: [style-src-attr ",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("atPhone %v: judgePage missed %q; reported:\n%s", atPhone, want, all)
			}
		}
	}
}
