package scenario

import (
	"strconv"
	"strings"

	"handleviz/kernel"
)

// The C runtime's standard streams and the calls around them: where printf
// goes (the process's standard output handle: its console, or a pipe its
// parent gave it), what fgets(stdin) reads (the console's input a lesson
// typed in its metadata, or a redirected handle), and the remaining calls
// the textbooks' listings use (issue 10). The kernel decides what Windows
// does (kernel/console.go); this file is the C runtime around it.

// tFILE is FILE*: stdin, stdout and stderr are its only values.
var tFILE = intType("FILE*", 64, false)

// The streams' values stand for &__iob[0..2]; only their identity matters.
const (
	fileStdin  = 0x1000
	fileStdout = 0x1001
	fileStderr = 0x1002
)

func init() {
	for name, v := range map[string]Value{
		"STD_INPUT_HANDLE":     dw(kernel.STD_INPUT_HANDLE),
		"STD_OUTPUT_HANDLE":    dw(kernel.STD_OUTPUT_HANDLE),
		"STD_ERROR_HANDLE":     dw(kernel.STD_ERROR_HANDLE),
		"MAXIMUM_WAIT_OBJECTS": dw(kernel.MAXIMUM_WAIT_OBJECTS),
		"WAIT_ABANDONED_0":     dw(kernel.WAIT_ABANDONED_0),
		"EOF":                  intVal(tInt, uint64(0xFFFFFFFF)),
		"stdin":                intVal(tFILE, fileStdin),
		"stdout":               intVal(tFILE, fileStdout),
		"stderr":               intVal(tFILE, fileStderr),
	} {
		constants[name] = v
	}
	add := func(b *builtin, names ...string) {
		for _, n := range names {
			builtins[n] = b
		}
	}
	add(w32(1, func(c *call) Value { return c.hret(c.k().GetStdHandle(c.tid(), c.u32(0))) }), "GetStdHandle")
	add(w32(2, func(c *call) Value { return c.bret(c.k().SetStdHandle(c.tid(), c.u32(0), c.h(1))) }), "SetStdHandle")
	add(w32(1, func(c *call) Value {
		ok, pending := c.k().FlushFileBuffers(c.tid(), c.h(0))
		if pending {
			ok = c.wait().Ret != 0
		}
		return c.bret(ok)
	}), "FlushFileBuffers")
	add(w32(4, func(c *call) Value { return c.waitMultiple() }), "WaitForMultipleObjects")
	add(w32(2, func(c *call) Value {
		return c.ret(tDWORD, uint64(c.k().WaitForInputIdle(c.tid(), c.h(0), c.u32(1))))
	}), "WaitForInputIdle")
	add(w32(1, func(c *call) Value {
		if c.k().Sleep(c.tid(), c.u32(0)) {
			c.wait() // INFINITE: never completes; the run ends with the thread waiting
		}
		return c.void()
	}), "Sleep")

	// printf and friends write to the standard output handle.
	add(variadic(1, false, func(c *call) Value {
		s := c.format(0)
		c.in.writeStd(c, 1, s)
		return intVal(tInt, uint64(len([]rune(s))))
	}), "_tprintf", "printf", "wprintf")
	add(variadic(2, false, func(c *call) Value {
		which := c.stream(0, true)
		s := c.format(1)
		c.in.writeStd(c, which, s)
		return intVal(tInt, uint64(len([]rune(s))))
	}), "_ftprintf", "fprintf", "fwprintf")
	add(helper(1, func(c *call) Value {
		c.in.writeStd(c, 1, c.str(0)+"\n")
		return intVal(tInt, 0)
	}), "_putts", "puts", "_putws")
	add(helper(2, func(c *call) Value {
		which := c.stream(1, true)
		c.in.writeStd(c, which, c.str(0))
		return intVal(tInt, 0)
	}), "_fputts", "fputs", "fputws")
	// The model's C runtime writes through (see writeStd): fflush has
	// nothing left to write.
	add(helper(1, func(c *call) Value {
		c.stream(0, true)
		return intVal(tInt, 0)
	}), "fflush")
	add(helper(3, func(c *call) Value { return c.fgets() }), "_fgetts", "fgets", "fgetws")

	// strings and memory
	add(helper(3, func(c *call) Value {
		a, b := []rune(c.str(0)), []rune(c.str(1))
		n := int(c.u32(2))
		return intVal(tInt, uint64(int64(strings.Compare(string(a[:min(n, len(a))]), string(b[:min(n, len(b))])))))
	}), "_tcsncmp", "strncmp", "wcsncmp")
	add(helper(3, func(c *call) Value {
		a, b := []rune(strings.ToLower(c.str(0))), []rune(strings.ToLower(c.str(1)))
		n := int(c.u32(2))
		return intVal(tInt, uint64(int64(strings.Compare(string(a[:min(n, len(a))]), string(b[:min(n, len(b))])))))
	}), "_tcsnicmp", "_strnicmp", "_wcsnicmp")
	add(variadic(2, false, func(c *call) Value { return c.scanf(false) }), "_stscanf", "sscanf", "swscanf")
	add(variadic(2, false, func(c *call) Value { return c.scanf(true) }), "_stscanf_s", "sscanf_s", "swscanf_s")
	add(helper(3, func(c *call) Value { return c.memcpy() }), "memcpy", "memmove", "CopyMemory", "MoveMemory")
	add(helper(3, func(c *call) Value { return c.memset() }), "memset")

	// WriteFile and ReadFile on a console handle reach the console, which
	// is not a table entry (kernel/console.go).
	writeFile, readFile := builtins["WriteFile"].fn, builtins["ReadFile"].fn
	builtins["WriteFile"] = w32(5, func(c *call) Value {
		if !kernel.IsConsoleHandle(c.h(0)) {
			return writeFile(c)
		}
		return c.writeConsole()
	})
	builtins["ReadFile"] = w32(5, func(c *call) Value {
		if !kernel.IsConsoleHandle(c.h(0)) {
			return readFile(c)
		}
		return c.readInto(1, 2, 3, func(n uint32) (string, bool, bool) {
			return c.k().ReadConsoleLine(c.tid(), c.h(0), n)
		})
	})
}

// typeConsoleInput gives a new process's console the input its lesson
// typed for it ("// stdin.NAME: …", a \n between lines). A child that
// shares its parent's console reads what was typed there.
func (in *interp) typeConsoleInput(name string, pid kernel.PID) {
	text, ok := in.f.Meta["stdin."+name]
	if !ok {
		return
	}
	con := in.k.ConsoleOf(pid)
	if o := in.k.ProcessByPID(pid); o == nil || con == 0 || in.k.ConsoleOf(o.Proc.ParentPID) == con {
		return
	}
	in.k.TypeConsoleInput(pid, strings.ReplaceAll(text, `\n`, "\n")+"\n")
}

// stream reads a FILE* argument: 0, 1 or 2. out says the call writes.
func (c *call) stream(i int, out bool) int {
	v := c.args[i]
	if v.T == tFILE {
		switch v.N {
		case fileStdin:
			if !out {
				return 0
			}
		case fileStdout:
			if out {
				return 1
			}
		case fileStderr:
			if out {
				return 2
			}
		}
	}
	want := "stdout or stderr"
	if !out {
		want = "stdin"
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), want, describe(v))
	return 0
}

// writeStd is the C runtime writing text s to standard stream which (1
// stdout, 2 stderr): to the console when the standard handle is a console
// handle (the step's console shows it), else through WriteFile to the
// handle (a pipe or a file its parent gave it), as bytes: the text in the
// ANSI code page (949), each "\n" written as "\r\n" (the stream is in text
// mode: "fopen, _wfopen", "_setmode"). A process without that handle
// writes nothing.
//
// The handle is the one the C runtime took from GetStdHandle when the
// process started (Microsoft's UCRT, lowio/ioinit.cpp,
// initialize_stdio_handles_nolock, as in ReactOS sdk/lib/ucrt): a later
// SetStdHandle changes what GetStdHandle returns and what a child
// inherits, not where printf writes (Wine's msvcrt agrees: puts after
// SetStdHandle to a pipe leaves the pipe empty).
//
// The model's runtime keeps no buffer: every printf reaches the handle at
// once, as if followed by fflush. The real runtime buffers a redirected
// stream (4 KB) and writes it at fflush, when the buffer fills, or when
// main returns; a lesson that must agree with Windows step by step calls
// fflush(stdout) after printing to a pipe.
func (in *interp) writeStd(c *call, which int, s string) {
	h := c.p.crtStd[which]
	switch {
	case h == 0 || h == kernel.INVALID_HANDLE_VALUE:
		return
	case kernel.IsConsoleHandle(h):
		if in.k.ConsoleOf(c.p.pid) != 0 {
			in.print(c, s)
		}
		return
	}
	data := strings.ReplaceAll(encodeText(s, false), "\n", "\r\n")
	if !in.k.CanCall(c.tid()) {
		return
	}
	in.k.WriteData(c.tid(), h, data, kernel.UnitANSI)
}

// writeConsole is WriteFile on a console handle: the bytes, as the text
// of their element type, appear on the console.
func (c *call) writeConsole() Value {
	out := c.ref(3, tDWORD)
	c.set(out, intVal(tDWORD, 0))
	n := c.u32(2)
	src, unit := c.memSource(1)
	c.checkFits(1, n, len(src), c.in.f.Text(c.x.Args[1]))
	if !c.k().WriteConsoleHandle(c.tid(), c.h(0)) {
		return c.bret(false)
	}
	text := decodeText(src[:n], unit == kernel.UnitWide)
	c.in.print(c, text)
	c.set(out, intVal(tDWORD, uint64(n)))
	return c.bret(true)
}

// fgets reads one line from stdin into a buffer of n elements: at most n-1
// of them, the '\n' kept, a NUL after; NULL at the end of input. The
// console gives one typed line at a time ("\r\n" read as "\n", text mode);
// a redirected handle is read through ReadFile into the runtime's buffer
// (4 KB at a time, as the C runtime does) until a line is complete or the
// writer is gone.
func (c *call) fgets() Value {
	buf := c.buf(0)
	n := int(c.i32(1))
	c.stream(2, false)
	if buf == nil || n <= 1 {
		return intVal(tInt, 0)
	}
	h := c.p.crtStd[0] // as printf's: the handle the runtime took at startup
	var line string
	switch {
	case h == 0 || h == kernel.INVALID_HANDLE_VALUE:
		return intVal(tInt, 0)
	case kernel.IsConsoleHandle(h):
		data, ok, pending := c.k().ReadConsoleLine(c.tid(), h, uint32(n-1))
		if pending {
			comp := c.wait()
			data, ok = comp.Data, comp.Ret != 0
		}
		if !ok {
			return intVal(tInt, 0)
		}
		line = strings.ReplaceAll(decodeText(data, false), "\r\n", "\n")
	default:
		for {
			if i := strings.IndexByte(c.p.stdin, '\n'); i >= 0 || len(c.p.stdin) >= n-1 {
				end := min(len(c.p.stdin), n-1)
				if i >= 0 && i+1 < end {
					end = i + 1
				}
				line, c.p.stdin = c.p.stdin[:end], c.p.stdin[end:]
				break
			}
			data, ok, pending := c.k().ReadFile(c.tid(), h, 4096)
			if pending {
				comp := c.wait()
				data, ok = comp.Data, comp.Ret != 0
			}
			c.p.stdin += data
			if !ok || data == "" {
				line, c.p.stdin = c.p.stdin, ""
				if line == "" {
					return intVal(tInt, 0)
				}
				break
			}
		}
		line = strings.ReplaceAll(decodeText(line, false), "\r\n", "\n")
	}
	c.set(buf, strValue(buf.T, line))
	return c.args[0]
}

// waitMultiple is WaitForMultipleObjects(nCount, lpHandles, bWaitAll,
// dwMilliseconds): lpHandles is a HANDLE array (or &h for one handle).
func (c *call) waitMultiple() Value {
	n := c.u32(0)
	var hs []kernel.Handle
	v := c.args[1]
	switch {
	case v.T.Kind == kArr:
		for _, x := range v.A {
			hs = append(hs, kernel.Handle(x))
		}
	case v.T.Kind == kPtr && v.Ref != nil && v.Ref.T.Kind == kArr:
		for _, x := range v.Ref.V.A {
			hs = append(hs, kernel.Handle(x))
		}
	case v.T.Kind == kPtr && v.Ref != nil && v.Ref.T.Kind == kInt:
		hs = []kernel.Handle{kernel.Handle(v.Ref.V.N)}
	case c.isNull(1):
	default:
		c.in.fail("E_TYPE", c.at(1), c.what(1), "a HANDLE array", describe(v))
	}
	if n <= kernel.MAXIMUM_WAIT_OBJECTS {
		c.checkFits(1, n*8, len(hs)*8, c.in.f.Text(c.x.Args[1]))
		hs = hs[:n]
	}
	if n > kernel.MAXIMUM_WAIT_OBJECTS {
		hs = make([]kernel.Handle, kernel.MAXIMUM_WAIT_OBJECTS+1) // the count alone fails the call
	}
	r, pending := c.k().WaitForMultipleObjects(c.tid(), hs, c.b(2), c.u32(3))
	if pending {
		r = uint32(c.wait().Ret)
	}
	return c.ret(tDWORD, uint64(r))
}

// memcpy copies n bytes from src over the start of dst.
func (c *call) memcpy() Value {
	dst := c.memTarget(0)
	src, _ := c.memSource(1)
	n := c.u32(2)
	c.checkFits(1, n, len(src), c.in.f.Text(c.x.Args[1]))
	if dst != nil {
		c.checkFits(0, n, memSize(dst), dst.Name)
	}
	c.putMem(dst, src[:n])
	return c.args[0]
}

// memset fills the first n bytes of dst with byte value ch.
func (c *call) memset() Value {
	dst := c.memTarget(0)
	ch := byte(c.u32(1))
	n := c.u32(2)
	if dst == nil {
		return c.args[0]
	}
	c.checkFits(0, n, memSize(dst), dst.Name)
	if ch == 0 && int(n) == memSize(dst) {
		c.set(dst, zeroValue(dst.T)) // the common memset(&si, 0, sizeof(si))
		return c.args[0]
	}
	c.putMem(dst, strings.Repeat(string([]byte{ch}), int(n)))
	return c.args[0]
}

// scanf is sscanf/_stscanf (secure: the _s forms, where %s and %c take a
// buffer size after the buffer): conversions %d %i %u %x %X %p %s %c with
// length modifiers; it returns the number of fields assigned, or EOF (-1)
// for empty input. Seed 003 passes a handle value on the command line and
// reads it back with _stscanf_s(argv[1], _T("%p"), &h) or "%d".
func (c *call) scanf(secure bool) Value {
	in := []rune(c.str(0))
	f := []rune(c.str(1))
	ai := 2
	pos, assigned := 0, 0
	skipSpace := func() {
		for pos < len(in) && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r') {
			pos++
		}
	}
	if len(strings.TrimSpace(string(in))) == 0 {
		return intVal(tInt, uint64(0xFFFFFFFF))
	}
	nextArg := func(conv string) *Var {
		if ai >= len(c.args) {
			c.in.fail("E_FORMAT_NO_ARG", c.x, strconv.Quote(string(f)), "%"+conv)
		}
		v := c.ref(ai, nil)
		ai++
		return v
	}
loop:
	for i := 0; i < len(f); i++ {
		r := f[i]
		switch {
		case r == ' ' || r == '\t' || r == '\n':
			skipSpace()
			continue
		case r != '%':
			if pos >= len(in) || in[pos] != r {
				break loop
			}
			pos++
			continue
		}
		i++
		for i < len(f) && strings.ContainsRune("lhIL0123456789", f[i]) {
			i++
		}
		if i >= len(f) {
			break
		}
		conv := f[i]
		if conv == '%' {
			skipSpace()
			if pos >= len(in) || in[pos] != '%' {
				break loop
			}
			pos++
			continue
		}
		if conv != 'c' {
			skipSpace()
		}
		start := pos
		switch conv {
		case 'd', 'i', 'u', 'x', 'X', 'p':
			base := 10
			if conv == 'x' || conv == 'X' || conv == 'p' {
				base = 16
			}
			if pos < len(in) && (in[pos] == '-' || in[pos] == '+') {
				pos++
			}
			if base == 16 && pos+1 < len(in) && in[pos] == '0' && (in[pos+1] == 'x' || in[pos+1] == 'X') {
				pos += 2
			}
			digits := pos
			for pos < len(in) && isDigitIn(in[pos], base) {
				pos++
			}
			if pos == digits {
				break loop
			}
			text := strings.TrimPrefix(strings.TrimPrefix(string(in[start:pos]), "+"), "0x")
			text = strings.TrimPrefix(text, "0X")
			neg := strings.HasPrefix(text, "-")
			u, _ := strconv.ParseUint(strings.TrimPrefix(text, "-"), base, 64)
			if neg {
				u = -u
			}
			v := nextArg(string(conv))
			if v != nil {
				c.set(v, intVal(v.T, u))
			}
			assigned++
		case 's', 'c':
			for pos < len(in) && (conv == 'c' && pos == start || conv == 's' && in[pos] != ' ' && in[pos] != '\t' && in[pos] != '\n') {
				pos++
			}
			if pos == start {
				break loop
			}
			b := c.buf(ai)
			ai++
			if secure {
				if ai >= len(c.args) {
					c.in.fail("E_FORMAT_NO_ARG", c.x, strconv.Quote(string(f)), "%"+string(conv)+" size")
				}
				size := int(c.u32(ai))
				ai++
				if pos-start+1 > size {
					return intVal(tInt, uint64(assigned)) // the _s forms stop: the field does not fit
				}
			}
			if b != nil {
				c.set(b, strValue(b.T, string(in[start:pos])))
			}
			assigned++
		default:
			c.in.fail("E_FORMAT_CONV", c.x, strconv.Quote(string(f)), "%"+string(conv))
		}
	}
	return intVal(tInt, uint64(assigned))
}

func isDigitIn(r rune, base int) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	return base == 16 && (r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F')
}

// startupInfo reads the STARTUPINFO argument of CreateProcess: dwFlags and
// the three standard handles (used with STARTF_USESTDHANDLES).
func (c *call) startupInfo(i int) *kernel.StartupInfo {
	v := c.ref(i, structTypes["STARTUPINFO"])
	if v == nil {
		return nil
	}
	get := func(name string) uint64 {
		j, _ := v.T.field(name)
		return v.V.F[j].N
	}
	return &kernel.StartupInfo{
		Flags:     uint32(get("dwFlags")),
		StdInput:  kernel.Handle(get("hStdInput")),
		StdOutput: kernel.Handle(get("hStdOutput")),
		StdError:  kernel.Handle(get("hStdError")),
	}
}
