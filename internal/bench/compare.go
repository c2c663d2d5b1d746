package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Comparison is what `talksite bench` compares.
type Comparison struct {
	Pages int    // pages to generate, spread over the languages
	Runs  int    // builds of each tool, taking turns; the median is reported
	Hugo  string // the hugo command; "" skips Hugo
	Keep  string // generate into this folder and keep it; "" uses a temporary folder
	// Self is the talksite program: it builds the site, and runs the floor when called as
	// "bench -floor SITE -floor-out OUT", so that all three tools are child processes
	// measured alike.
	Self string
}

// Compare generates a site, times talksite's build of it beside the floor and, when it is
// installed, Hugo's build of the same pages, and writes the table to w.
func Compare(w io.Writer, c Comparison) error {
	dir := c.Keep
	if dir == "" {
		d, err := os.MkdirTemp("", "talksite-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	opts := Options{Pages: c.Pages, Seed: 1}
	tsDir, hugoDir := filepath.Join(dir, "talksite"), filepath.Join(dir, "hugo")
	if err := WriteTalksite(tsDir, opts); err != nil {
		return err
	}
	tsOut, floorDir, hugoOut := filepath.Join(dir, "out-talksite"), filepath.Join(dir, "out-floor"), filepath.Join(dir, "out-hugo")
	tools := []Tool{
		{Name: "talksite", Args: []string{c.Self, "build", "-s", tsDir, "-o", tsOut}, Out: tsOut},
		{Name: "floor", Args: []string{c.Self, "bench", "-floor", tsDir, "-floor-out", floorDir}, Out: floorDir},
	}
	hugoNote := ""
	if c.Hugo == "" {
		hugoNote = "Hugo: skipped (-hugo \"\")."
	} else if _, err := exec.LookPath(c.Hugo); err != nil {
		hugoNote = fmt.Sprintf("Hugo: not found (%v); install Debian's hugo package to compare.", err)
	} else {
		if err := WriteHugo(hugoDir, opts); err != nil {
			return err
		}
		tools = append(tools, Tool{Name: "hugo", Args: []string{c.Hugo, "--quiet", "--minify", "-s", hugoDir, "-d", hugoOut}, Out: hugoOut})
	}
	fmt.Fprintf(w, "Generated %d pages in %s (%s), 600 to 1,200 words each.\n", c.Pages, strings.Join(DefaultLangs, ", "), dir)
	fmt.Fprintf(w, "The floor only reads each page, converts it with goldmark, minifies it and writes it.\n")
	if hugoNote != "" {
		fmt.Fprintln(w, hugoNote)
	}
	measured, err := Measure(c.Runs, tools)
	if err != nil {
		return err
	}
	results := make([]Result, len(tools))
	for i, t := range tools {
		results[i] = Result{Name: t.Name, Runs: measured[i]}
	}
	fmt.Fprintln(w)
	WriteTable(w, c.Pages, results)
	return nil
}
