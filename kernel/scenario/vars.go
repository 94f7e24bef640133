package scenario

import (
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

func (in *interp) snapshotVars() []ProcVars {
	changed := len(in.vars) != len(in.procs)
	for _, p := range in.procs {
		if p.dirty {
			changed = true
		}
	}
	if !changed {
		return in.vars
	}
	// A step's Vars are its own copy: their cost is charged as work, so
	// that many variables times many steps cannot fill the memory.
	in.charge(costView * len(in.procs))
	out := make([]ProcVars, len(in.procs))
	for i, p := range in.procs {
		if p.dirty || p.view == nil {
			n := 0
			for _, sc := range p.scopes {
				n += len(sc.order)
			}
			vs := make([]VarView, 0, n)
			for _, sc := range p.scopes {
				in.charge(costView * len(sc.order))
				for _, v := range sc.order {
					vs = append(vs, VarView{Name: v.Name, Type: v.T.Name, Value: in.shown(v)})
				}
			}
			p.view = vs
			p.dirty = false
		}
		out[i] = ProcVars{Process: p.name, Vars: p.view}
	}
	in.vars = out
	return out
}

func (in *interp) push(p *proc) {
	// Scopes are reused (a loop body enters one per iteration); the map of
	// vars is made on the first declaration.
	n := len(p.scopes)
	if n < cap(p.scopes) && p.scopes[:n+1][n] != nil {
		p.scopes = p.scopes[:n+1]
		sc := p.scopes[n]
		sc.vars, sc.order = nil, sc.order[:0]
		return
	}
	p.scopes = append(p.scopes, &scope{})
}

func (in *interp) pop(p *proc) {
	top := p.scopes[len(p.scopes)-1]
	if len(top.order) > 0 {
		p.dirty = true
	}
	p.scopes = p.scopes[:len(p.scopes)-1]
}

func (in *interp) lookup(p *proc, name string) *Var {
	for i := len(p.scopes) - 1; i >= 0; i-- {
		if v := p.scopes[i].vars[name]; v != nil {
			return v
		}
	}
	return nil
}

func (in *interp) declare(p *proc, d *syntax.DeclStmt) {
	sc := p.scopes[len(p.scopes)-1]
	if sc.vars == nil {
		sc.vars = map[string]*Var{}
	}
	for _, dc := range d.Decls {
		if old := sc.vars[dc.Name.Name]; old != nil {
			in.fail("E_REDECLARED", dc.Name, dc.Name.Name, strconv.Itoa(old.Pos.Line))
		}
		t := in.declType(d.Type, dc)
		if t.Kind == kArr {
			in.chargeElems(t.Len)
		}
		v := &Var{Name: dc.Name.Name, T: t, Pos: dc.Name.Pos, V: zeroValue(t)}
		// As in C, the name is in scope in its own initializer:
		// "SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };".
		sc.vars[v.Name] = v
		sc.order = append(sc.order, v)
		p.dirty = true
		if dc.Init != nil {
			in.initVar(p, v, dc.Init)
		}
	}
}

func (in *interp) declType(tn *syntax.TypeName, dc *syntax.Declarator) *Type {
	ptr := tn.Ptr + dc.Ptr
	base := tn.Name
	var t *Type
	switch {
	case (base == "TCHAR" || base == "char") && (ptr == 1 || ptr == 0 && dc.Array):
		// A character array or pointer holds a string.
		t = &Type{Name: base + "*", Kind: kStr, Size: 8, Wide: base == "TCHAR"}
		if dc.Array {
			n := in.arraySize(dc)
			t = &Type{Name: base + "[" + strconv.Itoa(n) + "]", Kind: kStr, Len: n, Wide: base == "TCHAR"}
			t.Size = n
			if t.Wide {
				t.Size = 2 * n
			}
		}
		return t
	case (base == "TCHAR" || base == "char") && ptr == 1 && dc.Array:
		return tArgv
	case ptr > 0:
		return &Type{Name: base + strings.Repeat("*", ptr), Kind: kPtr, Size: 8, Elem: in.baseType(base)}
	}
	t = in.baseType(base)
	if t == nil || t.Kind == kVoid {
		in.fail("E_BAD_CAST", tn, "a variable", tn.Name)
	}
	if dc.Array {
		if t.Kind != kInt {
			in.fail("E_BAD_ARRAY_SIZE", dc.Name, strconv.Itoa(syntax.MaxArraySize))
		}
		n := in.arraySize(dc)
		return &Type{Name: t.Name + "[" + strconv.Itoa(n) + "]", Kind: kArr, Elem: t, Len: n, Size: n * t.Size}
	}
	return t
}

func (in *interp) baseType(name string) *Type {
	if t := scalarTypes[name]; t != nil {
		return t
	}
	if t := structTypes[name]; t != nil {
		return t
	}
	if name == "void" {
		return tVoid
	}
	return nil
}

// arraySize is the declared size, or the initializer's length for "[]".
func (in *interp) arraySize(dc *syntax.Declarator) int {
	if dc.Size == nil {
		switch x := dc.Init.(type) {
		case *syntax.InitList:
			return len(x.Elems)
		case *syntax.StringLit:
			// The literal's elements and its terminator: code page 949
			// bytes for char, UTF-16 units for TCHAR.
			return units(in.literal(x).S, x.Wide)
		case *syntax.CallExpr: // TEXT("...")
			if len(x.Args) == 1 {
				if s, ok := x.Args[0].(*syntax.StringLit); ok {
					return units(in.literal(s).S, s.Wide)
				}
			}
		}
		return syntax.MaxString
	}
	v := in.eval(in.u.p, dc.Size)
	if !v.isInt() || int64(v.N) <= 0 || int64(v.N) > syntax.MaxArraySize {
		in.fail("E_BAD_ARRAY_SIZE", dc.Size, strconv.Itoa(syntax.MaxArraySize))
	}
	return int(v.N)
}

func (in *interp) initVar(p *proc, v *Var, init syntax.Expr) {
	if il, ok := init.(*syntax.InitList); ok {
		switch v.T.Kind {
		case kStruct:
			// Brace initializers fill fields in order; the rest are zero.
			if len(il.Elems) > len(v.T.Fields) {
				in.fail("E_TOO_MANY_INIT", il, v.T.Name, strconv.Itoa(len(v.T.Fields)), strconv.Itoa(len(il.Elems)))
			}
			for i, e := range il.Elems {
				v.V.F[i] = in.convert(in.eval(p, e), v.T.Fields[i].T, e, v.T.Fields[i].Name)
			}
		case kArr:
			if len(il.Elems) > v.T.Len {
				in.fail("E_INDEX_RANGE", il, strconv.Itoa(len(il.Elems)-1), v.Name, strconv.Itoa(v.T.Len))
			}
			for i, e := range il.Elems {
				v.V.A[i] = in.convert(in.eval(p, e), v.T.Elem, e, v.Name).N
			}
		case kStr:
			// TCHAR buf[64] = { 0 }; or { 'a', 'b' }: elements in order,
			// the rest zero.
			if len(il.Elems) > v.T.Len {
				in.fail("E_INDEX_RANGE", il, strconv.Itoa(len(il.Elems)-1), v.Name, strconv.Itoa(v.T.Len))
			}
			for i, e := range il.Elems {
				n := in.intOf(in.eval(p, e), e, v.Name)
				v.V.S = setUnit(v.V.S, v.T.Wide, i, n)
			}
		default:
			if len(il.Elems) != 1 {
				in.fail("E_TYPE", il, v.Name, v.T.Name, "a list")
			}
			v.V = in.convert(in.eval(p, il.Elems[0]), v.T, il.Elems[0], v.Name)
		}
		return
	}
	if lit := literalOf(init); lit != nil && v.T.Kind == kStr && v.T.Len > 0 {
		// char a[8] = "ab\0cd": C copies the whole literal (embedded NULs
		// too) and zero-fills the rest; the terminator only if it fits.
		val := in.convert(in.eval(p, init), v.T, init, v.Name)
		src := in.literal(lit).S
		if lit.Wide == v.T.Wide {
			src = src[:len(src)-unitSize(v.T)]
			if units(src, v.T.Wide) > v.T.Len {
				in.fail("E_BUFFER_OVERFLOW", init, strconv.Quote(truncate(lit.Value)), strconv.Itoa(units(src, v.T.Wide)+1), v.Name, strconv.Itoa(v.T.Len))
			}
			val.S = src + v.V.S[len(src):]
		}
		v.V = val
		return
	}
	in.store(v, in.eval(p, init), init)
}

// literalOf is the string literal x is ("…", TEXT("…") in parentheses), or nil.
func literalOf(x syntax.Expr) *syntax.StringLit {
	switch x := x.(type) {
	case *syntax.StringLit:
		return x
	case *syntax.ParenExpr:
		return literalOf(x.X)
	}
	return nil
}

// store assigns to a variable, converting as C would.
func (in *interp) store(v *Var, val Value, at syntax.Node) {
	if v.T.Kind == kStr && val.T.Kind == kStr {
		in.chargeBytes(len(val.S) + len(v.V.S))
		s, need := strInto(v.T, v.V.S, val)
		if units(s, v.T.Wide) > 2*syntax.MaxString {
			in.fail("E_STRING_TOO_LONG", at, strconv.Itoa(syntax.MaxString))
		}
		if v.T.Len > 0 && need > v.T.Len {
			in.fail("E_BUFFER_OVERFLOW", at, strconv.Quote(truncate(cText(val))), strconv.Itoa(need), v.Name, strconv.Itoa(v.T.Len))
		}
		v.V = Value{T: v.T, S: s}
		return
	}
	v.V = in.convert(val, v.T, at, v.Name)
}

func truncate(s string) string {
	if head, cut := cutRunes(s, 32); cut {
		return head + "…"
	}
	return s
}

// convert converts val to type t (assignment, initialisation, argument).
func (in *interp) convert(val Value, t *Type, at syntax.Node, what string) Value {
	switch t.Kind {
	case kInt:
		switch val.T.Kind {
		case kInt:
			return intVal(t, val.N)
		case kPtr:
			if val.Ref == nil {
				return intVal(t, 0)
			}
		}
	case kStr:
		switch val.T.Kind {
		case kStr:
			s, _ := strInto(t, zeroStr(t).S, val)
			return Value{T: t, S: s}
		case kInt:
			if val.N == 0 { // NULL
				return zeroStr(t)
			}
		}
	case kStruct:
		if val.T == t {
			return val.clone()
		}
	case kPtr:
		switch val.T.Kind {
		case kPtr:
			return Value{T: t, Ref: val.Ref}
		case kInt:
			if val.N == 0 {
				return Value{T: t}
			}
		case kStr:
			return Value{T: t, Ref: val.Ref}
		}
	case kArr:
		if val.T.Kind == kArr && val.T.Elem == t.Elem && val.T.Len == t.Len {
			in.chargeElems(t.Len)
			return val.clone()
		}
	case kArgv:
		if val.T.Kind == kArgv {
			return val
		}
	}
	in.fail("E_TYPE", at, what, t.Name, describe(val))
	return Value{}
}
