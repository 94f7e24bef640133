package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// pauseSources are scenarios long enough to pause in: the browser's worst
// inputs (issue 15) and one whose macros make the expander work.
func pauseSources() map[string]string {
	head := "process P;\n@P\n"
	var lines, macros strings.Builder
	lines.WriteString(head)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&lines, "// line %d\nint v%d = %d;\n", i, i, i)
	}
	macros.WriteString("#define TWICE(x) ((x) + (x))\n#define N 3\n" + head)
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&macros, "int m%d = TWICE(N) + TWICE(%d);\n", i, i)
	}
	return map[string]string{
		"5,000 declarations": lines.String(),
		"macros":             macros.String(),
		"40,000-term sum":    head + "int x = " + strings.TrimSuffix(strings.Repeat("1+", 40000), "+") + ";\n",
		"10,000 else if":     head + "int x = 0;\nif (x) x = 1;" + strings.Repeat(" else if (x) x = 1;", 10000) + "\n",
	}
}

// The browser parses with a pause hook so that its page answers keys and
// the Stop button during a long parse (issue 15). A hook that lets the
// parse go on must not change its result, and must be called all along
// it; one that says stop ends the parse with E_STOPPED where it got to,
// whichever phase (lexer, macros, parser) it is in.
func TestParseWithPausesAndStops(t *testing.T) {
	srcs := pauseSources()
	files, _ := filepath.Glob("../scenario/testdata/golden/*.scn")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(f)] = string(b)
	}
	for name, src := range srcs {
		want, wantErr := Parse(src)
		calls := 0
		got, gotErr := ParseWith(src, func() bool { calls++; return true })
		if !reflect.DeepEqual(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: ParseWith with a hook that goes on differs from Parse: %v / %v", name, gotErr, wantErr)
		}
		toks, _, _ := Lex(src)
		if min := len(toks) / pauseEvery; calls < min {
			t.Errorf("%s: the hook was called %d times over %d tokens, want at least %d", name, calls, len(toks), min)
		}
		if calls == 0 {
			continue
		}
		// Stop at each call in turn: every one ends the parse there.
		for stopAt := 1; stopAt <= calls; stopAt += max(1, calls/20) {
			n := 0
			f, err := ParseWith(src, func() bool { n++; return n < stopAt })
			if n != stopAt {
				t.Errorf("%s: the hook was called %d more times after it said stop", name, n-stopAt)
			}
			var e *Error
			if l, ok := err.(ErrorList); ok && len(l) == 1 {
				e = l[0]
			}
			if f != nil || e == nil || e.Code != "E_STOPPED" {
				t.Errorf("%s, stopped at call %d: got %v, %v; want E_STOPPED", name, stopAt, f, err)
				continue
			}
			if e.Pos.Line < 1 || e.Pos.Offset > len(src) || !strings.Contains(e.Text("en"), "stopped") {
				t.Errorf("%s, stopped at call %d: %v at %+v", name, stopAt, e.Text("en"), e.Pos)
			}
		}
	}
}
