package scenario

import (
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

// File scope and helper functions (issue 10). A scenario reads like the
// programs of a textbook: declarations and helper functions at the top,
// then each process's _tmain. So:
//
//   - declarations before the first "process" or "@Name" are global
//     variables: every process gets its own copy when it starts (separate
//     address spaces), initialised as C does before main, so a write in
//     one process is not seen by another;
//   - functions other than main functions, written anywhere at the top
//     level, may be called by every process: they take parameters, return
//     values, call each other and recurse, each call in a frame of its own
//     (its statements are steps of the calling process), up to
//     maxCallDepth calls deep;
//   - a process's main function that is its last code exits the process
//     with 0 when its body ends (C's rule for returning from main), so
//     that a parent waiting on it wakes.

// maxCallDepth bounds helper calls inside one another: each call may nest
// MaxNesting levels of its own, and every level is Go stack (the
// browser's is small), so this is the same bound as the parser's.
const maxCallDepth = syntax.MaxNesting

// frame is one helper function call in progress in a process.
type frame struct {
	fn   *syntax.FuncStmt
	call *syntax.CallExpr
}

// returnSignal carries a helper's return value to its call.
type returnSignal struct {
	depth int // the frame it returns from
	val   Value
	has   bool
}

// fileScope is what the interpreter knows of the scenario's file scope.
type fileScope struct {
	funcs   map[string]*syntax.FuncStmt
	globals []*syntax.DeclStmt
	isDef   map[syntax.Stmt]bool // definitions the run skips: globals, helpers, prototypes
	exits   map[*syntax.FuncStmt]bool
}

// scanFileScope finds the helper functions and globals, and the main
// functions that are their process's last code.
func scanFileScope(f *syntax.File) fileScope {
	fs := fileScope{funcs: map[string]*syntax.FuncStmt{}, isDef: map[syntax.Stmt]bool{}, exits: map[*syntax.FuncStmt]bool{}}
	cur := ""
	started := false
	last := map[string]syntax.Stmt{}
	for _, s := range f.Stmts {
		switch s := s.(type) {
		case *syntax.ProcessStmt:
			started = true
			continue
		case *syntax.MarkerStmt:
			started = true
			cur = s.Name
			continue
		case *syntax.FuncStmt:
			if !s.IsMain() || s.Body == nil {
				fs.isDef[s] = true
				if s.Body != nil {
					fs.funcs[s.Name.Name] = s
				}
				continue
			}
		case *syntax.TypedefStmt:
			fs.isDef[s] = true // the parser has applied it
			continue
		case *syntax.DeclStmt:
			if !started {
				fs.isDef[s] = true
				fs.globals = append(fs.globals, s)
				continue
			}
		}
		if cur != "" {
			last[cur] = s
		}
	}
	for _, s := range last {
		if fn, ok := s.(*syntax.FuncStmt); ok {
			fs.exits[fn] = true
		}
	}
	return fs
}

// initGlobals gives a new process its own copy of every global, evaluated
// in its scope (the resolver allows only constant initialisers).
func (in *interp) initGlobals(p *proc) {
	if len(in.fs.globals) == 0 {
		return
	}
	prev, at, atP := in.u, in.at, in.atP
	for _, d := range in.fs.globals {
		in.u, in.at, in.atP = &unit{p: p, node: d, cond: true}, d, p
		in.declare(p, d)
	}
	in.u, in.at, in.atP = prev, at, atP
}

// callUser calls a helper function: its arguments are evaluated in the
// caller's scope, then its body runs with the globals and its parameters
// in scope (the caller's locals are not, as in C).
func (in *interp) callUser(p *proc, x *syntax.CallExpr, fn *syntax.FuncStmt) Value {
	name := fn.Name.Name
	if len(x.Args) != len(fn.Params) {
		in.fail("E_ARG_COUNT", x, name, strconv.Itoa(len(fn.Params)), strconv.Itoa(len(x.Args)))
	}
	in.charge(costCall)
	if len(p.frames) >= maxCallDepth {
		in.fail("E_CALL_DEPTH", x.Fn, strconv.Itoa(maxCallDepth), callChain(p, name))
	}
	sc := &scope{vars: map[string]*Var{}}
	for i, a := range x.Args {
		in.bindArg(p, sc, fn.Params[i], in.eval(p, a), a, name)
	}
	caller := in.u
	if caller != nil && caller.p == p && caller.cap != (syntax.Caption{}) && p.callCap == (syntax.Caption{}) {
		// The callee's steps come before the calling statement's: the
		// caption narrates the first of them (takeCallCap), or, if the
		// callee made none, the calling statement after all.
		p.callCap, caller.cap = caller.cap, syntax.Caption{}
		defer func() {
			if p.callCap != (syntax.Caption{}) {
				caller.cap, p.callCap = p.callCap, syntax.Caption{}
			}
		}()
	}
	// p.loop stays the caller's innermost loop: a loop that calls a long
	// helper forever is what E_WORK_LIMIT should point at.
	saved, loop, at, atP, u := p.scopes, p.loop, in.at, in.atP, in.u
	p.scopes = []*scope{saved[0], sc}
	p.frames = append(p.frames, frame{fn: fn, call: x})
	p.dirty = true
	ret := in.runFunc(p, fn)
	p.frames = p.frames[:len(p.frames)-1]
	p.scopes, p.loop, in.at, in.atP, in.u = saved, loop, at, atP, u
	p.dirty = true
	if fn.Type.Name == "void" && fn.Type.Ptr == 0 {
		return Value{T: tVoid}
	}
	t := in.declType(fn.Type, &syntax.Declarator{Name: fn.Name})
	if !ret.has {
		return zeroValue(t) // C leaves it undefined; the model says 0
	}
	if t.Kind == kStr && ret.val.T.Kind == kStr {
		return ret.val // a string pointer returned: the string itself
	}
	return in.convert(ret.val, t, x, name)
}

// runFunc runs a helper's body until it ends or returns.
func (in *interp) runFunc(p *proc, fn *syntax.FuncStmt) (ret returnSignal) {
	depth := len(p.frames)
	defer func() {
		if r := recover(); r != nil {
			if rs, ok := r.(*returnSignal); ok && rs.depth == depth {
				ret = *rs
				return
			}
			panic(r)
		}
	}()
	in.exec(p, fn.Body)
	return returnSignal{}
}

// returnFromFunc runs "return [x];" in a helper: a step of its own, then
// back to the call.
func (in *interp) returnFromFunc(p *proc, s *syntax.ReturnStmt) {
	u := &unit{p: p, node: s, cap: s.Cap}
	prev := in.u
	in.u = u
	rs := &returnSignal{depth: len(p.frames)}
	if s.X != nil {
		rs.val, rs.has = in.eval(p, s.X), true
	}
	in.finishUnit(u)
	in.u = prev
	panic(rs)
}

// bindArg declares a parameter with its argument's value. Arrays are
// passed as pointers in C, so a string or array parameter given a
// variable is that variable under the parameter's name: what the helper
// writes into it, the caller sees (_tcscpy(out, …) in a helper).
func (in *interp) bindArg(p *proc, sc *scope, prm *syntax.Param, val Value, at syntax.Expr, fn string) {
	dc := &syntax.Declarator{Name: prm.Name, Ptr: prm.Ptr}
	if prm.Array {
		dc.Ptr++
	}
	t := in.declType(prm.Type, dc)
	if ref := val.Ref; ref != nil && (t.Kind == kStr && val.T.Kind == kStr && ref.T.Wide == t.Wide ||
		t.Kind == kPtr && val.T.Kind == kArr && t.Elem == val.T.Elem) {
		sc.vars[prm.Name.Name] = ref
		return
	}
	v := &Var{Name: prm.Name.Name, T: t, Pos: prm.Name.Pos, V: zeroValue(t)}
	in.store(v, val, at)
	sc.vars[v.Name] = v
	sc.order = append(sc.order, v)
}

// callChain names the helper calls in progress, a run of one function as
// "fact ×64", for E_CALL_DEPTH.
func callChain(p *proc, next string) string {
	names := make([]string, 0, len(p.frames)+1)
	for _, f := range p.frames {
		names = append(names, f.fn.Name.Name)
	}
	names = append(names, next)
	var parts []string
	for i := 0; i < len(names); {
		j := i
		for j < len(names) && names[j] == names[i] {
			j++
		}
		if j-i > 1 {
			parts = append(parts, names[i]+" ×"+strconv.Itoa(j-i))
		} else {
			parts = append(parts, names[i])
		}
		i = j
	}
	return p.name + ": " + strings.Join(parts, " → ")
}

// braceNode is a main function's closing brace: the step where falling
// off its end exits the process.
type braceNode struct{ end syntax.Pos }

func (b braceNode) Start() syntax.Pos {
	return syntax.Pos{Line: b.end.Line, Col: b.end.Col - 1, Offset: b.end.Offset - 1}
}
func (b braceNode) End() syntax.Pos { return b.end }

// mainEnded exits the process with 0 when its main function's body ended
// and the scenario has no more code for it: C's exit after main returns,
// through ExitProcess, so that waiters on the process wake.
func (in *interp) mainEnded(p *proc, s *syntax.FuncStmt) {
	if !in.fs.exits[s] || in.exited(p) {
		return
	}
	u := &unit{p: p, node: braceNode{end: s.Body.Rbrace}, cap: s.EndCap, call: "ExitProcess"}
	prev := in.u
	in.u = u
	in.reserveTable(p.pid, 4)
	in.k.ExitProcess(p.tid, 0)
	in.finishUnit(u)
	in.u = prev
	panic(exitSignal{})
}

// takeCallCap gives a calling statement's caption (callCap) to the first
// step its helper makes without a caption of its own (or, if none does,
// back to the calling statement: callUser).
func (in *interp) takeCallCap(u *unit, st *Step) {
	if u.p == nil || u.p.callCap == (syntax.Caption{}) {
		return
	}
	if st.Caption == (syntax.Caption{}) {
		st.Caption, u.p.callCap = u.p.callCap, syntax.Caption{}
	}
}
