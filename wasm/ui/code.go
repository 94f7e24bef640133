package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel/syntax"
	"handleviz/wasm/scene"
)

// codeC is the scenario's text with the current statement highlighted (a
// component: re-rendered only when the statement changes).
type codeC struct {
	app.Compo
	Src     string
	Lo, Hi  int // current statement's lines
	ErrLine int
	Expects map[int]bool // line → expect held
	Lang    string       // captions in the other language are hidden

	linesOf string   // the Src lines was split from
	lines   []string // Src's lines, kept while Src is the same (every step renders the pane)
}

// splitLines is Src's lines, numbered as the lexer counts them (a lone CR,
// U+2028 and U+2029 break lines too), split again only when Src changed.
func (c *codeC) splitLines() []string {
	if c.lines == nil || c.linesOf != c.Src {
		c.lines = strings.Split(strings.TrimRight(syntax.NormalizeNewlines(c.Src), "\n"), "\n")
		c.linesOf = c.Src
	}
	return c.lines
}

// otherLang reports whether a line is a caption or title for the language
// the UI is not showing.
func otherLang(trim, lang string) bool {
	other := otherLangPrefixes["ko"]
	if lang == "ko" {
		other = otherLangPrefixes["en"]
	}
	for _, p := range other {
		if strings.HasPrefix(trim, p) {
			return true
		}
	}
	return false
}

// otherLangPrefixes are the prefixes of a language's caption and title
// lines (built once: the code pane asks for every line on every redraw).
var otherLangPrefixes = map[string][]string{"en": langPrefixes("en"), "ko": langPrefixes("ko")}

func langPrefixes(l string) []string {
	return []string{"//" + l + ":", "// " + l + ":", "// title." + l + ":", "// summary." + l + ":", "//quiz." + l + ":"}
}

// maxCodeComponents bounds the code lines that are components. Each
// component's mount goes through go-app's 4,096-slot dispatch queue from
// the goroutine that drains it, so a scenario of ~4,150 lines hung the page
// for good; beyond this many lines only those around the current statement
// (or the error) are components, and the rest are one plain text block
// above and one below, whatever the length.
const maxCodeComponents = 400

// codeWindow is the range [lo, hi) of 0-based line indexes drawn as
// components for n lines around the 1-based line at.
func codeWindow(n, at int) (lo, hi int) {
	if n <= maxCodeComponents {
		return 0, n
	}
	lo = max(0, at-1-maxCodeComponents/2)
	hi = min(n, lo+maxCodeComponents)
	return max(0, hi-maxCodeComponents), hi
}

// maxCodeLine is the most characters of one line the code pane draws: a
// pasted megabyte on one line cost the browser a third of a second of
// layout on every step. The editor keeps the whole line.
const maxCodeLine = 1000

// clipLine is l cut to maxCodeLine characters, saying how many were left out.
func clipLine(l, lang string) string {
	if len(l) <= maxCodeLine {
		return l
	}
	n := 0
	for i := range l {
		if n == maxCodeLine {
			return l[:i] + scene.Tf(lang, "code.clipped", strconv.Itoa(utf8.RuneCountInString(l[i:])))
		}
		n++
	}
	return l
}

// plainLines is lines [lo, hi) as one text block, numbered like the rows.
func plainLines(lines []string, lo, hi int, lang string) app.UI {
	var b strings.Builder
	for i := lo; i < hi; i++ {
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString("  ")
		b.WriteString(clipLine(lines[i], lang))
		b.WriteByte('\n')
	}
	return app.Pre().Class("code-plain").Text(b.String())
}

func (c *codeC) Render() app.UI {
	lines := c.splitLines()
	at := c.Lo
	if c.ErrLine > 0 {
		at = c.ErrLine
	}
	lo, hi := codeWindow(len(lines), at)
	rows := make([]app.UI, 0, hi-lo+2)
	if lo > 0 {
		rows = append(rows, plainLines(lines, 0, lo, c.Lang))
	}
	for i := lo; i < hi; i++ {
		l := lines[i]
		n := i + 1
		kind := "plain"
		trim := strings.TrimSpace(l)
		if otherLang(trim, c.Lang) && n != c.ErrLine {
			continue
		}
		switch {
		case strings.HasPrefix(trim, "//"):
			kind = "comment"
		case strings.HasPrefix(trim, "@"), strings.HasPrefix(trim, "process "):
			kind = "proc"
		}
		mark := ""
		if ok, has := c.Expects[n]; has {
			if ok {
				mark = "✓"
			} else {
				mark = "✗"
			}
		}
		rows = append(rows, &codeLineC{N: n, Class: kind, Mark: mark, Src: clipLine(l, c.Lang), Current: n >= c.Lo && n <= c.Hi, Err: n == c.ErrLine})
	}
	if hi < len(lines) {
		rows = append(rows, plainLines(lines, hi, len(lines), c.Lang))
	}
	return app.Div().ID("code").Class("code").Body(rows...)
}
