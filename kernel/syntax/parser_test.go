package syntax

import (
	"strings"
	"testing"
)

func parseErr(src string) *Error {
	_, err := Parse(src)
	if err == nil {
		return nil
	}
	return err.(ErrorList)[0]
}

// A misspelled type or keyword is named, at the word, with the intended
// one; the parser used to say "expected ';'" after it.
func TestMisspelledWords(t *testing.T) {
	for src, want := range map[string]string{
		"HANDEL h;":                   "E_UNKNOWN_TYPE 1:1 unknown type HANDEL (did you mean HANDLE?)",
		"DWROD x = 1;":                "E_UNKNOWN_TYPE 1:1 unknown type DWROD (did you mean DWORD?)",
		"SECURITY_ATTRIBUTE sa;":      "E_UNKNOWN_TYPE 1:1 unknown type SECURITY_ATTRIBUTE (did you mean SECURITY_ATTRIBUTES?)",
		"handle h, g;":                "E_UNKNOWN_TYPE 1:1 unknown type handle (did you mean HANDLE?)",
		"HANDEL *p = 0;":              "E_UNKNOWN_TYPE 1:1 unknown type HANDEL (did you mean HANDLE?)",
		"Foo bar;":                    "E_UNKNOWN_TYPE 1:1 unknown type Foo",
		"int x; retrun 0;":            "E_UNKNOWN_KEYWORD 1:8 unknown word retrun (did you mean return?)",
		"retrun x;":                   "E_UNKNOWN_KEYWORD 1:1 unknown word retrun (did you mean return?)",
		"whlie (i<3) i++;":            "E_UNKNOWN_KEYWORD 1:1 unknown word whlie (did you mean while?)",
		"fro (i = 0; i < 3; i++) ;":   "E_UNKNOWN_KEYWORD 1:1 unknown word fro (did you mean for?)",
		"fi (x) y = 1;":               "E_UNKNOWN_KEYWORD 1:1 unknown word fi (did you mean if?)",
		"x = 1 y = 2;":                "E_EXPECTED 1:6 expected ';' after expression",
		"CloseHandel(h) CloseHandle;": "E_EXPECTED 1:15 expected ';' after expression",
	} {
		e := parseErr(src)
		if e == nil {
			t.Errorf("%q: no error", src)
			continue
		}
		if got := e.Code + " " + e.Pos.String() + " " + e.Text("en"); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
		if ko := e.Message("ko"); strings.Contains(ko, "(를)") || strings.Contains(ko, "{") {
			t.Errorf("%q: Korean %q", src, ko)
		}
	}
	// Words that only look like keywords still parse where C allows them.
	for _, src := range []string{"iff = 1;", "whlie(x);", "a * b;"} {
		if e := parseErr(src); e != nil {
			t.Errorf("%q: %v", src, e)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"retrun", "return", 1}, {"whlie", "while", 1}, {"hmutx", "hmutex", 1}, {"abc", "abc", 0}, {"", "ab", 2}, {"ca", "abc", 3}, {"한글", "한국", 1}} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

// Helper functions are defined at the top level, as in C (issue 10); one
// inside a block is an error at its name. Prototypes parse (the resolver
// checks that they are defined), and a helper's parameters need names.
func TestFunctionDefinitions(t *testing.T) {
	wantErrors(t, map[string]string{
		"void helper(HANDLE h) { x = 1; }":     "",
		"{ void helper(HANDLE h) { x = 1; } }": "E_USER_FUNCTION 1:8",
		"int twice(int) { return 2; }":         "E_EXPECTED 1:14",
		"BOOL CloseIt(HANDLE h);":              "",
		"typedef struct _P { int x; } P;":      "E_TYPEDEF_STRUCT 1:1",
		"typedef DWORD;":                       "E_EXPECTED 1:14",
		"typedef HANDEL H;":                    "E_UNKNOWN_TYPE 1:9",
		"typedef TCHAR *PSTR2;\ntypedef PSTR2 NAME;\nNAME s = TEXT(\"a\");": "",
		"int main(int a, char *b[], char *c[], int d) { }":                  "E_MAIN_PARAMS 1:5",
		"int WINAPI WinMain(HINSTANCE h, LPSTR cmd) { }":                    "E_MAIN_PARAMS 1:12",
		"int main(int argc, TCHAR* argv[]) { return 0; } x(;":               "E_EXPECTED_EXPR 1:51",
		"int _tmain(int argc, _TCHAR* argv[]) { int x = 1; }":               "",
		"int main(void) { }": "",
		"int APIENTRY wWinMain(HINSTANCE a, HINSTANCE b, LPWSTR c, int d) { }": "",
	})
}

// A caption before a marker narrates the next statement (markers make no
// step, so it used to vanish); one with no statement after it, at the end
// of the file or of a block, is an error.
func TestCaptionPlacement(t *testing.T) {
	f, err := Parse("process A, B;\n@A\nint x;\n//en: switch to B and declare\n@B\nint y;\n")
	if err != nil {
		t.Fatal(err)
	}
	if d := f.Stmts[len(f.Stmts)-1].(*DeclStmt); d.Cap.En != "switch to B and declare" {
		t.Errorf("caption of int y: %q", d.Cap.En)
	}
	wantErrors(t, map[string]string{
		"process A;\n@A\nint y;\n//en: dangling\n":       "E_DANGLING_CAPTION 4:1",
		"process A;\n@A\n{ int y;\n//ko: 끝\n}\nint z;\n": "E_DANGLING_CAPTION 4:1",
		"process A;\n//en: nothing follows\n@A\n":        "E_DANGLING_CAPTION 2:1",
		"// handle-limit: 16 32\nprocess A;\n":           "E_BAD_META 1:1",
		"// handle-limit: 0\nprocess A;\n":               "E_BAD_META 1:1",
		"#if 0\nprocess A;\n#endif\n":                    "",
		"  #ifdef UNICODE\n":                             "E_PP_UNTERMINATED 1:3",
		"#define MAX(a, b) ((a) > (b) ? (a) : (b))\n":    "",
		"#include <windows.h>\n#define UNICODE\n#define _WIN32_WINNT 0x0601\n#define WIN32_LEAN_AND_MEAN\n#pragma once\n#undef X\n# \nprocess A;\n// title.en: T\n": "",
	})
}

// An else-if chain is a list: a hundred branches are not a hundred levels
// of nesting.
func TestElseIfChain(t *testing.T) {
	src := "process P;\n@P\nint x = 0;\nif (x == 1) x = 1;" + strings.Repeat(" else if (x == 2) x = 2;", 200) + " else x = 3;\n"
	if e := parseErr(src); e != nil {
		t.Fatal(e)
	}
	deep := "process P;\n@P\nint x = 0;\n" + strings.Repeat("if (x) ", 70) + "x = 1;\n"
	if e := parseErr(deep); e == nil || e.Code != "E_NESTING" {
		t.Errorf("70 nested ifs: %v", e)
	}
}
