package scenario

import (
	"strconv"
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// TestDeepCalls: helper functions multiply the recursion the nesting
// limit bounds: each of maxCallDepth calls may nest its own expressions
// and blocks nearly 64 deep. The worst case must still end in
// E_CALL_DEPTH, not in a stack overflow, natively and under Node (make
// test-wasm runs TestDeep*, where the stack is the browser's). Likewise a
// chain of macros deeper than the limit is E_NESTING at the use.
func TestDeepCalls(t *testing.T) {
	// 30 nested blocks, then the call at the bottom of 8 nested
	// parentheses in a return: as deep as the parser allows (more is
	// E_NESTING), inside each of the 64 calls.
	body := strings.Repeat("{ ", 30) + "if (n > 1000) return 0; return " + strings.Repeat("(1 + ", 8) + "deep(n + 1)" + strings.Repeat(")", 8) + ";" + strings.Repeat(" }", 30)
	src := "int deep(int n) " + "{ " + body + " }\nprocess P;\n@P\nint x = deep(0);\n"
	tr, err := Run(src, Interactive)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err == nil || tr.Err.Code != "E_CALL_DEPTH" || !strings.Contains(tr.Err.Message("en"), "P: deep ×65") {
		t.Fatalf("got %v, want E_CALL_DEPTH naming P: deep ×65", tr.Err)
	}

	var b strings.Builder
	b.WriteString("#define M0 1\n")
	for i := 1; i <= 70; i++ {
		b.WriteString("#define M" + strconv.Itoa(i) + " M" + strconv.Itoa(i-1) + "\n")
	}
	b.WriteString("process P;\n@P\nint x = M70;\n")
	_, err = Run(b.String(), Interactive)
	l, ok := err.(syntax.ErrorList)
	if !ok || l[0].Code != "E_NESTING" || l[0].Pos.Line != 74 || l[0].Pos.Col != 9 {
		t.Fatalf("70 chained macros: %v, want E_NESTING at 74:9", err)
	}
}
