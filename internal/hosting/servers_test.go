package hosting_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/policy"
)

// subPath is where the test servers publish the site, as a school's own site does.
const subPath = "/online-safety/"

// docPath is the folder the docs' snippets serve the site from; the test puts its own.
const docPath = "/srv/online-safety"

// need skips the test when a server or the browser is missing, or fails it under CI.
func need(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		// /usr/sbin is not on an ordinary user's PATH.
		if _, serr := os.Stat("/usr/sbin/" + name); serr == nil {
			p, err = "/usr/sbin/"+name, nil
		}
	}
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI (apt-get install %s): %v", name, pkg, err)
	}
	t.Skipf("skipping the real-server test: %s is not installed (apt-get install %s, or run `bash .ci/run`)", name, pkg)
	return ""
}

// snippets returns the marked code blocks of docs/hosting.md by name: a line
// "<!-- test:NAME -->", then a fenced block.
func snippets(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/hosting.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?m)^<!-- test:([a-z-]+) -->\n+```[a-z]*\n((?s:.*?))^```")
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		if _, dup := out[m[1]]; dup {
			t.Fatalf("docs/hosting.md: two snippets marked test:%s", m[1])
		}
		out[m[1]] = m[2]
	}
	return out
}

func snippet(t *testing.T, all map[string]string, name string) string {
	t.Helper()
	s, ok := all[name]
	if !ok {
		t.Fatalf("docs/hosting.md has no snippet marked <!-- test:%s -->", name)
	}
	return s
}

var serverBuild onceBuilt

// builtForServers builds the default site once, compressed, with its base URL under
// /online-safety/.
func builtForServers(t *testing.T) map[string][]byte {
	t.Helper()
	return serverBuild.get(t, fstest.MapFS{"site.toml": {Data: []byte("baseURL = \"https://school.example" + subPath + "\"\nprecompress = true\n")}})
}

// workDir makes a temporary folder that the servers' unprivileged workers can read (the
// test may run as root, and then the servers' children run as nobody).
func workDir(t *testing.T) string {
	t.Helper()
	parent := ""
	if os.Geteuid() == 0 {
		// The workers run as nobody and must reach the folder: a private TMPDIR (such as
		// one below /root) would hide it.
		parent = "/tmp"
	}
	dir, err := os.MkdirTemp(parent, "talksite-servers-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// server is a running web server.
type server struct {
	name string
	base string // http://127.0.0.1:PORT/online-safety/
	logs []string
}

// start runs a server in the foreground, waits until it answers and stops it at cleanup.
func start(t *testing.T, name string, port int, logs []string, bin string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s := &server{name: name, base: fmt.Sprintf("http://127.0.0.1:%d%s", port, subPath), logs: logs}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return s
		}
		select {
		case err := <-exited:
			t.Fatalf("%s exited at start (%v): %s\n%s", name, err, out.String(), s.logText())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within 15s: %s\n%s", name, out.String(), s.logText())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// path is the server's sub-path, "/online-safety/".
func (s *server) path() string {
	_, p, _ := strings.Cut(strings.TrimPrefix(s.base, "http://"), "/")
	return "/" + p
}

// logText is the end of the server's error logs.
func (s *server) logText() string {
	var b strings.Builder
	for _, p := range s.logs {
		if log, err := os.ReadFile(p); err == nil && len(log) > 0 {
			lines := strings.SplitAfter(strings.TrimSpace(string(log)), "\n")
			if len(lines) > 15 {
				lines = lines[len(lines)-15:]
			}
			fmt.Fprintf(&b, "--- %s (end)\n%s\n", filepath.Base(p), strings.Join(lines, ""))
		}
	}
	return b.String()
}

// publish writes the built site to root, a folder the servers serve in place of the docs' /srv/online-safety.
func publish(t *testing.T, root string, files map[string][]byte) string {
	t.Helper()
	if err := output.Write(root, files); err != nil {
		t.Fatal(err)
	}
	return root
}

// fromDocs puts the test's folder in place of the docs' /srv/online-safety.
func fromDocs(snip, root string) string { return strings.ReplaceAll(snip, docPath, root) }

// a2enmod returns the modules a line "a2enmod NAME..." of the docs turns on.
func a2enmod(t *testing.T, snip string) []string {
	t.Helper()
	fields := strings.Fields(snip)
	for i, f := range fields {
		if f == "a2enmod" && i+1 < len(fields) {
			return fields[i+1:]
		}
	}
	t.Fatalf("no a2enmod command in %q", snip)
	return nil
}

// debianModules are the Apache modules Debian enables on a fresh install.
var debianModules = []string{"mpm_event", "authz_core", "authz_host", "authz_user", "authn_core", "authn_file",
	"auth_basic", "access_compat", "alias", "autoindex", "dir", "env", "filter", "deflate", "mime",
	"negotiation", "reqtimeout", "setenvif", "status"}

// startApache runs Apache with Debian's defaults (apache2.conf's directory rules and the
// modules a fresh install enables), plus modules, plus site (configuration from the docs).
func startApache(t *testing.T, name string, modules []string, site string) *server {
	t.Helper()
	bin := need(t, "apache2", "apache2")
	dir := workDir(t)
	port := freePort(t)
	var conf strings.Builder
	seen := map[string]bool{}
	for _, m := range append(append([]string{}, debianModules...), modules...) {
		if seen[m] {
			continue
		}
		seen[m] = true
		load := "/etc/apache2/mods-available/" + m + ".load"
		if _, err := os.Stat(load); err != nil {
			t.Fatalf("apache module %s: %v", m, err)
		}
		fmt.Fprintf(&conf, "Include %s\n", load)
		if _, err := os.Stat("/etc/apache2/mods-available/" + m + ".conf"); err == nil {
			fmt.Fprintf(&conf, "Include /etc/apache2/mods-available/%s.conf\n", m)
		}
	}
	www := filepath.Join(dir, "www")
	os.MkdirAll(www, 0o755)
	os.WriteFile(filepath.Join(www, "index.html"), []byte("<!DOCTYPE html><title>School</title><p>The school's own site</p>\n"), 0o644)
	user := ""
	if os.Geteuid() == 0 {
		user = "User nobody\nGroup nogroup\n"
	}
	fmt.Fprintf(&conf, `ServerRoot %[1]s
DefaultRuntimeDir %[1]s
PidFile %[1]s/apache2.pid
ErrorLog %[1]s/error.log
LogLevel warn
%[3]sListen 127.0.0.1:%[2]d
ServerName 127.0.0.1
Timeout 30
KeepAlive On
HostnameLookups Off
AccessFileName .htaccess
ServerTokens OS
ServerSignature On
TraceEnable Off
<FilesMatch "^\.ht">
	Require all denied
</FilesMatch>
<Directory />
	Options FollowSymLinks
	AllowOverride None
	Require all denied
</Directory>
DocumentRoot %[4]s
<Directory %[4]s>
	Options Indexes FollowSymLinks
	AllowOverride None
	Require all granted
</Directory>
`, dir, port, user, www)
	conf.WriteString(site)
	path := filepath.Join(dir, "apache2.conf")
	if err := os.WriteFile(path, []byte(conf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return start(t, name, port, []string{filepath.Join(dir, "error.log")}, bin, "-d", dir, "-f", path, "-DFOREGROUND")
}

// startNginx runs nginx with the http settings of Debian's nginx.conf, plus http (at the
// http level) and server (in the server block), both from the docs.
func startNginx(t *testing.T, http, server string) *server {
	t.Helper()
	bin := need(t, "nginx", "nginx")
	dir := workDir(t)
	port := freePort(t)
	www := filepath.Join(dir, "www")
	os.MkdirAll(www, 0o755)
	os.WriteFile(filepath.Join(www, "index.html"), []byte("<!DOCTYPE html><title>School</title><p>The school's own site</p>\n"), 0o644)
	user := ""
	if os.Geteuid() == 0 {
		user = "user nobody nogroup;\n"
	}
	conf := fmt.Sprintf(`daemon off;
%[3]sworker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
	sendfile on;
	tcp_nopush on;
	types_hash_max_size 2048;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path %[1]s/tmp-body;
	proxy_temp_path %[1]s/tmp-proxy;
	fastcgi_temp_path %[1]s/tmp-fastcgi;
	uwsgi_temp_path %[1]s/tmp-uwsgi;
	scgi_temp_path %[1]s/tmp-scgi;
	gzip on;
%[5]s
	server {
		listen 127.0.0.1:%[2]d;
		server_name localhost;
		root %[4]s;
		index index.html;
%[6]s
	}
}
`, dir, port, user, www, http, server)
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "error.log")
	return start(t, "nginx", port, []string{log}, bin, "-p", dir, "-c", path, "-e", log)
}

// probe is one request and what its answer must be.
type probe struct {
	what   string
	path   string // below the sub-path
	file   string // the output file the body must decode to; "" for none
	status int
	typ    string // Content-Type prefix
	cache  string // Cache-Control
}

func probes(files map[string][]byte) []probe {
	find := func(re string) string {
		var names []string
		for name := range files {
			if regexp.MustCompile(re).MatchString(name) {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			return ""
		}
		return names[0]
	}
	css := find(`^assets/css/site\.[0-9a-f]{10}\.css$`)
	js := find(`^assets/js/exit\.[0-9a-f]{10}\.js$`)
	svg := find(`^assets/icons/favicon\.[0-9a-f]{10}\.svg$`)
	return []probe{
		{"the root folder", "", "index.html", 200, "text/html", "no-cache"},
		{"a page", "en/help/index.html", "en/help/index.html", 200, "text/html", "no-cache"},
		{"a page's folder", "cy/talk/", "cy/talk/index.html", 200, "text/html", "no-cache"},
		{"a fingerprinted stylesheet", css, css, 200, "text/css", policy.ImmutableCache},
		{"a fingerprinted script", js, js, 200, "application/javascript", policy.ImmutableCache},
		{"a fingerprinted SVG", svg, svg, 200, "image/svg+xml", policy.ImmutableCache},
		{"the search index", "search/en.js", "search/en.js", 200, "application/javascript", "no-cache"},
		{"a missing page", "en/no/such/page/", "404.html", 404, "text/html", ""},
	}
}

// client never follows redirects and never decompresses: the test reads what was sent.
var client = &http.Client{
	Transport: &http.Transport{DisableCompression: true},
	Timeout:   10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

func get(t *testing.T, url, acceptEncoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, body
}

// decode undoes the Content-Encoding, checking that the bytes are what it says.
func decode(encoding string, body []byte) ([]byte, error) {
	switch encoding {
	case "":
		if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
			return nil, fmt.Errorf("gzip bytes without Content-Encoding")
		}
		if b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body))); err == nil && len(b) > 0 && !bytes.Equal(b, body) && isText(b) && !isText(body) {
			return nil, fmt.Errorf("brotli bytes without Content-Encoding")
		}
		return body, nil
	case "gzip":
		if !bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
			return nil, fmt.Errorf("Content-Encoding gzip, but the body is not gzip")
		}
		r, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(r)
	case "br":
		b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding br, but the body is not Brotli: %v", err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("unexpected Content-Encoding %q", encoding)
}

func isText(b []byte) bool {
	if len(b) > 512 {
		b = b[:512]
	}
	for _, c := range b {
		if c < 0x09 || c > 0x0d && c < 0x20 {
			return false
		}
	}
	return true
}

// judge makes every probe with three Accept-Encoding headers. full says whether the server
// is set up as the docs say (headers, caching, compression) or is a cautious host that
// only has to serve the site correctly; own404, whether it shows its own "Not Found" page
// instead of the site's.
func judge(t *testing.T, s *server, files map[string][]byte, full, own404 bool) {
	for _, p := range probes(files) {
		for _, ae := range []string{"gzip, deflate, br, zstd", "gzip", ""} {
			url := s.base + p.path
			resp, body := get(t, url, ae)
			where := fmt.Sprintf("%s: %s (%s, Accept-Encoding %q)", s.name, p.what, p.path, ae)
			if resp.StatusCode != p.status {
				t.Errorf("%s: status %d, want %d", where, resp.StatusCode, p.status)
				continue
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, p.typ) && !(p.typ == "application/javascript" && strings.HasPrefix(ct, "text/javascript")) {
				t.Errorf("%s: Content-Type %q, want %s", where, ct, p.typ)
			}
			ce := resp.Header.Get("Content-Encoding")
			if ce != "" && !strings.Contains(ae, ce) {
				t.Errorf("%s: Content-Encoding %s that the client did not accept", where, ce)
			}
			plain, err := decode(ce, body)
			if err != nil {
				t.Errorf("%s: %v", where, err)
			} else if want, ok := files[p.file]; p.file != "" && (p.status == 200 || !own404) && (!ok || !bytes.Equal(plain, want)) {
				t.Errorf("%s: the body (%d bytes, Content-Encoding %q) is not %s (%d bytes)", where, len(plain), ce, p.file, len(want))
			}
			if !full {
				continue
			}
			for _, h := range policy.Headers {
				if got := resp.Header.Values(h[0]); len(got) != 1 || got[0] != h[1] {
					t.Errorf("%s: %s = %q, want %q", where, h[0], got, h[1])
				}
			}
			if p.cache != "" {
				if got := resp.Header.Values("Cache-Control"); len(got) != 1 || got[0] != p.cache {
					t.Errorf("%s: Cache-Control %q, want %q", where, got, p.cache)
				}
			} else if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
				t.Errorf("%s: Cache-Control %q", where, cc)
			}
			if !strings.Contains(strings.ToLower(strings.Join(resp.Header.Values("Vary"), ",")), "accept-encoding") {
				t.Errorf("%s: no Vary: Accept-Encoding (Vary %q)", where, resp.Header.Values("Vary"))
			}
			if ae == "gzip, deflate, br, zstd" && ce == "" {
				t.Errorf("%s: sent uncompressed although the build has compressed copies", where)
			}
		}
	}
	// The sub-path without its slash leads to the site.
	resp, _ := get(t, strings.TrimSuffix(s.base, "/"), "")
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != s.base && loc != s.path() {
		t.Errorf("%s: %s gives %d (Location %q), want a redirect to %s", s.name, strings.TrimSuffix(s.path(), "/"), resp.StatusCode, loc, s.path())
	}
}

// pageState is what the browser check reads from a page.
type pageState struct {
	Rules    int      `json:"rules"`
	Search   bool     `json:"search"`
	Exit     bool     `json:"exit"`
	Help     string   `json:"help"`
	Links    []string `json:"links"`
	Headline string   `json:"headline"`
}

// browserCheck opens a page and a missing page of each server in Chromium: no console
// errors, the stylesheet applies, the scripts run, and the missing page's links lead to
// pages.
func browserCheck(t *testing.T, servers []*server, own404 map[*server]bool) {
	chrome := os.Getenv("CHROME_PATH")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(chrome); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium is required in CI: %v", err)
		}
		t.Skipf("skipping the browser part: chromium not available (%v)", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	deadline, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// One tab a server, the servers side by side: a tab of its own for each page would start
	// a renderer for each. "pages" ends when they all have. The missing page comes last, so
	// that its expected 404 cannot be taken for another page's.
	t.Run("pages", func(t *testing.T) {
		for _, s := range servers {
			custom404 := !own404[s]
			t.Run(s.name, func(t *testing.T) {
				t.Parallel()
				tab, cancelTab := chromedp.NewContext(browser)
				defer cancelTab()
				var mu sync.Mutex
				var problems []string
				var pageURL string
				var missing bool
				if err := chromedp.Listen(tab, func(ev any) {
					mu.Lock()
					defer mu.Unlock()
					switch ev := ev.(type) {
					case *runtime.EventExceptionThrown:
						problems = append(problems, fmt.Sprintf("exception: %s %s:%d", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL, ev.ExceptionDetails.LineNumber))
					case *runtime.EventConsoleAPICalled:
						if ev.Type == runtime.ConsoleAPICalledTypeError {
							problems = append(problems, "console.error")
						}
					case *cdplog.EventEntryAdded:
						// The missing page's own 404 is expected.
						// So is the favicon.ico a browser asks for on a server's own 404 page.
						if ev.Entry.Level == cdplog.EntryLevelError && !(missing && (ev.Entry.URL == pageURL || !custom404 && strings.HasSuffix(ev.Entry.URL, "/favicon.ico"))) {
							problems = append(problems, ev.Entry.Text+" "+ev.Entry.URL)
						}
					}
				}); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Call(tab, cdplog.Enable, cdp.Empty{}); err != nil {
					t.Fatal(err)
				}
				for _, p := range []struct {
					path    string
					missing bool
				}{{"en/index.html", false}, {"ar/talk/index.html", false}, {"en/some/deep/missing/page", true}} {
					url := s.base + p.path
					mu.Lock()
					problems, pageURL, missing = nil, url, p.missing
					mu.Unlock()
					t.Run(p.path, func(t *testing.T) {
						err := chromedp.Do(tab, chromedp.Navigate(url), chromedp.Sleep(100*time.Millisecond))
						var state pageState
						if err == nil {
							state, err = chromedp.Run(tab, chromedp.Evaluate[pageState](`({
						  rules: [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0),
						  search: !!document.querySelector('form[data-search]:not([hidden])'),
						  exit: !!document.querySelector('a.quick-exit[href^="https://"]'),
						  help: (document.querySelector('.footer-help a') || {}).href || '',
						  links: [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
						    .map(e => e.href || e.src).filter(u => u.startsWith(location.origin)).map(u => u.split('#')[0]),
						  headline: (document.querySelector('h1') || {}).textContent || ''
						})`))
						}
						where := s.name + " " + p.path
						if err != nil {
							t.Errorf("%s: %v", where, err)
							return
						}
						mu.Lock()
						for _, pr := range problems {
							t.Errorf("%s: browser console: %s", where, pr)
						}
						mu.Unlock()
						if p.missing && !custom404 {
							return // the server's own "Not Found" page
						}
						if state.Rules == 0 {
							t.Errorf("%s: the stylesheet did not apply", where)
						}
						if !state.Search {
							t.Errorf("%s: the search form is still hidden: the scripts did not run", where)
						}
						if !state.Exit {
							t.Errorf("%s: no quick exit button", where)
						}
						if p.missing {
							if state.Help == "" {
								t.Errorf("%s: no help link", where)
							}
							// Every link and resource of the 404 page, shown deep below the site, works.
							for _, u := range state.Links {
								if u == url {
									continue // the skip link to #main
								}
								if !strings.HasPrefix(u, s.base) {
									t.Errorf("%s: %s is outside the site", where, u)
									continue
								}
								if resp, _ := get(t, u, ""); resp.StatusCode != 200 {
									t.Errorf("%s: %s gives %d", where, u, resp.StatusCode)
								}
							}
						}
					})
				}
			})
		}
	})
}

// TestRealServers serves a --precompress build of the default site under /online-safety/ with
// Debian's own Apache and nginx, configured with the snippets of docs/hosting.md (marked
// <!-- test:NAME --> there), and judges what they send: status, security headers, caching,
// compression and Vary, and that the site loads in Chromium without errors. The servers
// run as ordinary processes on free loopback ports, with their configuration, logs and pid
// files in a temporary folder; the system's own services are never touched.
//
// It skips when apache2, nginx or chromium is missing, except under CI (the CI environment
// variable set), where a missing server is a failure: .ci/run installs them.
func TestRealServers(t *testing.T) {
	t.Parallel()
	docs := snippets(t)
	need(t, "apache2", "apache2")
	need(t, "nginx", "nginx")
	began := time.Now()
	files := builtForServers(t)
	dir := workDir(t)
	// One copy for the servers set up as the docs say, one for the cautious host.
	root := publish(t, filepath.Join(dir, "site"), files)
	cautiousRoot := publish(t, filepath.Join(dir, "cautious"), files)
	apacheSite := snippet(t, docs, "apache-server")

	nginx := startNginx(t, fromDocs(docs["nginx-http"], root), fromDocs(snippet(t, docs, "nginx-server"), root))
	// A server with only Debian's default modules (no a2enmod): /online-safety/ as the docs
	// say, and /cautious/ on a host that allows no .htaccess at all.
	// And /strict/, whose host reads .htaccess but allows no FileInfo: docs/hosting.md says
	// every page is then a 500, and which line of the error log says why.
	allowing := func(folder, urlPath, override string) string {
		site := regexp.MustCompile(`AllowOverride [^\n]*`).ReplaceAllString(fromDocs(apacheSite, folder), "AllowOverride "+override)
		return strings.ReplaceAll(site, strings.TrimSuffix(subPath, "/"), urlPath)
	}
	// A folder with just .htaccess and a page, for the hosts that refuse it.
	small := func(name string) string {
		folder := filepath.Join(dir, name)
		os.MkdirAll(folder, 0o755)
		os.WriteFile(filepath.Join(folder, ".htaccess"), files[".htaccess"], 0o644)
		os.WriteFile(filepath.Join(folder, "index.html"), files["index.html"], 0o644)
		return folder
	}
	// And /nosymlinks/ on the full server, without the Options line: docs/hosting.md says
	// mod_rewrite then refuses every request of a --precompress build.
	noSymlinks := strings.Replace(allowing(small("nosymlinks"), "/nosymlinks", "FileInfo"), "Options FollowSymLinks", "Options None", 1)
	apache := startApache(t, "apache", a2enmod(t, snippet(t, docs, "apache-modules")), fromDocs(apacheSite, root)+noSymlinks)
	plain := startApache(t, "apache without a2enmod", nil, fromDocs(apacheSite, root)+
		allowing(cautiousRoot, "/cautious", "None")+allowing(small("strict"), "/strict", "AuthConfig Indexes"))
	cautious := &server{name: "apache with AllowOverride None", base: strings.Replace(plain.base, subPath, "/cautious/", 1), logs: plain.logs}
	t.Run("apache with AllowOverride AuthConfig Indexes", func(t *testing.T) {
		resp, _ := get(t, strings.Replace(plain.base, subPath, "/strict/", 1), "")
		if resp.StatusCode != 500 {
			t.Errorf("status %d: docs/hosting.md says a host that reads .htaccess without FileInfo gives 500", resp.StatusCode)
		}
		log, _ := os.ReadFile(plain.logs[0])
		if !bytes.Contains(log, []byte("AddDefaultCharset not allowed here")) {
			t.Errorf("the error log does not say what docs/hosting.md says it does:\n%s", plain.logText())
		}
	})
	t.Run("apache with Options None", func(t *testing.T) {
		resp, _ := get(t, strings.Replace(apache.base, subPath, "/nosymlinks/", 1), "")
		if resp.StatusCode != 403 {
			t.Errorf("status %d: docs/hosting.md says a --precompress build without Options FollowSymLinks gives 403", resp.StatusCode)
		}
		log, _ := os.ReadFile(apache.logs[0])
		if !bytes.Contains(log, []byte("Options FollowSymLinks and SymLinksIfOwnerMatch are both off")) {
			t.Errorf("the error log does not say why:\n%s", apache.logText())
		}
	})
	t.Logf("built and started the servers in %s", time.Since(began).Round(time.Millisecond))

	for _, c := range []struct {
		s            *server
		full, own404 bool
	}{{nginx, true, false}, {apache, true, false}, {plain, false, false}, {cautious, false, true}} {
		t.Run(c.s.name, func(t *testing.T) {
			judge(t, c.s, files, c.full, c.own404)
			if t.Failed() {
				t.Log(c.s.logText())
			}
		})
	}
	t.Run("chromium", func(t *testing.T) {
		browserCheck(t, []*server{nginx, apache, plain, cautious}, map[*server]bool{cautious: true})
	})
	t.Logf("real-server test took %s", time.Since(began).Round(time.Millisecond))
}
