package browser

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

type vnuMessage struct {
	Type    string `json:"type"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
}

// vnu runs the Nu Html Checker over every HTML file below dir, in one Java process (it
// takes seconds to start), and returns its errors.
func vnu(t *testing.T, dir string) []vnuMessage {
	t.Helper()
	java, err := exec.LookPath("java")
	need(t, "java (default-jre-headless)", err)
	jar := env("VNU_JAR", filepath.Join("..", "..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	_, err = os.Stat(jar)
	need(t, "vnu-jar (npm ci)", err)
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dir)
	out, err := cmd.CombinedOutput() // the report goes to stderr; exit status 1 when it finds errors
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v (%v): %s", jerr, err, out)
	}
	return report.Messages
}

// TestValidHTML checks every page of every language with the Nu Html Checker.
func TestValidHTML(t *testing.T) {
	for _, m := range vnu(t, builtSite(t)) {
		t.Errorf("vnu %s: %s:%d: %s", m.Type, m.URL, m.Line, m.Message)
	}
}

// TestValidatorCatchesErrors makes sure the validator run can fail.
func TestValidatorCatchesErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.html"), []byte(`<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a">one</p><p id="a">two</p><ul><p>not a list item</p></ul></body></html>`), 0o644)
	if msgs := vnu(t, dir); len(msgs) < 2 {
		t.Errorf("vnu found %d errors in a page with a duplicate id and a <p> in a <ul>: %v", len(msgs), msgs)
	}
}
