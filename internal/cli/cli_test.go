package cli

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestRun runs a table of one command the ways a user types it.
func TestRun(t *testing.T) {
	var gotName string
	var gotArgs []string
	greet := func(c *Env, args []string) int {
		fs := c.Flags("greet", "")
		name := fs.String("name", "you", "whom to greet")
		if code, ok := c.Parse(fs, args, 2); !ok {
			return code
		}
		gotName, gotArgs = *name, c.Positional
		return ExitOK
	}
	table := []*Command{
		{Name: "greet", Args: "[--name NAME] [A] [B]", Summary: "say hello", Run: greet},
		{Name: "help", Args: "[COMMAND]", Summary: "show help", Run: Help},
	}
	for _, tc := range []struct {
		args     []string
		code     int
		name     string
		pos      []string
		inOutput string
	}{
		{args: []string{"greet", "a", "--name", "Sam", "b"}, code: ExitOK, name: "Sam", pos: []string{"a", "b"}},
		{args: []string{"greet", "--", "-x"}, code: ExitOK, name: "you", pos: []string{"-x"}},
		{args: []string{"greet", "a", "b", "c"}, code: ExitUsage, inOutput: `unexpected argument "c"`},
		{args: []string{"greet", "-h"}, code: ExitOK, inOutput: "Say hello.\n\nOptions (write -name or --name):\n  --name string\n      whom to greet (default you)"},
		{args: []string{"help", "greet"}, code: ExitOK, inOutput: "Usage: talksite greet [--name NAME] [A] [B]"},
		{args: []string{"help"}, code: ExitOK, inOutput: "  talksite greet    [--name NAME] [A] [B]\n             say hello\n"},
		{args: nil, code: ExitUsage, inOutput: "Usage:"},
		{args: []string{"nope"}, code: ExitUsage, inOutput: `unknown command "nope"`},
	} {
		t.Run(strings.Join(tc.args, "_"), func(t *testing.T) {
			gotName, gotArgs = "", nil
			var out bytes.Buffer
			code := Run(table, tc.args, &out, &out)
			if code != tc.code || gotName != tc.name || !slices.Equal(gotArgs, tc.pos) || !strings.Contains(out.String(), tc.inOutput) {
				t.Errorf("exit %d, name %q, args %q, output:\n%s\nwant exit %d, name %q, args %q, output with %q", code, gotName, gotArgs, out.String(), tc.code, tc.name, tc.pos, tc.inOutput)
			}
		})
	}
}
