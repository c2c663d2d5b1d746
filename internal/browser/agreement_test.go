package browser

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestAgreement drives the family agreement builder (assets/js/agreement.js) with the
// keyboard only, in a left-to-right and a right-to-left language: ages, promises, own
// promises, family members and their device-free times, the preview, the link that carries
// the agreement, saving and deleting on this device, the download and the printout.
func TestAgreement(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	ts := serveSite(t, dir)
	// The parts run side by side, each in a browser of its own: both languages save and
	// delete on the same origin.
	for _, c := range []struct{ lang, member, own string }{
		{"en", "Sam", `Our own <b>promise</b> & "quotes" 'too'`},
		{"ar", "سارة", `وعدنا <b>الخاص</b> & "علامات" 'أيضا'`},
	} {
		t.Run(c.lang, func(t *testing.T) {
			t.Parallel()
			agreementFlow(t, newBrowser(t), ts.URL, c.lang, c.member, c.own)
		})
	}
	t.Run("links", func(t *testing.T) {
		t.Parallel()
		agreementLinks(t, newBrowser(t), ts.URL)
	})
	t.Run("no-js", func(t *testing.T) {
		t.Parallel()
		// Without JavaScript the page is the complete form, and prints as a blank template.
		tab, nl := newTab(t, newBrowser(t))
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		navigate(t, tab, nl, ts.URL+"/en/agreement/")
		shown := func(sel string) int {
			return eval[int](t, tab, `[...document.querySelectorAll('`+sel+`')].filter(e => e.checkVisibility()).length`)
		}
		for _, media := range []string{"", "print"} {
			if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
				t.Fatal(err)
			}
			sections := eval[int](t, tab, `document.querySelectorAll('[data-section]').length`)
			for sel, want := range map[string]int{
				".promise input[type=checkbox]": eval[int](t, tab, `document.querySelectorAll('.promise').length`),
				".own input":                    2 * sections,
				".members input":                5,
				".per-person tbody input":       8,
				"[data-trusted]":                3,
				"#review-date":                  1,
				".signature-lines li":           5,
				".builder-ages, .builder-preview, .builder-share, [data-keep], [data-js], [data-edit]": 0,
			} {
				if got := shown(sel); got != want || want > 0 && sections < 5 {
					t.Errorf("no-js, media %q: %d of %s displayed, want %d", media, got, sel, want)
				}
			}
		}
	})
	t.Run("file", func(t *testing.T) {
		t.Parallel()
		// Opened straight from disk, the script still runs and makes its link.
		tab, nl := open(t, newBrowser(t), "file://"+filepath.ToSlash(filepath.Join(dir, "en", "agreement", "index.html")))
		if !eval[bool](t, tab, `document.querySelector('.builder-on') !== null`) {
			t.Fatal("file://: the builder did not start")
		}
		agrTabTo(t, tab, `document.activeElement.id === 'age-under-8'`)
		agrKeys(t, tab, " ")
		agrTabTo(t, tab, `document.activeElement.matches('[data-copy]')`)
		agrKeys(t, tab, kb.Enter)
		link := agrWaitValue(t, tab, `document.getElementById('agreement-link').value`)
		if !strings.HasPrefix(link, "file://") || !strings.Contains(link, "#a=1") {
			t.Errorf("file://: link %q", link)
		}
		if f := nl.foreign("file://"); len(f) > 0 {
			t.Errorf("file://: requests elsewhere: %v", f)
		}
	})
}

func agreementFlow(t *testing.T, b context.Context, base, lang, member, own string) {
	page := base + "/" + lang + "/agreement/"
	tab, nl := open(t, b, page)
	defer func() {
		if f := nl.foreign(base); len(f) > 0 {
			t.Errorf("requests to other origins: %v", f)
		}
	}()
	if !eval[bool](t, tab, `document.querySelector('.builder-on') !== null && !document.querySelector('.builder-ages').hidden`) {
		t.Fatal("the builder did not start")
	}
	if st, cookies := stored(t, tab); !st.empty() || cookies != 0 {
		t.Fatalf("stored something before Save: %+v, %d cookies", st, cookies)
	}
	countText := `document.querySelector('[data-count]').textContent`
	before := eval[string](t, tab, countText)

	// Ages: choose 8 to 10 with the keyboard.
	agrTabTo(t, tab, `document.activeElement.id === 'age-8-10'`)
	agrKeys(t, tab, " ")
	fit := eval[int](t, tab, `document.querySelectorAll('.promise[data-ages~="8-10"]').length`)
	shown := eval[int](t, tab, `[...document.querySelectorAll('.promise')].filter(e => e.checkVisibility()).length`)
	after := eval[string](t, tab, countText)
	if after == before || shown != fit {
		t.Errorf("ages: count %q → %q, %d promises shown, %d fit", before, after, shown, fit)
	}
	if lang == "en" && !strings.Contains(after, fmt.Sprint(fit)) {
		t.Errorf("ages: count %q does not say %d", after, fit)
	}

	// Family members: name the first, add a third.
	agrTabTo(t, tab, `document.activeElement.id === 'member-1'`)
	agrKeys(t, tab, member)
	agrTabTo(t, tab, `document.activeElement.matches('[data-add-person]')`)
	agrKeys(t, tab, kb.Enter)
	if id := eval[string](t, tab, `document.activeElement.id`); id != "member-3" {
		t.Fatalf("Add a person: focus on %q, want the new member-3", id)
	}
	agrKeys(t, tab, "Alex")

	// Tick the first promise, then change its wording.
	agrTabTo(t, tab, `document.activeElement.matches('.promise input[type=checkbox]')`)
	promise := eval[string](t, tab, `document.activeElement.name`)
	agrKeys(t, tab, " ")
	agrKeys(t, tab, kb.Tab)
	if !eval[bool](t, tab, `document.activeElement.matches('[data-edit]')`) {
		t.Fatal("no Edit button after the promise")
	}
	agrKeys(t, tab, kb.Enter, kb.End, " (edited)")
	agrEnter(t, tab)
	if !eval[bool](t, tab, `document.activeElement.matches('[data-edit]')`) {
		t.Error("Enter in the editor did not return focus to Edit")
	}
	edited := eval[string](t, tab, `document.getElementById('text-`+promise+`').textContent`)
	if !strings.HasSuffix(edited, " (edited)") {
		t.Errorf("edited wording %q", edited)
	}

	// Add an own promise, then a device-free time for the first member.
	agrTabTo(t, tab, `document.activeElement.matches('[data-add-promise]')`)
	agrKeys(t, tab, kb.Enter)
	if !eval[bool](t, tab, `document.activeElement.matches('[data-own] input')`) {
		t.Fatal("Add a promise: focus is not in the new promise")
	}
	agrKeys(t, tab, own)
	agrTabTo(t, tab, `document.activeElement.matches('[data-when="0"]')`)
	agrKeys(t, tab, "19:30")

	// The preview shows all of it.
	preview := eval[string](t, tab, `document.querySelector('[data-doc]').textContent`)
	for _, want := range []string{member, "Alex", edited, own, "19:30"} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview lacks %q: %q", want, preview)
		}
	}
	if got := eval[string](t, tab, `document.querySelector('.per-person tbody th').textContent`); got != member {
		t.Errorf("device-free times: first row is %q, want %q", got, member)
	}
	if n := eval[int](t, tab, `document.querySelectorAll('.per-person tbody tr').length`); n != 3 {
		t.Errorf("device-free times: %d rows for 3 members", n)
	}

	// axe, with the builder filled in.
	reportAxe(t, lang+"/agreement (filled in)", axe(t, tab))

	// Copy link: the field holds the link; a fresh browser profile opens the same agreement.
	agrTabTo(t, tab, `document.activeElement.matches('[data-copy]')`)
	agrKeys(t, tab, kb.Enter)
	link := agrWaitValue(t, tab, `document.getElementById('agreement-link').value`)
	if !strings.HasPrefix(link, page+"#a=1") {
		t.Fatalf("link %q", link)
	}
	if len(link) > 8000 {
		t.Errorf("link is %d characters", len(link))
	}
	status := agrWaitValue(t, tab, `document.querySelector('.builder-share [data-status]').textContent`)
	if status != agrMsg(t, tab, "copied") && status != agrMsg(t, tab, "select") {
		t.Errorf("copy status %q", status)
	}
	func() {
		fresh, cancel := chromedp.NewContext(b, chromedp.WithNewBrowserContext())
		defer cancel()
		if err := chromedp.Do(fresh); err != nil {
			t.Fatal(err)
		}
		tab2, nl2 := open(t, fresh, link)
		agrWaitValue(t, tab2, `document.querySelector('[data-link-status]').textContent`)
		if got, want := eval[string](t, tab2, `document.querySelector('[data-link-status]').textContent`), agrMsg(t, tab2, "loaded"); got != want {
			t.Errorf("opened link: status %q, want %q", got, want)
		}
		if got := eval[string](t, tab2, `document.querySelector('[data-doc]').textContent`); got != preview {
			t.Errorf("opened link: preview\n%q\nwant\n%q", got, preview)
		}
		if !eval[bool](t, tab2, `document.getElementById('age-8-10').checked && document.getElementById('promise-`+promise+`').checked`) {
			t.Error("opened link: age or promise not ticked")
		}
		if st, _ := stored(t, tab2); !st.empty() {
			t.Errorf("opening a link stored something: %+v", st)
		}
		if f := nl2.foreign(base); len(f) > 0 {
			t.Errorf("opened link: requests to other origins: %v", f)
		}
	}()

	// Download: a self-contained page, every text escaped, no script.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(tab, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		BrowserContextID: chromedp.FromContext(tab).BrowserContextID, // this test's own
	}); err != nil {
		t.Fatal(err)
	}
	agrTabTo(t, tab, `document.activeElement.matches('[data-download]')`)
	agrKeys(t, tab, kb.Enter)
	file := agrWaitFile(t, downloads)
	for _, want := range []string{
		`<html lang="` + lang + `" dir="`,
		`content="default-src 'none'; style-src 'unsafe-inline'"`,
		member, "&#60;b&#62;", "&#38; &#34;", "&#39;",
	} {
		if !strings.Contains(file, want) {
			t.Errorf("download lacks %q", want)
		}
	}
	if strings.Contains(file, "<script") || strings.Contains(file, "<b>") {
		t.Error("download holds a script or unescaped user text")
	}

	// Print: only the finished agreement.
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".site-nav", ".site-header", "#agreement", ".builder-ages", "[data-add-person]", "[data-copy]", "[data-save]", ".builder-preview > h2", ".page-sources"} {
		if eval[bool](t, tab, `document.querySelector('`+sel+`').checkVisibility()`) {
			t.Errorf("print: %s is displayed", sel)
		}
	}
	if n := eval[int](t, tab, `[...document.querySelectorAll('button, input')].filter(e => e.checkVisibility()).length`); n != 0 {
		t.Errorf("print: %d buttons or inputs displayed", n)
	}
	if !eval[bool](t, tab, `document.querySelector('.agreement-doc').checkVisibility()`) {
		t.Error("print: the agreement is not displayed")
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	// Save, reload, see it; delete, reload, nothing left.
	agrTabTo(t, tab, `document.activeElement.matches('[data-save]')`)
	agrKeys(t, tab, kb.Enter)
	navigate(t, tab, nl, page)
	if got := eval[string](t, tab, `document.querySelector('[data-doc]').textContent`); got != preview {
		t.Errorf("after Save and reload: preview\n%q\nwant\n%q", got, preview)
	}
	agrTabTo(t, tab, `document.activeElement.matches('[data-delete]')`)
	agrKeys(t, tab, kb.Enter)
	navigate(t, tab, nl, page)
	if strings.Contains(eval[string](t, tab, `document.querySelector('[data-doc]').textContent`), member) {
		t.Error("after Delete and reload: the agreement is still there")
	}
	if st, cookies := stored(t, tab); !st.empty() || cookies != 0 {
		t.Errorf("after Delete: %+v, %d cookies", st, cookies)
	}
}

// agreementLinks opens damaged, newer and odd links.
func agreementLinks(t *testing.T, b context.Context, base string) {
	page := base + "/en/agreement/"
	j := func(s string) string { return "#a=1j" + base64.RawURLEncoding.EncodeToString([]byte(s)) }
	type linkCase struct {
		name, hash, want string
		check            string
	}
	cases := []linkCase{
		{"bad characters", "#a=1z!!!", "damaged", ""},
		{"not deflate", "#a=1zAAAAAAAAAAAA", "damaged", ""},
		{"too long", "#a=1j" + strings.Repeat("A", 8000), "damaged", ""},
		{"not JSON", j("{v:1"), "damaged", ""},
		{"wrong type", j(`{"v":1,"f":5}`), "damaged", ""},
		{"wrong member", j(`{"v":1,"m":[["a",{}]]}`), "damaged", ""},
		{"newer link", "#a=2zAAAA", "newer", ""},
		{"newer state", j(`{"v":7}`), "newer", ""},
		{"unknown ids ignored", j(`{"v":1,"c":["no-such-promise","devices-away-at-mealtimes"],"o":{"no-such-section":["x"]},"zz":1}`), "loaded",
			`document.getElementById('promise-devices-away-at-mealtimes').checked`},
		{"long text trimmed", j(`{"v":1,"f":"` + strings.Repeat("x", 5000) + `"}`), "loaded",
			`document.getElementById('agreement-family').value.length === 300`},
	}
	// Two tabs take turns with the links (inTabs), each link loaded in a new document.
	failures := inTabs(t, b, cases, nil, func(tab context.Context, nl *netLog, c linkCase, fail func(string, ...any)) {
		nl.forget()
		if err := navigateQuiet(tab, page+c.hash); err != nil {
			fail("%s: %v", c.name, err)
			return
		}
		got, err := waitValue(tab, `document.querySelector('[data-link-status]').textContent`)
		if err != nil {
			fail("%s: status: %v", c.name, err)
			return
		}
		want, err := chromedp.Run(tab, chromedp.Evaluate[string](agrMsgJS(c.want)))
		if err != nil {
			fail("%s: message: %v", c.name, err)
			return
		}
		if got != want {
			fail("%s: status %q, want %q", c.name, got, want)
		}
		if c.check != "" {
			if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](c.check)); err != nil || !ok {
				fail("%s: %s is false (%v)", c.name, c.check, err)
			}
		}
		if f := nl.foreign(base); len(f) > 0 {
			fail("%s: requests to other origins: %v", c.name, f)
		}
	})
	for _, f := range failures {
		t.Error(f)
	}
}

func agrKeys(t *testing.T, tab context.Context, ks ...string) {
	t.Helper()
	for _, k := range ks {
		if err := chromedp.Do(tab, chromedp.KeyEvent(k)); err != nil {
			t.Fatalf("key %q: %v", k, err)
		}
	}
}

// agrEnter presses Enter the way a browser does when the page handles the keydown: Chromium
// sends no keypress after a keydown whose default was prevented, but kb.Enter always sends
// one, which would activate whatever the page focused in its keydown handler.
func agrEnter(t *testing.T, tab context.Context) {
	t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(tab, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// agrTabTo presses Tab until the JavaScript condition holds.
func agrTabTo(t *testing.T, tab context.Context, cond string) {
	t.Helper()
	for range 400 {
		if eval[bool](t, tab, cond) {
			return
		}
		agrKeys(t, tab, kb.Tab)
	}
	t.Fatalf("Tab never reached %s", cond)
}

// agrWaitValue waits until a JavaScript string expression is not empty, and returns it.
func agrWaitValue(t *testing.T, tab context.Context, expr string) string {
	t.Helper()
	v, err := waitValue(tab, expr)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// waitValue evaluates expr until it gives a string that is not empty, for up to 5 s.
func waitValue(tab context.Context, expr string) (string, error) {
	for range 100 {
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			return "", fmt.Errorf("evaluate %.80q: %v", expr, err)
		}
		if v != "" {
			return v, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", fmt.Errorf("%s stayed empty", expr)
}

func agrWaitFile(t *testing.T, dir string) string {
	t.Helper()
	for range 100 {
		list, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		if len(list) == 1 {
			b, err := os.ReadFile(list[0])
			if err == nil && strings.HasSuffix(string(b), "</html>\n") {
				return string(b)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no download")
	return ""
}

// agrMsg returns a message of the builder's share block, in the page's language.
func agrMsg(t *testing.T, tab context.Context, name string) string {
	t.Helper()
	return eval[string](t, tab, agrMsgJS(name))
}

// agrMsgJS is the expression agrMsg evaluates.
func agrMsgJS(name string) string {
	return `document.querySelector('.builder-share').getAttribute('data-msg-` + name + `')`
}

// TestAgreementLinkLeavesAddress (issue 15, finding 11): a link carries the whole agreement,
// names of trusted adults included, in its fragment. Once the builder has read it, the
// fragment is gone from the address and from the current history entry, so it is neither
// in the address bar nor what Back, Forward or a reload would bring back; the agreement is
// shown.
func TestAgreementLinkLeavesAddress(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	ts := serveSite(t, dir)
	b := newBrowser(t)
	j := func(s string) string { return "#a=1j" + base64.RawURLEncoding.EncodeToString([]byte(s)) }
	link := j(`{"v":1,"f":"Rivers","t":["Aunt Nadia"],"c":["devices-away-at-mealtimes"]}`)
	shown := func(t *testing.T, tab context.Context) {
		t.Helper()
		if got := agrWaitValue(t, tab, `document.querySelector('[data-link-status]').textContent`); got != agrMsg(t, tab, "loaded") {
			t.Errorf("status %q", got)
		}
		if doc := eval[string](t, tab, `document.querySelector('[data-doc]').textContent`); !strings.Contains(doc, "Aunt Nadia") || !strings.Contains(doc, "Rivers") {
			t.Errorf("the agreement is not shown: %q", doc)
		}
	}
	noTrace := func(t *testing.T, tab context.Context) {
		t.Helper()
		if h := eval[string](t, tab, `location.hash`); h != "" {
			t.Errorf("location.hash is %.40q… after reading the link", h)
		}
		if u := eval[string](t, tab, `location.href`); strings.Contains(u, "#") {
			t.Errorf("the address still has a fragment: %.80s", u)
		}
	}
	for _, c := range []struct{ name, base string }{
		{"http", ts.URL + "/en/agreement/"},
		{"file", "file://" + filepath.ToSlash(filepath.Join(dir, "en", "agreement", "index.html"))},
	} {
		t.Run(c.name+" open", func(t *testing.T) {
			t.Parallel()
			tab, _ := open(t, b, c.base+link)
			shown(t, tab)
			noTrace(t, tab)
			if n := eval[int](t, tab, `history.length`); n != 2 { // about:blank, then the page
				t.Errorf("history.length %d: removing the fragment added an entry", n)
			}
		})
		t.Run(c.name+" pasted", func(t *testing.T) {
			t.Parallel()
			// The link pasted into the address bar of an open builder: a hashchange.
			tab, _ := open(t, b, c.base)
			eval[bool](t, tab, `(location.hash = `+quoteJS(link)+`, true)`)
			shown(t, tab)
			noTrace(t, tab)
		})
	}
	for _, c := range []struct{ name, hash, want string }{
		{"damaged", "#a=1zAunt-Nadia", "damaged"},
		{"newer", "#a=2zAunt-Nadia", "newer"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			// A link this page cannot open may still hold names: it goes too.
			tab, _ := open(t, b, ts.URL+"/en/agreement/"+c.hash)
			if got := agrWaitValue(t, tab, `document.querySelector('[data-link-status]').textContent`); got != agrMsg(t, tab, c.want) {
				t.Errorf("status %q", got)
			}
			noTrace(t, tab)
		})
	}
}

// TestAgreementLinkAsksFirst (issue 15, finding 6): a page that opened the builder with
// window.open keeps a handle on its window and can set its address later, with a link of
// its own in the fragment. A host's Cross-Origin-Opener-Policy cuts that handle, but GitHub
// Pages and a folder opened from disk cannot send it. So when a link would replace work
// in the builder (typed or saved), the builder asks first, in the page.
func TestAgreementLinkAsksFirst(t *testing.T) {
	t.Parallel()
	site := serveBare(t, builtSite(t)) // no Cross-Origin-Opener-Policy, as on GitHub Pages
	b := newBrowser(t)
	opener := serveFramer(t, "about:blank", "") // any page of another origin
	page := site.URL + "/en/agreement/"
	j := func(s string) string { return "#a=1j" + base64.RawURLEncoding.EncodeToString([]byte(s)) }
	planted := j(`{"v":1,"f":"Planted","t":["Someone else"]}`)
	family := `document.getElementById('agreement-family').value`
	offerShown := `!!document.querySelector('[data-link-offer]:not([hidden])')`
	// settled: the builder asked, or took the link without asking.
	settled := func(tab context.Context, was string) {
		waitFor(t, tab, offerShown+` || `+family+` !== `+quoteJS(was), "the builder to ask or to take the link")
	}

	// The other site opens the builder in a new window and keeps its handle.
	otab, _ := open(t, b, opener.URL)
	ch := chromedp.WaitNewTarget(otab, func(i *target.Info) bool { return strings.HasPrefix(i.URL, page) })
	eval[bool](t, otab, `(window.w = window.open(`+quoteJS(page)+`), true)`)
	var id target.ID
	select {
	case id = <-ch:
	case <-time.After(10 * time.Second):
		t.Fatal("window.open opened no window")
	}
	tab, cancel := chromedp.NewContext(b, chromedp.WithTargetID(id))
	defer cancel()
	waitFor(t, tab, `document.querySelector('.builder-on') !== null`, "the builder")
	errs := watchErrors(t, tab)
	setAddress := func(u string) { eval[bool](t, otab, `(window.w.location = `+quoteJS(u)+`, true)`) }

	// The reader types: unsaved work.
	agrTabTo(t, tab, `document.activeElement.id === 'agreement-family'`)
	agrKeys(t, tab, "Rivers")

	t.Run("unsaved work, keep it", func(t *testing.T) {
		setAddress(page + planted)
		settled(tab, "Rivers")
		if got := eval[string](t, tab, family); got != "Rivers" {
			t.Fatalf("the link replaced the reader's work before asking: family %q", got)
		}
		if !eval[bool](t, tab, `document.activeElement.closest('[data-link-offer]') !== null`) {
			t.Error("focus did not move to the question")
		}
		reportAxe(t, "agreement, asking", axe(t, tab))
		agrTabTo(t, tab, `document.activeElement.matches('[data-link-keep]')`)
		agrKeys(t, tab, kb.Enter)
		if got := eval[string](t, tab, family); got != "Rivers" {
			t.Errorf("Keep: family %q, want Rivers", got)
		}
		if eval[bool](t, tab, offerShown) {
			t.Error("Keep: the question is still shown")
		}
		if got := eval[string](t, tab, `document.querySelector('[data-link-status]').textContent`); got != eval[string](t, tab, `document.querySelector('[data-link-offer]').getAttribute('data-msg-kept')`) {
			t.Errorf("Keep: status %q", got)
		}
		if strings.Contains(eval[string](t, tab, `document.querySelector('[data-doc]').textContent`), "Someone else") {
			t.Error("Keep: the preview shows the link's agreement")
		}
	})
	t.Run("unsaved work, open the link", func(t *testing.T) {
		setAddress(page + j(`{"v":1,"f":"Wanted"}`))
		settled(tab, "Rivers")
		if !eval[bool](t, tab, offerShown) {
			t.Fatal("the link replaced the reader's work without asking")
		}
		agrTabTo(t, tab, `document.activeElement.matches('[data-link-open]')`)
		agrKeys(t, tab, kb.Enter)
		if got := eval[string](t, tab, family); got != "Wanted" {
			t.Errorf("Open: family %q, want Wanted", got)
		}
		if got := eval[string](t, tab, `document.querySelector('[data-link-status]').textContent`); got != agrMsg(t, tab, "loaded") {
			t.Errorf("Open: status %q", got)
		}
	})
	t.Run("saved work, a new page load", func(t *testing.T) {
		// Saved work, then a page load with a link (another address: not a hashchange).
		tab2, nl2 := open(t, b, page)
		agrTabTo(t, tab2, `document.activeElement.id === 'agreement-family'`)
		agrKeys(t, tab2, "Saved family")
		if err := chromedp.Do(tab2, chromedp.Click(chromedp.CSS(`[data-save]`))); err != nil {
			t.Fatal(err)
		}
		navigate(t, tab2, nl2, page+"index.html"+planted)
		settled(tab2, "Saved family")
		if got := eval[string](t, tab2, family); got != "Saved family" {
			t.Fatalf("the link replaced the saved agreement before asking: family %q", got)
		}
		agrTabTo(t, tab2, `document.activeElement.matches('[data-link-keep]')`)
		agrKeys(t, tab2, kb.Enter)
		if got := eval[string](t, tab2, family); got != "Saved family" {
			t.Errorf("Keep: family %q", got)
		}
		if err := chromedp.Do(tab2, chromedp.Click(chromedp.CSS(`[data-delete]`))); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("no work, no question", func(t *testing.T) {
		tab2, _ := open(t, b, page+j(`{"v":1,"f":"Fresh"}`))
		if got := agrWaitValue(t, tab2, family); got != "Fresh" {
			t.Errorf("a blank builder did not open the link: family %q", got)
		}
		if eval[bool](t, tab2, offerShown) {
			t.Error("asked although there was nothing to replace")
		}
	})
	if e := errs.all(); len(e) > 0 {
		t.Errorf("page errors: %q", e)
	}
}
