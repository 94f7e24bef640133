package ui

import (
	"strings"
	"testing"
)

func TestCompileSyntaxError(t *testing.T) {
	tr := Compile("process P;\n@P\nHANDLE h = CreateMutex(NULL, FALSE NULL);\n")
	if tr.Err == nil || tr.Err.Line != 3 || tr.Err.Col == 0 {
		t.Fatalf("want an error at line 3, got %+v", tr.Err)
	}
	if !strings.Contains(tr.Err.Msg.En, "expected") {
		t.Errorf("message: %q", tr.Err.Msg.En)
	}
}

func TestBundledLessonsParse(t *testing.T) {
	for _, l := range assetsLessons() {
		if tr := Compile(l.Source); tr.Err != nil {
			t.Errorf("%s: line %d:%d: %s", l.ID, tr.Err.Line, tr.Err.Col, tr.Err.Msg.En)
		} else if len(tr.Steps) == 0 {
			t.Errorf("%s: no steps", l.ID)
		}
	}
}

// A runtime error keeps the steps before it and says where it stopped.
func TestCompileRuntimeError(t *testing.T) {
	tr := Compile("process A;\n@A\nint x = 1;\nExitProcess(0);\n@A\nint y = 2;\n")
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
