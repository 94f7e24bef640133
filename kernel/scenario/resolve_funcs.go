package scenario

import (
	"strconv"

	"handleviz/kernel/syntax"
)

// The resolver's part of file scope (functions.go): globals are declared
// in every process, helper functions are known everywhere and their
// bodies are checked against the globals, the names processes declare at
// their top level, and their own parameters and locals.

// prepare collects helper functions, checks prototypes, and resolves the
// globals' initialisers and the helpers' bodies.
func (r *resolver) prepare(f *syntax.File) {
	fs := scanFileScope(f)
	r.funcs = fs.funcs
	for _, s := range f.Stmts {
		// A caption before a main's closing brace narrates the exit there;
		// when more lines follow for the process, there is no such step.
		if fn, ok := s.(*syntax.FuncStmt); ok && fn.EndCap != (syntax.Caption{}) && !fs.exits[fn] {
			r.errs = append(r.errs, syntax.Errorf("E_DANGLING_CAPTION", fn.EndCapAt, fn.EndCapAt))
		}
	}
	seen := map[string]*syntax.FuncStmt{}
	topNames := map[string]bool{"argc": true, "argv": true}
	cur := ""
	for _, s := range f.Stmts {
		switch s := s.(type) {
		case *syntax.MarkerStmt:
			cur = s.Name
		case *syntax.DeclStmt:
			if cur != "" {
				for _, d := range s.Decls {
					topNames[d.Name.Name] = true
				}
			}
		case *syntax.FuncStmt:
			if s.IsMain() {
				continue
			}
			if s.Body == nil {
				if r.funcs[s.Name.Name] == nil {
					r.errorf("E_PROTOTYPE", s.Name, s.Name.Name)
				}
				continue
			}
			if old := seen[s.Name.Name]; old != nil {
				r.errorf("E_REDECLARED", s.Name, s.Name.Name, strconv.Itoa(old.Name.Pos.Line))
			}
			seen[s.Name.Name] = s
		}
	}
	// Globals: in scope in every process from its start.
	r.globals = map[string]bool{}
	r.cur, r.fn = "\x00file", "" // a scope of its own, names checked
	r.known[r.cur] = true
	r.procs[r.cur] = []map[string]bool{{}}
	for _, d := range fs.globals {
		r.checkConstInit(d)
		r.stmt(d)
		for _, dc := range d.Decls {
			r.globals[dc.Name.Name] = true
			topNames[dc.Name.Name] = true
		}
	}
	// Helper bodies: any process may call them, so any process's
	// top-level names may be meant.
	for _, s := range f.Stmts {
		fn, ok := s.(*syntax.FuncStmt)
		if !ok || fn.IsMain() || fn.Body == nil {
			continue
		}
		r.cur, r.fn = "\x00fn", fn.Name.Name
		r.known[r.cur] = true
		params := map[string]bool{}
		for _, prm := range fn.Params {
			params[prm.Name.Name] = true
		}
		r.procs[r.cur] = []map[string]bool{topNames, params}
		r.stmt(fn.Body)
	}
	r.cur, r.fn = "", ""
}

// checkConstInit rejects calls in a global's initialiser: C computes it
// before main, with no calls.
func (r *resolver) checkConstInit(d *syntax.DeclStmt) {
	for _, dc := range d.Decls {
		if dc.Init != nil && hasCall(dc.Init) {
			r.errorf("E_GLOBAL_INIT", dc.Init, dc.Name.Name)
		}
		if dc.Size != nil && hasCall(dc.Size) {
			r.errorf("E_GLOBAL_INIT", dc.Size, dc.Name.Name)
		}
	}
}

func hasCall(x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.CallExpr:
		return true
	case *syntax.UnaryExpr:
		return hasCall(x.X)
	case *syntax.BinaryExpr:
		return hasCall(x.X) || hasCall(x.Y)
	case *syntax.CondExpr:
		return hasCall(x.Cond) || hasCall(x.X) || hasCall(x.Y)
	case *syntax.CastExpr:
		return hasCall(x.X)
	case *syntax.ParenExpr:
		return hasCall(x.X)
	case *syntax.InitList:
		for _, e := range x.Elems {
			if hasCall(e) {
				return true
			}
		}
	case *syntax.AssignExpr, *syntax.PostfixExpr:
		return true // not a constant either
	}
	return false
}

// userCall checks a call of a helper function; it reports whether name is
// one.
func (r *resolver) userCall(x *syntax.CallExpr) bool {
	fn := r.funcs[x.Fn.Name]
	if fn == nil {
		return false
	}
	if len(x.Args) != len(fn.Params) {
		r.errorf("E_ARG_COUNT", x, x.Fn.Name, strconv.Itoa(len(fn.Params)), strconv.Itoa(len(x.Args)))
	}
	for _, a := range x.Args {
		r.expr(a)
	}
	return true
}
