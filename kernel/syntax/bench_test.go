package syntax

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseAll parses every golden scenario and bundled lesson (about
// 100 files): the parse a page runs when a lesson opens, measured with and
// without the pause hook the browser passes (docs/performance.md).
func BenchmarkParseAll(b *testing.B) {
	var srcs []string
	for _, pattern := range []string{"../scenario/testdata/golden/*.scn", "../../assets/lessons/*.scn"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, string(src))
		}
	}
	if len(srcs) < 60 {
		b.Fatalf("only %d scenarios", len(srcs))
	}
	for _, c := range []struct {
		name  string
		parse func(string) (*File, error)
	}{
		{"Parse", Parse},
		{"ParseWithPause", func(src string) (*File, error) { return ParseWith(src, func() bool { return true }) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, src := range srcs {
					c.parse(src) // some goldens are parse errors on purpose
				}
			}
		})
	}
}
