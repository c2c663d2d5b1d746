package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/talksite/talksite"
)

// TestMain runs the tests with the garbage collector working half as often (GOGC=200)
// unless GOGC is set: each test builds the default site, and this takes an eighth off
// their CPU time for about 50 MB more (issue #16).
func TestMain(m *testing.M) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(m.Run())
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func newServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	s := &Server{Dir: dir, Default: talksite.DefaultSite(), Log: io.Discard}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts, dir
}

func write(t *testing.T, p, content string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestServesDevBuild(t *testing.T) {
	_, ts, _ := newServer(t)
	code, body := get(t, ts.URL+"/en/")
	if code != 200 || !strings.Contains(body, "__talksite/reload.js") || !strings.Contains(html.UnescapeString(body), "connect-src 'self'") {
		t.Fatalf("GET /en/: %d, reload script or dev policy missing", code)
	}
	if code, _ := get(t, ts.URL+"/"); code != 200 {
		t.Errorf("GET /: %d", code)
	}
	if code, _ := get(t, ts.URL+"/en/help/index.html"); code != 200 {
		t.Errorf("GET /en/help/index.html: %d", code)
	}
	if code, js := get(t, ts.URL+Prefix+"reload.js"); code != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %d", code)
	}
	if code, _ := get(t, ts.URL+"/en/nothing-here/"); code != 404 {
		t.Errorf("missing page: %d, want 404", code)
	}
}

func TestBrokenChangeKeepsLastGoodSite(t *testing.T) {
	s, ts, dir := newServer(t)
	_, before := get(t, ts.URL+"/en/help/")

	// An open page listens for events.
	req, _ := http.NewRequest("GET", ts.URL+Prefix+"events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // ": connected"

	write(t, filepath.Join(dir, "content/en/help.md"), "---\ntitle: [broken\n---\n")
	if err := s.Rebuild(); err == nil {
		t.Fatal("a broken page built")
	}
	_, after := get(t, ts.URL+"/en/help/")
	if after != before {
		t.Error("the last good page is no longer served after a broken change")
	}
	var got []string
	deadline := time.After(5 * time.Second)
	done := make(chan struct{})
	go func() {
		for lines.Scan() {
			got = append(got, lines.Text())
			if strings.HasPrefix(lines.Text(), "data: content/en/help.md:2:") {
				close(done)
				return
			}
		}
	}()
	select {
	case <-done:
	case <-deadline:
		t.Fatalf("the open page was not told about the error; got %q", got)
	}

	write(t, filepath.Join(dir, "content/en/help.md"), "---\ntitle: Fixed help\nlayout: help\n---\nFixed.\n")
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, ts.URL+"/en/help/"); !strings.Contains(body, "Fixed help") {
		t.Error("the fixed page is not served")
	}
}

func TestWatchRebuildsOnChange(t *testing.T) {
	s, ts, dir := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	time.Sleep(200 * time.Millisecond) // let the watcher start
	write(t, filepath.Join(dir, "content/en/privacy.md"), "---\ntitle: Changed privacy page\n---\nChanged.\n")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, body := get(t, ts.URL+"/en/privacy/"); strings.Contains(body, "Changed privacy page") {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the change was not rebuilt within 10s")
}

// TestIncrementalRebuildMatchesFullBuild edits the body of one page, as an author does
// while previewing: serve renders only that page's key again, and the result is byte for
// byte what a full build gives.
func TestIncrementalRebuildMatchesFullBuild(t *testing.T) {
	s, _, dir := newServer(t)
	src, err := fs.ReadFile(talksite.DefaultSite(), "content/en/guidance/warning-signs.md")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "Children do not always tell", "Children do not always say", 1)
	write(t, filepath.Join(dir, "content/en/guidance/warning-signs.md"), edited)
	start := time.Now()
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if !s.last.Incremental {
		t.Fatal("a change to one page's text was not rebuilt incrementally")
	}
	t.Logf("incremental rebuild: %s", took)

	full := &Server{Dir: dir, Default: talksite.DefaultSite(), Log: io.Discard}
	if err := full.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if full.last.Incremental {
		t.Fatal("the reference build was incremental")
	}
	if len(full.files) != len(s.files) {
		t.Fatalf("%d files incrementally, %d in a full build", len(s.files), len(full.files))
	}
	for name, b := range full.files {
		if !bytes.Equal(b, s.files[name]) {
			t.Errorf("%s differs from a full build", name)
		}
	}
	if !bytes.Contains(s.files["en/guidance/warning-signs/index.html"], []byte("Children do not always say")) {
		t.Error("the edit is not in the page")
	}

	// A changed title changes lists and menus elsewhere: a full build.
	write(t, filepath.Join(dir, "content/en/guidance/warning-signs.md"), strings.Replace(edited, "title: ", "title: Changed ", 1))
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if s.last.Incremental {
		t.Error("a changed title was rebuilt incrementally")
	}
}

// BenchmarkIncrementalRebuild times what `talksite serve` does after an author saves a
// page: load the site again and render the changed page in every language.
func BenchmarkIncrementalRebuild(b *testing.B) {
	dir := b.TempDir()
	s := &Server{Dir: dir, Default: talksite.DefaultSite(), Log: io.Discard}
	if err := s.Rebuild(); err != nil {
		b.Fatal(err)
	}
	src, _ := fs.ReadFile(talksite.DefaultSite(), "content/en/guidance/warning-signs.md")
	p := filepath.Join(dir, "content/en/guidance/warning-signs.md")
	os.MkdirAll(filepath.Dir(p), 0o755)
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(p, []byte(strings.Replace(string(src), "Children do not always tell", fmt.Sprintf("Children (%d) do not always tell", i), 1)), 0o644)
		if err := s.Rebuild(); err != nil {
			b.Fatal(err)
		}
		if !s.last.Incremental {
			b.Fatal("not incremental")
		}
	}
}

// TestAnswersOnlyLoopbackHosts guards against DNS rebinding: a web page on another site
// that points its own host name at 127.0.0.1 must not be able to read the preview or its
// stream of build errors.
func TestAnswersOnlyLoopbackHosts(t *testing.T) {
	s, _, _ := newServer(t)
	s.Addr = "127.0.0.1:1313"
	serve := func(target, host, origin string) *httptest.ResponseRecorder {
		// A stream wrongly accepted ends after a moment instead of hanging the test.
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		r := httptest.NewRequest("GET", target, nil).WithContext(ctx)
		r.Host = host
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for _, host := range []string{"localhost:1313", "127.0.0.1:1313", "[::1]:1313", "localhost", "LOCALHOST:1313", "127.0.0.1"} {
		if w := serve("/en/", host, ""); w.Code != 200 {
			t.Errorf("Host %s: %d, want 200", host, w.Code)
		}
	}
	for _, host := range []string{"evil.example", "evil.example:1313", "localhost.evil.example:1313", "127.0.0.1.nip.io:1313", "10.0.0.5:1313", ""} {
		for _, target := range []string{"/en/", Prefix + "events", Prefix + "reload.js"} {
			if w := serve(target, host, ""); w.Code != http.StatusForbidden {
				t.Errorf("Host %q %s: %d, want 403", host, target, w.Code)
			}
		}
	}
	// The event stream also refuses pages of other origins.
	for _, origin := range []string{"http://evil.example", "null", "http://localhost:9999", "https://localhost:1313"} {
		if w := serve(Prefix+"events", "localhost:1313", origin); w.Code != http.StatusForbidden {
			t.Errorf("events from Origin %s: %d, want 403", origin, w.Code)
		}
	}
	// Listening on a name of the owner's choice, the preview answers to that name.
	s.Addr = "preview.internal:1313"
	if w := serve("/en/", "preview.internal:1313", ""); w.Code != 200 {
		t.Errorf("Host of --addr: %d, want 200", w.Code)
	}
}

// TestNoSchemeRelativeRedirect checks that "//en/help" is redirected to "/en/help/", not to
// "//en/help/", which a browser reads as the site "en".
func TestNoSchemeRelativeRedirect(t *testing.T) {
	s, _, _ := newServer(t)
	for _, target := range []string{"//en/help", "///en/help", "/en//help", "/./en/help"} {
		r := httptest.NewRequest("GET", "http://localhost"+target, nil)
		r.Host = "localhost:1313"
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if loc := w.Header().Get("Location"); w.Code != http.StatusMovedPermanently || loc != "/en/help/" {
			t.Errorf("%s: %d to %q, want 301 to /en/help/", target, w.Code, loc)
		}
	}
}
