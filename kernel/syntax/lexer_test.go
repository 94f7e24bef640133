package syntax

import "testing"

// Code pasted from web pages keeps its no-break spaces, Korean text its
// ideographic spaces, Notepad its byte order mark: all are whitespace, and
// positions after them count as the editor shows them.
func TestUnicodeWhitespace(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line, col int // where "x" is
	}{
		{"NBSP", "int\u00a0x;", 1, 5},
		{"NBSP before a literal (seed 003)", "f(1,\u00a0 x);", 1, 7},
		{"ideographic space", "int\u3000x;", 1, 5},
		{"em space and zero-width space", "int\u2003\u200bx;", 1, 6},
		{"BOM", "\ufeffint x;", 1, 5},
		{"BOM, then a preprocessor line", "\ufeff#include <windows.h>\nint x;", 2, 5},
		// Editors and the browser break lines at a lone CR (old Mac files)
		// and at U+2028/U+2029 (pasted from web pages); counting only LF
		// put every later error on the wrong line.
		{"CRLF", "int a;\r\nint x;", 2, 5},
		{"lone CR", "int a;\rint x;", 2, 5},
		{"lone CR after a comment", "// note\r#define UNICODE\rint x;", 3, 5},
		{"U+2028", "int a;\u2028int x;", 2, 5},
		{"U+2029 after a comment", "// note\u2029int x;", 2, 5},
	} {
		toks, _, err := Lex(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		found := false
		for _, tk := range toks {
			if tk.Text == "x" {
				found = true
				if tk.Pos.Line != c.line || tk.Pos.Col != c.col {
					t.Errorf("%s: x at %v, want %d:%d", c.name, tk.Pos, c.line, c.col)
				}
			}
		}
		if !found {
			t.Errorf("%s: no x among %v", c.name, toks)
		}
	}
	// Inside a string literal a no-break space is a character like any
	// other; a BOM elsewhere than at the start is a space too.
	toks, _, err := Lex("\"a\u00a0b\"")
	if err != nil || toks[0].Str != "a\u00a0b" {
		t.Errorf("string literal: %v %q", err, toks[0].Str)
	}
	// Other symbols are still errors, at their position.
	if _, _, err := Lex("int x = 1\uff1b"); err == nil || err.Code != "E_BAD_CHAR" || err.Pos.Col != 10 {
		t.Errorf("full-width semicolon: %v", err)
	}
}

// An error's position counts the same line breaks as the tokens'.
func TestLineBreaksInErrors(t *testing.T) {
	for _, src := range []string{"int a;\r\"x", "int a;\u2028\"x", "int a;\r\xff"} {
		_, _, err := Lex(src)
		if err == nil || err.Pos.Line != 2 {
			t.Errorf("%q: %v, want an error on line 2", src, err)
		}
	}
	if got := NormalizeNewlines("a\r\nb\rc\u2028d\u2029e\n"); got != "a\nb\nc\nd\ne\n" {
		t.Errorf("NormalizeNewlines: %q", got)
	}
}
