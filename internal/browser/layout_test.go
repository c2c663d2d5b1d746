package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// layoutJS looks at the page as laid out and returns what a person would see as broken, one
// line per problem: "check: selector path: numbers". It takes the names of the checks to run:
//
//   - empty: a visible box (its own background, or a border on two sides or more: one side is
//     a rule or a line to write on) with nothing in it: no text, no
//     image, no form control (an empty yellow status strip, say);
//   - gap: a box with its own background or border whose first content starts more than
//     24 px below its content edge (a lost margin pushing a card's text down);
//   - overlap: text drawn over other text, an image or a form control (things that are not
//     ancestor and descendant), or a positioned box with a background over text;
//   - top: the page's h1, the exit button (#quick-exit) and "Get help now" (.now-link) are
//     within the first 640 px.
//
// Hidden things do not count: display none, visibility hidden, closed <details>, the
// visually-hidden class and skip links while they are not focused.
const layoutJS = `((checks) => {
  const out = [];
  const limit = 8; // problems per check and page: enough to see the pattern
  const count = {};
  const report = (check, msg) => {
    count[check] = (count[check] || 0) + 1;
    if (count[check] <= limit) out.push(check + ': ' + msg);
    else if (count[check] === limit + 1) out.push(check + ': ...');
  };
  const px = v => Math.round(v);
  const path = el => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) { parts.unshift(s + '#' + e.id); break; }
      const cls = [...e.classList].slice(0, 2).join('.');
      if (cls) s += '.' + cls;
      const same = e.parentElement ? [...e.parentElement.children].filter(c => c.tagName === e.tagName) : [];
      if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      parts.unshift(s);
      if (parts.length === 4) break;
    }
    return parts.join(' > ');
  };
  const snippet = s => JSON.stringify(s.trim().replace(/\s+/g, ' ').slice(0, 30));
  const away = '.visually-hidden:not(:focus):not(:active), .skip-link:not(:focus), [hidden]';
  const shownCache = new Map();
  const shown = el => {
    if (!shownCache.has(el)) shownCache.set(el, el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && !el.closest(away));
    return shownCache.get(el);
  };
  const alpha = c => {
    if (!c || c === 'transparent') return 0;
    const m = c.match(/\/\s*([\d.]+)(%?)\s*\)$/) || c.match(/^rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)(%?)\)$/);
    if (!m) return 1;
    return parseFloat(m[1]) / (m[2] ? 100 : 1);
  };
  const sides = ['Top', 'Right', 'Bottom', 'Left'];
  const hasBackground = cs => alpha(cs.backgroundColor) > 0 || cs.backgroundImage !== 'none';
  // A border on one side only is a rule or a line to write on, not a box.
  const hasBorder = cs => sides.filter(s => parseFloat(cs['border' + s + 'Width']) > 0 && !['none', 'hidden'].includes(cs['border' + s + 'Style']) && alpha(cs['border' + s + 'Color']) > 0).length > 1;
  const replaced = 'img, svg, video, canvas, iframe, object, picture, input, select, textarea, button, meter, progress';
  const styles = new Map();
  const style = el => { let cs = styles.get(el); if (!cs) styles.set(el, cs = getComputedStyle(el)); return cs; };
  const all = [...document.body.querySelectorAll('*')].filter(el => !el.matches('script, style, template, br, wbr, hr') && shown(el));

  // What holds something to see: every ancestor of a shown text or a shown image or control.
  const filled = new Set();
  const fill = el => { for (; el && !filled.has(el); el = el.parentElement) filled.add(el); };
  const textNodes = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || el.matches('script, style, template') || !shown(el)) continue;
    textNodes.push(n);
    fill(el);
  }
  for (const el of all) if (el.matches(replaced)) fill(el);
  const pseudo = el => ['::before', '::after'].some(p => { const c = getComputedStyle(el, p).content; return c && c !== 'none' && c !== 'normal'; });
  const hasContent = el => filled.has(el) || pseudo(el) || [...el.querySelectorAll('*')].some(d => shown(d) && pseudo(d));

  // Boxes a person sees as boxes.
  const boxes = [];
  for (const el of all) {
    if (el.matches(replaced)) continue;
    const cs = style(el);
    if (!hasBackground(cs) && !hasBorder(cs)) continue;
    const r = el.getBoundingClientRect();
    if (r.width >= 1 && r.height >= 1) boxes.push({el, cs, r});
  }

  if (checks.includes('empty')) {
    for (const b of boxes) {
      if (!hasContent(b.el)) report('empty', path(b.el) + ': a ' + px(b.r.width) + 'x' + px(b.r.height) + ' box with ' + (hasBackground(b.cs) ? 'background ' + b.cs.backgroundColor : 'a border') + ' and nothing in it, at y=' + px(b.r.top + scrollY));
    }
  }

  if (checks.includes('gap')) {
    for (const b of boxes) {
      const edge = b.r.top + parseFloat(b.cs.borderTopWidth) + parseFloat(b.cs.paddingTop);
      let first = Infinity, what = null;
      for (const c of b.el.childNodes) {
        let top;
        if (c.nodeType === 3) {
          if (!c.data.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(c);
          const rects = [...range.getClientRects()].filter(q => q.width > 0 && q.height > 0);
          if (!rects.length) continue;
          top = Math.min(...rects.map(q => q.top));
        } else if (c.nodeType === 1) {
          if (!shown(c)) continue;
          const ccs = style(c);
          if (ccs.position === 'absolute' || ccs.position === 'fixed') continue;
          const cr = c.getBoundingClientRect();
          if (cr.height < 1 && cr.width < 1) continue;
          top = cr.top;
        } else continue;
        if (top < first) { first = top; what = c; }
      }
      if (what && first - edge > 24) {
        report('gap', path(b.el) + ': its first content (' + (what.nodeType === 3 ? 'text ' + snippet(what.data) : path(what)) + ') starts ' + px(first - edge) + ' px below its content edge (at most 24)');
      }
    }
  }

  if (checks.includes('overlap')) {
    // Where a scrolling or clipping box hides part of its content, only the rest is seen.
    const clipOf = new Map();
    const clipFor = el => {
      if (!el || el === document.body) return null;
      if (clipOf.has(el)) return clipOf.get(el);
      const cs = style(el);
      let clip = clipFor(el.parentElement);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = el.getBoundingClientRect();
        clip = clip ? {left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom)}
                    : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
      }
      clipOf.set(el, clip);
      return clip;
    };
    const clipped = (r, el) => {
      const c = clipFor(el);
      const q = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
      if (c) { q.left = Math.max(q.left, c.left); q.top = Math.max(q.top, c.top); q.right = Math.min(q.right, c.right); q.bottom = Math.min(q.bottom, c.bottom); }
      return q.right - q.left > 1 && q.bottom - q.top > 1 ? q : null;
    };
    const texts = [], things = [];
    for (const n of textNodes) {
      const el = n.parentElement;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        const q = clipped(r, el);
        if (q) texts.push({...q, el, text: n.data});
      }
    }
    for (const el of all) {
      const cs = style(el);
      const positioned = (cs.position === 'absolute' || cs.position === 'fixed' || cs.position === 'sticky') && hasBackground(cs);
      if (!el.matches(replaced) && !positioned) continue;
      const q = clipped(el.getBoundingClientRect(), el.parentElement);
      if (q) things.push({...q, el});
    }
    const related = (a, b) => a === b || a.contains(b) || b.contains(a);
    const hit = (a, b, minHeight) => {
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      return w > 2 && h > minHeight ? [w, h] : null;
    };
    texts.sort((a, b) => a.top - b.top);
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i];
      for (let j = i + 1; j < texts.length && texts[j].top < a.bottom; j++) {
        const b = texts[j];
        if (related(a.el, b.el)) continue;
        // Glyph boxes of neighbouring lines may touch when the line height is tight.
        const o = hit(a, b, Math.max(4, 0.4 * Math.min(a.bottom - a.top, b.bottom - b.top)));
        if (o) report('overlap', path(a.el) + ' ' + snippet(a.text) + ' and ' + path(b.el) + ' ' + snippet(b.text) + ' overlap by ' + px(o[0]) + 'x' + px(o[1]) + ' px at y=' + px(Math.max(a.top, b.top) + scrollY));
      }
    }
    for (const t of things) {
      for (const a of texts) {
        if (a.top >= t.bottom || a.bottom <= t.top || related(a.el, t.el)) continue;
        const o = hit(a, t, 4);
        if (o) report('overlap', path(t.el) + ' covers ' + path(a.el) + ' ' + snippet(a.text) + ' by ' + px(o[0]) + 'x' + px(o[1]) + ' px at y=' + px(Math.max(a.top, t.top) + scrollY));
      }
    }
  }

  if (checks.includes('top')) {
    // The language chooser has the exit button but no menu, so no "Get help now" of its own.
    const wanted = [['h1', document.querySelector('main h1') || document.querySelector('h1')]];
    if (document.querySelector('.site-header')) wanted.push(['#quick-exit', document.getElementById('quick-exit')]);
    if (document.querySelector('.site-nav')) wanted.push(['.now-link', document.querySelector('.now-link')]);
    for (const [name, el] of wanted) {
      if (!el) { report('top', name + ' is missing'); continue; }
      if (!shown(el)) { report('top', name + ' (' + path(el) + ') is not displayed'); continue; }
      const bottom = el.getBoundingClientRect().bottom + scrollY;
      if (bottom > 640) report('top', name + ' (' + path(el) + ') ends at y=' + px(bottom) + ', below the first 640 px');
    }
  }
  return out;
})`

// layoutAt lays the page out in a width × height viewport, runs the named layoutJS checks
// (comma-separated) and returns the problems, each starting with the size. On a phone
// (360 wide) the checks run in its first screen, 360 × 640: the stylesheet has no
// viewport-height units, so a taller phone lays the page out the same.
func layoutAt(tab context.Context, width, height int64, checks string) ([]string, error) {
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600,
	}); err != nil {
		return nil, err
	}
	return layoutHere(tab, width, height, checks)
}

// layoutHere is layoutAt in a tab already laid out at width × height.
func layoutHere(tab context.Context, width, height int64, checks string) ([]string, error) {
	names := `['` + strings.ReplaceAll(checks, ",", `','`) + `']`
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](layoutJS+`(`+names+`)`))
	if err != nil {
		return nil, err
	}
	for i, p := range got {
		got[i] = fmt.Sprintf("%dx%d %s", width, height, p)
	}
	return got, nil
}

// layoutFail runs layoutHere for judgePage (TestEveryPage), which loads every page once
// and sets the size.
func layoutFail(tab context.Context, p string, width, height int64, checks string, fail func(string, ...any)) {
	problems, err := layoutHere(tab, width, height, checks)
	if err != nil {
		fail("%s: layout at %dx%d: %v", p, width, height, err)
	}
	for _, pr := range problems {
		fail("%s: layout %s", p, pr)
	}
}

// TestLayoutChecksCatchProblems makes sure each layout check can fail: faults planted in a
// page that passes must each be found, with the element that has it.
func TestLayoutChecksCatchProblems(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	const all = "empty,gap,overlap,top"
	tab, _ := newTab(t, browser)
	for _, c := range []struct {
		name, page, plant string
		width             int64
		want              []string
	}{
		{"empty status strip", "guidance", `document.querySelector('main h1').after(Object.assign(document.createElement('p'), {className: 'notice'}))`,
			360, []string{"360x640 empty: main#main > ", "p.notice:nth-of-type(1): a 296x", " box with background rgb(", ") and nothing in it"}},
		// The rule that once lost its body and merged into .page-sources.
		{"lost card margin", "starters", `document.styleSheets[0].insertRule('.card p, .starter p, .reply-list p, .picked p { margin-block-start: 2.5rem; padding-block-start: 1rem; border-block-start: 1px solid; }', document.styleSheets[0].cssRules.length)`,
			1280, []string{"1280x900 gap: main#main > ", "li.starter:nth-of-type(1): its first content (", "li.starter:nth-of-type(1) > p:nth-of-type(1)) starts 40 px below its content edge"}},
		{"text over text", "guidance", `document.querySelector('main h1 + p').style.marginBlockStart = '-2em'`,
			1280, []string{`1280x900 overlap: h1#page-title "Guidance for parents and carer" and main#main > div.page.wrap > div > p.lead "Short, practical guides on gro" overlap by `}},
		{"box over text", "guidance", `(() => { const b = Object.assign(document.createElement('span'), {textContent: 'x'}); Object.assign(b.style, {position: 'absolute', insetBlockStart: '0', insetInlineStart: '0', inlineSize: '200px', blockSize: '100px', background: 'white'}); document.querySelector('main').append(b); })()`,
			360, []string{"360x640 overlap: main#main > span covers "}},
		{"heading pushed down", "guidance", `document.querySelector('main').prepend(Object.assign(document.createElement('div'), {style: 'block-size: 600px'}))`,
			360, []string{"360x640 top: h1 (h1#page-title) ends at y="}},
		{"no Get help now", "guidance", `document.querySelector('.now-link').hidden = true`,
			360, []string{"360x640 top: .now-link (", ") is not displayed"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := navigateQuiet(tab, ts.URL+"/en/"+c.page+"/"); err != nil {
				t.Fatal(err)
			}
			height := int64(900)
			if c.width == 360 {
				height = 640
			}
			checks := all
			if c.width != 360 {
				checks = "empty,gap,overlap"
			}
			before, err := layoutAt(tab, c.width, height, checks)
			if err != nil || len(before) > 0 {
				t.Fatalf("the page has problems before planting one: %v %v", before, err)
			}
			eval[any](t, tab, `(() => { `+c.plant+`; return null; })()`)
			got, err := layoutAt(tab, c.width, height, checks)
			if err != nil {
				t.Fatal(err)
			}
			joined := strings.Join(got, "\n")
			for _, w := range c.want {
				if !strings.Contains(joined, w) {
					t.Errorf("found %q, want a line with %q", got, w)
				}
			}
			t.Logf("caught: %s", joined)
		})
	}
}
