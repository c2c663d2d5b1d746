package browser

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

type vnuMessage struct {
	Type    string `json:"type"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
}

// plantedHTML is a page with two errors the validator must find: a duplicate id and a <p>
// in a <ul>.
const plantedHTML = `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a">one</p><p id="a">two</p><ul><p>not a list item</p></ul></body></html>`

// validation is the one run of the Nu Html Checker (Java takes seconds of CPU to start):
// over every page of the built site and, in a folder of its own, plantedHTML.
var validation struct {
	once          sync.Once
	site, planted []vnuMessage
	java, jar     error
	err           error
}

// vnu returns the validator's errors in the built site and in plantedHTML.
func vnu(t *testing.T) (site, planted []vnuMessage) {
	t.Helper()
	dir := builtSite(t)
	validation.once.Do(func() {
		java, err := exec.LookPath("java")
		if validation.java = err; err != nil {
			return
		}
		jar := env("VNU_JAR", filepath.Join("..", "..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
		if _, validation.jar = os.Stat(jar); validation.jar != nil {
			return
		}
		bad, err := os.MkdirTemp("", "talksite-vnu-")
		if validation.err = err; err != nil {
			return
		}
		defer os.RemoveAll(bad)
		if validation.err = os.WriteFile(filepath.Join(bad, "bad.html"), []byte(plantedHTML), 0o644); validation.err != nil {
			return
		}
		// The JIT's first tier only, and one garbage collector thread: a run this short
		// spends most of its CPU compiling, and this halves it (5-6 CPU-s to 3). The first
		// tier's frames are larger, so the schema's deep recursion needs a larger stack.
		cmd := exec.Command(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss64m",
			"-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dir, bad)
		out, err := cmd.CombinedOutput() // the report goes to stderr; exit status 1 when it finds errors
		var report struct {
			Messages []vnuMessage `json:"messages"`
		}
		if jerr := json.Unmarshal(out, &report); jerr != nil {
			validation.err = jerr
			t.Logf("vnu: %v (%v): %s", jerr, err, out)
			return
		}
		for _, m := range report.Messages {
			if strings.Contains(m.URL, filepath.ToSlash(bad)+"/") {
				validation.planted = append(validation.planted, m)
			} else {
				validation.site = append(validation.site, m)
			}
		}
	})
	need(t, "java (default-jre-headless)", validation.java)
	need(t, "vnu-jar (npm ci)", validation.jar)
	if validation.err != nil {
		t.Fatalf("vnu: %v", validation.err)
	}
	return validation.site, validation.planted
}

// TestValidHTML checks every page of every language with the Nu Html Checker.
func TestValidHTML(t *testing.T) {
	t.Parallel()
	site, _ := vnu(t)
	for _, m := range site {
		t.Errorf("vnu %s: %s:%d: %s", m.Type, m.URL, m.Line, m.Message)
	}
}

// TestValidatorCatchesErrors makes sure the validator run can fail: it is the same run as
// TestValidHTML's, so a run that checks nothing fails here.
func TestValidatorCatchesErrors(t *testing.T) {
	t.Parallel()
	if _, planted := vnu(t); len(planted) < 2 {
		t.Errorf("vnu found %d errors in a page with a duplicate id and a <p> in a <ul>: %v", len(planted), planted)
	}
}
