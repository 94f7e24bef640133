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

// "#define NAME value" is accepted only when it restates a constant with
// the value the language has (seed 003 quotes HANDLE_FLAG_INHERIT's).
func TestDefinesRestateConstants(t *testing.T) {
	ok := "#define HANDLE_FLAG_INHERIT 0x00000001\n#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x00000002 // 보호\nprocess P;\n@P\nint x = HANDLE_FLAG_INHERIT;\n"
	if _, err := Run(ok, Options{}); err != nil {
		t.Errorf("restated constants: %v", err)
	}
	for _, src := range []string{"#define HANDLE_FLAG_INHERIT 2\nprocess P;\n", "#define BUF_SIZE 100\nprocess P;\n"} {
		_, err := Run(src, Options{})
		if l, isList := err.(syntax.ErrorList); !isList || l[0].Code != "E_PP_DEFINE" || l[0].Pos.Line != 1 {
			t.Errorf("%q: %v", src, err)
		}
	}
}
