package syntax

import (
	"slices"
	"sort"
	"strconv"
)

func (p *parser) expr() Expr { return p.assign() }

var assignOps = map[string]bool{"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "&=": true, "|=": true, "^=": true, "<<=": true, ">>=": true}

func (p *parser) assign() Expr {
	p.enter()
	defer p.leave()
	x := p.cond()
	if t := p.tok(); t.Kind == PUNCT && assignOps[t.Text] {
		p.advance()
		y := p.assign()
		return &AssignExpr{X: x, OpPos: t.Pos, Op: t.Text, Y: y}
	}
	return x
}

func (p *parser) cond() Expr {
	c := p.binary(0)
	if p.is("?") {
		q := p.advance()
		x := p.assign()
		p.expect(":", "after '?' expression")
		// "a ? b : c ? d : …" nests to the right: each link is a level.
		p.enterChain(q)
		y := p.cond()
		p.leave()
		return &CondExpr{Cond: c, X: x, Y: y}
	}
	return c
}

// Operators lists the operators the parser knows, for coverage tests.
func Operators() (binary, assign, unary, postfix []string) {
	for _, l := range precedence {
		binary = append(binary, l...)
	}
	for op := range assignOps {
		assign = append(assign, op)
	}
	sort.Strings(assign)
	return binary, assign, append([]string(nil), unaryOps...), []string{"++", "--"}
}

// unaryOps are the prefix operators.
var unaryOps = []string{"!", "~", "-", "+", "&", "*", "++", "--"}

var precedence = [][]string{
	{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
}

func (p *parser) binary(level int) Expr {
	if level == len(precedence) {
		return p.unary()
	}
	x := p.binary(level + 1)
	// "a + b + c" is read in a loop but builds a left-leaning tree that
	// every later walk (Start, the resolver, the evaluator) descends by
	// recursion: each link is a nesting level, so the one depth limit bounds
	// those walks too (a 40,000-term sum overflowed the browser's stack).
	links := 0
	defer func() { p.depth -= links }()
	for {
		t := p.tok()
		if t.Kind != PUNCT || !contains(precedence[level], t.Text) {
			return x
		}
		p.enterChain(t)
		links++
		p.advance()
		y := p.binary(level + 1)
		x = &BinaryExpr{X: x, OpPos: t.Pos, Op: t.Text, Y: y}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (p *parser) unary() Expr {
	p.enter()
	defer p.leave()
	t := p.tok()
	if t.Kind == PUNCT {
		if slices.Contains(unaryOps, t.Text) {
			p.advance()
			return &UnaryExpr{OpPos: t.Pos, Op: t.Text, X: p.unary()}
		}
		switch t.Text {
		case "(":
			// A cast: "(" type ")".
			if n := p.peekTok(1); n.Kind == IDENT && p.isType(n.Text) {
				p.advance()
				typ := p.typeName()
				for p.is("*") {
					p.advance()
					typ.Ptr++
				}
				p.expect(")", "after cast type")
				return &CastExpr{Lparen: t.Pos, Type: typ, X: p.unary()}
			}
		}
	}
	if t.Kind == KEYWORD && t.Text == "sizeof" {
		p.advance()
		s := &SizeofExpr{Pos: t.Pos}
		if p.is("(") && p.peekTok(1).Kind == IDENT && p.isType(p.peekTok(1).Text) {
			p.advance()
			s.Type = p.typeName()
			for p.is("*") {
				p.advance()
				s.Type.Ptr++
			}
			s.EndPos = p.expect(")", "after sizeof").End
			return s
		}
		s.X = p.unary()
		s.EndPos = s.X.End()
		return s
	}
	return p.postfix(p.primary())
}

func (p *parser) postfix(x Expr) Expr {
	// "a[0][0]…", "s.a.b…" and "x++++" build left-leaning trees too: each
	// link is a level, as in binary.
	links := 0
	defer func() { p.depth -= links }()
	for {
		t := p.tok()
		if t.Kind != PUNCT {
			return x
		}
		if t.Text == "[" || t.Text == "." || t.Text == "->" || t.Text == "++" || t.Text == "--" {
			p.enterChain(t)
			links++
		}
		switch t.Text {
		case "[":
			p.advance()
			i := p.expr()
			rb := p.expect("]", "after index")
			x = &IndexExpr{X: x, Index: i, Rbrack: rb.Pos}
		case ".", "->":
			p.advance()
			n := p.tok()
			if n.Kind != IDENT {
				p.fail("E_EXPECTED", n.Pos, n.End, "a field name", "after '.'")
			}
			p.advance()
			x = &SelectorExpr{X: x, Arrow: t.Text == "->", Sel: &Ident{Pos: n.Pos, Name: n.Text, EndPos: n.End}}
		case "++", "--":
			p.advance()
			x = &PostfixExpr{X: x, Op: t.Text, EndPos: t.End}
		case "(":
			id, ok := x.(*Ident)
			if !ok {
				return x
			}
			p.advance()
			c := &CallExpr{Fn: id}
			for !p.is(")") {
				c.Args = append(c.Args, p.assign())
				if !p.is(",") {
					break
				}
				p.advance()
			}
			c.Rparen = p.expect(")", "after arguments").Pos
			x = c
		default:
			return x
		}
	}
}

// isTextMacro reports whether TEXT("…") or _T("…") starts here: the
// macros make wide literals, which join with the literals next to them as
// C's do after preprocessing (TEXT("\\\\.\\pipe\\") TEXT("name")).
func (p *parser) isTextMacro() bool {
	t := p.tok()
	return t.Kind == IDENT && (t.Text == "TEXT" || t.Text == "_T") && p.peekTok(1).Kind == PUNCT && p.peekTok(1).Text == "(" && p.peekTok(2).Kind == STRING
}

// stringLit reads adjacent string literals and TEXT("…") macros as one.
func (p *parser) stringLit() *StringLit {
	var s *StringLit
	for p.tok().Kind == STRING || p.isTextMacro() {
		var part *StringLit
		if t := p.tok(); t.Kind == STRING {
			p.advance()
			part = &StringLit{Pos: t.Pos, EndPos: t.End, Value: t.Str, Wide: t.Wide}
		} else {
			p.advance()
			p.advance() // (
			part = p.stringLit()
			part.Pos, part.Wide = t.Pos, true
			part.EndPos = p.expect(")", "after arguments").End
		}
		if s == nil {
			s = part
			continue
		}
		s.Value += part.Value
		s.EndPos = part.EndPos
		s.Wide = s.Wide || part.Wide
		if len(s.Value) > MaxString*4 {
			p.fail("E_STRING_TOO_LONG", s.Pos, s.EndPos, strconv.Itoa(MaxString))
		}
	}
	return s
}

func (p *parser) primary() Expr {
	t := p.tok()
	if p.isTextMacro() {
		return p.stringLit()
	}
	switch t.Kind {
	case IDENT:
		p.advance()
		return &Ident{Pos: t.Pos, Name: t.Text, EndPos: t.End}
	case INT:
		p.advance()
		return &IntLit{Pos: t.Pos, EndPos: t.End, Value: t.Val, Uns: t.Uns, Long: t.Long}
	case CHAR:
		p.advance()
		return &CharLit{Pos: t.Pos, EndPos: t.End, Value: t.Val}
	case STRING:
		return p.stringLit()
	case PUNCT:
		if t.Text == "(" {
			p.advance()
			x := p.expr()
			rp := p.expect(")", "after expression")
			return &ParenExpr{Lparen: t.Pos, Rparen: rp.Pos, X: x}
		}
	}
	p.fail("E_EXPECTED_EXPR", t.Pos, t.End, t.describe())
	return nil
}
