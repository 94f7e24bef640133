package scenario

import (
	"sort"
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

// Resolve checks a parsed scenario before it runs, the way starlark-go's
// resolve pass does: every name must be declared in the process that uses
// it (or be a constant or function), every function must exist and get its
// number of arguments. It reports all such errors at once, sorted by
// position, so the editor can mark them together; the run would stop at the
// first. Processes that CreateProcess makes are only known at run time, so
// in their statements only functions are checked here; their names are
// checked as they run.
func Resolve(f *syntax.File) syntax.ErrorList { return ResolveWith(f, nil) }

// ResolveWith is Resolve with a pause hook, as syntax.ParseWith: pause (if
// not nil) is called every thousand or so statements and expressions
// checked, and returning false stops with E_STOPPED (resolve_pause.go).
func ResolveWith(f *syntax.File, pause func() bool) (errs syntax.ErrorList) {
	r := &resolver{procs: map[string][]map[string]bool{}, known: map[string]bool{}, pc: syntax.NewPacer(pause)}
	defer r.recoverStop(&errs)
	r.prepare(f)
	for _, s := range f.Stmts {
		switch s := s.(type) {
		case *syntax.ProcessStmt:
			for _, n := range s.Names {
				r.enter(n.Name)
				r.known[n.Name] = true
			}
		case *syntax.MarkerStmt:
			r.enter(s.Name)
			r.cur = s.Name
		default:
			if fn, ok := s.(*syntax.FuncStmt); ok && !fn.IsMain() {
				continue // prepare checked it
			}
			if r.cur == "" {
				continue // globals (prepare), or the run reports E_NO_PROCESS
			}
			r.stmt(s)
		}
	}
	sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].Pos.Offset < r.errs[j].Pos.Offset })
	return r.errs
}

// maxResolveErrors is how many errors Resolve reports at most.
const maxResolveErrors = 100

type resolver struct {
	procs map[string][]map[string]bool // process → scope stack
	cur   string
	known map[string]bool // started by "process": all their names are checked
	errs  syntax.ErrorList
	// File scope (resolve_funcs.go): helpers, globals, and the helper
	// whose body is being checked.
	funcs   map[string]*syntax.FuncStmt
	globals map[string]bool
	fn      string
	pc      *syntax.Pacer // the caller's pause hook (resolve_pause.go)
}

func (r *resolver) enter(name string) {
	if _, ok := r.procs[name]; !ok {
		sc := map[string]bool{"argc": true, "argv": true}
		for g := range r.globals {
			sc[g] = true
		}
		r.procs[name] = []map[string]bool{sc}
	}
}

func (r *resolver) scopes() []map[string]bool { return r.procs[r.cur] }

func (r *resolver) push() { r.procs[r.cur] = append(r.procs[r.cur], map[string]bool{}) }
func (r *resolver) pop()  { r.procs[r.cur] = r.procs[r.cur][:len(r.procs[r.cur])-1] }

func (r *resolver) declared(name string) bool {
	for _, sc := range r.scopes() {
		if sc[name] {
			return true
		}
	}
	return false
}

func (r *resolver) errorf(code string, n syntax.Node, args ...string) {
	if len(r.errs) < maxResolveErrors {
		r.errs = append(r.errs, syntax.Errorf(code, n.Start(), n.End(), args...))
	}
}

func (r *resolver) stmt(s syntax.Stmt) {
	r.tick(s)
	switch s := s.(type) {
	case *syntax.DeclStmt:
		sc := r.scopes()[len(r.scopes())-1]
		for _, d := range s.Decls {
			sc[d.Name.Name] = true // in scope in its own initializer, as in C
			if d.Size != nil {
				r.expr(d.Size)
			}
			if d.Init != nil {
				r.expr(d.Init)
			}
		}
	case *syntax.ExprStmt:
		r.expr(s.X)
	case *syntax.ReturnStmt:
		if s.X != nil {
			r.expr(s.X)
		}
	case *syntax.BlockStmt:
		r.push()
		for _, x := range s.List {
			r.stmt(x)
		}
		r.pop()
	case *syntax.FuncStmt:
		if !s.IsMain() || s.Body == nil {
			return // a prototype in a block; prepare checked it
		}
		r.push()
		sc := r.scopes()[len(r.scopes())-1]
		for _, prm := range s.Params {
			if prm.Name != nil {
				sc[prm.Name.Name] = true
			}
		}
		r.stmt(s.Body)
		r.pop()
	case *syntax.IfStmt:
		for link := s; link != nil; {
			r.expr(link.Cond)
			r.stmt(link.Then)
			next, ok := link.Else.(*syntax.IfStmt)
			if !ok {
				if link.Else != nil {
					r.stmt(link.Else)
				}
				break
			}
			link = next
		}
	case *syntax.WhileStmt:
		r.expr(s.Cond)
		r.stmt(s.Body)
	case *syntax.ForStmt:
		r.push()
		if s.Init != nil {
			r.stmt(s.Init)
		}
		if s.Cond != nil {
			r.expr(s.Cond)
		}
		if s.Post != nil {
			r.expr(s.Post)
		}
		r.stmt(s.Body)
		r.pop()
	}
}

func (r *resolver) expr(x syntax.Expr) {
	r.tick(x)
	switch x := x.(type) {
	case *syntax.Ident:
		if r.declared(x.Name) || !r.known[r.cur] {
			return
		}
		if _, ok := constants[x.Name]; ok {
			return
		}
		if _, ok := builtins[x.Name]; ok {
			return // the run says "… is not a function" precisely
		}
		if len(r.errs) >= maxResolveErrors {
			return // enough to show; suggestions cost a scan of every name
		}
		var cands []string
		for _, sc := range r.scopes() {
			for n := range sc {
				cands = append(cands, n)
			}
		}
		for n := range constants {
			cands = append(cands, n)
		}
		sort.Strings(cands)
		if r.fn != "" {
			r.errorf("E_UNDECLARED_FN", x, x.Name, r.fn, syntax.Suggest(x.Name, cands))
			return
		}
		r.errorf("E_UNDECLARED", x, x.Name, r.cur, syntax.Suggest(x.Name, cands))
	case *syntax.CallExpr:
		if r.userCall(x) {
			return
		}
		name := x.Fn.Name
		b := builtins[name]
		if b == nil {
			if base := strings.TrimRight(name, "WA"); len(base) == len(name)-1 && builtins[base] != nil && builtins[base].win32 {
				b, name = builtins[base], base
			}
		}
		switch {
		case b == nil && r.declared(name):
			r.errorf("E_NOT_CALLABLE", x.Fn, name)
		case b == nil && len(r.errs) >= maxResolveErrors:
		case b == nil:
			var names []string
			for n := range builtins {
				names = append(names, n)
			}
			sort.Strings(names)
			sug := syntax.Suggest(name, names)
			if sug == "" {
				sug = syntax.Suggest(name, syntax.Keywords()) // "whlie(x);"
			}
			r.errorf("E_UNKNOWN_FUNCTION", x.Fn, name, sug)
		case b.n >= 0 && len(x.Args) != b.n:
			r.errorf("E_ARG_COUNT", x, name, strconv.Itoa(b.n), strconv.Itoa(len(x.Args)))
		case b.n < 0 && len(x.Args) < b.minN:
			r.errorf("E_ARG_COUNT", x, name, "at least "+strconv.Itoa(b.minN), strconv.Itoa(len(x.Args)))
		}
		for _, a := range x.Args {
			r.expr(a)
		}
	case *syntax.UnaryExpr:
		r.expr(x.X)
	case *syntax.PostfixExpr:
		r.expr(x.X)
	case *syntax.BinaryExpr:
		r.expr(x.X)
		r.expr(x.Y)
	case *syntax.AssignExpr:
		r.expr(x.X)
		r.expr(x.Y)
	case *syntax.CondExpr:
		r.expr(x.Cond)
		r.expr(x.X)
		r.expr(x.Y)
	case *syntax.CastExpr:
		r.expr(x.X)
	case *syntax.IndexExpr:
		r.expr(x.X)
		r.expr(x.Index)
	case *syntax.SelectorExpr:
		r.expr(x.X) // field names are checked at run time, against the value's type
	case *syntax.SizeofExpr:
		if x.X != nil {
			r.expr(x.X)
		}
	case *syntax.InitList:
		for _, e := range x.Elems {
			r.expr(e)
		}
	case *syntax.ParenExpr:
		r.expr(x.X)
	}
}
