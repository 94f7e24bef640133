package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// builtin is a function a scenario can call. win32 marks the Win32 calls:
// they become the step's Call and Return.
type builtin struct {
	n     int // argument count; -1 variadic (min in minN)
	minN  int
	win32 bool
	fn    func(c *call) Value
}

type call struct {
	in   *interp
	p    *proc
	x    *syntax.CallExpr
	name string
	args []Value
}

var builtins = map[string]*builtin{} // filled by the init functions of builtins*.go

func (in *interp) call(p *proc, x *syntax.CallExpr) Value {
	name := x.Fn.Name
	if fn := in.fs.funcs[name]; fn != nil {
		return in.callUser(p, x, fn) // the scenario's own (functions.go)
	}
	b := builtins[name]
	if b == nil {
		// CreateMutexW and CreateMutexA are CreateMutex.
		if base := strings.TrimRight(name, "WA"); len(base) == len(name)-1 {
			if bb := builtins[base]; bb != nil && bb.win32 {
				b, name = bb, base
			}
		}
	}
	if b == nil {
		if v := in.lookup(p, name); v != nil {
			in.fail("E_NOT_CALLABLE", x.Fn, name)
		}
		var names []string
		for n := range builtins {
			names = append(names, n)
		}
		in.fail("E_UNKNOWN_FUNCTION", x.Fn, name, syntax.Suggest(name, names))
	}
	if b.n >= 0 && len(x.Args) != b.n || b.n < 0 && len(x.Args) < b.minN {
		want := strconv.Itoa(b.n)
		if b.n < 0 {
			want = "at least " + strconv.Itoa(b.minN)
		}
		in.fail("E_ARG_COUNT", x, name, want, strconv.Itoa(len(x.Args)))
	}
	in.charge(costCall)
	if in.opt.onUse != nil {
		in.opt.onUse(x.Fn.Name)
	}
	// Call records are reused (one statement in a loop makes thousands);
	// one that panics, or waits, is simply not returned to the pool.
	var c *call
	if n := len(p.calls); n > 0 {
		c, p.calls = p.calls[n-1], p.calls[:n-1]
		*c = call{in: in, p: p, x: x, name: name, args: c.args[:0]}
	} else {
		c = &call{in: in, p: p, x: x, name: name}
	}
	if name == "expect" {
		return b.fn(c) // evaluates its own argument, to quote it
	}
	for _, a := range x.Args {
		c.args = append(c.args, in.eval(p, a))
	}
	if b.win32 {
		if !in.k.CanCall(p.tid) {
			// The process ended earlier in this statement.
			in.finishUnit(in.u)
			panic(exitSignal{})
		}
	}
	seq := in.nev
	v := b.fn(c)
	if b.win32 {
		in.chargeKernel() // what the call did without events
	}
	// A call failed when it set a non-zero last error; a void call
	// (SetLastError) has no failure to report.
	if b.win32 && v.T != tVoid && in.failAt > seq && in.failTID == p.tid && in.u != nil {
		in.u.failed, in.u.failErr = name, in.failErr
	}
	clear(c.args)
	p.calls = append(p.calls, c)
	return v
}

// ---- argument access ----

func (c *call) at(i int) syntax.Node { return c.x.Args[i] }

func (c *call) what(i int) string { return fmt.Sprintf("argument %d of %s", i+1, c.name) }

func (c *call) int(i int) uint64 {
	if v := c.args[i]; v.T.Kind == kInt {
		return v.N // the common case, without building an error text
	}
	return c.in.intOf(c.args[i], c.at(i), c.what(i))
}
func (c *call) u32(i int) uint32 { return uint32(c.int(i)) }
func (c *call) i32(i int) int32  { return int32(uint32(c.int(i))) }
func (c *call) b(i int) bool     { return c.int(i) != 0 }
func (c *call) h(i int) kernel.Handle {
	return kernel.Handle(c.int(i))
}

// str reads a string argument; NULL is "".
func (c *call) str(i int) string {
	v := c.args[i]
	if v.T.Kind == kStr {
		c.in.chargeBytes(len(v.S))
		return cText(v) // C's string: up to its first NUL
	}
	if v.T.Kind == kInt && v.N == 0 || v.T.Kind == kPtr && v.Ref == nil {
		return ""
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), "a string", describe(v))
	return ""
}

// isNull reports whether pointer argument i is NULL: a null pointer
// constant or a null pointer (an integer variable that happens to be 0 is
// not one, as in ref).
func (c *call) isNull(i int) bool {
	v := c.args[i]
	return v.T.Kind == kInt && v.N == 0 && c.in.isNullConst(c.p, c.x.Args[i]) || v.T.Kind == kPtr && v.Ref == nil
}

// ref returns the variable a pointer argument points to; NULL is nil. As
// in C, only a pointer (&x, a pointer variable) or a null pointer constant
// (NULL, 0) will do: a HANDLE that happens to be 0, or a structure passed
// by value, does not compile in C, and taking it as NULL silently lost the
// results ("HANDLE r, w; CreatePipe(r, w, NULL, 0);").
func (c *call) ref(i int, want *Type) *Var {
	v := c.args[i]
	switch v.T.Kind {
	case kPtr:
		if v.Ref == nil {
			return nil
		}
		if want == nil || v.Ref.T == want || want.Kind == kInt && v.Ref.T.Kind == kInt {
			return v.Ref
		}
		c.in.fail("E_TYPE", c.at(i), c.what(i), "&"+want.Name, "&"+v.Ref.T.Name)
	case kInt:
		if v.N == 0 && c.in.isNullConst(c.p, c.x.Args[i]) {
			return nil
		}
		// "write &h" only when &h would be the right pointer.
		if want == nil || want.Kind == kInt {
			c.in.fail("E_NEEDS_POINTER", c.at(i), c.what(i), c.addressOf(i))
		}
	case kStruct:
		if want == nil || v.T == want {
			c.in.fail("E_NEEDS_POINTER", c.at(i), c.what(i), c.addressOf(i))
		}
	case kStr, kArr:
		if want == nil && v.Ref != nil {
			return v.Ref // ZeroMemory(buf, sizeof(buf)): an array is its address
		}
	}
	wn := "a pointer"
	if want != nil {
		wn = "&" + want.Name
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), wn, describe(v))
	return nil
}

// addressOf is how to write argument i's address: "&r", "&pi.hProcess".
func (c *call) addressOf(i int) string {
	switch x := c.x.Args[i].(type) {
	case *syntax.Ident, *syntax.SelectorExpr:
		return "&" + c.in.f.Text(x)
	}
	return "the address of a variable (&x)"
}

// isNullConst reports whether x is a null pointer constant: 0, NULL or a
// constant that is 0 (FALSE), perhaps in parentheses or cast.
func (in *interp) isNullConst(p *proc, x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.ParenExpr:
		return in.isNullConst(p, x.X)
	case *syntax.CastExpr:
		return in.isNullConst(p, x.X)
	case *syntax.IntLit:
		return x.Value == 0
	case *syntax.Ident:
		c, ok := constants[x.Name]
		return ok && c.N == 0 && in.lookup(p, x.Name) == nil
	}
	return false
}

// buf returns the string variable an output buffer argument names.
func (c *call) buf(i int) *Var {
	if c.isNull(i) {
		return nil
	}
	v := c.args[i]
	if v.T.Kind == kStr && v.Ref != nil {
		return v.Ref
	}
	if v.T.Kind == kPtr && v.Ref != nil && v.Ref.T.Kind == kStr {
		return v.Ref
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), "a TCHAR array", describe(v))
	return nil
}

func (c *call) sa(i int) *kernel.SecurityAttributes {
	v := c.ref(i, structTypes["SECURITY_ATTRIBUTES"])
	if v == nil {
		return nil
	}
	return &kernel.SecurityAttributes{Length: uint32(v.V.F[0].N), InheritHandle: v.V.F[2].N != 0}
}

// set writes an out-parameter.
func (c *call) set(v *Var, val Value) {
	if v == nil {
		return
	}
	if v.fieldOf != nil {
		v.fieldOf.set(val, c.x)
		return
	}
	c.in.store(v, val, c.x)
	c.p.dirty = true
}

func (c *call) setField(v *Var, name string, val Value) {
	i, t := v.T.field(name)
	v.V.F[i] = intVal(t, val.N)
	if t.Kind == kStr {
		v.V.F[i] = c.in.convert(val, t, c.x, name)
	}
	c.p.dirty = true
}

// failWith fails a BOOL call with last error e before the kernel does any
// work (a bad user buffer the system service rejects).
func (c *call) failWith(e kernel.Errno) Value {
	c.k().SetLastError(c.tid(), e)
	return c.bret(false)
}

// ret records a Win32 call's result as the step's.
func (c *call) ret(t *Type, n uint64) Value {
	v := intVal(t, n)
	c.in.u.call = c.name
	if c.in.opt.onCall != nil {
		c.in.opt.onCall(c.name)
	}
	c.in.u.ret, c.in.u.hasRet = v, true // formatted when the step is made
	return v
}

func (c *call) bret(ok bool) Value { return c.ret(tBOOL, b2u(ok)) }
func (c *call) hret(h kernel.Handle) Value {
	return c.ret(tHANDLE, uint64(h))
}
func (c *call) void() Value {
	c.in.u.call = c.name
	if c.in.opt.onCall != nil {
		c.in.opt.onCall(c.name)
	}
	c.in.u.hasRet = false
	return Value{T: tVoid}
}

// wait parks the statement when the kernel says the call is pending.
func (c *call) wait() kernel.Completion {
	c.in.u.call = c.name
	return c.in.block(c.name)
}

// touch notes that the object argument i names changed without an event.
func (c *call) touch(i int) {
	if o := c.in.objectOf(c.p, c.h(i)); o != nil {
		c.in.u.touched = append(c.in.u.touched, o.ID)
	}
}

func (c *call) tid() kernel.TID { return c.p.tid }

func (c *call) k() *kernel.Kernel { return c.in.k }

// ---- the table ----

func w32(n int, fn func(c *call) Value) *builtin { return &builtin{n: n, win32: true, fn: fn} }
func helper(n int, fn func(c *call) Value) *builtin {
	return &builtin{n: n, fn: fn}
}
func variadic(min int, win bool, fn func(c *call) Value) *builtin {
	return &builtin{n: -1, minN: min, win32: win, fn: fn}
}

func init() {
	var pinfo = structTypes["PROCESS_INFORMATION"]
	for name, b := range map[string]*builtin{
		// handles
		"CloseHandle": w32(1, func(c *call) Value { return c.bret(c.k().CloseHandle(c.tid(), c.h(0))) }),
		"GetHandleInformation": w32(2, func(c *call) Value {
			out := c.ref(1, tDWORD)
			f, ok := c.k().GetHandleInformation(c.tid(), c.h(0))
			if ok {
				c.set(out, intVal(tDWORD, uint64(f)))
			}
			return c.bret(ok)
		}),
		"SetHandleInformation": w32(3, func(c *call) Value {
			return c.bret(c.k().SetHandleInformation(c.tid(), c.h(0), c.u32(1), c.u32(2)))
		}),
		"GetLastError": w32(0, func(c *call) Value { return c.ret(tDWORD, uint64(c.k().GetLastError(c.tid()))) }),
		"SetLastError": w32(1, func(c *call) Value {
			c.k().SetLastError(c.tid(), kernel.Errno(c.u32(0)))
			return c.void()
		}),
		"DuplicateHandle": w32(7, func(c *call) Value {
			out := c.ref(3, tHANDLE) // may be NULL: the duplicate is made and not returned
			h, ok := c.k().DuplicateHandle(c.tid(), c.h(0), c.h(1), c.h(2), out != nil, c.u32(4), c.b(5), c.u32(6))
			if out != nil {
				// NtDuplicateObject zeroes *TargetHandle before any check, so
				// a failed call leaves NULL there (Wine and ReactOS
				// NtDuplicateObject; a Wine 8 differential run of the lessons).
				c.set(out, intVal(tHANDLE, uint64(h)))
			}
			return c.bret(ok)
		}),
		// processes
		"CreateProcess": w32(10, func(c *call) Value { return c.in.createProcess(c) }),
		"ExitProcess": w32(1, func(c *call) Value {
			c.in.reserveTable(c.p.pid, 4)
			c.k().ExitProcess(c.tid(), c.u32(0))
			return c.void()
		}),
		"TerminateProcess": w32(2, func(c *call) Value {
			if o := c.in.objectOf(c.p, c.h(0)); o != nil && o.Proc != nil {
				c.in.reserveTable(o.Proc.PID, 4)
			}
			return c.bret(c.k().TerminateProcess(c.tid(), c.h(0), c.u32(1)))
		}),
		"GetExitCodeProcess": w32(2, func(c *call) Value {
			out := c.ref(1, tDWORD)
			code, ok := c.k().GetExitCodeProcess(c.tid(), c.h(0))
			if ok {
				c.set(out, intVal(tDWORD, uint64(code)))
			}
			return c.bret(ok)
		}),
		"GetProcessId":        w32(1, func(c *call) Value { return c.ret(tDWORD, uint64(c.k().GetProcessId(c.tid(), c.h(0)))) }),
		"GetCurrentProcessId": w32(0, func(c *call) Value { return c.ret(tDWORD, uint64(c.k().GetCurrentProcessId(c.tid()))) }),
		"GetCurrentThreadId":  w32(0, func(c *call) Value { return c.ret(tDWORD, uint64(c.k().GetCurrentThreadId(c.tid()))) }),
		"GetCurrentProcess":   w32(0, func(c *call) Value { return c.hret(c.k().GetCurrentProcess()) }),
		"GetCurrentThread":    w32(0, func(c *call) Value { return c.hret(c.k().GetCurrentThread()) }),
		"OpenProcess": w32(3, func(c *call) Value {
			return c.hret(c.k().OpenProcess(c.tid(), c.u32(0), c.b(1), kernel.PID(c.u32(2))))
		}),
	} {
		builtins[name] = b
	}
	_ = pinfo
}

// reserveTable makes room for per events per entry of pid's handle table
// (a call about to copy or close all of it).
func (in *interp) reserveTable(pid kernel.PID, per int) {
	if o := in.k.ProcessByPID(pid); o != nil && o.Proc.Table().Slots() > 1024 {
		in.reserveEvents(per*o.Proc.Table().Slots() + 16)
	}
}

func (c *call) textMacro() Value {
	if _, ok := c.x.Args[0].(*syntax.CharLit); ok {
		return c.args[0] // TEXT('a') is L'a'
	}
	c.in.fail("E_TYPE", c.at(0), c.what(0), "a string literal", describe(c.args[0]))
	return Value{}
}

// zero is ZeroMemory and memset: the variable becomes zero.
func (c *call) zero() Value {
	v := c.ref(0, nil)
	if v != nil {
		if v.T.Kind == kArr {
			c.in.chargeElems(v.T.Len)
		}
		c.set(v, zeroValue(v.T))
	}
	return Value{T: tVoid}
}

// nameArg is a name argument where NULL is not the empty string
// (kernel.NullName): Open*, CreateNamedPipe, CreateMailslot.
func (c *call) nameArg(i int) string {
	if c.isNull(i) {
		return kernel.NullName
	}
	return c.str(i)
}

// block is a string argument that is a block of NUL-separated strings
// (lpEnvironment): all of its elements, not only the first string's.
func (c *call) block(i int) string {
	v := c.args[i]
	if v.T.Kind != kStr {
		return c.str(i)
	}
	c.in.chargeBytes(len(v.S))
	return decodeText(v.S, v.T.Wide)
}

// readInto is a read into buffer argument bufArg of sizeArg bytes, its
// count in argument countArg: ReadFile's and TransactNamedPipe's.
func (c *call) readInto(bufArg, sizeArg, countArg int, read func(n uint32) (string, bool, bool)) Value {
	buf := c.memTarget(bufArg)
	n := c.u32(sizeArg)
	if buf != nil {
		c.checkFits(bufArg, n, memSize(buf), buf.Name)
	}
	nread := c.ref(countArg, tDWORD)
	// "ReadFile sets this value to zero before doing any work or error
	// checking" ("ReadFile function", lpNumberOfBytesRead).
	c.set(nread, intVal(tDWORD, 0))
	if buf == nil && n > 0 {
		// The kernel probes the buffer and fails the call: no fault,
		// nothing read (Wine file.c test_read_write, "ReadFile(hFile,
		// NULL, 10, &bytes, NULL)": ERROR_NOACCESS).
		return c.failWith(kernel.ERROR_NOACCESS)
	}
	data, ok, pending := read(n)
	if pending {
		comp := c.wait()
		data, ok = comp.Data, comp.Ret != 0
	}
	if ok || data != "" {
		// The bytes land at the start of the buffer; the rest of it keeps
		// its values (no terminator is added: C code adds one itself,
		// buf[n / sizeof(TCHAR)] = 0).
		c.putMem(buf, data)
		c.set(nread, intVal(tDWORD, uint64(len(data))))
	}
	return c.bret(ok)
}

// strArg is string argument i as a value (NULL is "").
func (c *call) strArg(i int) Value {
	if v := c.args[i]; v.T.Kind == kStr {
		return v
	}
	return strValue(tStr, c.str(i))
}

// strLen is C's strlen of string argument i, in its own elements.
func (c *call) strLen(i int) int {
	v := c.args[i]
	if v.T.Kind != kStr {
		c.str(i) // NULL, or the type error
		return 0
	}
	c.in.chargeBytes(len(v.S))
	return cLen(v.S, v.T.Wide)
}

func (in *interp) print(c *call, s string) {
	in.chargeBytes(len(s))
	c.p.console += len(s)
	if c.p.console > maxConsole {
		in.fail("E_CONSOLE_LIMIT", c.x, c.p.name, strconv.Itoa(maxConsole))
	}
	in.u.console.WriteString(s)
}
