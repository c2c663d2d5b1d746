package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "rewrite the golden screenshots in testdata/screenshots")

const (
	goldenDir = "testdata/screenshots"
	// maxShotHeight caps a full-page screenshot, in CSS px: the top of a long page is
	// what a layout fault shows in first, and the goldens stay small.
	maxShotHeight = 8000
)

// A filled-in agreement, as a link carries it (the format agreement.js reads; see
// agreementLinks): ages 8 to 10, two named members with a device-free time, two promises
// (one reworded), an own promise and a trusted adult.
var filledAgreement = "#a=1j" + base64.RawURLEncoding.EncodeToString([]byte(`{"v":1,`+
	`"f":"The Example family","m":[["Sam","19:30"],["Alex","20:00"]],"a":["8-10"],`+
	`"c":["devices-away-at-mealtimes","ask-before-new-apps","not-in-trouble-for-telling"],`+
	`"e":{"ask-before-new-apps":"We ask before we add a new app or game."},`+
	`"o":{"people-we-talk-to":["We tell each other about new friends."]},"t":["Aunt Jo"],"r":"June"}`))

type shotPage struct {
	name  string // file name stem
	path  string // from the language folder
	media string // "" for screen, "print"
}

var shotPages = []shotPage{
	{"home", "", ""},
	{"talk", "talk/", ""},
	{"talk-step", "talk/talk/", ""},
	{"guidance", "guidance/", ""},
	{"guidance-page", "guidance/if-your-child-tells-you/", ""},
	{"starters", "starters/", ""},
	{"agreement", "agreement/", ""},
	{"agreement-filled", "agreement/" + filledAgreement, ""},
	{"help", "help/", ""},
	{"now", "now/", ""},
	{"now-money", "now/threatened-or-asked-for-money/", ""},
	{"print", "print/", "print"},
}

var shotSizes = []struct{ width, height int64 }{{360, 800}, {1280, 900}}

// settleJS waits until the page is as a person sees it: fonts loaded, animations finished,
// no caret, two frames drawn. Styles set through the CSSOM are allowed by the page's policy.
const settleJS = `(async () => {
  await document.fonts.ready;
  document.documentElement.style.caretColor = 'transparent';
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  for (const a of document.getAnimations()) a.finish();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return Math.ceil(document.documentElement.scrollHeight);
})()`

// TestScreenshots renders the main pages in English and Arabic, on a phone and a desktop
// screen, and compares them with the golden screenshots in testdata/screenshots: a lost
// margin, a moved block or a missing background fails, anti-aliasing noise does not. On a
// difference it writes NAME.new.png and NAME.diff.png beside the golden image. Run with
// -update to rewrite the goldens after an intended change, and look at them before
// committing.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	needFonts(t)
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	type job struct {
		lang          string
		pg            shotPage
		width, height int64
	}
	var jobs []job
	for _, lang := range []string{"en", "ar"} {
		for _, pg := range shotPages {
			for _, s := range shotSizes {
				jobs = append(jobs, job{lang, pg, s.width, s.height})
			}
		}
	}
	start := time.Now()
	failures := inTabs(t, browser, jobs, nil, func(tab context.Context, _ *netLog, j job, fail func(string, ...any)) {
		name := fmt.Sprintf("%s-%s-%d", j.lang, j.pg.name, j.width)
		if err := checkShot(tab, ts.URL+"/"+j.lang+"/"+j.pg.path, j.pg.media, j.width, j.height, name); err != nil {
			fail("%s", err)
		}
	})
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("%d screenshots in %s", len(jobs), time.Since(start).Round(time.Millisecond))
}

// checkShot renders one page at one size and compares it with its golden image.
func checkShot(tab context.Context, url, media string, width, height int64, name string) error {
	shot, err := screenshot(tab, url, media, width, height)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	golden := filepath.Join(goldenDir, name+".png")
	newPath := filepath.Join(goldenDir, name+".new.png")
	diffPath := filepath.Join(goldenDir, name+".diff.png")
	os.Remove(newPath)
	os.Remove(diffPath)
	want, err := readKept(golden)
	if *update {
		// Only a golden that no longer matches is rewritten, so that noise never churns
		// the repository.
		if err == nil {
			if c, _ := compare(want, shot); c.ok() {
				return nil
			}
		}
		return writePNG(golden, shot)
	}
	if err != nil {
		writePNG(newPath, shot)
		return fmt.Errorf("%s: no golden screenshot (%v); wrote %s: look at it, then run with -update", name, err, newPath)
	}
	c, diff := compare(want, shot)
	if c.ok() {
		return nil
	}
	if err := writePNG(newPath, shot); err != nil {
		return err
	}
	if err := writePNG(diffPath, diff); err != nil {
		return err
	}
	page, _, _ := strings.Cut(url, "#")
	return fmt.Errorf("%s (%s, %dx%d%s): looks different from internal/browser/%s: %v; see internal/browser/%s and %s (red: changed pixels, magenta: changed rows, blue: rows only one has); if the change is intended, run with -update",
		name, page, width, height, map[string]string{"": "", "print": ", print media"}[media], golden, c, newPath, diffPath)
}

// screenshot loads url in a viewport of width × height CSS px at device scale 1 and returns
// the whole page (up to maxShotHeight) in its kept form.
func screenshot(tab context.Context, url, media string, width, height int64) (*image.Paletted, error) {
	if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600,
	}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		return nil, err
	}
	if err := navigateQuiet(tab, url); err != nil {
		return nil, err
	}
	full, err := chromedp.Run(tab, chromedp.Evaluate[int64](settleJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	h := min(full, maxShotHeight)
	r, err := chromedp.Call(tab, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		Clip:                  &page.Viewport{X: 0, Y: 0, Width: float64(width), Height: float64(h), Scale: 1.0 / keepScale},
		CaptureBeyondViewport: ptrTo(true),
		FromSurface:           ptrTo(true),
		OptimizeForSpeed:      ptrTo(true),
	})
	if err != nil {
		return nil, err
	}
	decoded, err := png.Decode(bytes.NewReader(r.Data))
	if err != nil {
		return nil, err
	}
	// Chromium drew it at the kept scale already (Clip.Scale), which is four times faster
	// to encode and decode than a full-size picture.
	return reduceBy(decoded, 1), nil
}

// navigateQuiet loads url and waits for its load event (the page's scripts are deferred, so
// they have run), returning errors instead of failing the test, for tabs shared by goroutines.
func navigateQuiet(tab context.Context, url string) error {
	if strings.Contains(url, "#") {
		// From the same page, a new fragment would not load the page again.
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			return err
		}
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("navigate %s: %v", url, err)
	}
	return nil
}

func ptrTo[T any](v T) *T { return &v }

// needFonts makes sure the fonts the goldens were drawn with are there: Debian's
// fonts-noto-core (Latin script, Urdu) and fonts-dejavu-core (Chromium's pick for Arabic),
// which .ci/run installs. Other fonts draw other pictures.
func needFonts(t *testing.T) {
	t.Helper()
	var err error
	for pattern, want := range map[string]string{"sans-serif": "Noto Sans", "sans-serif:lang=ar": "DejaVu Sans"} {
		out, e := exec.Command("fc-match", "-f", "%{family}", pattern).Output()
		if e == nil && !strings.HasPrefix(string(out), want) {
			e = fmt.Errorf("fc-match %s gives %q, not %s", pattern, out, want)
		}
		if e != nil && err == nil {
			err = e
		}
	}
	need(t, "the fonts of the golden screenshots (fonts-noto-core, fonts-dejavu-core)", err)
}
