package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/cli"
	"github.com/talksite/talksite/internal/serve"
)

func runServe(c *cli.Env, args []string) int {
	fs := c.Flags("serve", "")
	site := fs.String("s", ".", "the site folder")
	addr := fs.String("addr", "127.0.0.1:1313", "the address to listen on; keep 127.0.0.1 so only this computer can see the preview")
	noDefault := fs.Bool("no-default-content", false, "leave out the default site's pages and data")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	dir, ok := c.SiteDir(*site)
	if !ok {
		return cli.ExitError
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite serve: --addr %q: %v\n", *addr, err)
		return cli.ExitUsage
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(c.Stderr, "talksite serve: warning: %s can be reached from other computers on the network\n", *addr)
	}
	s := &serve.Server{Dir: dir, Addr: *addr, Default: talksite.DefaultSite(), Log: c.Stderr,
		Options: build.Options{NoDefaultContent: *noDefault}}
	s.Rebuild() // a broken first build still serves the error to the browser
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite serve: %v\n", err)
		return cli.ExitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.Watch(ctx); err != nil {
			fmt.Fprintf(c.Stderr, "talksite serve: watching %s: %v\n", dir, err)
		}
	}()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(c.Stdout, "Previewing %s at http://%s/ (press Ctrl+C to stop)\n", dir, ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(c.Stderr, "talksite serve: %v\n", err)
		return cli.ExitError
	}
	return cli.ExitOK
}
