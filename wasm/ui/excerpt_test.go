package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// The error box quotes the error's line with the character at the column
// marked, counting characters (a tab or a Korean syllable is one), and a
// long line only around the column: a 1 MB literal used to be copied into
// the page (and converted to runes) on every render, which made every key
// after it take a third of a second in the browser.
func TestErrorExcerpt(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	for _, c := range []struct {
		name, src         string
		line, col         int
		before, at, after string
	}{
		{"plain", "int x;\nint y = ;\n", 2, 9, "int y = ", ";", ""},
		{"tab and Korean", "x\n\t값 = 1 +;\r\n", 2, 9, "\t값 = 1 +", ";", ""},
		{"past the end", "int x\n", 1, 6, "int x", " ", ""},
		{"no such line", "int x;\n", 5, 1, "", "", ""},
		{"long line", "s = \"" + long + "\";\n", 1, 1000, "…" + strings.Repeat("a", excerptBefore), "a", strings.Repeat("a", excerptAfter) + "…"},
		{"long line, column near its start", long + "\n", 1, 3, "aa", "a", strings.Repeat("a", excerptAfter) + "…"},
	} {
		before, at, after := excerptAround(c.src, c.line, c.col)
		if before != c.before || at != c.at || after != c.after {
			t.Errorf("%s: got %q %q %q, want %q %q %q", c.name, trim(before), at, trim(after), trim(c.before), c.at, trim(c.after))
		}
	}
	// Where the compiler says the error is, the excerpt marks the character
	// it means, whatever ends the lines (CRLF, a lone CR, U+2028) and with
	// tabs and Korean before it.
	for _, nl := range []string{"\n", "\r\n", "\r", "\u2028"} {
		src := strings.Join([]string{"process P;", "@P", "\tint 값 = 1 +;", ""}, nl)
		tr := scene.Compile(src)
		if tr.Err == nil {
			t.Fatalf("%q compiled", src)
		}
		before, at, _ := excerptAround(src, tr.Err.Line, tr.Err.Col)
		if before != "\tint 값 = 1 +" || at != ";" {
			t.Errorf("line break %q: error at %d:%d, excerpt %q [%q]", nl, tr.Err.Line, tr.Err.Col, before, at)
		}
	}
	// In the page: the error box of the 1 MB literal stays small.
	tr := scene.Compile("process P;\n@P\nTCHAR s[] = TEXT(\"" + long + "\");\n")
	if tr.Err == nil {
		t.Fatal("the 1 MB literal compiled")
	}
	a, _ := mount(t, tr, 0, false)
	if html := app.HTMLString(a.renderError()); len(html) > 2000 || !strings.Contains(html, "error-at") {
		t.Errorf("the error box is %d bytes: %s", len(html), trim(html))
	}
}

func trim(s string) string {
	if len(s) > 200 {
		return s[:100] + "…" + s[len(s)-100:]
	}
	return s
}

// The code pane draws a pasted megabyte on one line as its first
// characters and how many more there are (the editor keeps them all).
func TestCodePaneClipsLongLines(t *testing.T) {
	long := strings.Repeat("가", 5000)
	for _, lang := range []string{"en", "ko"} {
		html := app.HTMLString(&codeC{Src: "int x;\n" + long + "\n", Lo: 1, Hi: 1, ErrLine: -1, Lang: lang})
		if n := strings.Count(html, "가"); n != maxCodeLine {
			t.Errorf("%s: the code pane draws %d of the line's 5000 characters, want %d", lang, n, maxCodeLine)
		}
		if want := scene.Tf(lang, "code.clipped", "4000"); !strings.Contains(html, want) {
			t.Errorf("%s: no %q after the clipped line", lang, want)
		}
		if !strings.Contains(html, "int x;") {
			t.Errorf("%s: a short line was cut", lang)
		}
	}
}
