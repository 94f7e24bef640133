package syntax

// ppCondition evaluates an #if or #elif line: integer constants, character
// literals, defined(NAME), macros, and C's operators; a name that is no
// macro is 0, as in C.
func (lx *lexer) ppCondition(rest Span, start Pos, word string) (bool, *Error) {
	toks, err := lx.lexRange(rest, "")
	if err != nil {
		return false, err
	}
	if len(toks) == 0 {
		return false, Errorf("E_PP_IF", start, start, word)
	}
	// defined NAME and defined(NAME) before expansion, as C does.
	var pre []Token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == IDENT && t.Text == "defined" {
			j := i + 1
			paren := j < len(toks) && toks[j].Kind == PUNCT && toks[j].Text == "("
			if paren {
				j++
			}
			if j >= len(toks) || toks[j].Kind != IDENT || paren && (j+1 >= len(toks) || toks[j+1].Text != ")") {
				return false, Errorf("E_PP_IF", t.Pos, t.End, word)
			}
			_, def := lx.pp.macros[toks[j].Text]
			v := uint64(0)
			if def {
				v = 1
			}
			pre = append(pre, Token{Kind: INT, Pos: t.Pos, End: toks[j].End, Text: "1", Val: v})
			if paren {
				j++
			}
			i = j
			continue
		}
		pre = append(pre, t)
	}
	// The count is shared by every #if, so that a thousand #if lines that
	// each expand a huge macro stop at the token limit too.
	x := &expander{src: lx.src, macros: lx.pp.macros, count: lx.pp.count}
	out, xerr := x.expand(pre, nil, 0)
	lx.pp.count = x.count
	if xerr != nil {
		return false, xerr
	}
	e := &ppEval{toks: out}
	v, ok := e.or()
	if !ok || e.i != len(e.toks) {
		at := start
		if e.i < len(e.toks) {
			at = e.toks[e.i].Pos
		}
		return false, Errorf("E_PP_IF", at, at, word)
	}
	return v != 0, nil
}

// ppEval evaluates an #if expression (64-bit signed, as intmax_t).
type ppEval struct {
	toks  []Token
	i     int
	depth int // parentheses and prefix operators, bounded by MaxNesting
}

func (e *ppEval) peek() string {
	if e.i < len(e.toks) && e.toks[e.i].Kind == PUNCT {
		return e.toks[e.i].Text
	}
	return ""
}

var ppLevels = [][]string{{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}}

func (e *ppEval) or() (int64, bool) { return e.level(0) }

func (e *ppEval) level(l int) (int64, bool) {
	if l == len(ppLevels) {
		return e.unary()
	}
	x, ok := e.level(l + 1)
	for ok {
		op := e.peek()
		if !contains(ppLevels[l], op) {
			break
		}
		e.i++
		var y int64
		y, ok = e.level(l + 1)
		if !ok {
			break
		}
		x, ok = ppApply(op, x, y)
	}
	return x, ok
}

func ppApply(op string, x, y int64) (int64, bool) {
	b := func(c bool) int64 {
		if c {
			return 1
		}
		return 0
	}
	switch op {
	case "||":
		return b(x != 0 || y != 0), true
	case "&&":
		return b(x != 0 && y != 0), true
	case "|":
		return x | y, true
	case "^":
		return x ^ y, true
	case "&":
		return x & y, true
	case "==":
		return b(x == y), true
	case "!=":
		return b(x != y), true
	case "<":
		return b(x < y), true
	case "<=":
		return b(x <= y), true
	case ">":
		return b(x > y), true
	case ">=":
		return b(x >= y), true
	case "<<":
		return x << (uint64(y) & 63), true
	case ">>":
		return x >> (uint64(y) & 63), true
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	case "*":
		return x * y, true
	case "/", "%":
		if y == 0 || x == -1<<63 && y == -1 {
			return 0, false
		}
		if op == "/" {
			return x / y, true
		}
		return x % y, true
	}
	return 0, false
}

func (e *ppEval) unary() (int64, bool) {
	if e.depth > MaxNesting || e.i >= len(e.toks) {
		return 0, false
	}
	e.depth++
	defer func() { e.depth-- }()
	t := e.toks[e.i]
	e.i++
	switch t.Kind {
	case INT, CHAR:
		return int64(t.Val), true
	case IDENT, KEYWORD:
		return 0, true // a name that is no macro is 0
	case PUNCT:
		switch t.Text {
		case "!", "-", "+", "~":
			x, ok := e.unary()
			switch t.Text {
			case "!":
				if x == 0 {
					return 1, ok
				}
				return 0, ok
			case "-":
				return -x, ok
			case "~":
				return ^x, ok
			}
			return x, ok
		case "(":
			x, ok := e.level(0)
			if !ok || e.peek() != ")" {
				return 0, false
			}
			e.i++
			return x, true
		}
	}
	return 0, false
}
