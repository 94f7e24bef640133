package syntax

import (
	"strconv"
	"strings"
)

// function parses a function definition or prototype; n is its name.
// Helper functions are defined at the top level (outside blocks), as in
// C; main functions may stand anywhere a statement may, as before.
func (p *parser) function(typ *TypeName, n Token, top bool) Stmt {
	p.advance()
	p.advance() // (
	var params []*Param
	if p.tok().Kind == IDENT && p.tok().Text == "void" && p.peekTok(1).Text == ")" {
		p.advance()
	}
	for !p.is(")") {
		if !p.isTypeStart() {
			t := p.tok()
			p.fail("E_EXPECTED", t.Pos, t.End, "a parameter type", "in parameters")
		}
		prm := &Param{Type: p.typeName()}
		for p.is("*") {
			p.advance()
			prm.Ptr++
		}
		if t := p.tok(); t.Kind == IDENT && !p.isType(t.Text) {
			p.advance()
			prm.Name = &Ident{Pos: t.Pos, Name: t.Text, EndPos: t.End}
		}
		if p.is("[") {
			p.advance()
			prm.Array = true
			if !p.is("]") {
				p.expr()
			}
			p.expect("]", "after array size")
		}
		params = append(params, prm)
		if !p.is(",") {
			break
		}
		p.advance()
	}
	p.expect(")", "after parameters")
	name := &Ident{Pos: n.Pos, Name: n.Text, EndPos: n.End}
	roles, isMain := MainFuncs[n.Text]
	if p.is(";") {
		// A prototype: the resolver checks that the function is defined
		// (a Win32 function's is an error: they are built in).
		return &FuncStmt{Type: typ, Name: name, Params: params, EndPos: p.advance().End}
	}
	if !isMain && !top {
		p.fail("E_USER_FUNCTION", n.Pos, n.End, n.Text)
	}
	if isMain && (len(params) > len(roles) || strings.Contains(n.Text, "WinMain") && len(params) != 0 && len(params) != len(roles)) {
		p.fail("E_MAIN_PARAMS", n.Pos, n.End, n.Text, "("+strings.Join(roles, ", ")+")", strconv.Itoa(len(params)))
	}
	if !isMain {
		for _, prm := range params {
			if prm.Name == nil {
				p.fail("E_EXPECTED", prm.Type.EndPos, prm.Type.EndPos, "a parameter name", "in parameters")
			}
		}
	}
	if !p.is("{") {
		pos := p.tok().Pos
		p.fail("E_EXPECTED", pos, pos, "'{'", "after parameters")
	}
	p.mainBody = isMain && top
	fn := &FuncStmt{Type: typ, Name: name, Params: params, Body: p.block()}
	fn.EndCap, fn.EndCapAt, p.endCap = p.endCap, p.endCapAt, Caption{}
	return fn
}

// isType reports whether name is a type: a built-in one or a typedef.
func (p *parser) isType(name string) bool {
	if _, ok := p.typedefs[name]; ok {
		return true
	}
	return IsType(name)
}

// typedef parses "typedef T NAME;" (T a built-in type, a pointer to one,
// or an earlier typedef): NAME then stands for T. A structure of one's
// own has no layout in the model, so "typedef struct { … }" is an error.
func (p *parser) typedef(top bool) Stmt {
	kw := p.advance()
	if p.is("{") || p.tok().Kind == IDENT && p.tok().Text == "struct" && (p.peekTok(1).Text == "{" || p.peekTok(2).Text == "{") {
		p.fail("E_TYPEDEF_STRUCT", kw.Pos, kw.End)
	}
	if !p.isTypeStart() {
		t := p.tok()
		p.fail("E_UNKNOWN_TYPE", t.Pos, t.End, t.Text, Suggest(t.Text, typeNames))
	}
	typ := p.typeName()
	ptr := typ.Ptr
	for p.is("*") {
		p.advance()
		ptr++
	}
	n := p.tok()
	if n.Kind != IDENT || Types[n.Text].Canon != "" && Types[n.Text] != (TypeInfo{Canon: typ.Name, Ptr: ptr}) {
		p.fail("E_EXPECTED", n.Pos, n.End, "a new type name", "after typedef")
	}
	p.advance()
	if p.typedefs == nil {
		p.typedefs = map[string]TypeInfo{}
	}
	p.typedefs[n.Text] = TypeInfo{Canon: typ.Name, Ptr: ptr}
	end := p.expect(";", "after declaration").End
	_ = top
	return &TypedefStmt{Pos: kw.Pos, EndPos: end, Name: &Ident{Pos: n.Pos, Name: n.Text, EndPos: n.End}, Type: typ}
}
