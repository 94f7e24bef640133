package syntax

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The preprocessor: enough of C's for the textbooks' listings. #include,
// #pragma and #import are read and ignored (windows.h is built in);
// #define (object-like and function-like), #undef and conditional groups
// (#ifdef, #ifndef, #if, #elif, #else, #endif) work as in C for a Unicode
// build, where UNICODE and _UNICODE are defined. Directives are handled by
// the lexer as it meets them, which knows the macros defined so far; macros
// are expanded afterwards on the token stream (expandMacros), so every token
// keeps a position in the original source: a token written in a macro's
// body takes the position of the macro's use, a token passed as an argument
// keeps its own. Errors therefore quote the user's line and column.

// macro is one #define.
type macro struct {
	name   string
	fn     bool     // function-like: NAME(params) body
	params []string // function-like macros' parameter names
	body   []Token
}

// ppEvent is a #define (m set) or #undef (m nil) between raw tokens: it
// takes effect for the tokens from index at on.
type ppEvent struct {
	at   int
	name string
	m    *macro
}

// ppCond is one open conditional group.
type ppCond struct {
	start  Pos
	word   string // "if", "ifdef", "ifndef": for the unterminated error
	active bool   // the current branch's lines are read
	taken  bool   // some branch of the group was taken already
	outer  bool   // the enclosing group is active
	sawEl  bool   // #else seen: another #elif/#else is an error
}

// preproc is the lexer's preprocessor state.
type preproc struct {
	macros map[string]*macro // defined so far, for #ifdef and #if
	events []ppEvent
	conds  []ppCond
	count  int // tokens made by expanding macros in #if lines
}

// predefined are the macros a 64-bit Unicode build of a Windows program
// starts with.
func predefined() map[string]*macro {
	one := []Token{{Kind: INT, Text: "1", Val: 1}}
	return map[string]*macro{
		"UNICODE": {name: "UNICODE"}, "_UNICODE": {name: "_UNICODE"},
		"_WIN32": {name: "_WIN32", body: one}, "_WIN64": {name: "_WIN64", body: one},
	}
}

func (pp *preproc) active() bool { return len(pp.conds) == 0 || pp.conds[len(pp.conds)-1].active }

// directive reads a preprocessor line; lines in a group that is not taken
// are skipped here too, up to the directive that ends or switches it.
func (lx *lexer) directive() *Error {
	if err := lx.directiveLine(); err != nil {
		return err
	}
	for !lx.pp.active() {
		if lx.off >= len(lx.src) {
			c := lx.pp.conds[len(lx.pp.conds)-1]
			return Errorf("E_PP_UNTERMINATED", c.start, c.start, c.word)
		}
		// Skip one line; a line that starts with '#' is a directive.
		for lx.off < len(lx.src) && (lx.src[lx.off] == ' ' || lx.src[lx.off] == '\t' || lx.src[lx.off] >= 0x80 && isSpace(lx.src[lx.off:])) {
			lx.next()
		}
		if lx.off < len(lx.src) && lx.src[lx.off] == '#' {
			if err := lx.directiveLine(); err != nil {
				return err
			}
			continue
		}
		for !lx.atLineEnd() {
			lx.next()
		}
		if lx.off < len(lx.src) {
			lx.next()
		}
	}
	return nil
}

// directiveLine reads one directive, from its '#' to its line's end
// (a backslash before the line break continues it).
func (lx *lexer) directiveLine() *Error {
	if lx.pp == nil {
		lx.pp = &preproc{macros: predefined()}
	}
	start := lx.pos()
	lx.next() // #
	for lx.off < len(lx.src) && (lx.src[lx.off] == ' ' || lx.src[lx.off] == '\t') {
		lx.next()
	}
	wordPos := lx.pos()
	lx.ident()
	word := lx.src[wordPos.Offset:lx.off]
	wordEnd := lx.pos()
	restStart := lx.pos()
	for {
		for !lx.atLineEnd() {
			lx.next()
		}
		if strings.HasSuffix(strings.TrimRight(lx.src[restStart.Offset:lx.off], "\r"), "\\") && lx.off < len(lx.src) {
			lx.next()
			continue
		}
		break
	}
	rest := Span{Start: restStart, End: lx.pos()}
	pp := lx.pp
	if !pp.active() {
		// In a skipped group only the conditional directives count.
		switch word {
		case "if", "ifdef", "ifndef":
			pp.conds = append(pp.conds, ppCond{start: start, word: word, outer: false, taken: true})
			return nil
		case "elif", "else", "endif":
		default:
			return nil
		}
	}
	switch word {
	case "":
		if strings.TrimSpace(lx.src[rest.Start.Offset:rest.End.Offset]) == "" {
			return nil // a lone # is C's null directive
		}
		return Errorf("E_PREPROCESSOR", start, wordEnd, strings.TrimSpace(lx.src[rest.Start.Offset:rest.End.Offset]))
	case "include", "pragma", "import":
		return nil
	case "define":
		return lx.define(start, rest)
	case "undef":
		toks, err := lx.lexRange(rest, "")
		if err != nil {
			return err
		}
		if len(toks) == 0 || toks[0].Kind != IDENT {
			return Errorf("E_EXPECTED", rest.Start, rest.Start, "a name", "after #undef")
		}
		delete(pp.macros, toks[0].Text)
		pp.events = append(pp.events, ppEvent{at: len(lx.toks), name: toks[0].Text})
		return nil
	case "ifdef", "ifndef":
		toks, err := lx.lexRange(rest, "")
		if err != nil {
			return err
		}
		if len(toks) == 0 || toks[0].Kind != IDENT {
			return Errorf("E_EXPECTED", rest.Start, rest.Start, "a name", "after #"+word)
		}
		_, def := pp.macros[toks[0].Text]
		on := def == (word == "ifdef")
		pp.conds = append(pp.conds, ppCond{start: start, word: word, active: on, taken: on, outer: true})
		return nil
	case "if":
		on, err := lx.ppCondition(rest, start, word)
		if err != nil {
			return err
		}
		pp.conds = append(pp.conds, ppCond{start: start, word: word, active: on, taken: on, outer: true})
		return nil
	case "elif", "else", "endif":
		if len(pp.conds) == 0 {
			return Errorf("E_PP_STRAY", start, wordEnd, word)
		}
		c := &pp.conds[len(pp.conds)-1]
		switch word {
		case "endif":
			pp.conds = pp.conds[:len(pp.conds)-1]
		case "else":
			if c.sawEl {
				return Errorf("E_PP_STRAY", start, wordEnd, word)
			}
			c.sawEl = true
			c.active = c.outer && !c.taken
			c.taken = true
		case "elif":
			if c.sawEl {
				return Errorf("E_PP_STRAY", start, wordEnd, word)
			}
			if !c.outer || c.taken {
				c.active = false
				return nil
			}
			on, err := lx.ppCondition(rest, start, word)
			if err != nil {
				return err
			}
			c.active, c.taken = on, on
		}
		return nil
	}
	return Errorf("E_PREPROCESSOR", start, wordEnd, word)
}

// lexRange lexes a part of the source (a directive's rest) with the same
// positions; inMacro names the macro whose body it is, where '#' is an
// error (stringizing and token pasting are not supported).
func (lx *lexer) lexRange(r Span, inMacro string) ([]Token, *Error) {
	sub := &lexer{src: lx.src[:r.End.Offset], off: r.Start.Offset, line: r.Start.Line, col: r.Start.Col, inMacro: inMacro, noDirectives: true}
	if err := sub.run(); err != nil {
		return nil, err
	}
	return sub.toks[:len(sub.toks)-1], nil // without its EOF
}

// define reads "#define NAME body" or "#define NAME(a, b) body".
func (lx *lexer) define(start Pos, rest Span) *Error {
	s := rest.Start
	p := s.Offset
	for p < rest.End.Offset && (lx.src[p] == ' ' || lx.src[p] == '\t') {
		p++
	}
	nameStart := posOf2(lx.src, s, p)
	q := p
	for q < rest.End.Offset {
		c := lx.src[q]
		if c == '_' || isLetter(c) || isDigit(c) && q > p || c >= 0x80 {
			r, n := utf8.DecodeRuneInString(lx.src[q:])
			if c >= 0x80 && !isIdentRune(r) {
				break
			}
			q += n
			continue
		}
		break
	}
	name := lx.src[p:q]
	if name == "" {
		return Errorf("E_EXPECTED", nameStart, nameStart, "a name", "after #define")
	}
	m := &macro{name: name}
	bodyFrom := posOf2(lx.src, s, q)
	if q < rest.End.Offset && lx.src[q] == '(' {
		// A '(' right after the name (no space) makes a function-like macro.
		close := strings.IndexByte(lx.src[q:rest.End.Offset], ')')
		if close < 0 {
			e := posOf2(lx.src, s, rest.End.Offset)
			return Errorf("E_EXPECTED", e, e, "')'", "after parameters")
		}
		m.fn = true
		ptoks, err := lx.lexRange(Span{Start: posOf2(lx.src, s, q+1), End: posOf2(lx.src, s, q+close)}, "")
		if err != nil {
			return err
		}
		for i, t := range ptoks {
			if t.Kind == PUNCT && t.Text == "..." {
				return Errorf("E_PP_VARIADIC", t.Pos, t.End, name)
			}
			if i%2 == 1 {
				if t.Kind != PUNCT || t.Text != "," {
					return Errorf("E_EXPECTED", t.Pos, t.End, "','", "in parameters")
				}
				continue
			}
			if t.Kind != IDENT {
				return Errorf("E_EXPECTED", t.Pos, t.End, "a name", "in parameters")
			}
			m.params = append(m.params, t.Text)
		}
		if len(ptoks) > 0 && len(ptoks)%2 == 0 {
			t := ptoks[len(ptoks)-1]
			return Errorf("E_EXPECTED", t.End, t.End, "a name", "in parameters")
		}
		bodyFrom = posOf2(lx.src, s, q+close+1)
	}
	body, berr := lx.lexRange(Span{Start: bodyFrom, End: rest.End}, name)
	if berr != nil {
		return berr
	}
	m.body = body
	lx.pp.macros[name] = m
	lx.pp.events = append(lx.pp.events, ppEvent{at: len(lx.toks), name: name, m: m})
	return nil
}

// posOf2 is the position of byte offset off, counted from a known
// position from on the same line (directives are one line but for
// continuations, which posOf handles by counting from the start).
func posOf2(src string, from Pos, off int) Pos {
	seg := src[from.Offset:off]
	if strings.ContainsAny(seg, "\n\r\u2028\u2029") {
		return posOf(src, off)
	}
	return Pos{Line: from.Line, Col: from.Col + utf8.RuneCountInString(seg), Offset: off}
}

func isIdentRune(r rune) bool {
	return r == '_' || r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r))) || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// ---- expansion ----

// expander replaces macro uses by their bodies.
type expander struct {
	src    string
	macros map[string]*macro
	count  int
	pc     *Pacer // the caller's pause hook (pause.go)
}

// expandMacros applies the #define and #undef events to the raw tokens in
// order: each stretch of tokens between two directives is expanded with
// the macros defined before it.
func expandMacros(src string, toks []Token, events []ppEvent, pc *Pacer) ([]Token, *Error) {
	x := &expander{src: src, macros: predefined(), pc: pc}
	out := make([]Token, 0, len(toks))
	from := 0
	for i := 0; i <= len(events); i++ {
		to := len(toks)
		if i < len(events) {
			to = events[i].at
		}
		if to > from {
			seg, err := x.expand(toks[from:to], nil, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, seg...)
			from = to
		}
		if i < len(events) {
			if ev := events[i]; ev.m == nil {
				delete(x.macros, ev.name)
			} else {
				x.macros[ev.name] = ev.m
			}
		}
	}
	return out, nil
}

// expand expands the macros in toks; hide lists the macros being expanded,
// which C does not expand again inside themselves.
func (x *expander) expand(toks []Token, hide []string, depth int) ([]Token, *Error) {
	var out []Token
	changed := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !x.pc.Tick() {
			return nil, stopped(t.Pos)
		}
		var m *macro
		if t.Kind == IDENT {
			m = x.macros[t.Text]
		}
		if m == nil || contains(hide, t.Text) || m.fn && (i+1 >= len(toks) || toks[i+1].Kind != PUNCT || toks[i+1].Text != "(") {
			if changed {
				out = append(out, t)
			}
			continue
		}
		if !changed {
			out = append(make([]Token, 0, len(toks)+len(m.body)), toks[:i]...)
			changed = true
		}
		if depth >= MaxNesting {
			return nil, Errorf("E_NESTING", t.Pos, t.End, strconv.Itoa(MaxNesting))
		}
		span := Span{Start: t.Pos, End: t.End}
		var args [][]Token
		if m.fn {
			var end int
			var err *Error
			args, end, err = macroArgs(toks, i+1, t)
			if err != nil {
				return nil, err
			}
			if len(args) == 1 && len(args[0]) == 0 && len(m.params) == 0 {
				args = nil
			}
			if len(args) != len(m.params) {
				return nil, Errorf("E_PP_ARGS", t.Pos, toks[end].End, m.name, strconv.Itoa(len(m.params)), strconv.Itoa(len(args)))
			}
			for k := range args {
				a, err := x.expand(args[k], hide, depth+1)
				if err != nil {
					return nil, err
				}
				if a == nil {
					a = args[k]
				}
				args[k] = a
			}
			span.End = toks[end].End
			i = end
		}
		// Arguments keep their own positions when the body uses each once,
		// in order (the common case: an error inside one points at it);
		// otherwise they take the use's, so that no statement could end
		// before it starts.
		inOrder, last := true, -1
		for _, b := range m.body {
			if k := indexOf(m.params, b.Text); m.fn && b.Kind == IDENT && k >= 0 {
				inOrder = inOrder && k > last
				last = k
			}
		}
		repl := make([]Token, 0, len(m.body))
		for _, b := range m.body {
			if m.fn && b.Kind == IDENT {
				if k := indexOf(m.params, b.Text); k >= 0 {
					for _, a := range args[k] {
						if !inOrder {
							a = x.relocate(a, span)
						}
						repl = append(repl, a)
					}
					continue
				}
			}
			repl = append(repl, x.relocate(b, span))
		}
		x.count += len(repl)
		if x.count > MaxTokens {
			return nil, Errorf("E_TOO_MANY_TOKENS", t.Pos, t.End, strconv.Itoa(MaxTokens))
		}
		sub, err := x.expand(repl, append(hide[:len(hide):len(hide)], m.name), depth+1)
		if err != nil {
			return nil, err
		}
		if sub == nil {
			sub = repl
		}
		out = append(out, sub...)
	}
	if !changed {
		return toks, nil
	}
	return out, nil
}

// relocate gives a token of a macro's body the position of the macro's
// use, so that statements and errors point at what the user wrote. A
// closing bracket goes on the use's last character, since the parser
// takes its end to be one character after it.
func (x *expander) relocate(b Token, use Span) Token {
	b.Pos, b.End = use.Start, use.End
	if b.Kind == PUNCT && (b.Text == ")" || b.Text == "]" || b.Text == "}") && use.End.Offset > use.Start.Offset {
		_, n := utf8.DecodeLastRuneInString(x.src[:use.End.Offset])
		b.Pos = Pos{Line: use.End.Line, Col: use.End.Col - 1, Offset: use.End.Offset - n}
	}
	return b
}

// macroArgs splits the arguments of a function-like macro's use; open is
// the index of its '('. It returns the index of the closing ')'.
func macroArgs(toks []Token, open int, name Token) ([][]Token, int, *Error) {
	depth := 0
	args := [][]Token{{}}
	for j := open; j < len(toks); j++ {
		t := toks[j]
		if t.Kind == PUNCT {
			switch t.Text {
			case "(":
				depth++
				if depth == 1 {
					continue
				}
			case ")":
				depth--
				if depth == 0 {
					return args, j, nil
				}
			case ",":
				if depth == 1 {
					args = append(args, []Token{})
					continue
				}
			}
		}
		args[len(args)-1] = append(args[len(args)-1], t)
	}
	return nil, 0, Errorf("E_EXPECTED", name.Pos, name.End, "')'", "after arguments")
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
