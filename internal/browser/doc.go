// Package browser holds the tests that judge the built default site in a real browser:
// Debian's chromium-headless-shell (Chromium's engine without the browser around it; see
// chromePath) driven by chromedp, with axe-core (WCAG 2.2 AA) injected, the network and
// storage audited, and the interactive features driven by keyboard.
//
// The tests skip with a message when Chromium or node_modules/axe-core is missing, except
// under CI (the CI environment variable set), where a missing judge is a failure. Run
// `bash .ci/run`, or install Debian's chromium-headless-shell and run `npm ci` at the
// repository root. CHROME_PATH names another Chromium.
//
// The tests share one Chromium (started by the first, stopped by TestMain), each in a
// browser context of its own (its own cookies, storage and downloads), and run in parallel:
// most of their time is waiting for pages. A new tab starts a renderer (about a second of
// CPU), so a test that loads several pages takes them in turn in one tab, or in two with
// inTabs, unless a page needs a tab's fresh history. TestEveryPage loads each page once and
// judges it in several ways in that one load; the Nu Html Checker runs once (one Java
// start) for TestValidHTML and TestValidatorCatchesErrors.
//
// TestScreenshots compares the main pages with golden screenshots in testdata/screenshots
// (grey, half size, drawn with Debian's fonts-noto-core and fonts-dejavu-core). After an
// intended change to how pages look, run
//
//	go test ./internal/browser/ -run TestScreenshots -update
//
// and look at the rewritten images before committing them. A failing run leaves NAME.new.png
// and NAME.diff.png beside the golden image (git ignores them).
package browser
