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
