package syntax

import (
	"strings"
	"testing"
)

// The textbooks' listings (윤성우 ch.7-8) start with #define BUF_SIZE and
// _T("…") names, and switch on UNICODE: the macros expand as a C
// preprocessor would for a Unicode build, and every token keeps a position
// in what the user wrote.
func TestPreprocessorExpands(t *testing.T) {
	src := "#define BUF_SIZE 1024\n" +
		"#define SLOT_NAME _T(\"\\\\\\\\.\\\\mailslot\\\\x\")\n" +
		"#define MAX(a, b) ((a) > (b) ? (a) : (b))\n#define ADD(a, b) (a + b)\n" +
		"#ifdef UNICODE\n#define WIDE 1\n#else\n#define WIDE 0\n#endif\n" +
		"#ifndef _UNICODE\nint never;\n#endif\n" +
		"#if defined(_WIN64) && BUF_SIZE >= 1024 && !defined(NOTHING)\n#define BIG 2\n#elif 1\n#define BIG 3\n#endif\n" +
		"#if 0\n//en: a caption in a skipped group is not one\n#error never read\n#endif\n" +
		"x = BUF_SIZE + ADD(WIDE, 7) + BIG + MAX(1, 2);\n" +
		"s = SLOT_NAME;\n"
	toks, comments, err := Lex(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 0 {
		t.Errorf("comments in a skipped group were kept: %+v", comments)
	}
	var texts []string
	for _, tk := range toks {
		texts = append(texts, tk.Text)
	}
	got := strings.Join(texts, " ")
	want := "x = 1024 + ( WIDE + 7 ) + 2 + ( ( 1 ) > ( 2 ) ? ( 1 ) : ( 2 ) ) ; s = _T ( \"\\\\\\\\.\\\\mailslot\\\\x\" ) ; "
	want = strings.ReplaceAll(want, "WIDE", "1")
	if got != want {
		t.Errorf("tokens:\n got %s\nwant %s", got, want)
	}
	// 1024 stands where BUF_SIZE was written (line 21, columns 5-13); the
	// 7 passed to ADD keeps its own column (MAX uses its arguments twice,
	// so they take MAX's span).
	line := strings.Count(src[:strings.Index(src, "x = BUF")], "\n") + 1
	for _, tk := range toks {
		switch tk.Text {
		case "1024":
			if tk.Pos.Line != line || tk.Pos.Col != 5 || tk.End.Col != 13 {
				t.Errorf("1024 at %v-%v, want %d:5-%d:13", tk.Pos, tk.End, line, line)
			}
		case "7":
			if tk.Pos.Line != line || tk.Pos.Col != 26 {
				t.Errorf("7 at %v, want %d:26", tk.Pos, line)
			}
		}
	}
	f, perr := Parse("process A;\n@A\n" + src)
	if perr != nil {
		t.Fatal(perr)
	}
	// A statement's text is what the user wrote, not the expansion.
	if got := f.Text(f.Stmts[2]); got != "x = BUF_SIZE + ADD(WIDE, 7) + BIG + MAX(1, 2);" {
		t.Errorf("statement text %q", got)
	}
}

// What the preprocessor does not do is an error at the directive or the
// use, saying what to write instead; an error inside a macro's body or
// arguments points at the user's line and column.
func TestPreprocessorErrors(t *testing.T) {
	wantErrors(t, map[string]string{
		"#define CAT(a, b) a ## b\n":                             "E_PP_DEFINE 1:21",
		"#define STR(a) #a\n":                                    "E_PP_DEFINE 1:16",
		"#define LOG(fmt, ...) printf(fmt)\n":                    "E_PP_VARIADIC 1:18",
		"#define MAX(a, b) a\nx = MAX(1);\n":                     "E_PP_ARGS 2:5",
		"#define MAX(a, b) a\nx = MAX(1, 2;\n":                   "E_EXPECTED 2:5",
		"#ifdef UNICODE\nint x;\n":                               "E_PP_UNTERMINATED 1:1",
		"#if 0\nint x;\n#if 1\n#endif\n":                         "E_PP_UNTERMINATED 1:1",
		"int x;\n#endif\n":                                       "E_PP_STRAY 2:1",
		"#ifdef A\n#else\n#else\n#endif\n":                       "E_PP_STRAY 3:1",
		"#if 1 +\n#endif\n":                                      "E_PP_IF 1:1",
		"#if (1\n#endif\n":                                       "E_PP_IF 1:1",
		"#if 1 / 0\n#endif\n":                                    "E_PP_IF 1:1",
		"#error stop\n":                                          "E_PREPROCESSOR 1:1",
		"#define\n":                                              "E_EXPECTED 1:8",
		"#undef\n":                                               "E_EXPECTED 1:7",
		"#define Q \"abc\nx = Q;\n":                              "E_UNTERMINATED_STRING 1:11",
		"#define A B\n#define B A\nprocess P;\n@P\nint y = A;\n": "",
		"#define A (1 +\nprocess P;\n@P\nint y = A;\n":           "E_EXPECTED_EXPR 4:10",
		"#define ONE 1\n#undef ONE\n#ifdef ONE\nx\n#endif\n":     "",
		"#define LONG_LINE 1 + \\\n 2\nprocess P;\n@P\nint y = LONG_LINE;\n": "",
		"#if 0\n#else\nprocess P;\n#endif\n@P\n":                             "",
		"#if 1\n#elif 1 / 0\n#endif\n":                                       "",
	})
}

// A macro that expands into itself, or a chain of them, stops as C's do;
// one that doubles at each level stops at the token limit.
func TestPreprocessorBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("#define M0 x x\n")
	for i := 1; i < 40; i++ {
		b.WriteString("#define M" + itoa(i) + " M" + itoa(i-1) + " M" + itoa(i-1) + "\n")
	}
	b.WriteString("M39\n")
	if e := parseErr(b.String()); e == nil || e.Code != "E_TOO_MANY_TOKENS" {
		t.Errorf("doubling macros: %v", e)
	}
	if e := parseErr("#define f(x) f(x)\nprocess P;\n@P\nf(1);\n"); e != nil {
		t.Errorf("self-referential macro: %v", e)
	}
}

// A macro that reorders its arguments still gives every statement a span
// that ends after it starts (FuzzParse's invariant).
func TestPreprocessorSpans(t *testing.T) {
	f, err := Parse("#define SWAP(a, b) b a\nprocess P;\n@P\nSWAP(;, int x = 1)\nSWAP(x = 2, ;);\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Stmts {
		if s.Start().Offset > s.End().Offset {
			t.Errorf("statement %T spans %v-%v", s, s.Start(), s.End())
		}
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10)) + string(rune('0'+i%10)))
}

// wantErrors parses each source and checks the first error's code and
// position ("" for none), and that the error has both messages.
func wantErrors(t *testing.T, cases map[string]string) {
	t.Helper()
	for src, want := range cases {
		got := ""
		if e := parseErr(src); e != nil {
			got = e.Code + " " + e.Pos.String()
			if _, ok := Messages[e.Code]; !ok || e.Message("ko") == "" {
				t.Errorf("%q: no message for %s", src, e.Code)
			}
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
