package syntax

import (
	"strconv"
	"strings"
)

// Parse parses a scenario. On error it returns the errors sorted by
// position (the parser stops at the first one, so there is one).
func Parse(src string) (*File, error) { return ParseWith(src, nil) }

// ParseWith is Parse for a caller that must stay responsive during a long
// parse: pause (if not nil) is called every thousand or so tokens lexed,
// expanded or parsed, and returning false stops the parse with E_STOPPED
// where it got to (pause.go).
func ParseWith(src string, pause func() bool) (*File, error) {
	pc := NewPacer(pause)
	toks, comments, lerr := lexWith(src, pc)
	if lerr != nil {
		return nil, ErrorList{lerr}
	}
	p := &parser{toks: toks, comments: comments, file: &File{Src: src, Meta: map[string]string{}}, pc: pc}
	if err := p.parseFile(); err != nil {
		return nil, ErrorList{err}
	}
	// Metadata comments after the last statement still count; a caption
	// there has nothing to narrate.
	if c, at := p.takeCaption(Pos{Offset: len(src) + 1}); c != (Caption{}) || p.carry != (Caption{}) {
		if c == (Caption{}) {
			at = p.carryAt
		}
		return nil, ErrorList{Errorf("E_DANGLING_CAPTION", at, at)}
	}
	if err := checkMeta(comments); err != nil {
		return nil, ErrorList{err}
	}
	return p.file, nil
}

// MaxHandleLimit is the largest "// handle-limit:" a scenario may set: the
// kernel's default, the x64 figure.
const MaxHandleLimit = 16_711_680

// checkMeta checks the metadata values that must be numbers.
func checkMeta(comments []Comment) *Error {
	for _, c := range comments {
		if c.Key != "handle-limit" {
			continue
		}
		if n, err := strconv.Atoi(c.Text); err != nil || n < 1 || n > MaxHandleLimit {
			return Errorf("E_BAD_META", c.Pos, c.Pos, c.Key, strconv.Quote(c.Text), strconv.Itoa(MaxHandleLimit))
		}
	}
	return nil
}

type parser struct {
	toks     []Token
	i        int
	comments []Comment
	ci       int
	file     *File
	depth    int
	loops    int
	// carry is the caption written before a marker ("//en: …" then "@B"):
	// markers make no step, so it goes to the next statement.
	carry   Caption
	carryAt Pos
	// typedefs are the type names the scenario defined (functions.go).
	typedefs map[string]TypeInfo
	// mainBody: the next block is a top-level main function's body, whose
	// closing brace may have a caption (endCap, at endCapAt).
	mainBody bool
	endCap   Caption
	endCapAt Pos
	pc       *Pacer // the caller's pause hook (pause.go)
}

// bail carries a syntax error out of the recursive descent.
type bail struct{ err *Error }

func (p *parser) parseFile() *Error {
	return p.try(func() {
		for p.tok().Kind != EOF {
			p.file.Stmts = append(p.file.Stmts, p.stmt(true))
		}
	})
}

func (p *parser) tok() Token { return p.toks[p.i] }
func (p *parser) peekTok(n int) Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) advance() Token {
	t := p.toks[p.i]
	if !p.pc.Tick() {
		panic(bail{stopped(t.Pos)})
	}
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.tok()
	return (t.Kind == PUNCT || t.Kind == KEYWORD) && t.Text == text
}

func (p *parser) fail(code string, pos, end Pos, args ...string) {
	panic(bail{Errorf(code, pos, end, args...)})
}

// prevEnd is the end of the previous token: where a missing ';' belongs.
func (p *parser) prevEnd() Pos {
	if p.i == 0 {
		return p.tok().Pos
	}
	return p.toks[p.i-1].End
}

// expect consumes punctuation text or fails with "expected X context".
func (p *parser) expect(text, context string) Token {
	if !p.is(text) {
		pos := p.tok().Pos
		if text == ";" || text == ")" || text == "]" {
			pos = p.prevEnd()
		}
		p.fail("E_EXPECTED", pos, pos, "'"+text+"'", context)
	}
	return p.advance()
}

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxNesting {
		t := p.tok()
		p.fail("E_NESTING", t.Pos, t.End, strconv.Itoa(MaxNesting))
	}
}
func (p *parser) leave() { p.depth-- }

// enterChain is enter for one more link of an operator chain (op is the
// link's operator, where the error points).
func (p *parser) enterChain(op Token) {
	p.depth++
	if p.depth > MaxNesting {
		p.fail("E_NESTING", op.Pos, op.End, strconv.Itoa(MaxNesting))
	}
}

// takeCaption attaches the caption comments before pos to the next statement
// and records metadata; at is where the first caption comment is.
func (p *parser) takeCaption(pos Pos) (c Caption, at Pos) {
	for p.ci < len(p.comments) && p.comments[p.ci].Pos.Offset < pos.Offset {
		cm := p.comments[p.ci]
		p.ci++
		switch cm.Key {
		case "en", "ko":
			if c == (Caption{}) {
				at = cm.Pos
			}
			if cm.Key == "en" {
				c.En = join(c.En, cm.Text)
			} else {
				c.Ko = join(c.Ko, cm.Text)
			}
		default:
			p.file.Meta[cm.Key] = join(p.file.Meta[cm.Key], cm.Text)
		}
	}
	return c, at
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

func (p *parser) stmt(top bool) Stmt {
	p.enter()
	defer p.leave()
	t := p.tok()
	cap, at := p.takeCaption(t.Pos)
	if t.Kind == AT { // a marker makes no step: its caption waits for the next statement
		if cap != (Caption{}) {
			if p.carry == (Caption{}) {
				p.carryAt = at
			}
			p.carry = Caption{En: join(p.carry.En, cap.En), Ko: join(p.carry.Ko, cap.Ko)}
		}
		cap = Caption{}
	} else if p.carry != (Caption{}) {
		cap = Caption{En: join(p.carry.En, cap.En), Ko: join(p.carry.Ko, cap.Ko)}
		p.carry = Caption{}
	}
	s := p.stmt1(top)
	switch s := s.(type) {
	case *ProcessStmt:
		s.Cap = cap
	case *MarkerStmt:
		s.Cap = cap
	case *DeclStmt:
		s.Cap = cap
	case *ExprStmt:
		s.Cap = cap
	case *BlockStmt:
		s.Cap = cap
	case *IfStmt:
		s.Cap = cap
	case *WhileStmt:
		s.Cap = cap
	case *ForStmt:
		s.Cap = cap
	case *ReturnStmt:
		s.Cap = cap
	case *BranchStmt:
		s.Cap = cap
	case *EmptyStmt:
		s.Cap = cap
	case *FuncStmt:
		s.Cap = cap
	case *TypedefStmt:
		s.Cap = cap
	}
	return s
}

func (p *parser) stmt1(top bool) Stmt {
	t := p.tok()
	switch t.Kind {
	case EOF:
		p.fail("E_EXPECTED_STMT", t.Pos, t.End, t.describe())
	case AT:
		if !top {
			p.fail("E_MARKER_IN_BLOCK", t.Pos, t.End, t.Text)
		}
		p.advance()
		if p.is(";") || p.is(":") { // "@Child;" and "@Child:" read naturally too
			p.advance()
		}
		return &MarkerStmt{Pos: t.Pos, EndPos: t.End, Name: t.Text}
	case KEYWORD:
		switch t.Text {
		case "process":
			if !top {
				p.fail("E_PROCESS_IN_BLOCK", t.Pos, t.End)
			}
			p.advance()
			s := &ProcessStmt{Pos: t.Pos}
			for {
				n := p.tok()
				if n.Kind != IDENT {
					p.fail("E_EXPECTED", n.Pos, n.End, "a process name", "after 'process'")
				}
				p.advance()
				s.Names = append(s.Names, &Ident{Pos: n.Pos, Name: n.Text})
				if !p.is(",") {
					break
				}
				p.advance()
			}
			s.EndPos = p.expect(";", "after process names").End
			return s
		case "if":
			return p.ifStmt()
		case "else":
			p.fail("E_ELSE_WITHOUT_IF", t.Pos, t.End)
		case "while":
			p.advance()
			p.expect("(", "after 'while'")
			cond := p.expr()
			p.expect(")", "after condition")
			p.loops++
			body := p.stmt(false)
			p.loops--
			return &WhileStmt{Pos: t.Pos, EndPos: body.End(), Cond: cond, Body: body}
		case "do":
			p.advance()
			p.loops++
			body := p.stmt(false)
			p.loops--
			if !p.is("while") {
				pos := p.tok().Pos
				p.fail("E_EXPECTED", pos, pos, "'while'", "after statement")
			}
			p.advance()
			p.expect("(", "after 'while'")
			cond := p.expr()
			p.expect(")", "after condition")
			end := p.expect(";", "after statement").End
			return &WhileStmt{Pos: t.Pos, EndPos: end, Cond: cond, Body: body, Do: true}
		case "for":
			p.advance()
			p.expect("(", "after 'for'")
			s := &ForStmt{For: t.Pos}
			if !p.is(";") {
				if p.isTypeStart() {
					s.Init = p.decl(p.typeName())
				} else {
					x := p.expr()
					s.Init = &ExprStmt{X: x, EndPos: p.expect(";", "in for header").End}
				}
			} else {
				p.advance()
			}
			if !p.is(";") {
				s.Cond = p.expr()
			}
			p.expect(";", "in for header")
			if !p.is(")") {
				s.Post = p.expr()
			}
			p.expect(")", "in for header")
			p.loops++
			s.Body = p.stmt(false)
			p.loops--
			return s
		case "return":
			p.advance()
			s := &ReturnStmt{Pos: t.Pos}
			if !p.is(";") {
				s.X = p.expr()
			}
			s.EndPos = p.expect(";", "after return").End
			return s
		case "break", "continue":
			p.advance()
			if p.loops == 0 {
				p.fail("E_BREAK_OUTSIDE", t.Pos, t.End, t.Text)
			}
			end := p.expect(";", "after "+t.Text).End
			return &BranchStmt{Pos: t.Pos, EndPos: end, Tok: t.Text}
		}
	case PUNCT:
		switch t.Text {
		case "{":
			return p.block()
		case ";":
			p.advance()
			return &EmptyStmt{Pos: t.Pos, EndPos: t.End}
		}
	}
	if t.Kind == IDENT && t.Text == "typedef" {
		return p.typedef(top)
	}
	if t.Kind == IDENT && !p.isType(t.Text) {
		return p.exprOrMisspelled(t)
	}
	if p.isTypeStart() {
		typ := p.typeName()
		// int _tmain(int argc, TCHAR* argv[]) { … }, int WINAPI WinMain(…)
		if n := p.tok(); n.Kind == IDENT && callingConventions[n.Text] && p.peekTok(1).Kind == IDENT {
			p.advance()
		}
		if n := p.tok(); n.Kind == IDENT && p.peekTok(1).Kind == PUNCT && p.peekTok(1).Text == "(" {
			return p.function(typ, n, top)
		}
		return p.decl(typ)
	}
	x := p.expr()
	return &ExprStmt{X: x, EndPos: p.expect(";", "after expression").End}
}

// ifStmt parses if/else. An else-if chain is a list, not nesting: its
// links do not count against MaxNesting (a 65-branch chain failed), and it
// is read in a loop, because 10,000 links on one line must not take 10,000
// stack frames (the browser's wasm stack is small). Every walker of the
// chain (IfStmt.End, the resolver, the interpreter) loops over it too.
func (p *parser) ifStmt() *IfStmt {
	var first, last *IfStmt
	var linkCap Caption // the caption before an "else if"'s "if" is that link's
	for {
		t := p.advance()
		p.expect("(", "after 'if'")
		cond := p.expr()
		p.expect(")", "after condition")
		s := &IfStmt{If: t.Pos, Cond: cond}
		s.Cap = linkCap
		s.Then = p.stmt(false)
		if first == nil {
			first = s
		} else {
			last.Else = s
		}
		last = s
		if !p.is("else") {
			return first
		}
		p.advance()
		if !p.is("if") {
			s.Else = p.stmt(false)
			return first
		}
		linkCap, _ = p.takeCaption(p.tok().Pos)
	}
}

// exprOrMisspelled parses a statement that starts with a word that is not
// a type: an expression statement, unless the word is a misspelled type or
// keyword ("HANDEL h;", "retrun 0;", "whlie (i < 3) i++;"), which would
// otherwise fail with "expected ';'" after it. Edit distances are only
// computed when the statement has a declaration's shape or fails to parse,
// so valid code pays nothing for the hint.
func (p *parser) exprOrMisspelled(t Token) Stmt {
	n := p.peekTok(1)
	// Two names in a row only begin a declaration; "T *p =" may.
	ptr := n.Kind == PUNCT && n.Text == "*" && p.peekTok(2).Kind == IDENT && isDeclEnd(p.peekTok(3))
	if n.Kind == IDENT || ptr {
		typ, td := Closest(t.Text, typeNames)
		kw, kd := closeKeyword(t.Text, n)
		switch {
		case n.Kind == IDENT && kw != "" && (typ == "" || kd < td):
			p.fail("E_UNKNOWN_KEYWORD", t.Pos, t.End, t.Text, kw)
		case n.Kind == IDENT || typ != "":
			p.fail("E_UNKNOWN_TYPE", t.Pos, t.End, t.Text, Suggest(t.Text, typeNames))
		}
	}
	start := p.i
	var st Stmt
	if err := p.try(func() {
		x := p.expr()
		st = &ExprStmt{X: x, EndPos: p.expect(";", "after expression").End}
	}); err != nil {
		p.i = start
		if kw, _ := closeKeyword(t.Text, n); kw != "" && err.Code != "E_STOPPED" {
			p.fail("E_UNKNOWN_KEYWORD", t.Pos, t.End, t.Text, kw)
		}
		panic(bail{err})
	}
	return st
}

func isDeclEnd(t Token) bool {
	return t.Kind == PUNCT && (t.Text == ";" || t.Text == "=" || t.Text == "," || t.Text == "[")
}

// try runs f and returns the syntax error it stopped with, if any.
func (p *parser) try(f func()) (err *Error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	f()
	return nil
}

// callingConventions may stand between a function's type and its name.
var callingConventions = map[string]bool{"WINAPI": true, "APIENTRY": true, "CALLBACK": true, "WINAPIV": true, "PASCAL": true, "__stdcall": true, "__cdecl": true}

func (p *parser) block() *BlockStmt {
	mainEnd := p.mainBody
	p.mainBody = false
	lb := p.advance()
	b := &BlockStmt{Lbrace: lb.Pos}
	for !p.is("}") {
		if p.tok().Kind == EOF {
			pos := p.tok().Pos
			p.fail("E_EXPECTED", pos, pos, "'}'", "to close the block")
		}
		b.List = append(b.List, p.stmt(false))
	}
	// A caption just before "}" narrates nothing in the block; it must not
	// drift to the statement after it. A main function's closing brace is
	// a step (the process exits there): its caption is kept (functions.go).
	if mainEnd {
		p.endCap, p.endCapAt = p.takeCaption(p.tok().Pos)
	}
	for i := p.ci; i < len(p.comments) && p.comments[i].Pos.Offset < p.tok().Pos.Offset; i++ {
		if k := p.comments[i].Key; k == "en" || k == "ko" {
			p.fail("E_DANGLING_CAPTION", p.comments[i].Pos, p.comments[i].Pos)
		}
	}
	b.Rbrace = p.advance().End
	return b
}

// isTypeStart reports whether a declaration or cast type starts here.
func (p *parser) isTypeStart() bool {
	t := p.tok()
	return t.Kind == IDENT && p.isType(t.Text)
}

// typeName parses "const unsigned int *", "LPTSTR", "TCHAR*".
func (p *parser) typeName() *TypeName {
	start := p.tok().Pos
	tn := &TypeName{Pos: start}
	var words []string
	for p.tok().Kind == IDENT && p.isType(p.tok().Text) {
		w := p.advance().Text
		if w == "const" || w == "signed" || w == "struct" {
			continue
		}
		words = append(words, w)
		// "unsigned int", "long long", "unsigned char": one type.
		if p.tok().Kind == IDENT && (w == "unsigned" || w == "long" || w == "short") {
			continue
		}
		break
	}
	name := strings.Join(words, " ")
	switch name {
	case "":
		name = "int"
	case "unsigned int", "unsigned long", "unsigned":
		name = "DWORD"
	case "unsigned char":
		name = "BYTE"
	case "unsigned short":
		name = "WORD"
	case "long long", "long int":
		name = "LONGLONG"
	case "unsigned long long":
		name = "SIZE_T"
	default:
		if len(words) > 1 {
			p.fail("E_EXPECTED", p.tok().Pos, p.tok().End, "a variable name", "after type")
		}
	}
	info, ok := Types[name]
	if td, isDef := p.typedefs[name]; isDef {
		info, ok = td, true
	}
	if !ok {
		info = TypeInfo{Canon: Types[words[len(words)-1]].Canon}
	}
	tn.Name, tn.Ptr = info.Canon, info.Ptr
	tn.EndPos = p.toks[p.i-1].End
	for p.is("const") {
		p.advance()
	}
	return tn
}

func (p *parser) decl(typ *TypeName) *DeclStmt {
	s := &DeclStmt{Type: typ}
	for {
		d := &Declarator{}
		for p.is("*") {
			p.advance()
			d.Ptr++
			for p.tok().Kind == IDENT && p.tok().Text == "const" {
				p.advance()
			}
		}
		n := p.tok()
		if n.Kind != IDENT || p.isType(n.Text) {
			p.fail("E_EXPECTED", n.Pos, n.End, "a variable name", "after type")
		}
		p.advance()
		d.Name = &Ident{Pos: n.Pos, Name: n.Text, EndPos: n.End}
		d.EndPos = n.End
		if p.is("[") {
			p.advance()
			d.Array = true
			if !p.is("]") {
				d.Size = p.expr()
			}
			d.EndPos = p.expect("]", "after array size").End
		}
		if p.is("=") {
			p.advance()
			if p.is("{") {
				d.Init = p.initList()
			} else {
				d.Init = p.assign()
			}
			d.EndPos = d.Init.End()
		}
		if d.Array && d.Size == nil && d.Init == nil {
			p.fail("E_ARRAY_NEEDS_SIZE", d.Name.Pos, d.EndPos, d.Name.Name)
		}
		s.Decls = append(s.Decls, d)
		if !p.is(",") {
			break
		}
		p.advance()
	}
	s.EndPos = p.expect(";", "after declaration").End
	return s
}

func (p *parser) initList() *InitList {
	p.enter()
	defer p.leave()
	lb := p.advance()
	l := &InitList{Lbrace: lb.Pos}
	for !p.is("}") {
		if p.is("{") {
			l.Elems = append(l.Elems, p.initList())
		} else {
			l.Elems = append(l.Elems, p.assign())
		}
		if !p.is(",") {
			break
		}
		p.advance()
	}
	if !p.is("}") {
		pos := p.tok().Pos
		p.fail("E_EXPECTED", pos, pos, "'}'", "to close the initializer")
	}
	l.Rbrace = p.advance().Pos
	return l
}

// ---- expressions ----
