package scenario

import (
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

// eval evaluates an expression in process p.
func (in *interp) eval(p *proc, x syntax.Expr) Value {
	in.charge(costNode)
	switch x := x.(type) {
	case *syntax.IntLit:
		switch {
		case x.Long && x.Uns, x.Long && x.Value > 1<<63-1:
			return intVal(tSIZE, x.Value)
		case x.Long:
			return intVal(tLONGLONG, x.Value)
		case x.Uns:
			return intVal(tDWORD, x.Value)
		}
		return intVal(tInt, x.Value)
	case *syntax.CharLit:
		return intVal(tInt, x.Value)
	case *syntax.StringLit:
		return in.literal(x)
	case *syntax.ParenExpr:
		return in.eval(p, x.X)
	case *syntax.Ident:
		if v := in.lookup(p, x.Name); v != nil {
			val := v.V
			if v.T.Kind == kStr || v.T.Kind == kArr || v.T.Kind == kStruct {
				val.Ref = v // arrays decay to a pointer to their variable
			}
			return val
		}
		if c, ok := constants[x.Name]; ok {
			return c
		}
		if _, ok := builtins[x.Name]; ok {
			in.fail("E_NOT_CALLABLE", x, x.Name+" without ()")
		}
		in.undeclared(p, x)
	case *syntax.CallExpr:
		v := in.call(p, x)
		if v.T.Kind == kVoid {
			// The statement form, "Sleep(0);", calls through evalDiscard.
			in.fail("E_VOID_VALUE", x, x.Fn.Name)
		}
		return v
	case *syntax.UnaryExpr:
		return in.unary(p, x)
	case *syntax.PostfixExpr:
		lv := in.lvalue(p, x.X)
		old := lv.get()
		if !old.isInt() {
			in.fail("E_TYPE", x, x.Op, "an integer", describe(old))
		}
		d := uint64(1)
		if x.Op == "--" {
			d = ^uint64(0)
		}
		lv.set(intVal(old.T, old.N+d), x)
		return old
	case *syntax.BinaryExpr:
		if x.Op == "&&" || x.Op == "||" {
			l := in.eval(p, x.X).truth()
			if x.Op == "&&" && !l || x.Op == "||" && l {
				return intVal(tInt, b2u(l))
			}
			return intVal(tInt, b2u(in.eval(p, x.Y).truth()))
		}
		return in.binary(x, x.Op, in.eval(p, x.X), in.eval(p, x.Y))
	case *syntax.AssignExpr:
		lv := in.lvalue(p, x.X)
		val := in.eval(p, x.Y)
		if x.Op != "=" {
			val = in.binary(x, strings.TrimSuffix(x.Op, "="), lv.get(), val)
		}
		lv.set(val, x)
		return lv.get()
	case *syntax.CondExpr:
		if in.eval(p, x.Cond).truth() {
			return in.eval(p, x.X)
		}
		return in.eval(p, x.Y)
	case *syntax.CastExpr:
		return in.cast(p, x)
	case *syntax.IndexExpr:
		return in.lvalue(p, x).get()
	case *syntax.SelectorExpr:
		return in.lvalue(p, x).get()
	case *syntax.SizeofExpr:
		return intVal(tSIZE, uint64(in.sizeof(p, x)))
	case *syntax.InitList:
		in.fail("E_EXPECTED_EXPR", x, "'{'")
	}
	in.fail("E_EXPECTED_EXPR", x, "?")
	return Value{}
}

// evalDiscard evaluates an expression whose value is not used (an
// expression statement, a cast to void): a void function may be called
// there.
func (in *interp) evalDiscard(p *proc, x syntax.Expr) {
	switch y := x.(type) {
	case *syntax.CallExpr:
		in.charge(costNode)
		in.call(p, y)
		return
	case *syntax.ParenExpr:
		in.charge(costNode)
		in.evalDiscard(p, y.X)
		return
	case *syntax.CastExpr:
		if y.Type.Name == "void" && y.Type.Ptr == 0 {
			in.charge(costNode)
			in.evalDiscard(p, y.X)
			return
		}
	}
	in.eval(p, x)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func (in *interp) undeclared(p *proc, x *syntax.Ident) {
	var cands []string
	for _, sc := range p.scopes {
		for _, v := range sc.order {
			cands = append(cands, v.Name)
		}
	}
	for n := range constants {
		cands = append(cands, n)
	}
	for n := range builtins {
		cands = append(cands, n)
	}
	in.fail("E_UNDECLARED", x, x.Name, p.name, syntax.Suggest(x.Name, cands))
}

func (in *interp) intOf(v Value, at syntax.Node, what string) uint64 {
	switch v.T.Kind {
	case kInt:
		return v.N
	case kPtr:
		if v.Ref == nil {
			return 0
		}
	}
	in.fail("E_TYPE", at, what, "an integer", describe(v))
	return 0
}

func (in *interp) unary(p *proc, x *syntax.UnaryExpr) Value {
	switch x.Op {
	case "&":
		switch y := x.X.(type) {
		case *syntax.Ident:
			v := in.lookup(p, y.Name)
			if v == nil {
				in.eval(p, y) // reports the undeclared name
				in.fail("E_NOT_ADDRESSABLE", x, in.f.Text(x.X))
			}
			return Value{T: tPtr, Ref: v}
		case *syntax.SelectorExpr, *syntax.IndexExpr:
			lv := in.lvalue(p, y)
			if fv, ok := lv.(*fieldLV); ok {
				return Value{T: tPtr, Ref: fv.asVar()}
			}
		}
		in.fail("E_NOT_ADDRESSABLE", x, in.f.Text(x.X))
	case "*":
		v := in.eval(p, x.X)
		if v.T.Kind == kPtr && v.Ref != nil {
			return v.Ref.V
		}
		if v.T.Kind == kStr {
			return intVal(elemType(v.T), unitAt(v.S, v.T.Wide, 0))
		}
		if v.T.Kind == kPtr {
			in.accessViolation(p, in.f.Text(x)) // reading through NULL
		}
		in.fail("E_TYPE", x, "*", "a pointer", describe(v))
	case "++", "--":
		lv := in.lvalue(p, x.X)
		old := lv.get()
		if !old.isInt() {
			in.fail("E_TYPE", x, x.Op, "an integer", describe(old))
		}
		d := uint64(1)
		if x.Op == "--" {
			d = ^uint64(0)
		}
		lv.set(intVal(old.T, old.N+d), x)
		return lv.get()
	}
	v := in.eval(p, x.X)
	switch x.Op {
	case "!":
		return intVal(tInt, b2u(!v.truth()))
	case "-", "+", "~":
		if !v.isInt() {
			in.fail("E_TYPE", x, x.Op, "an integer", describe(v))
		}
		t := promote(v.T)
		switch x.Op {
		case "-":
			return intVal(t, -v.N)
		case "~":
			return intVal(t, ^v.N)
		}
		return intVal(t, v.N)
	}
	in.fail("E_EXPECTED_EXPR", x, x.Op)
	return Value{}
}

// promote applies C's integer promotion: types narrower than int become int.
func promote(t *Type) *Type {
	if t.Bits < 32 || t == tBOOL {
		return tInt
	}
	return t
}

// arith is the usual arithmetic conversion of two integer types (x64 LLP64).
func arith(a, b *Type) *Type {
	a, b = promote(a), promote(b)
	if a == tHANDLE || b == tHANDLE {
		return tHANDLE
	}
	if a.Bits == 64 || b.Bits == 64 {
		if a.Bits == 64 && !a.Signed || b.Bits == 64 && !b.Signed {
			return tSIZE
		}
		return tLONGLONG
	}
	if !a.Signed || !b.Signed {
		return tDWORD
	}
	return tInt
}

func (in *interp) binary(at syntax.Node, op string, l, r Value) Value {
	if op == "==" || op == "!=" {
		// Strings compare as pointers would not help anyone: compare text.
		if l.T.Kind == kStr && r.T.Kind == kStr {
			in.chargeBytes(len(l.S) + len(r.S))
			// Equal storage is equal C strings (no scan for the NUL).
			eq := l.S == r.S || cBytes(l.S, l.T.Wide) == cBytes(r.S, r.T.Wide)
			if l.T.Wide != r.T.Wide {
				eq = cText(l) == cText(r)
			}
			return intVal(tInt, b2u(eq == (op == "==")))
		}
		if l.T.Kind == kPtr || r.T.Kind == kPtr {
			eq := l.Ref == r.Ref && (l.T.Kind != kInt || l.N == 0) && (r.T.Kind != kInt || r.N == 0)
			return intVal(tInt, b2u(eq == (op == "==")))
		}
	}
	if !l.isInt() {
		in.fail("E_TYPE", at, op, "an integer", describe(l))
	}
	if !r.isInt() {
		in.fail("E_TYPE", at, op, "an integer", describe(r))
	}
	t := arith(l.T, r.T)
	a, b := norm(t, l.N), norm(t, r.N)
	if op == "<<" || op == ">>" {
		t = promote(l.T)
		a = norm(t, l.N)
		s := r.N & uint64(t.Bits-1)
		if op == "<<" {
			return intVal(t, a<<s)
		}
		if t.Signed {
			return intVal(t, uint64(int64(a)>>s))
		}
		return intVal(t, a>>s)
	}
	less := func() bool {
		if t.Signed {
			return int64(a) < int64(b)
		}
		return a < b
	}
	switch op {
	case "+":
		return intVal(t, a+b)
	case "-":
		return intVal(t, a-b)
	case "*":
		return intVal(t, a*b)
	case "/", "%":
		if b == 0 {
			in.fail("E_DIV_ZERO", at)
		}
		if t.Signed {
			x, y := int64(a), int64(b)
			if y == -1 {
				if op == "/" {
					return intVal(t, -a)
				}
				return intVal(t, 0)
			}
			if op == "/" {
				return intVal(t, uint64(x/y))
			}
			return intVal(t, uint64(x%y))
		}
		if op == "/" {
			return intVal(t, a/b)
		}
		return intVal(t, a%b)
	case "&":
		return intVal(t, a&b)
	case "|":
		return intVal(t, a|b)
	case "^":
		return intVal(t, a^b)
	case "==":
		return intVal(tInt, b2u(a == b))
	case "!=":
		return intVal(tInt, b2u(a != b))
	case "<":
		return intVal(tInt, b2u(less()))
	case ">=":
		return intVal(tInt, b2u(!less()))
	case ">":
		return intVal(tInt, b2u(a != b && !less()))
	case "<=":
		return intVal(tInt, b2u(a == b || less()))
	}
	in.fail("E_EXPECTED_EXPR", at, op)
	return Value{}
}

func (in *interp) cast(p *proc, x *syntax.CastExpr) Value {
	v := in.eval(p, x.X)
	tn := x.Type
	if tn.Ptr > 0 || tn.Name == "void" {
		if (tn.Name == "TCHAR" || tn.Name == "char") && tn.Ptr == 1 && v.T.Kind == kStr {
			return v
		}
		if tn.Name == "void" && tn.Ptr == 0 {
			return Value{T: tVoid}
		}
		if v.T.Kind == kInt || v.T.Kind == kPtr {
			return v
		}
		in.fail("E_BAD_CAST", x, describe(v), in.f.Text(tn))
	}
	t := in.baseType(tn.Name)
	if t == nil || t.Kind != kInt {
		if t != nil && t == v.T {
			return v
		}
		in.fail("E_BAD_CAST", x, describe(v), in.f.Text(tn))
	}
	switch v.T.Kind {
	case kInt:
		return intVal(t, v.N)
	case kPtr:
		if v.Ref == nil {
			return intVal(t, 0)
		}
	}
	in.fail("E_BAD_CAST", x, describe(v), t.Name)
	return Value{}
}

func (in *interp) sizeof(p *proc, x *syntax.SizeofExpr) int {
	if x.Type != nil {
		if x.Type.Ptr > 0 {
			return 8
		}
		t := in.baseType(x.Type.Name)
		if t == nil || t.Kind == kVoid {
			in.fail("E_BAD_CAST", x, "sizeof", x.Type.Name)
		}
		return t.Size
	}
	if id, ok := x.X.(*syntax.Ident); ok {
		if v := in.lookup(p, id.Name); v != nil {
			return v.T.Size
		}
	}
	if par, ok := x.X.(*syntax.ParenExpr); ok {
		if id, ok := par.X.(*syntax.Ident); ok {
			if v := in.lookup(p, id.Name); v != nil {
				return v.T.Size
			}
		}
		x2 := *x
		x2.X = par.X
		return in.sizeof(p, &x2)
	}
	v := in.eval(p, x.X)
	if v.T.Kind == kStr && v.T.Len == 0 {
		return len(v.S) // a literal: its bytes with the terminator
	}
	return v.T.Size
}

// ---- lvalues ----

type lvalue interface {
	get() Value
	set(v Value, at syntax.Node)
}

type varLV struct {
	in *interp
	p  *proc
	v  *Var
}

func (l *varLV) get() Value { return l.v.V }
func (l *varLV) set(v Value, at syntax.Node) {
	l.in.store(l.v, v, at)
	l.p.dirty = true
}

type fieldLV struct {
	in   *interp
	p    *proc
	base *Var
	v    *Value // the struct value holding the field
	i    int
}

func (l *fieldLV) get() Value { return l.v.F[l.i] }
func (l *fieldLV) set(v Value, at syntax.Node) {
	f := l.v.T.Fields[l.i]
	tmp := &Var{Name: f.Name, T: f.T}
	l.in.store(tmp, v, at)
	l.v.F[l.i] = tmp.V
	l.p.dirty = true
}

// asVar exposes a field as a variable for &s.f out-parameters; writes go
// back through fieldRef.
func (l *fieldLV) asVar() *Var {
	return &Var{Name: l.base.Name + "." + l.v.T.Fields[l.i].Name, T: l.v.T.Fields[l.i].T, V: l.get(), fieldOf: l}
}

type elemLV struct {
	in  *interp
	p   *proc
	v   *Var
	i   int
	str bool
}

func (l *elemLV) get() Value {
	if l.str {
		l.in.chargeBytes(len(l.v.V.S)) // as a C loop over the string would
		return intVal(elemType(l.v.T), unitAt(l.v.V.S, l.v.T.Wide, l.i))
	}
	return intVal(l.v.T.Elem, l.v.V.A[l.i])
}

func (l *elemLV) set(v Value, at syntax.Node) {
	n := l.in.intOf(v, at, l.v.Name)
	if l.str {
		// One element changes; the ones after a NUL keep their values.
		l.in.chargeBytes(len(l.v.V.S))
		l.v.V.S = setUnit(l.v.V.S, l.v.T.Wide, l.i, n)
	} else {
		l.v.V.A[l.i] = norm(l.v.T.Elem, n)
	}
	l.p.dirty = true
}

// elemType is a string's element type: char (signed, as MSVC's) or TCHAR.
func elemType(t *Type) *Type {
	if t.Wide {
		return tTCHAR
	}
	return tChar
}

type argvLV struct{ v Value }

func (l *argvLV) get() Value { return l.v }
func (l *argvLV) set(v Value, at syntax.Node) {
	panic(syntax.Errorf("E_NOT_ASSIGNABLE", at.Start(), at.End(), "argv"))
}

func (in *interp) lvalue(p *proc, x syntax.Expr) lvalue {
	switch x := x.(type) {
	case *syntax.ParenExpr:
		return in.lvalue(p, x.X)
	case *syntax.Ident:
		v := in.lookup(p, x.Name)
		if v == nil {
			if _, ok := constants[x.Name]; ok {
				in.fail("E_NOT_ASSIGNABLE", x, x.Name)
			}
			in.undeclared(p, x)
		}
		if v.fieldOf != nil {
			return v.fieldOf
		}
		return &varLV{in, p, v}
	case *syntax.UnaryExpr:
		if x.Op == "*" {
			v := in.eval(p, x.X)
			if v.T.Kind == kPtr && v.Ref != nil {
				if v.Ref.fieldOf != nil {
					return v.Ref.fieldOf
				}
				return &varLV{in, p, v.Ref}
			}
			if v.T.Kind == kPtr {
				in.accessViolation(p, in.f.Text(x)) // writing through NULL
			}
		}
	case *syntax.SelectorExpr:
		var base *Var
		var sv *Value
		switch y := x.X.(type) {
		case *syntax.Ident:
			base = in.lookup(p, y.Name)
			if base == nil {
				in.undeclared(p, y)
			}
			sv = &base.V
			if x.Arrow && base.V.T.Kind == kPtr && base.V.Ref != nil {
				base = base.V.Ref
				sv = &base.V
			} else if x.Arrow && base.V.T.Kind == kPtr {
				in.accessViolation(p, in.f.Text(x)) // NULL->field
			}
		case *syntax.ParenExpr, *syntax.UnaryExpr:
			lv := in.lvalue(p, y)
			if vl, ok := lv.(*varLV); ok {
				base, sv = vl.v, &vl.v.V
			}
		}
		if sv == nil || sv.T.Kind != kStruct {
			what := in.f.Text(x.X)
			got := "?"
			if sv != nil {
				got = describe(*sv)
			}
			in.fail("E_TYPE", x.X, what, "a struct", got)
		}
		i, _ := sv.T.field(x.Sel.Name)
		if i < 0 {
			var names []string
			for _, f := range sv.T.Fields {
				names = append(names, f.Name)
			}
			in.fail("E_NO_FIELD", x.Sel, sv.T.Name, x.Sel.Name, syntax.Suggest(x.Sel.Name, names))
		}
		return &fieldLV{in, p, base, sv, i}
	case *syntax.IndexExpr:
		idx := in.eval(p, x.Index)
		if !idx.isInt() {
			in.fail("E_TYPE", x.Index, "index", "an integer", describe(idx))
		}
		i := int64(idx.N)
		if idx.T.Signed && idx.T.Bits == 32 {
			i = int64(int32(idx.N))
		}
		if id, ok := x.X.(*syntax.Ident); ok {
			v := in.lookup(p, id.Name)
			if v == nil {
				in.undeclared(p, id)
			}
			switch v.T.Kind {
			case kArgv:
				args := argvOf(v.V)
				if i < 0 || i >= int64(len(args)) {
					in.fail("E_INDEX_RANGE", x.Index, strconv.FormatInt(i, 10), "argv", strconv.Itoa(len(args)))
				}
				return &argvLV{strValue(tStr, args[i])}
			case kArr:
				if i < 0 || i >= int64(v.T.Len) {
					in.fail("E_INDEX_RANGE", x.Index, strconv.FormatInt(i, 10), v.Name, strconv.Itoa(v.T.Len))
				}
				return &elemLV{in, p, v, int(i), false}
			case kStr:
				lim := int64(v.T.Len)
				if lim == 0 {
					lim = int64(units(v.V.S, v.T.Wide))
				}
				if i < 0 || i >= lim {
					in.fail("E_INDEX_RANGE", x.Index, strconv.FormatInt(i, 10), v.Name, strconv.FormatInt(lim, 10))
				}
				return &elemLV{in, p, v, int(i), true}
			}
			in.fail("E_TYPE", x.X, id.Name, "an array", describe(v.V))
		}
		base := in.eval(p, x.X)
		if base.T.Kind == kStr {
			n := units(base.S, base.T.Wide)
			if i < 0 || i >= int64(n) {
				in.fail("E_INDEX_RANGE", x.Index, strconv.FormatInt(i, 10), in.f.Text(x.X), strconv.Itoa(n))
			}
			return &argvLV{intVal(elemType(base.T), unitAt(base.S, base.T.Wide, int(i)))}
		}
		in.fail("E_TYPE", x.X, in.f.Text(x.X), "an array", describe(base))
	}
	in.fail("E_NOT_ASSIGNABLE", x, in.f.Text(x))
	return nil
}
