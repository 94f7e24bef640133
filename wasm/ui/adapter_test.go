package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

func TestCompileSyntaxError(t *testing.T) {
	tr := scene.Compile("process P;\n@P\nHANDLE h = CreateMutex(NULL, FALSE NULL);\n")
	if tr.Err == nil || tr.Err.Line != 3 || tr.Err.Col == 0 {
		t.Fatalf("want an error at line 3, got %+v", tr.Err)
	}
	if !strings.Contains(tr.Err.Msg.En, "expected") {
		t.Errorf("message: %q", tr.Err.Msg.En)
	}
}

func TestBundledLessonsParse(t *testing.T) {
	for _, l := range assetsLessons() {
		if tr := scene.Compile(l.Source); tr.Err != nil {
			t.Errorf("%s: line %d:%d: %s", l.ID, tr.Err.Line, tr.Err.Col, tr.Err.Msg.En)
		} else if len(tr.Steps) == 0 {
			t.Errorf("%s: no steps", l.ID)
		}
	}
}

// A runtime error keeps the steps before it and says where it stopped.
func TestCompileRuntimeError(t *testing.T) {
	tr := scene.Compile("process A;\n@A\nint x = 1;\nExitProcess(0);\n@A\nint y = 2;\n")
	if tr.Err == nil {
		t.Fatalf("no error for a statement of an exited process")
	}
	if tr.Err.Line == 0 || tr.Err.Msg.En == "" || tr.Err.Msg.Ko == "" {
		t.Errorf("error without a line or a message in both languages: %+v", tr.Err)
	}
	if len(tr.Steps) == 0 {
		t.Errorf("the steps before the error are lost")
	}
}

// The error box marks the character at the error's column, also after wide
// (Korean) characters and tabs, where a caret under the line would drift.
func TestErrorMarksTheColumn(t *testing.T) {
	src := "process P;\n@P\n\tHANDLE 핸들 = CreateMutex(NULL, FALSE NULL);\n"
	tr := scene.Compile(src)
	if tr.Err == nil || tr.Err.Line != 3 {
		t.Fatalf("want an error at line 3, got %+v", tr.Err)
	}
	a, _ := mount(t, tr, 0, false)
	html := app.HTMLString(a)
	box := element(t, html, "error")
	m := regexp.MustCompile(`<mark[^>]*>([^<]*)</mark>`).FindStringSubmatch(box)
	if m == nil {
		t.Fatalf("no marked character in the error box: %s", box)
	}
	line := []rune(strings.Split(src, "\n")[2])
	if want := string(line[tr.Err.Col-1]); m[1] != want {
		t.Errorf("marked %q, want %q (column %d of %q)", m[1], want, tr.Err.Col, string(line))
	}
}
