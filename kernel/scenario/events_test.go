package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handleviz/kernel"
)

// Every event of the golden scenarios has a micro-step text in both
// languages, with process names rather than PIDs.
func TestEventCaptions(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	kinds := map[kernel.EventKind]bool{}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		tr, err := Run(string(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tr.Steps {
			for _, e := range s.Events {
				kinds[e.Kind] = true
				c := tr.EventCaption(e)
				if c.En == "" || c.Ko == "" || strings.Contains(c.En, "%!") || strings.Contains(c.Ko, "%!") {
					t.Fatalf("%s: %v: %+v", f, e, c)
				}
				if strings.Contains(c.Ko, "을(를)") && !strings.Contains(c.Ko, "'") {
					t.Errorf("particle left unresolved: %q", c.Ko)
				}
			}
		}
	}
	if len(kinds) < 18 {
		t.Errorf("the golden scenarios produce only %d kinds of events", len(kinds))
	}
	tr := mustRun(t, "process Parent;\n@Parent\nHANDLE h = CreateMutex(NULL, FALSE, NULL);\n")
	var got []string
	for _, e := range tr.Steps[1].Events {
		got = append(got, tr.EventCaption(e).Ko)
	}
	want := "뮤텍스 생성|Parent 프로세스: 핸들 0x4(인덱스 1) → 뮤텍스, 액세스 0x1F0001|뮤텍스 사용 카운트 0 → 1 (생성)|Parent 프로세스: 마지막 오류 = ERROR_SUCCESS (0)"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}
