package verify

import (
	"fmt"
	"strings"

	"handleviz/kernel/syntax"
)

// fileScope writes what a scenario has at file scope, as C at file scope:
// its preprocessor directives (so that the macro uses the translation
// copies from the source mean what they meant), its globals (each process
// of the one program has its own copy, as in the model) and its helper
// functions, instrumented statement by statement like a role's code: a
// helper's statements are steps of the process that calls it. It returns
// the globals' kinds for the roles' scopes.
func fileScope(f *syntax.File, b *strings.Builder) (map[string]string, error) {
	for _, d := range directives(f.Src) {
		b.WriteString(d)
		b.WriteByte('\n')
	}
	g := &translator{f: f}
	g.push()
	for _, s := range f.Stmts {
		switch s.(type) {
		case *syntax.ProcessStmt, *syntax.MarkerStmt:
			goto globalsDone
		}
		if d, ok := s.(*syntax.DeclStmt); ok {
			for _, x := range d.Decls {
				fmt.Fprintf(b, "static %s;\n", g.decl(d.Type, x))
			}
		}
	}
globalsDone:
	if g.err != nil {
		return nil, g.err
	}
	globals := g.scopes[0]
	var fns []*syntax.FuncStmt
	for _, s := range f.Stmts {
		if fs, ok := s.(*syntax.FuncStmt); ok && !fs.IsMain() && fs.Body != nil {
			fns = append(fns, fs)
		}
	}
	for _, fs := range fns {
		fmt.Fprintf(b, "static %s;\n", signature(fs))
	}
	for _, fs := range fns {
		t := &translator{f: f, fn: fs}
		t.push()
		for n, k := range globals {
			t.declare(n, k)
		}
		t.push()
		for _, p := range fs.Params {
			if p.Name == nil {
				continue
			}
			kind := "other"
			if p.Type.Name == "HANDLE" && p.Type.Ptr+p.Ptr == 0 && !p.Array {
				kind = "HANDLE"
			}
			t.declare(p.Name.Name, kind)
		}
		fmt.Fprintf(&t.b, "static %s {\n", signature(fs))
		t.depth = 1
		for _, st := range fs.Body.List {
			t.stmt(st)
		}
		if !isVoid(fs.Type) {
			t.line("return 0;") // C leaves it undefined; the model returns 0
		}
		t.b.WriteString("}\n\n")
		if t.err != nil {
			return nil, t.err
		}
		b.WriteString(t.b.String())
	}
	return globals, nil
}

// directives returns the source's preprocessor lines but #include and
// #pragma (the harness includes the headers), continuation lines joined.
func directives(src string) []string {
	var out []string
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(strings.TrimRight(lines[i], "\r"))
		if !strings.HasPrefix(l, "#") {
			continue
		}
		for strings.HasSuffix(l, "\\") && i+1 < len(lines) {
			i++
			l = strings.TrimSuffix(l, "\\") + " " + strings.TrimSpace(strings.TrimRight(lines[i], "\r"))
		}
		word := strings.TrimSpace(strings.TrimPrefix(l, "#"))
		if strings.HasPrefix(word, "include") || strings.HasPrefix(word, "pragma") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func isVoid(tn *syntax.TypeName) bool { return tn.Name == "void" && tn.Ptr == 0 }

// signature is a helper's C declarator: "static DWORD f(HANDLE h, int a[])".
func signature(fs *syntax.FuncStmt) string {
	var ps []string
	for i, p := range fs.Params {
		if p.Name == nil && isVoid(p.Type) && p.Ptr == 0 {
			continue // f(void)
		}
		name := fmt.Sprintf("hv_unnamed%d", i)
		if p.Name != nil {
			name = p.Name.Name
		}
		s := ctype(p.Type) + strings.Repeat("*", p.Ptr) + " " + name
		if p.Array {
			s += "[]"
		}
		ps = append(ps, s)
	}
	if len(ps) == 0 {
		ps = []string{"void"}
	}
	return ctype(fs.Type) + " " + fs.Name.Name + "(" + strings.Join(ps, ", ") + ")"
}

// helperReturn writes "return e;" in a helper: a step of its own in the
// model, then the C return.
func (t *translator) helperReturn(s *syntax.ReturnStmt) {
	pos := s.Start()
	t.line("{")
	t.depth++
	if s.X != nil && !isVoid(t.fn.Type) {
		t.line("%s hv_r = (%s)(%s);", ctype(t.fn.Type), ctype(t.fn.Type), t.expr(s.X))
	}
	t.line("hv_post(%d, %d);", pos.Line, pos.Col)
	t.vars()
	t.line("hv_end();")
	switch {
	case isVoid(t.fn.Type):
		t.line("return;")
	case s.X != nil:
		t.line("return hv_r;")
	default:
		t.line("return 0;")
	}
	t.depth--
	t.line("}")
}

// userFuncs are the scenario's helper functions (prototypes included).
func userFuncs(f *syntax.File) map[string]bool {
	out := map[string]bool{}
	for _, s := range f.Stmts {
		if fs, ok := s.(*syntax.FuncStmt); ok && !fs.IsMain() {
			out[fs.Name.Name] = true
		}
	}
	return out
}

// lastMainOf is role r's main function when it is the role's last code
// (the process exits at its closing brace), else nil.
func lastMainOf(plan *Plan, r int) *syntax.FuncStmt {
	for k := len(plan.Sections) - 1; k >= 0; k-- {
		s := plan.Sections[k]
		if s.Role != r {
			continue
		}
		if len(s.Stmts) == 0 {
			return nil
		}
		if fs, ok := s.Stmts[len(s.Stmts)-1].(*syntax.FuncStmt); ok && fs.IsMain() {
			return fs
		}
		return nil
	}
	return nil
}
