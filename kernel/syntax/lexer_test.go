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
