package scenario

import (
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// deepInputs are sources whose shape drives recursion: the parser's, the
// resolver's, the evaluator's and every walk of the tree (Start, End). The
// browser's wasm stack is small (Chromium's ~1 MB JS stack carries every
// Go call), so each must end in a syntax error with a position or in a run,
// never in "Maximum call stack size exceeded". Run natively by go test, and
// under Node with `make test-wasm` (GOOS=js GOARCH=wasm go test
// -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec -run 'TestDeep|TestWorst'),
// where the stack is the browser's.
func deepInputs() []struct {
	name, src string
	wantErr   string // a syntax error's code; "" for a run
} {
	head := "process P;\n@P\n"
	chain := func(term, op string, n int) string { return strings.TrimSuffix(strings.Repeat(term+op, n), op) }
	return []struct {
		name, src string
		wantErr   string
	}{
		{"40,000-term sum", head + "int x = " + chain("1", "+", 40000) + ";\n", "E_NESTING"},
		{"40,000-term logical or", head + "int x = " + chain("0", "||", 40000) + ";\n", "E_NESTING"},
		{"20,000 nested ?:", head + "int x = " + strings.Repeat("1 ? 1 : ", 20000) + "0;\n", "E_NESTING"},
		{"20,000 ?: nested in the middle", head + "int x = " + strings.Repeat("1 ? ", 20000) + "1" + strings.Repeat(" : 0", 20000) + ";\n", "E_NESTING"},
		{"500-term sum inside a loop", head + "int x;\nwhile (1) x = " + chain("1", "+", 500) + ";\n", "E_NESTING"},
		{"30,000 parentheses", head + "int x = " + strings.Repeat("(", 30000) + "1" + strings.Repeat(")", 30000) + ";\n", "E_NESTING"},
		{"30,000 unary minus", head + "int x = " + strings.Repeat("-", 30000) + "1;\n", "E_NESTING"},
		{"30,000 casts", head + "int x = " + strings.Repeat("(int)", 30000) + "1;\n", "E_NESTING"},
		{"30,000 assignments", head + "int x;\n" + strings.Repeat("x = ", 30000) + "1;\n", "E_NESTING"},
		{"30,000 blocks", head + strings.Repeat("{", 30000) + strings.Repeat("}", 30000) + "\n", "E_NESTING"},
		{"30,000 nested ifs", head + "int x = 1;\n" + strings.Repeat("if (x) ", 30000) + "x = 2;\n", "E_NESTING"},
		{"30,000 nested initializers", head + "int a[1] = " + strings.Repeat("{", 30000) + "1" + strings.Repeat("}", 30000) + ";\n", "E_NESTING"},
		{"30,000 indexes", head + "int a[2];\nint x = a" + strings.Repeat("[0]", 30000) + ";\n", "E_NESTING"},
		{"30,000 postfix increments", head + "int x;\nx" + strings.Repeat("++", 30000) + ";\n", "E_NESTING"},
		{"20,000 fields", head + "PROCESS_INFORMATION pi;\npi" + strings.Repeat(".hProcess", 20000) + ";\n", "E_NESTING"},
		{"10,000 else if on one line", head + "int x = 0;\nif (x == 1) x = 1;" + strings.Repeat(" else if (x == 1) x = 1;", 10000) + " else x = 7;\nexpect(x == 7);\n", ""},
		{"60-term sum", head + "int x = " + chain("1", "+", 60) + ";\nexpect(x == 60);\n", ""},
	}
}

func TestDeepInputs(t *testing.T) {
	for _, c := range deepInputs() {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Run(c.src, Interactive)
			if c.wantErr != "" {
				l, ok := err.(syntax.ErrorList)
				if !ok || len(l) == 0 {
					t.Fatalf("no syntax error (%v); want %s", err, c.wantErr)
				}
				if l[0].Code != c.wantErr || l[0].Pos.Line != 3 && l[0].Pos.Line != 4 || l[0].Pos.Col == 0 {
					t.Fatalf("got %s at %d:%d; want %s with a position on its line", l[0].Code, l[0].Pos.Line, l[0].Pos.Col, c.wantErr)
				}
				if msg := l[0].Message("en"); !strings.Contains(msg, "64") || !strings.Contains(msg, "split") {
					t.Errorf("message %q does not name the limit and what to change", msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr.Err != nil && tr.Err.Code != "E_TYPE" {
				t.Fatal(tr.Err)
			}
			if f := tr.Failed(); len(f) > 0 {
				t.Fatalf("expect failed: %v", f[0].Text)
			}
		})
	}
}
