package scene

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzScene goes the whole way a student's text goes in the browser: source
// → CompileWith (the interpreter at the browser's budgets, its pause hook,
// the adapter) →
// timeline → the laid-out scene at the first, a middle and the last
// micro-step, whole and through a window. No input may panic there; a
// trace's error must carry a position.
func FuzzScene(f *testing.F) {
	for _, pattern := range []string{"../../kernel/scenario/testdata/golden/*.scn", "../../assets/lessons/*.scn"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		// As the browser runs it: through the pause hook, which for some
		// inputs answers Stop after a few calls (in the parse, the resolver
		// or the run, wherever the input has got to).
		calls, stopAt := 0, len(src)%5 // 0: never stops
		pause := func(Progress) bool { calls++; return stopAt == 0 || calls < stopAt }
		tr := CompileWith(src, pause)
		if tr.Err != nil && (tr.Err.Line < 0 || tr.Err.Msg.En == "") {
			t.Fatalf("error without a message or with a bad line: %+v", tr.Err)
		}
		tl := NewTimelineWith(tr, pause)
		n := tl.Len()
		if n == 0 {
			Build(tl, 0, 0, nil) // a parse error: the empty scene
			return
		}
		for _, m := range []int{0, n / 2, n - 1} {
			sc := Build(tl, m, m, nil)
			if sc == nil {
				t.Fatal("no scene")
			}
			Build(tl, tl.First[tl.StepOf(m)], m, &Window{Top: 0, Bottom: 600})
		}
	})
}
