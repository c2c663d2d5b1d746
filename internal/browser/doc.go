// Package browser holds the tests that judge the built default site in a real browser:
// Debian's Chromium driven by chromedp, with axe-core (WCAG 2.2 AA) injected, the network
// and storage audited, and the interactive features driven by keyboard.
//
// The tests skip with a message when Chromium or node_modules/axe-core is missing, except
// under CI (the CI environment variable set), where a missing judge is a failure. Run
// `bash .ci/run`, or install Debian's chromium and run `npm ci` at the repository root.
package browser
