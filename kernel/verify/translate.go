// Package verify replays scenarios as C programs under Wine and compares
// what Wine's kernel does with the model's trace, step by step (the
// differential oracle behind `make verify`; docs/verification.md).
//
// The pieces: Translate turns a scenario into a C program around
// harness.h; Run builds it with mingw-w64 and runs it under wine; ParseLog
// reads the per-process logs; Compare matches them with the model's steps
// (model.go is the one adapter to the runner's trace).
package verify

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

//go:embed harness.h
var Harness string

// retKind is what a Win32 function returns, for the wrapper that records it.
type retKind int

const (
	retHandle retKind = iota
	retBool
	retDword
	retVoid
)

// win32 lists the functions the model treats as Win32 calls (a step's
// call and return value), by base name (A/W suffixes are stripped).
var win32 = map[string]retKind{
	"CreateEvent": retHandle, "CreateEventEx": retHandle, "OpenEvent": retHandle,
	"CreateMutex": retHandle, "CreateMutexEx": retHandle, "OpenMutex": retHandle,
	"CreateSemaphore": retHandle, "CreateSemaphoreEx": retHandle, "OpenSemaphore": retHandle,
	"CreateWaitableTimer": retHandle, "CreateWaitableTimerEx": retHandle, "OpenWaitableTimer": retHandle,
	"CreateJobObject": retHandle, "OpenJobObject": retHandle, "CreateFile": retHandle,
	"CreateFileMapping": retHandle, "OpenFileMapping": retHandle, "CreateNamedPipe": retHandle,
	"CreateMailslot": retHandle, "CreateToolhelp32Snapshot": retHandle, "OpenProcess": retHandle,
	"GetCurrentProcess": retHandle, "GetCurrentThread": retHandle,

	"CloseHandle": retBool, "GetHandleInformation": retBool, "SetHandleInformation": retBool,
	"DuplicateHandle": retBool, "CreateProcess": retBool, "TerminateProcess": retBool,
	"GetExitCodeProcess": retBool, "SetEvent": retBool, "ResetEvent": retBool, "ReleaseMutex": retBool,
	"ReleaseSemaphore": retBool, "CreatePipe": retBool, "ConnectNamedPipe": retBool,
	"DisconnectNamedPipe": retBool, "WaitNamedPipe": retBool, "SetNamedPipeHandleState": retBool,
	"PeekNamedPipe": retBool, "ReadFile": retBool, "WriteFile": retBool, "GetMailslotInfo": retBool,
	"SetEnvironmentVariable": retBool, "Process32First": retBool, "Process32Next": retBool,
	"TransactNamedPipe": retBool, "FlushFileBuffers": retBool,

	"GetLastError": retDword, "WaitForSingleObject": retDword, "GetProcessId": retDword,
	"GetCurrentProcessId": retDword, "GetCurrentThreadId": retDword, "GetEnvironmentVariable": retDword,
	"WaitForMultipleObjects": retDword,

	"SetLastError": retVoid, "Sleep": retVoid,
}

// helpers maps the scenario's C-library helpers to their C names in a
// Unicode build; "" keeps the name.
var helpers = map[string]string{
	"_stprintf": "_swprintf", "swprintf": "_swprintf", "sprintf": "", "wsprintf": "",
	"_stprintf_s": "swprintf_s", "swprintf_s": "", "sprintf_s": "",
	"_ttoi": "_wtoi", "atoi": "", "_wtoi": "",
	"_tcscpy": "wcscpy", "lstrcpy": "", "strcpy": "", "wcscpy": "",
	"_tcscpy_s": "wcscpy_s", "strcpy_s": "", "wcscpy_s": "",
	"_tcscat": "wcscat", "lstrcat": "", "strcat": "", "wcscat": "",
	"_tcscmp": "wcscmp", "lstrcmp": "", "strcmp": "", "wcscmp": "",
	"_tcsicmp": "_wcsicmp", "lstrcmpi": "", "_stricmp": "", "_wcsicmp": "", "stricmp": "_stricmp", "wcsicmp": "_wcsicmp",
	"_tcslen": "wcslen", "lstrlen": "", "strlen": "", "wcslen": "",
	"memcmp": "", "ZeroMemory": "", "memset": "",
	"_tprintf": "hv_wprintf", "printf": "hv_aprintf", "wprintf": "hv_wprintf", "puts": "hv_puts", "_putts": "hv_putws",
	"_fputts": "hv_fputws", "fputs": "hv_fputs", "fputws": "hv_fputws", "_putws": "hv_putws",
	"_ftprintf": "hv_fwprintf", "fprintf": "hv_fprintf", "fwprintf": "hv_fwprintf", "fflush": "",
	"_stscanf_s": "swscanf_s", "_stscanf": "hv_ms_swscanf", "sscanf": "", "sscanf_s": "", "swscanf": "hv_ms_swscanf", "swscanf_s": "",
	"_tcsncmp": "wcsncmp", "strncmp": "", "wcsncmp": "", "_tcsnicmp": "_wcsnicmp", "_strnicmp": "", "_wcsnicmp": "",
	"memcpy": "", "memmove": "", "CopyMemory": "", "MoveMemory": "",
	"GetStdHandle": "", "SetStdHandle": "", "WaitForInputIdle": "", "_fgetts": "fgetws", "fgets": "", "fgetws": "",
	"TEXT": "", "_T": "",
	"UsageCount": "", "HandleCount": "", "SameObject": "", "GrantedAccess": "",
}

// baseName strips an A/W suffix the model accepts (CreateMutexW).
func baseName(n string) string {
	if _, ok := win32[n]; ok {
		return n
	}
	if strings.HasSuffix(n, "A") || strings.HasSuffix(n, "W") {
		if _, ok := win32[n[:len(n)-1]]; ok {
			return n[:len(n)-1]
		}
	}
	return n
}

// Plan is what the translation needs from the model's run: the processes
// in creation order (a role each) and the sections the model ends waiting.
type Plan struct {
	Roles    []string
	Waits    map[int]bool // section index -> its process waits at its end
	ProbeMax int          // highest handle value to probe
	Sections []Section
}

// Section is a run of top-level statements in one process (Role >= 0) or
// a process statement (Role == -1, Start processes).
type Section struct {
	Role       int
	Start      int // number of processes a process statement starts
	Stmts      []syntax.Stmt
	Begin, End int // byte offsets in the source
}

// Sections splits a file at its markers and process statements.
func Sections(f *syntax.File, roles []string) ([]Section, error) {
	idx := map[string]int{}
	for i, r := range roles {
		idx[r] = i
	}
	var out []Section
	cur := -2
	for _, s := range f.Stmts {
		switch s := s.(type) {
		case *syntax.ProcessStmt:
			out = append(out, Section{Role: -1, Start: len(s.Names), Begin: s.Start().Offset, End: s.End().Offset})
			cur = -2
		case *syntax.MarkerStmt:
			r, ok := idx[s.Name]
			if !ok {
				return nil, fmt.Errorf("line %d: @%s names no process of the model's run", s.Pos.Line, s.Name)
			}
			out = append(out, Section{Role: r, Begin: s.Start().Offset, End: s.End().Offset})
			cur = r
		case *syntax.TypedefStmt:
			// Types are canonical in the tree: nothing to run.
		case *syntax.FuncStmt:
			if !s.IsMain() {
				continue // a helper or a prototype: file scope (fileScope)
			}
			if cur == -2 {
				return nil, fmt.Errorf("line %d: a main function outside any @section", s.Start().Line)
			}
			sec := &out[len(out)-1]
			sec.Stmts = append(sec.Stmts, s)
			sec.End = s.End().Offset
		default:
			if cur == -2 {
				if _, ok := s.(*syntax.DeclStmt); ok {
					continue // a global: file scope (fileScope)
				}
				if _, ok := s.(*syntax.EmptyStmt); ok {
					continue
				}
				return nil, fmt.Errorf("line %d: a statement outside any @section", s.Start().Line)
			}
			sec := &out[len(out)-1]
			sec.Stmts = append(sec.Stmts, s)
			sec.End = s.End().Offset
		}
	}
	return out, nil
}

// SectionAt returns the section holding a source offset, or -1.
func SectionAt(secs []Section, offset int) int {
	for i, s := range secs {
		if offset >= s.Begin && offset <= s.End {
			return i
		}
	}
	return -1
}

// translator writes one role's C code.
type translator struct {
	f      *syntax.File
	b      strings.Builder
	scopes []map[string]string // name -> C kind: "HANDLE", "HANDLE[]", "PI", "other"
	order  [][]string
	err    error
	depth  int
	fn     *syntax.FuncStmt // the helper being written; nil in a role
}

// Translate returns the C program for a scenario.
func Translate(f *syntax.File, plan *Plan) (string, error) {
	var b strings.Builder
	b.WriteString("/* Generated by kernel/verify from a scenario: do not edit. */\n")
	b.WriteString(Harness)
	b.WriteString("\n/* ---- the scenario ---- */\n")
	fmt.Fprintf(&b, "const int hv_nroles = %d;\nconst char *hv_roles[] = {", len(plan.Roles))
	for _, r := range plan.Roles {
		fmt.Fprintf(&b, "%q, ", r)
	}
	b.WriteString("};\n")
	fmt.Fprintf(&b, "const int hv_nsections = %d;\n", len(plan.Sections))
	var roleArr, firstArr, countArr, waitArr []string
	for i, s := range plan.Sections {
		roleArr = append(roleArr, strconv.Itoa(s.Role))
		firstArr = append(firstArr, "0")
		countArr = append(countArr, strconv.Itoa(s.Start))
		w := "0"
		if plan.Waits[i] {
			w = "1"
		}
		waitArr = append(waitArr, w)
	}
	arr := func(name string, v []string) {
		if len(v) == 0 {
			v = []string{"0"}
		}
		fmt.Fprintf(&b, "const int %s[] = {%s};\n", name, strings.Join(v, ", "))
	}
	arr("hv_section_role", roleArr)
	arr("hv_section_first", firstArr)
	arr("hv_section_count", countArr)
	arr("hv_section_waits", waitArr)
	fmt.Fprintf(&b, "const int hv_probe_max = %d;\n\n", plan.ProbeMax)
	globals, err := fileScope(f, &b)
	if err != nil {
		return "", err
	}
	for r := range plan.Roles {
		t := &translator{f: f}
		t.push()
		for n, k := range globals {
			t.declare(n, k)
		}
		t.push()
		lastMain := lastMainOf(plan, r)
		t.declare("argc", "other")
		t.declare("argv", "other")
		fmt.Fprintf(&t.b, "static void hv_role_%d(int argc, wchar_t **argv) {\n", r)
		t.b.WriteString("\t(void)argc; (void)argv;\n")
		for k, s := range plan.Sections {
			if s.Role != r {
				continue
			}
			fmt.Fprintf(&t.b, "\thv_turn(%d);\n", k)
			t.depth = 1
			for _, st := range s.Stmts {
				t.stmt(st)
				if fs, ok := st.(*syntax.FuncStmt); ok && fs == lastMain {
					// The process's last code is a main function: it
					// exits with 0 at the closing brace, as the model does.
					rb := fs.Body.Rbrace
					t.line("hv_pre(%d);", rb.Line)
					t.line("hv_exit(%d, %d, 0);", rb.Line, rb.Col)
				}
			}
			fmt.Fprintf(&t.b, "\thv_done(%d);\n", k)
		}
		t.b.WriteString("}\n\n")
		if t.err != nil {
			return "", t.err
		}
		b.WriteString(t.b.String())
	}
	b.WriteString("const hv_rolefn hv_rolefns[] = {")
	for r := range plan.Roles {
		fmt.Fprintf(&b, "hv_role_%d, ", r)
	}
	b.WriteString("};\n")
	return b.String(), nil
}

func (t *translator) fail(n syntax.Node, format string, args ...any) {
	if t.err == nil {
		t.err = fmt.Errorf("line %d:%d: %s", n.Start().Line, n.Start().Col, fmt.Sprintf(format, args...))
	}
}

func (t *translator) push() {
	t.scopes = append(t.scopes, map[string]string{})
	t.order = append(t.order, nil)
}
func (t *translator) pop() {
	t.scopes = t.scopes[:len(t.scopes)-1]
	t.order = t.order[:len(t.order)-1]
}
func (t *translator) declare(name, kind string) {
	if _, ok := t.scopes[len(t.scopes)-1][name]; !ok {
		t.order[len(t.order)-1] = append(t.order[len(t.order)-1], name)
	}
	t.scopes[len(t.scopes)-1][name] = kind
}
func (t *translator) kindOf(name string) string {
	for i := len(t.scopes) - 1; i >= 0; i-- {
		if k, ok := t.scopes[i][name]; ok {
			return k
		}
	}
	return ""
}

func (t *translator) line(format string, args ...any) {
	t.b.WriteString(strings.Repeat("\t", t.depth))
	fmt.Fprintf(&t.b, format, args...)
	t.b.WriteByte('\n')
}

// vars logs the HANDLE variables in scope (innermost name wins).
func (t *translator) vars() {
	seen := map[string]bool{}
	var names []string
	for i := len(t.scopes) - 1; i >= 0; i-- {
		for _, n := range t.order[i] {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	for _, n := range names {
		switch t.kindOf(n) {
		case "HANDLE":
			t.line("hv_var(%q, %s);", n, n)
		case "PI":
			t.line("hv_var(%q, %s.hProcess); hv_var(%q, %s.hThread);", n+".hProcess", n, n+".hThread", n)
		}
	}
}

func (t *translator) stmt(s syntax.Stmt) {
	pos := s.Start()
	switch s := s.(type) {
	case *syntax.DeclStmt:
		t.line("hv_pre(%d);", pos.Line)
		for _, d := range s.Decls {
			t.line("%s;", t.decl(s.Type, d))
		}
		t.line("hv_post(%d, %d);", pos.Line, pos.Col)
		t.vars()
		t.line("hv_end();")
	case *syntax.ExprStmt:
		t.line("hv_pre(%d);", pos.Line)
		if c, ok := s.X.(*syntax.CallExpr); ok && (c.Fn.Name == "ExitProcess" || c.Fn.Name == "expect") {
			if c.Fn.Name == "ExitProcess" {
				t.line("hv_exit(%d, %d, (UINT)(%s));", pos.Line, pos.Col, t.expr(c.Args[0]))
				return
			}
		}
		t.line("(void)(%s);", t.expr(s.X))
		t.line("hv_post(%d, %d);", pos.Line, pos.Col)
		t.vars()
		t.line("hv_end();")
	case *syntax.ReturnStmt:
		t.line("hv_pre(%d);", pos.Line)
		if t.fn != nil {
			t.helperReturn(s)
			return
		}
		code := "0"
		if s.X != nil {
			code = t.expr(s.X)
		}
		t.line("hv_exit(%d, %d, (UINT)(%s));", pos.Line, pos.Col, code)
	case *syntax.BlockStmt:
		t.line("{")
		t.depth++
		t.push()
		for _, x := range s.List {
			t.stmt(x)
		}
		t.pop()
		t.depth--
		t.line("}")
	case *syntax.FuncStmt:
		t.line("{")
		t.depth++
		t.push()
		roles := syntax.MainFuncs[s.Name.Name]
		for i, p := range s.Params {
			if p.Name == nil || i >= len(roles) {
				continue
			}
			switch {
			case p.Name.Name == roles[i]:
				// The same name: the role's own argc/argv, nothing to alias
				// (int argc = argc; would read itself).
			case roles[i] == "argc":
				t.line("int %s = argc; (void)%s;", p.Name.Name, p.Name.Name)
			case roles[i] == "argv":
				t.line("wchar_t **%s = argv; (void)%s;", p.Name.Name, p.Name.Name)
			default:
				t.fail(p.Name, "main parameter %s is not translated", roles[i])
			}
			t.declare(p.Name.Name, "other")
		}
		for _, x := range s.Body.List {
			t.stmt(x)
		}
		t.pop()
		t.depth--
		t.line("}")
	case *syntax.IfStmt:
		t.line("if (%s)", t.cond(s.Cond))
		t.sub(s.Then)
		if s.Else != nil {
			t.line("else")
			t.sub(s.Else)
		}
	case *syntax.WhileStmt:
		if s.Do {
			t.line("do")
			t.sub(s.Body)
			t.line("while (%s);", t.cond(s.Cond))
		} else {
			t.line("while (%s)", t.cond(s.Cond))
			t.sub(s.Body)
		}
	case *syntax.ForStmt:
		t.line("{")
		t.depth++
		t.push()
		if s.Init != nil {
			t.stmt(s.Init)
		}
		cond, post := "", ""
		if s.Cond != nil {
			cond = t.cond(s.Cond)
		}
		if s.Post != nil {
			post = fmt.Sprintf("(void)hv_cond(%d, %d, (hv_pre(%d), (void)(%s), 0))", s.Post.Start().Line, s.Post.Start().Col, s.Post.Start().Line, t.expr(s.Post))
		}
		t.line("for (; %s; %s)", cond, post)
		t.sub(s.Body)
		t.pop()
		t.depth--
		t.line("}")
	case *syntax.BranchStmt:
		t.line("%s;", s.Tok)
	case *syntax.TypedefStmt:
		// Types are canonical in the tree: nothing to write.
	case *syntax.EmptyStmt:
		t.line(";")
	default:
		t.fail(s, "statement %T is not translated", s)
	}
}

// sub writes a statement that is the body of an if or a loop: in braces,
// so that the instrumentation around it stays inside.
func (t *translator) sub(s syntax.Stmt) {
	t.line("{")
	t.depth++
	t.push()
	t.stmt(s)
	t.pop()
	t.depth--
	t.line("}")
}

// cond is a loop or if condition: a step when it makes a Win32 call.
func (t *translator) cond(x syntax.Expr) string {
	p := x.Start()
	return fmt.Sprintf("hv_cond(%d, %d, (hv_pre(%d), (%s) != 0))", p.Line, p.Col, p.Line, t.expr(x))
}

// ctype is the C spelling of a canonical type.
func ctype(tn *syntax.TypeName) string {
	name := tn.Name
	switch name {
	case "PROCESSENTRY32":
		name = "PROCESSENTRY32W"
	case "STARTUPINFO":
		name = "STARTUPINFOW"
	}
	return name + strings.Repeat("*", tn.Ptr)
}

func isStruct(name string) bool {
	switch name {
	case "SECURITY_ATTRIBUTES", "STARTUPINFO", "PROCESS_INFORMATION", "PROCESSENTRY32":
		return true
	}
	return false
}

func (t *translator) decl(tn *syntax.TypeName, d *syntax.Declarator) string {
	typ := ctype(tn) + strings.Repeat("*", d.Ptr)
	s := typ + " " + d.Name.Name
	ptr := tn.Ptr + d.Ptr
	kind := "other"
	switch {
	case tn.Name == "HANDLE" && ptr == 0 && !d.Array:
		kind = "HANDLE"
	case tn.Name == "HANDLE" && ptr == 0 && d.Array:
		kind = "HANDLE[]"
	case tn.Name == "PROCESS_INFORMATION" && ptr == 0 && !d.Array:
		kind = "PI"
	}
	if d.Array {
		s += "["
		if d.Size != nil {
			s += t.expr(d.Size)
		}
		s += "]"
	}
	// As in C, the name is in scope in its own initializer.
	t.declare(d.Name.Name, kind)
	switch {
	case d.Init != nil:
		s += " = " + t.expr(d.Init)
	case d.Array || (isStruct(tn.Name) && ptr == 0):
		s += " = {0}" // the model never invents garbage
	default:
		s += " = 0"
	}
	return s
}

// handleExpr reports whether x has type HANDLE in the scenario.
func (t *translator) handleExpr(x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.Ident:
		return t.kindOf(x.Name) == "HANDLE"
	case *syntax.IndexExpr:
		if id, ok := x.X.(*syntax.Ident); ok {
			return t.kindOf(id.Name) == "HANDLE[]"
		}
	case *syntax.SelectorExpr:
		return x.Sel.Name == "hProcess" || x.Sel.Name == "hThread"
	case *syntax.CastExpr:
		return x.Type.Name == "HANDLE" && x.Type.Ptr == 0
	case *syntax.ParenExpr:
		return t.handleExpr(x.X)
	case *syntax.CallExpr:
		if x.Fn.Name == "GetStdHandle" {
			return true
		}
		k, ok := win32[baseName(x.Fn.Name)]
		return ok && k == retHandle
	}
	return false
}

func nonZeroLit(x syntax.Expr) (uint64, bool) {
	// (HANDLE)4 is the number 4 written as a handle.
	for {
		c, ok := x.(*syntax.CastExpr)
		if !ok || c.Type.Name != "HANDLE" || c.Type.Ptr != 0 {
			break
		}
		x = c.X
	}
	if l, ok := x.(*syntax.IntLit); ok && l.Value != 0 {
		return l.Value, true
	}
	return 0, false
}

func (t *translator) expr(x syntax.Expr) string {
	switch x := x.(type) {
	case *syntax.Ident:
		return x.Name
	case *syntax.IntLit:
		// A literal from a macro spans the macro's use ("BYTES(s)" for
		// the 2 inside it): write the value, not the text.
		if txt := t.f.Text(x); txt != "" && txt[0] >= '0' && txt[0] <= '9' {
			return txt
		}
		return fmt.Sprint(x.Value)
	case *syntax.CharLit, *syntax.StringLit:
		return t.f.Text(x)
	case *syntax.ParenExpr:
		return "(" + t.expr(x.X) + ")"
	case *syntax.UnaryExpr:
		return "(" + x.Op + t.expr(x.X) + ")"
	case *syntax.PostfixExpr:
		return "(" + t.expr(x.X) + x.Op + ")"
	case *syntax.BinaryExpr:
		if x.Op == "==" || x.Op == "!=" {
			// A handle compared with a number: absolute values differ
			// under Wine, so the comparator checks it through the renaming.
			eq := 0
			if x.Op == "==" {
				eq = 1
			}
			if v, ok := nonZeroLit(x.Y); ok && t.handleExpr(x.X) {
				return fmt.Sprintf("hv_abs((ULONG64)(ULONG_PTR)(%s), %d, %d)", t.expr(x.X), v, eq)
			}
			if v, ok := nonZeroLit(x.X); ok && t.handleExpr(x.Y) {
				return fmt.Sprintf("hv_abs((ULONG64)(ULONG_PTR)(%s), %d, %d)", t.expr(x.Y), v, eq)
			}
		}
		return "(" + t.expr(x.X) + " " + x.Op + " " + t.expr(x.Y) + ")"
	case *syntax.AssignExpr:
		return "(" + t.expr(x.X) + " " + x.Op + " " + t.expr(x.Y) + ")"
	case *syntax.CondExpr:
		return "(" + t.expr(x.Cond) + " ? " + t.expr(x.X) + " : " + t.expr(x.Y) + ")"
	case *syntax.CastExpr:
		return "((" + ctype(x.Type) + ")" + t.expr(x.X) + ")"
	case *syntax.IndexExpr:
		return t.expr(x.X) + "[" + t.expr(x.Index) + "]"
	case *syntax.SelectorExpr:
		op := "."
		if x.Arrow {
			op = "->"
		}
		return t.expr(x.X) + op + x.Sel.Name
	case *syntax.SizeofExpr:
		if x.Type != nil {
			return "sizeof(" + ctype(x.Type) + ")"
		}
		return "sizeof(" + t.expr(x.X) + ")"
	case *syntax.InitList:
		var parts []string
		for _, e := range x.Elems {
			parts = append(parts, t.expr(e))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *syntax.CallExpr:
		return t.call(x)
	}
	t.fail(x, "expression %T is not translated", x)
	return "0"
}

func (t *translator) args(c *syntax.CallExpr) string {
	var parts []string
	for _, a := range c.Args {
		parts = append(parts, t.expr(a))
	}
	return strings.Join(parts, ", ")
}

func (t *translator) call(c *syntax.CallExpr) string {
	name := c.Fn.Name
	p := c.Start()
	switch name {
	case "expect":
		return fmt.Sprintf("hv_expect(%d, %d, (%s) != 0)", p.Line, p.Col, t.expr(c.Args[0]))
	case "ExitProcess":
		return fmt.Sprintf("hv_exit(%d, %d, (UINT)(%s))", p.Line, p.Col, t.expr(c.Args[0]))
	case "TEXT", "_T":
		return t.f.Text(c) // a macro around a literal
	}
	if base := baseName(name); isWin32(base) {
		k := win32[base]
		fn := name
		if base == "CreateProcess" {
			fn = "hv_CreateProcess"
		}
		callText := fn + "(" + t.args(c) + ")"
		switch k {
		case retVoid:
			return "(" + callText + ", hv_void())"
		case retHandle:
			return "((HANDLE)(ULONG_PTR)hv_ret((ULONG64)(ULONG_PTR)" + callText + "))"
		case retBool:
			return "((BOOL)hv_ret((ULONG64)(LONG64)" + callText + "))"
		default:
			return "((DWORD)hv_ret((ULONG64)" + callText + "))"
		}
	}
	if userFuncs(t.f)[name] {
		return name + "(" + t.args(c) + ")"
	}
	if cname, ok := helpers[name]; ok {
		if cname == "" {
			cname = name
		}
		return cname + "(" + t.args(c) + ")"
	}
	t.fail(c, "function %s is not translated", name)
	return "0"
}

func isWin32(name string) bool {
	_, ok := win32[name]
	return ok
}
