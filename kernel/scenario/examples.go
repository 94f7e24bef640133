package scenario

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// The golden scenarios are the test suite's, and every one is also an
// example a student can open ("More examples" in the lesson picker), so
// nothing the project ships stays hidden in its tests.
//
//go:embed testdata/golden/*.scn
var goldens embed.FS

// Example is one golden scenario: its ID (the file name without .scn,
// e.g. "12_pipe") and its source.
type Example struct {
	ID     string
	Source string
}

// ExampleByID returns one golden scenario, reading only its file (an open
// example's menu entry asks for it on every render).
func ExampleByID(id string) (Example, bool) {
	if id == "" || strings.ContainsAny(id, "/\\") {
		return Example{}, false
	}
	b, err := goldens.ReadFile("testdata/golden/" + id + ".scn")
	if err != nil {
		return Example{}, false
	}
	return Example{ID: id, Source: string(b)}, true
}

// Examples returns the golden scenarios in file-name order.
func Examples() []Example {
	names, _ := fs.Glob(goldens, "testdata/golden/*.scn")
	out := make([]Example, 0, len(names))
	for _, n := range names {
		b, _ := goldens.ReadFile(n)
		out = append(out, Example{ID: strings.TrimSuffix(path.Base(n), ".scn"), Source: string(b)})
	}
	return out
}
