// Package serve previews a site while it is being edited: `talksite serve`. It builds the
// site in memory in development mode, serves it on a loopback address, watches the site
// folder, rebuilds on every change and tells open pages to reload. When a change breaks
// the build, the errors go to the terminal and to every open page, and the last good site
// keeps being served until the errors are fixed.
//
// It answers only requests addressed to localhost, a loopback address or the host of
// --addr, and sends its event stream only to its own pages (the Origin header), so a web
// page of another site cannot read the preview or its errors by pointing a name of its own
// at this computer (DNS rebinding).
package serve

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/policy"
	"github.com/talksite/talksite/internal/render"
	"github.com/talksite/talksite/internal/source"
)

//go:embed reload.js
var reloadJS []byte

// debounce is how long the watcher waits after a change for more: an editor saving a file
// writes it in several steps.
const debounce = 8 * time.Millisecond

// Prefix is the address prefix of the preview server's own files.
const Prefix = "/__talksite/"

// Server builds and serves one site.
type Server struct {
	Dir     string // the site folder
	Addr    string // the address it listens on (--addr), whose host it answers to
	Default fs.FS  // the embedded default site
	Log     io.Writer
	Options build.Options // NoDefaultContent, Strict; Site, Default and Render are set by the server

	site    fs.FS // the site folder, opened once (os.Root)
	mu      sync.RWMutex
	files   map[string][]byte // the last good build
	last    *build.Result     // the last good build, for incremental rebuilds
	errText string            // the current build error, "" when the last build succeeded

	clientsMu sync.Mutex
	clients   map[chan event]bool
}

type event struct{ name, data string }

// Rebuild builds the site and, if it succeeds, serves the new version. It returns the
// build error, which is also shown in open pages.
func (s *Server) Rebuild() error {
	opts := s.Options
	if s.site == nil {
		site, err := source.OpenDir(s.Dir)
		if err != nil {
			fmt.Fprintf(s.Log, "Build failed: %v\n", err)
			return err
		}
		s.site = site
	}
	opts.Site = s.site
	opts.Default = s.Default
	opts.Render = render.Options{Dev: true}
	s.mu.RLock()
	opts.Previous = s.last
	s.mu.RUnlock()
	res, err := build.Run(opts)
	for _, w := range res.Diagnostics.Warnings() {
		fmt.Fprintf(s.Log, "warning: %s\n", w)
	}
	s.mu.Lock()
	if err != nil {
		s.errText = err.Error()
		s.mu.Unlock()
		fmt.Fprintf(s.Log, "Build failed; still serving the last good version:\n%v\n", err)
		s.broadcast(event{"error-report", err.Error()})
		return err
	}
	s.files, s.last, s.errText = res.Output.Files, res, ""
	s.mu.Unlock()
	if res.Incremental {
		fmt.Fprintf(s.Log, "Rebuilt the changed pages in %s.\n", res.Duration.Round(time.Millisecond))
	} else {
		fmt.Fprintf(s.Log, "%s\n", res.Summary())
	}
	s.broadcast(event{"reload", "ok"})
	return nil
}

// ServeHTTP serves the last good build and the server's own live-reload files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		// DNS rebinding: a page of another site whose name now points at this computer.
		http.Error(w, "talksite serve answers only to localhost, 127.0.0.1, [::1] and the host of --addr", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case Prefix + "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	case Prefix + "events":
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			http.Error(w, "the event stream is only for pages of this preview", http.StatusForbidden)
			return
		}
		s.events(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" || name == "." {
		name = "index.html"
	}
	s.mu.RLock()
	body, ok := s.files[name]
	if !ok && s.files[path.Join(name, "index.html")] != nil {
		s.mu.RUnlock()
		// The cleaned name, not the requested path: "//en/help/" would be another site.
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	s.mu.RUnlock()
	for _, h := range policy.Headers {
		if h[0] == "Content-Security-Policy" {
			w.Header().Set(h[0], policy.DevCSP())
			continue
		}
		w.Header().Set(h[0], h[1])
	}
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "404: there is no %s in the site\n", name)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// allowedHost reports whether a request's Host is this computer by a name no other site
// can take: localhost, a loopback address, or the host of --addr. When --addr listens on
// every interface (0.0.0.0, [::] or no host), any IP address is accepted too, so a phone on
// the same network can open the preview; a rebinding attack needs a host name, not an IP.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "."))
	if host == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	addrHost := s.Addr
	if h, _, err := net.SplitHostPort(s.Addr); err == nil {
		addrHost = h
	}
	addrHost = strings.ToLower(addrHost)
	if addrHost != "" && host == addrHost {
		return true
	}
	if a := net.ParseIP(addrHost); ip != nil && (s.Addr != "" && addrHost == "" || a != nil && a.IsUnspecified()) {
		return true
	}
	return false
}

// events streams build results to an open page (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan event, 4)
	s.clientsMu.Lock()
	if s.clients == nil {
		s.clients = map[chan event]bool{}
	}
	s.clients[ch] = true
	s.clientsMu.Unlock()
	defer func() {
		s.clientsMu.Lock()
		delete(s.clients, ch)
		s.clientsMu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	s.mu.RLock()
	errText := s.errText
	s.mu.RUnlock()
	if errText != "" {
		writeEvent(w, event{"error-report", errText})
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			writeEvent(w, ev)
			flusher.Flush()
		}
	}
}

func writeEvent(w io.Writer, ev event) {
	fmt.Fprintf(w, "event: %s\n", ev.name)
	for _, line := range strings.Split(ev.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

func (s *Server) broadcast(ev event) {
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- ev:
		default: // a slow page misses an event rather than blocking the build
		}
	}
}

// Watch rebuilds whenever a file of the site folder's content, data, layouts, assets, i18n
// or site.toml changes, until ctx is done. Bursts of changes (an editor saving several
// files) cause one rebuild.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(s.Dir); err != nil {
		return err
	}
	for _, d := range source.Dirs {
		addTree(w, filepath.Join(s.Dir, d))
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			fmt.Fprintf(s.Log, "watch: %v\n", err)
		case ev := <-w.Events:
			if !s.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					addTree(w, ev.Name)
				}
			}
			if timer == nil {
				timer = time.AfterFunc(debounce, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(debounce)
			}
		case <-fire:
			s.Rebuild()
		}
	}
}

// relevant reports whether a changed path is part of the site.
func (s *Server) relevant(p string) bool {
	rel, err := filepath.Rel(s.Dir, p)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	if rel == source.ConfigFile {
		return true
	}
	first, _, _ := strings.Cut(rel, "/")
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") {
		return false
	}
	for _, d := range source.Dirs {
		if first == d {
			return true
		}
	}
	return false
}

func addTree(w *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}
