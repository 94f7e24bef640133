package scenario

import (
	"bytes"
	"flag"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts")

// TestGolden runs every scenario under testdata/golden and compares its
// transcript (English and Korean) with the .out file next to it. Each
// scenario names the documentation or seed its Win32 behaviour comes from.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	if len(files) < 15 {
		t.Fatalf("only %d golden scenarios", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := Run(string(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			WriteText(&b, tr, "en")
			b.WriteString("\n---- ko ----\n")
			for i := range tr.Steps {
				if c, _ := tr.Caption(i); c.Ko != "" {
					b.WriteString(c.Ko + "\n")
				}
			}
			if tr.Err != nil {
				b.WriteString(tr.Err.Message("ko") + "\n")
			}
			if jsonGoldens[filepath.Base(f)] {
				checkJSONGolden(t, tr, strings.TrimSuffix(f, ".scn")+".json")
			}
			want := strings.TrimSuffix(f, ".scn") + ".out"
			if *update {
				if err := os.WriteFile(want, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got := b.String(); got != string(exp) {
				t.Errorf("transcript differs from %s (run with -update and review the diff):\n%s", want, firstDiff(got, string(exp)))
			}
			if !strings.Contains(filepath.Base(f), "error") {
				if tr.Err != nil {
					t.Errorf("runtime error: %v", tr.Err)
				}
				for _, e := range tr.Failed() {
					t.Errorf("expect failed at line %d: %s", e.Span.Start.Line, e.Text)
				}
			}
		})
	}
}

// jsonGoldens also pin their JSON trace (docs/trace-format.md): a
// process tree, waiting calls that complete, pipe data, a scenario that
// ends waiting, and the coverage scenario's literals and helpers.
var jsonGoldens = map[string]bool{
	"01_inherit.scn": true, "06_wait_event.scn": true, "12_pipe.scn": true, "17_deadlock.scn": true, "20_coverage.scn": true,
}

func checkJSONGolden(t *testing.T, tr *Trace, want string) {
	t.Helper()
	b, err := MarshalJSON(tr)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.WriteFile(want, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	exp, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(b) != string(exp) {
		t.Errorf("JSON differs from %s (run with -update and review the diff):\n%s", want, firstDiff(string(b), string(exp)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n got: " + x + "\nwant: " + y
		}
	}
	return ""
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for i > 0 {
		d = append([]byte{byte('0' + i%10)}, d...)
		i /= 10
	}
	return string(d)
}

// TestGoldenCoverage checks that the golden scenarios call every builtin
// under every name it has, and use every kind of syntax node, operator and
// written form: a form added to the language without a golden fails here.
func TestGoldenCoverage(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	used := map[string]bool{}
	forms := map[string]bool{}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		file, err := syntax.Parse(string(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range file.Stmts {
			walkForms(file, s, forms)
		}
		if strings.Contains(string(src), "/*") {
			forms["block comment"] = true
		}
		if strings.Contains(string(src), "#include") {
			forms["#include"] = true
		}
		if _, err := Run(string(src), Options{onUse: func(name string) { used[name] = true }}); err != nil {
			t.Fatal(err)
		}
	}
	var missing []string
	for name := range builtins {
		// TEXT("…") and _T("…") are literals to the parser; the builtins
		// only report a non-literal argument.
		if !used[name] && name != "TEXT" && name != "_T" {
			missing = append(missing, name)
		}
	}
	if !used["CreateMutexW"] && !used["CreateEventW"] {
		missing = append(missing, "a …W name")
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no golden scenario calls %v", missing)
	}
	want := []string{"block comment", "#include", "@A", "@A;", "@A:", "else", "else if", "do while", "for(;;)", "for decl",
		"sizeof(T)", "sizeof x", "->", ".", "wide string", "narrow string", "adjacent strings", "TEXT()", "_T()", "L'c'", "'c'",
		"hex", "octal", "u suffix", "ll suffix", "main params", "(void)"}
	want = append(want, nodeKinds(t)...)
	bin, assign, unary, postfix := syntax.Operators()
	for _, op := range bin {
		want = append(want, "binary "+op)
	}
	for _, op := range assign {
		want = append(want, "assign "+op)
	}
	for _, op := range unary {
		want = append(want, "unary "+op)
	}
	for _, op := range postfix {
		want = append(want, "postfix "+op)
	}
	missing = nil
	for _, k := range want {
		if !forms[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		t.Errorf("no golden scenario uses %q", missing)
	}
}

// nodeKinds lists the syntax node types from kernel/syntax/ast.go: the
// types with an expr() method and the statement types (they embed
// stmtBase).
func nodeKinds(t *testing.T) []string {
	fs := token.NewFileSet()
	f, err := goparser.ParseFile(fs, "../syntax/ast.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == "expr" && d.Recv != nil {
				if st, ok := d.Recv.List[0].Type.(*ast.StarExpr); ok {
					out = append(out, st.X.(*ast.Ident).Name)
				}
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok {
					continue
				}
				if st, ok := ts.Type.(*ast.StructType); ok {
					for _, fl := range st.Fields.List {
						if id, ok := fl.Type.(*ast.Ident); ok && id.Name == "stmtBase" && len(fl.Names) == 0 {
							out = append(out, ts.Name.Name)
						}
					}
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d node kinds in ast.go", len(out))
	}
	return out
}

// walkForms records the node kinds and written forms under n.
func walkForms(f *syntax.File, n any, forms map[string]bool) {
	v := reflect.ValueOf(n)
	if !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		return
	}
	if node, ok := n.(syntax.Node); ok {
		forms[reflect.Indirect(v).Type().Name()] = true
		text := f.Text(node)
		switch x := n.(type) {
		case *syntax.MarkerStmt:
			rest := strings.TrimLeft(f.Src[x.EndPos.Offset:], " \t")
			switch {
			case strings.HasPrefix(rest, ";"):
				forms["@A;"] = true
			case strings.HasPrefix(rest, ":"):
				forms["@A:"] = true
			default:
				forms["@A"] = true
			}
		case *syntax.IfStmt:
			if x.Else != nil {
				forms["else"] = true
				if _, ok := x.Else.(*syntax.IfStmt); ok {
					forms["else if"] = true
				}
			}
		case *syntax.WhileStmt:
			if x.Do {
				forms["do while"] = true
			}
		case *syntax.ForStmt:
			if x.Init == nil && x.Cond == nil && x.Post == nil {
				forms["for(;;)"] = true
			}
			if _, ok := x.Init.(*syntax.DeclStmt); ok {
				forms["for decl"] = true
			}
		case *syntax.FuncStmt:
			if len(x.Params) > 0 {
				forms["main params"] = true
			}
		case *syntax.SizeofExpr:
			if x.Type != nil {
				forms["sizeof(T)"] = true
			} else if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(text, "sizeof")), "(") {
				forms["sizeof x"] = true
			}
		case *syntax.SelectorExpr:
			forms[map[bool]string{true: "->", false: "."}[x.Arrow]] = true
		case *syntax.StringLit:
			forms[map[bool]string{true: "wide string", false: "narrow string"}[x.Wide]] = true
			if strings.HasPrefix(text, "TEXT(") {
				forms["TEXT()"] = true
			}
			if strings.HasPrefix(text, "_T(") {
				forms["_T()"] = true
			}
			if strings.Count(text, `"`)-strings.Count(text, `\"`) > 2 {
				forms["adjacent strings"] = true
			}
		case *syntax.CharLit:
			forms[map[bool]string{true: "L'c'", false: "'c'"}[strings.HasPrefix(text, "L")]] = true
		case *syntax.IntLit:
			lt := strings.ToLower(text)
			switch {
			case strings.HasPrefix(lt, "0x"):
				forms["hex"] = true
			case len(lt) > 1 && lt[0] == '0' && lt[1] >= '0' && lt[1] <= '9':
				forms["octal"] = true
			}
			if strings.Contains(lt, "u") && !strings.HasPrefix(lt, "0x") || strings.HasSuffix(lt, "u") {
				forms["u suffix"] = true
			}
			if strings.HasSuffix(lt, "ll") || strings.HasSuffix(lt, "llu") || strings.HasSuffix(lt, "ull") {
				forms["ll suffix"] = true
			}
		case *syntax.BinaryExpr:
			forms["binary "+x.Op] = true
		case *syntax.AssignExpr:
			forms["assign "+x.Op] = true
		case *syntax.UnaryExpr:
			forms["unary "+x.Op] = true
		case *syntax.PostfixExpr:
			forms["postfix "+x.Op] = true
		case *syntax.CastExpr:
			if x.Type.Name == "void" && x.Type.Ptr == 0 {
				forms["(void)"] = true
			}
		}
	}
	v = reflect.Indirect(v)
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if fv := v.Field(i); fv.CanInterface() {
				walkForms(f, fv.Interface(), forms)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkForms(f, v.Index(i).Interface(), forms)
		}
	}
}

// TestStateAt checks that the state rebuilt for every step equals the
// kernel's own snapshot taken right after that step, with checkpoints close
// together and far apart.
func TestStateAt(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	for _, every := range []int{0, 1, 3, 1000} {
		for _, f := range files {
			src, _ := os.ReadFile(f)
			var snaps []*kernel.State
			opt := Options{CheckpointEvery: every, onStep: func(i int, k *kernel.Kernel) {
				snaps = append(snaps, k.Snapshot())
			}}
			tr, err := Run(string(src), opt)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range snaps {
				got := tr.StateAt(i).Clone() // Clone: without Apply's lookup caches
				if !reflect.DeepEqual(got, want) {
					for j := range want.Objects {
						if j < len(got.Objects) && !reflect.DeepEqual(got.Objects[j], want.Objects[j]) {
							t.Logf("object %d: got %+v %+v\nwant %+v %+v", j, got.Objects[j], got.Objects[j].Pipe, want.Objects[j], want.Objects[j].Pipe)
						}
					}
					t.Fatalf("%s every=%d: StateAt(%d) differs from the kernel's snapshot\n got: %s\nwant: %s", f, every, i, dump(got), dump(want))
				}
				if err := got.Check(); err != nil {
					t.Fatalf("%s: StateAt(%d): %v", f, i, err)
				}
			}
			if got := tr.StateAt(-1); len(got.Objects) != 0 {
				t.Errorf("%s: StateAt(-1) has %d objects", f, len(got.Objects))
			}
		}
	}
}

func dump(s *kernel.State) string {
	var b strings.Builder
	for _, o := range s.Objects {
		b.WriteString(o.Label())
		if o.Proc != nil {
			for _, e := range o.Proc.Entries() {
				b.WriteString(" ")
				b.WriteString(fmtInt(int(e.Object)))
			}
		}
		b.WriteString(" | ")
	}
	return b.String()
}

// Checkpoints follow the work, not the step count: a table that grows by
// one handle per step keeps snapshots whose total size is a small multiple
// of the final table (a snapshot every 256 steps kept 390 copies of it).
func TestCheckpointsBounded(t *testing.T) {
	src := "process P;\n@P\nHANDLE h = CreateEvent(NULL, FALSE, FALSE, NULL);\nHANDLE d;\nfor (int i = 0; i < 30000; i++) DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS);\n"
	tr := mustRun(t, src)
	final := stateSize(tr.Final)
	total := 0
	for _, cp := range tr.rec.cps {
		total += stateSize(cp.state)
	}
	if total > 3*final {
		t.Errorf("checkpoints hold %d entries for a final state of %d", total, final)
	}
	// StateAt replays at most a bounded number of changes.
	for i := 1; i < len(tr.rec.cps); i++ {
		a, b := tr.rec.cps[i-1], tr.rec.cps[i]
		changes := 0
		for s := a.step + 1; s <= b.step; s++ {
			changes += 1 + len(tr.Steps[s].Events)
		}
		if lim := checkpointFactor*stateSize(a.state) + minCheckpoint + 16; changes > lim {
			t.Errorf("checkpoints %d..%d: %d changes to replay, limit %d", a.step, b.step, changes, lim)
		}
	}
	if got := tr.StateAt(len(tr.Steps) - 1).Clone(); !reflect.DeepEqual(got, tr.Final) {
		t.Error("StateAt(last) differs from the final state")
	}
}
