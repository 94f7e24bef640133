package syntax

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: any text parses or fails with a positioned error; never a
// panic or a hang.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"../scenario/testdata/golden", "../scenario/testdata/errors"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.scn"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse(src)
		if err != nil {
			l, ok := err.(ErrorList)
			if !ok || len(l) == 0 {
				t.Fatalf("error of type %T", err)
			}
			e := l[0]
			if _, ok := Messages[e.Code]; !ok {
				t.Fatalf("unknown code %s", e.Code)
			}
			if e.Code != "E_SOURCE_TOO_LARGE" && (e.Pos.Line < 1 || e.Pos.Offset > len(src)) {
				t.Fatalf("bad position %+v for %s", e.Pos, e.Code)
			}
			_ = e.Message("ko")
			return
		}
		for _, s := range file.Stmts {
			if s.Start().Offset > s.End().Offset || s.End().Offset > len(src) {
				t.Fatalf("bad span %v-%v", s.Start(), s.End())
			}
		}
	})
}
