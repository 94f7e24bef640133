package scenario

import (
	"os"
	"path/filepath"
	"testing"

	"handleviz/kernel/syntax"
)

// FuzzRun: any text either fails to parse or runs to a trace (perhaps with
// a runtime error) within the step limit: no panic, no hang, bounded memory.
// The state at the last step must pass the kernel's invariant check.
func FuzzRun(f *testing.F) {
	for _, dir := range []string{"testdata/golden", "testdata/errors"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.scn"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Small budgets keep each input quick, so the fuzzer tries many;
		// one input in four runs at the browser's budgets (Interactive),
		// where what a student types actually runs.
		opt := Options{MaxSteps: 2000, MaxWork: 100_000, MaxEvents: 20_000}
		if len(src)%4 == 0 {
			opt = Interactive
		}
		tr, err := Run(src, opt)
		if err != nil {
			if _, ok := err.(syntax.ErrorList); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if tr.Err != nil {
			if tr.Err.Code == "E_INTERNAL" {
				t.Fatal(tr.Err)
			}
			if _, ok := syntax.Messages[tr.Err.Code]; !ok {
				t.Fatalf("unknown code %s", tr.Err.Code)
			}
		}
		if n := len(tr.Steps); n > 0 {
			if err := tr.StateAt(n - 1).Check(); err != nil {
				t.Fatalf("state at the last step: %v", err)
			}
			tr.Caption(n - 1)
		}
		if _, err := MarshalJSON(tr); err != nil {
			t.Fatal(err)
		}
	})
}
