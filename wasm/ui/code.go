package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
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
}

// otherLang reports whether a line is a caption or title for the language
// the UI is not showing.
func otherLang(trim, lang string) bool {
	other := "ko"
	if lang == "ko" {
		other = "en"
	}
	for _, p := range []string{"//" + other + ":", "// " + other + ":", "// title." + other + ":", "// summary." + other + ":"} {
		if strings.HasPrefix(trim, p) {
			return true
		}
	}
	return false
}

func (c *codeC) Render() app.UI {
	lines := strings.Split(strings.TrimRight(c.Src, "\n"), "\n")
	rows := make([]app.UI, 0, len(lines))
	for i, l := range lines {
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
		rows = append(rows, &codeLineC{N: n, Class: kind, Mark: mark, Src: l, Current: n >= c.Lo && n <= c.Hi, Err: n == c.ErrLine})
	}
	return app.Div().ID("code").Class("code").Body(rows...)
}
