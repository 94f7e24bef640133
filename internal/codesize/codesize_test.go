// Package codesize holds only a test: it keeps functions and files small
// enough to read (issue 16: no non-test function over 150 lines, no
// non-test file over 700).
package codesize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const (
	maxFuncLines = 150
	maxFileLines = 700
)

// tooBig lists what is still over the limits, each to be split; the test
// fails when anything else grows past them, and when an entry here has
// shrunk (so the list only ever gets shorter).
var tooBig = map[string]bool{}

func TestCodeSize(t *testing.T) {
	root := "../.."
	fset := token.NewFileSet()
	var over []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "web", "testdata", "wine-probes":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if n := fset.Position(f.End()).Line; n > maxFileLines {
			over = append(over, "file "+rel)
			t.Logf("file %s: %d lines", rel, n)
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			if n > maxFuncLines {
				name := fd.Name.Name
				if fd.Recv != nil && len(fd.Recv.List) > 0 {
					name = recvName(fd.Recv.List[0].Type) + "." + name
				}
				over = append(over, "func "+rel+" "+name)
				t.Logf("func %s %s: %d lines", rel, name, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(over)
	seen := map[string]bool{}
	for _, o := range over {
		seen[o] = true
		if !tooBig[o] {
			t.Errorf("%s is over the limit (functions %d lines, files %d): split it", o, maxFuncLines, maxFileLines)
		}
	}
	for o := range tooBig {
		if !seen[o] {
			t.Errorf("%s is within the limits now: take it off the list", o)
		}
	}
}

func recvName(x ast.Expr) string {
	switch v := x.(type) {
	case *ast.StarExpr:
		return recvName(v.X)
	case *ast.Ident:
		return v.Name
	case *ast.IndexExpr:
		return recvName(v.X)
	}
	return "?"
}
