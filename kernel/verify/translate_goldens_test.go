package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every golden written as the book writes it (#define, a _tmain per
// process, globals, helper functions, typedef) translates to C, so that
// `make verify` can replay it under Wine (which compiles it): the macros
// come along, helpers become C functions whose statements are steps, and
// a process whose main function is its last code exits at the closing
// brace.
func TestTranslateBookGoldens(t *testing.T) {
	files, _ := filepath.Glob("../scenario/testdata/golden/[5-7]*.scn")
	if len(files) < 17 {
		t.Fatalf("only %d goldens 50-79", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m := loadFile(t, f)
			if _, err := Translate(m.File, m.Plan); err != nil {
				t.Fatal(err)
			}
		})
	}
	m := loadFile(t, "../scenario/testdata/golden/51_textbook_exit_code.scn")
	c, err := Translate(m.File, m.Plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"#define CHILD_OK 1",                            // directives copied
		"static int SumItems(int items[], int count) {", // a helper, instrumented
		"hv_post(23, 13);",                              // its "return -1;" is a step
		"hv_exit(68, ",                                  // the child's main ends at its brace
	} {
		if !strings.Contains(c, want) {
			t.Errorf("translation of golden 51 lacks %q", want)
		}
	}
	if strings.Contains(c, "#include <windows.h>\n#define") {
		t.Error("the scenario's #include is copied")
	}
}

func loadFile(t *testing.T, path string) *Model {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := load(t, string(src))
	m.Path = path
	return m
}
