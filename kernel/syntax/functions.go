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
		if t := p.tok(); t.Kind == IDENT && !IsType(t.Text) {
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
	return &FuncStmt{Type: typ, Name: name, Params: params, Body: p.block()}
}
