package scenario

import (
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// Resolution reports every unknown name and function at once, in order,
// before anything runs.
func TestResolveReportsAll(t *testing.T) {
	src := `process Parent;
@Parent
HANDLE hMutex = CreateMutex(NULL, FALSE, NULL);
CloseHandle(hMutx);
WaitForSingleObjekt(hMutex, INFINITE);
{ int inner = 1; }
inner = 2;
SetEvent(hMutex, 1);
`
	_, err := Run(src, Options{})
	l, ok := err.(syntax.ErrorList)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, e := range l {
		got = append(got, e.Code+"@"+e.Pos.String())
	}
	want := "E_UNDECLARED@4:13 E_UNKNOWN_FUNCTION@5:1 E_UNDECLARED@7:1 E_ARG_COUNT@8:1"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if !strings.Contains(l[1].Message("en"), "did you mean WaitForSingleObject?") {
		t.Errorf("no suggestion: %s", l[1].Message("en"))
	}
}

// "#define NAME value" is a macro, as in C: seed 003's restated
// HANDLE_FLAG_INHERIT keeps its value, and the textbooks' BUF_SIZE sizes
// an array (it was E_PP_DEFINE before the preprocessor, issue 10).
func TestDefinesAreMacros(t *testing.T) {
	src := "#define HANDLE_FLAG_INHERIT 0x00000001\n#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x00000002 // 보호\n#define BUF_SIZE 100\n" +
		"process P;\n@P\nint x = HANDLE_FLAG_INHERIT;\nTCHAR buf[BUF_SIZE];\nexpect(x == 1);\nexpect(sizeof(buf) == 200);\n"
	tr, err := Run(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err != nil || len(tr.Steps) != 5 {
		t.Fatalf("err %v, %d steps", tr.Err, len(tr.Steps))
	}
	for _, st := range tr.Steps {
		for _, e := range st.Expects {
			if !e.OK {
				t.Errorf("expect failed: %s", e.Text)
			}
		}
	}
}
