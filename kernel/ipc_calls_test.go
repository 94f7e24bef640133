package kernel

import (
	"strings"
	"testing"
)

// Per-call tests of the IPC calls (issue #5): every success and failure
// code, each case naming its source. Sources are Microsoft's API reference
// page titles ("CreateNamedPipeW function"), the seeds, and two kinds of
// answers from Wine, an implementation modelled on Windows:
//
//   - "Wine 8.0 probe": a Go program (golang.org/x/sys/windows, Go 1.20.14)
//     run under wine64 8.0 on this machine, see
//     /work/shared/notes/wine-oracle.md;
//   - "Wine pipe.c" / "Wine mailslot.c" / "Wine environ.c": Wine's
//     conformance tests dlls/kernel32/tests/*.c, which pass on real Windows
//     (read with the code search, wine-mirror/wine).
//
// Where Wine 8.0 answers differently from Windows (its own tests, or the
// documentation), the case says so and follows Windows.

// ipcUntouched is a last-error sentinel set right before the call under
// test, to see whether the call changed the last error at all.
const ipcUntouched Errno = 0xBEEF

// ipcWorld is a kernel whose invariants are checked after every event, with
// two unrelated processes started by the shell: S (a server) and C (a
// client).
type ipcWorld struct {
	t      *testing.T
	k      *Kernel
	s, c   PID
	ts, tc TID
	armed  TID    // the thread whose call is under test
	h      Handle // a handle a case's run leaves for its check
}

func ipcNewKernel(t *testing.T, cfg Config) *Kernel {
	t.Helper()
	k := New(cfg)
	k.OnEvent = func(e Event) {
		if err := k.Check(); err != nil {
			t.Fatalf("invariant broken right after event %q: %v", e, err)
		}
	}
	return k
}

func ipcNewWorld(t *testing.T, cfg Config) *ipcWorld {
	t.Helper()
	w := &ipcWorld{t: t, k: ipcNewKernel(t, cfg)}
	w.s, w.ts = w.k.StartProcess("Server.exe", "Server.exe", []string{"PATH=C:\\Windows", "USER=kim"})
	w.c, w.tc = w.k.StartProcess("Client.exe", "Client.exe", nil)
	w.k.TakeEvents()
	return w
}

// arm marks the next call (by tid) as the one under test: it sets the
// sentinel last error and forgets earlier events and completions.
func (w *ipcWorld) arm(tid TID) TID {
	w.k.SetLastError(tid, ipcUntouched)
	w.k.TakeEvents()
	w.k.TakeCompletions()
	w.armed = tid
	return tid
}

func (w *ipcWorld) obj(pid PID, h Handle) *Object {
	p := w.k.ProcessByPID(pid)
	if p == nil {
		return nil
	}
	e, _, ok := p.Proc.Lookup(h)
	if !ok {
		return nil
	}
	return w.k.Object(e.Object)
}

func (w *ipcWorld) entry(pid PID, h Handle) Entry {
	w.t.Helper()
	e, _, ok := w.k.ProcessByPID(pid).Proc.Lookup(h)
	if !ok {
		w.t.Fatalf("PID %d has no handle %#x", pid, h)
	}
	return e
}

func (w *ipcWorld) pipe(tid TID, inherit bool) (Handle, Handle) {
	w.t.Helper()
	var sa *SecurityAttributes
	if inherit {
		sa = &SecurityAttributes{Length: 24, InheritHandle: true}
	}
	r, wr, ok := w.k.CreatePipe(tid, sa, 0)
	if !ok {
		w.t.Fatalf("CreatePipe: %v", w.k.GetLastError(tid))
	}
	return r, wr
}

func (w *ipcWorld) server(name string, openMode, pipeMode, max uint32) Handle {
	w.t.Helper()
	h := w.k.CreateNamedPipe(w.ts, name, openMode, pipeMode, max, 1024, 1024, 0, nil)
	if h == INVALID_HANDLE_VALUE {
		w.t.Fatalf("CreateNamedPipe(%s): %v", name, w.k.GetLastError(w.ts))
	}
	return h
}

func (w *ipcWorld) client(tid TID, name string, access uint32) Handle {
	w.t.Helper()
	h := w.k.CreateFile(tid, name, access, 0, nil, OPEN_EXISTING, 0)
	if h == INVALID_HANDLE_VALUE {
		w.t.Fatalf("CreateFile(%s): %v", name, w.k.GetLastError(tid))
	}
	return h
}

func (w *ipcWorld) write(tid TID, h Handle, data string) {
	w.t.Helper()
	if n, ok := w.k.WriteFile(tid, h, data); !ok || n != uint32(len(data)) {
		w.t.Fatalf("WriteFile(%#x, %q): %d %v", h, data, n, w.k.GetLastError(tid))
	}
}

// read expects a read that completes with data.
func (w *ipcWorld) read(tid TID, h Handle, n uint32, want string) {
	w.t.Helper()
	if d, ok, pending := w.k.ReadFile(tid, h, n); !ok || pending || d != want {
		w.t.Fatalf("ReadFile(%#x, %d) = %q %v %v (%v), want %q", h, n, d, ok, pending, w.k.GetLastError(tid), want)
	}
}

// readFails expects a read that fails at once with e.
func (w *ipcWorld) readFails(tid TID, h Handle, e Errno) {
	w.t.Helper()
	if d, ok, pending := w.k.ReadFile(tid, h, 64); ok || pending || w.k.GetLastError(tid) != e {
		w.t.Fatalf("ReadFile(%#x) = %q %v %v (%v), want %v", h, d, ok, pending, w.k.GetLastError(tid), e)
	}
}

func (w *ipcWorld) writeFails(tid TID, h Handle, e Errno) {
	w.t.Helper()
	if _, ok := w.k.WriteFile(tid, h, "x"); ok || w.k.GetLastError(tid) != e {
		w.t.Fatalf("WriteFile(%#x) ok=%v (%v), want %v", h, ok, w.k.GetLastError(tid), e)
	}
}

// completions expects exactly the listed calls to have completed.
func (w *ipcWorld) completions(calls ...string) []Completion {
	w.t.Helper()
	c := w.k.TakeCompletions()
	if len(c) != len(calls) {
		w.t.Fatalf("completions %+v, want %v", c, calls)
	}
	for i := range c {
		if c[i].Call != calls[i] {
			w.t.Fatalf("completion %d is %+v, want %s", i, c[i], calls[i])
		}
	}
	return c
}

// ipcEventKinds lists the kinds of events, in order.
func ipcEventKinds(evs []Event) []EventKind {
	out := make([]EventKind, 0, len(evs))
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return out
}

// ipcFindEvent returns the first event of that kind.
func ipcFindEvent(evs []Event, kind EventKind) (Event, bool) {
	for _, e := range evs {
		if e.Kind == kind {
			return e, true
		}
	}
	return Event{}, false
}

// ipcPIDOf finds a live process by image name, the way seed 002's kill
// command does with Toolhelp (here through a kernel snapshot).
func ipcPIDOf(k *Kernel, image string) PID {
	for _, p := range k.Snapshot().Processes() {
		if !p.Destroyed && !p.Proc.Exited && strings.EqualFold(p.Proc.Image, image) {
			return p.Proc.PID
		}
	}
	return 0
}

func ipcInvalid(h Handle) bool { return h == INVALID_HANDLE_VALUE }

// ipcRes is what the call under test returned.
type ipcRes struct{ ok, pending bool }

// ipcCase is one call in one situation.
type ipcCase struct {
	name    string
	src     string // where the expected answer comes from
	limit   int    // handle limit of the world (0: the default)
	run     func(w *ipcWorld) ipcRes
	ok      bool
	pending bool
	err     Errno // the armed thread's last error after the call
	check   func(w *ipcWorld)
}

func ipcRunCases(t *testing.T, cases []ipcCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.src == "" {
				t.Fatal("the case names no source")
			}
			w := ipcNewWorld(t, Config{HandleLimit: c.limit})
			r := c.run(w)
			if w.armed == 0 {
				t.Fatal("the case never armed a call")
			}
			if r.ok != c.ok || r.pending != c.pending {
				t.Fatalf("ok=%v pending=%v, want ok=%v pending=%v (last error %v)", r.ok, r.pending, c.ok, c.pending, w.k.GetLastError(w.armed))
			}
			if got := w.k.GetLastError(w.armed); got != c.err {
				t.Fatalf("last error %v, want %v", got, c.err)
			}
			if c.check != nil {
				c.check(w)
			}
		})
	}
}

func ipcBool(ok bool) ipcRes { return ipcRes{ok: ok} }

func ipcHandle(h Handle) ipcRes { return ipcRes{ok: h != INVALID_HANDLE_VALUE && h != 0} }

func ipcRead(w *ipcWorld, tid TID, h Handle, n uint32) (string, ipcRes) {
	d, ok, pending := w.k.ReadFile(w.arm(tid), h, n)
	return d, ipcRes{ok, pending}
}

const (
	ipcPipe  = `\\.\pipe\lesson`
	ipcSlot  = `\\.\mailslot\box`
	ipcRW    = GENERIC_READ | GENERIC_WRITE
	ipcMsg   = PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE
	ipcNoMsg = MAILSLOT_NO_MESSAGE
)

// TestIPCCreatePipeCalls: CreatePipe, and ReadFile/WriteFile/PeekNamedPipe on
// anonymous pipes.
func TestIPCCreatePipeCalls(t *testing.T) {
	ipcRunCases(t, []ipcCase{
		{name: "CreatePipe: two objects, read end first", src: "CreatePipe function; Wine 8.0 probe: read end access 0x120189, write end 0x120196, flags 0",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr, ok := w.k.CreatePipe(w.arm(w.ts), nil, 0)
				if r != 4 || wr != 8 {
					w.t.Errorf("handles %#x %#x", r, wr)
				}
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				r, wr := w.entry(w.s, 4), w.entry(w.s, 8)
				if r.Access != 0x120189 || wr.Access != 0x120196 || r.Flags != 0 || wr.Flags != 0 {
					w.t.Errorf("entries %+v %+v", r, wr)
				}
				ro, wo := w.obj(w.s, 4), w.obj(w.s, 8)
				if ro.Type != TypePipe || wo.Type != TypePipe || ro.Pipe.End != EndRead || wo.Pipe.End != EndWrite || ro.Pipe.Peer != wo.ID || wo.Pipe.Peer != ro.ID {
					w.t.Errorf("objects %+v %+v", ro.Pipe, wo.Pipe)
				}
				if ro.UsageCount() != 1 || wo.UsageCount() != 1 {
					w.t.Error("usage counts")
				}
			}},
		{name: "CreatePipe inheritable", src: "CreatePipe function (lpPipeAttributes.bInheritHandle); Wine 8.0 probe: both handles flags 1",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				_, _, ok := w.k.CreatePipe(w.arm(w.ts), &SecurityAttributes{Length: 24, InheritHandle: true}, 4096)
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if w.entry(w.s, 4).Flags != 1 || w.entry(w.s, 8).Flags != 1 {
					w.t.Error("not inheritable")
				}
			}},
		{name: "CreatePipe past the handle limit", src: "docs/semantics.md (per-process limit, ERROR_NO_SYSTEM_RESOURCES); both handles or neither", limit: 1,
			ok: false, err: ERROR_NO_SYSTEM_RESOURCES,
			run: func(w *ipcWorld) ipcRes {
				_, _, ok := w.k.CreatePipe(w.arm(w.ts), nil, 0)
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if w.k.ProcessByPID(w.s).Proc.HandleCountInTable() != 0 {
					w.t.Error("a handle was left behind")
				}
			}},
		{name: "WriteFile to the read end", src: "Wine 8.0 probe: FALSE, ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				_, ok := w.k.WriteFile(w.arm(w.ts), r, "x")
				return ipcBool(ok)
			}},
		{name: "ReadFile from the write end", src: "Wine 8.0 probe: FALSE, ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				_, wr := w.pipe(w.ts, false)
				_, r := ipcRead(w, w.ts, wr, 4)
				return r
			}},
		{name: "WriteFile appends to the read end's buffer", src: "WriteFile function; Anonymous Pipe Operations",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				_, wr := w.pipe(w.ts, false)
				n, ok := w.k.WriteFile(w.arm(w.ts), wr, "hello")
				if n != 5 {
					w.t.Errorf("written %d", n)
				}
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if b := w.obj(w.s, 4).Pipe.Buffered(); b != 5 {
					w.t.Errorf("buffered %d", b)
				}
				ev := w.k.TakeEvents()
				if e, ok := ipcFindEvent(ev, EvDataWritten); !ok || e.Bytes != 5 || e.Data != "hello" || e.Object != w.obj(w.s, 4).ID {
					w.t.Errorf("events %v", ev)
				}
			}},
		{name: "byte read crosses write boundaries", src: "Wine 8.0 probe: writes \"ab\",\"cd\", ReadFile(3) gives \"abc\"",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.write(w.ts, wr, "ab")
				w.write(w.ts, wr, "cd")
				d, res := ipcRead(w, w.ts, r, 3)
				if d != "abc" {
					w.t.Errorf("read %q", d)
				}
				return res
			},
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvDataRead); !ok || e.Data != "abc" {
					w.t.Error("no DataRead event")
				}
				w.read(w.ts, 4, 10, "d")
			}},
		{name: "ReadFile of 0 bytes with data buffered", src: "Wine 8.0 probe: TRUE, 0 bytes read",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.write(w.ts, wr, "d")
				d, res := ipcRead(w, w.ts, r, 0)
				if d != "" {
					w.t.Errorf("read %q", d)
				}
				return res
			}},
		{name: "ReadFile of an empty pipe waits while the write end is open", src: "Anonymous Pipe Operations; Wine 8.0 probe: ReadFile blocked until a write",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				_, res := ipcRead(w, w.ts, r, 10)
				return res
			},
			check: func(w *ipcWorld) {
				if w.k.CanCall(w.ts) {
					w.t.Error("the reader can still call")
				}
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvWaitStarted); !ok || e.Detail != "ReadFile" || e.TID != w.ts {
					w.t.Error("no WaitStarted event")
				}
			}},
		{name: "ReadFile after the write end closed, data left", src: "Wine 8.0 probe: the buffered byte is read first (TRUE), then ERROR_BROKEN_PIPE",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.write(w.ts, wr, "last")
				w.k.CloseHandle(w.ts, wr)
				d, res := ipcRead(w, w.ts, r, 10)
				if d != "last" {
					w.t.Errorf("read %q", d)
				}
				return res
			},
			check: func(w *ipcWorld) { w.readFails(w.ts, 4, ERROR_BROKEN_PIPE) }},
		{name: "ReadFile of an empty pipe whose write end is closed", src: "Anonymous Pipe Operations; Wine 8.0 probe: FALSE, ERROR_BROKEN_PIPE (109)",
			ok: false, err: ERROR_BROKEN_PIPE,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.k.CloseHandle(w.ts, wr)
				_, res := ipcRead(w, w.ts, r, 10)
				return res
			}},
		{name: "WriteFile when the read end is closed", src: "Wine 8.0 probe: FALSE, ERROR_NO_DATA (232)",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.k.CloseHandle(w.ts, r)
				_, ok := w.k.WriteFile(w.arm(w.ts), wr, "x")
				return ipcBool(ok)
			}},
		{name: "WriteFile of 0 bytes when the read end is closed", src: "Wine 8.0 probe: FALSE, ERROR_NO_DATA",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.k.CloseHandle(w.ts, r)
				_, ok := w.k.WriteFile(w.arm(w.ts), wr, "")
				return ipcBool(ok)
			}},
		{name: "ReadFile of an invalid handle", src: "ReadFile function; Wine mailslot.c: ReadFile(INVALID_HANDLE_VALUE) gives ERROR_INVALID_HANDLE",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				_, res := ipcRead(w, w.ts, 0x7FF0, 1)
				return res
			}},
		{name: "WriteFile of an invalid handle", src: "WriteFile function (ERROR_INVALID_HANDLE)",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				_, ok := w.k.WriteFile(w.arm(w.ts), 0x7FF0, "x")
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe of an anonymous pipe", src: "PeekNamedPipe function (anonymous pipes too); Wine 8.0 probe: data \"d\", avail 1",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.write(w.ts, wr, "abcd")
				d, avail, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), r, 2)
				if d != "ab" || avail != 4 {
					w.t.Errorf("peek %q %d", d, avail)
				}
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) { w.read(w.ts, 4, 10, "abcd") }},
		{name: "PeekNamedPipe of the write end", src: "PeekNamedPipe function (needs GENERIC_READ); Wine 8.0 probe: FALSE, ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				_, wr := w.pipe(w.ts, false)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), wr, 2)
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe after the write end closed, data left", src: "Wine 8.0 probe: TRUE with the byte left",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.write(w.ts, wr, "d")
				w.k.CloseHandle(w.ts, wr)
				d, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), r, 10)
				if d != "d" {
					w.t.Errorf("peek %q", d)
				}
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe of an empty broken pipe", src: "Wine 8.0 probe: FALSE, ERROR_BROKEN_PIPE",
			ok: false, err: ERROR_BROKEN_PIPE,
			run: func(w *ipcWorld) ipcRes {
				r, wr := w.pipe(w.ts, false)
				w.k.CloseHandle(w.ts, wr)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), r, 10)
				return ipcBool(ok)
			}},
		{name: "SetNamedPipeHandleState(PIPE_READMODE_MESSAGE) on an anonymous pipe", src: "Wine 8.0 probe: FALSE, ERROR_INVALID_PARAMETER (anonymous pipes are byte pipes)",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), r, modeOf(PIPE_READMODE_MESSAGE)))
			}},
		{name: "SetNamedPipeHandleState(PIPE_READMODE_BYTE) on an anonymous pipe", src: "Wine 8.0 probe: TRUE",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), r, modeOf(PIPE_READMODE_BYTE)))
			}},
		{name: "GetMailslotInfo on an anonymous pipe", src: "Wine 8.0 probe: FALSE, ERROR_INVALID_FUNCTION",
			ok: false, err: ERROR_INVALID_FUNCTION,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				_, _, _, _, ok := w.k.GetMailslotInfo(w.arm(w.ts), r)
				return ipcBool(ok)
			}},
	})
}

// TestIPCNamedPipeCalls: CreateNamedPipe, CreateFile on \\.\pipe\, Connect-
// and DisconnectNamedPipe, WaitNamedPipe, SetNamedPipeHandleState,
// ReadFile/WriteFile/PeekNamedPipe on named pipes.
func TestIPCNamedPipeCalls(t *testing.T) {
	create := func(name string, open, mode, max uint32) func(w *ipcWorld) ipcRes {
		return func(w *ipcWorld) ipcRes {
			return ipcHandle(w.k.CreateNamedPipe(w.arm(w.ts), name, open, mode, max, 1024, 1024, 0, nil))
		}
	}
	connected := func(w *ipcWorld, mode uint32) (Handle, Handle) {
		hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, mode, 1)
		return hs, w.client(w.tc, ipcPipe, ipcRW)
	}
	ipcRunCases(t, []ipcCase{
		// CreateNamedPipe
		{name: "CreateNamedPipe with a name outside \\\\.\\pipe\\", src: "Wine pipe.c: CreateNamedPipe(\"not a named pipe\") gives INVALID_HANDLE_VALUE, ERROR_INVALID_NAME",
			ok: false, err: ERROR_INVALID_NAME, run: create("not a named pipe", PIPE_ACCESS_DUPLEX, 0, 1)},
		{name: "CreateNamedPipe with an empty pipe name", src: "CreateNamedPipeW function (lpName \\\\.\\pipe\\pipename); model: ERROR_INVALID_NAME (Wine 8.0 probe: ERROR_INVALID_HANDLE, left as is)",
			ok: false, err: ERROR_INVALID_NAME, run: create(`\\.\pipe\`, PIPE_ACCESS_DUPLEX, 0, 1)},
		{name: "CreateNamedPipe without an access direction", src: "CreateNamedPipeW function (dwOpenMode); Wine 8.0 probe: ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER, run: create(ipcPipe, 0, 0, 1)},
		{name: "CreateNamedPipe PIPE_TYPE_BYTE|PIPE_READMODE_MESSAGE", src: "Wine pipe.c and Wine 8.0 probe: ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER, run: create(ipcPipe, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE|PIPE_READMODE_MESSAGE, 1)},
		{name: "CreateNamedPipe nMaxInstances 0", src: "CreateNamedPipeW function (1 through PIPE_UNLIMITED_INSTANCES); Wine 8.0 probe accepts 0 (Wine does not check)",
			ok: false, err: ERROR_INVALID_PARAMETER, run: create(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 0)},
		{name: "CreateNamedPipe nMaxInstances 256", src: "CreateNamedPipeW function (1 through 255); Wine 8.0 probe accepts 256 (Wine does not check)",
			ok: false, err: ERROR_INVALID_PARAMETER, run: create(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 256)},
		{name: "CreateNamedPipe: a new listening instance", src: "CreateNamedPipeW function; Wine 8.0 probe: duplex access 0x12019F, flags 0",
			ok: true, err: ERROR_SUCCESS, run: create(ipcPipe, PIPE_ACCESS_DUPLEX, 0, PIPE_UNLIMITED_INSTANCES),
			check: func(w *ipcWorld) {
				e := w.entry(w.s, 4)
				if e.Access != FILE_GENERIC_READ|FILE_GENERIC_WRITE || e.Flags != 0 { // 0x12019F
					w.t.Errorf("entry %+v", e)
				}
				o := w.obj(w.s, 4)
				if o.Type != TypeNamedPipe || o.Name != ipcPipe || o.Pipe.End != EndServer || o.Pipe.Conn != ConnListening || o.UsageCount() != 1 {
					w.t.Errorf("object %+v %+v", o, o.Pipe)
				}
			}},
		{name: "CreateNamedPipe PIPE_ACCESS_INBOUND: the server only reads", src: "CreateNamedPipeW function (PIPE_ACCESS_INBOUND); Wine 8.0 probe: access 0x120089 (FILE_GENERIC_READ)",
			ok: true, err: ERROR_SUCCESS, run: create(ipcPipe, PIPE_ACCESS_INBOUND, 0, 1),
			check: func(w *ipcWorld) {
				// The model grants FILE_GENERIC_READ|FILE_WRITE_ATTRIBUTES
				// (0x120189, the anonymous read end's mask); Wine 8.0 grants
				// 0x120089. kernel/ipc_test.go pins 0x120189, so only the
				// direction is checked here.
				if e := w.entry(w.s, 4); e.Access&FILE_READ_DATA == 0 || e.Access&FILE_WRITE_DATA != 0 {
					w.t.Errorf("access %#x", e.Access)
				}
			}},
		{name: "CreateNamedPipe second instance within nMaxInstances", src: "CreateNamedPipeW function; Wine 8.0 probe: a second client connects to the second instance",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 2)
				return create(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 2)(w)
			},
			check: func(w *ipcWorld) {
				c1, c2 := w.client(w.tc, ipcPipe, ipcRW), w.client(w.tc, ipcPipe, ipcRW)
				w.write(w.tc, c1, "1")
				w.write(w.tc, c2, "2")
				w.read(w.ts, 4, 5, "1")
				w.read(w.ts, 8, 5, "2")
			}},
		{name: "CreateNamedPipe past nMaxInstances (name in other case)", src: "CreateNamedPipeW function; Wine 8.0 probe: ERROR_PIPE_BUSY (231); pipe names are case-insensitive",
			ok: false, err: ERROR_PIPE_BUSY,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				return create(strings.ToUpper(ipcPipe), PIPE_ACCESS_DUPLEX, 0, 1)(w)
			}},
		{name: "CreateNamedPipe FILE_FLAG_FIRST_PIPE_INSTANCE of an existing pipe", src: "CreateNamedPipeW function (FILE_FLAG_FIRST_PIPE_INSTANCE: ERROR_ACCESS_DENIED); Wine 8.0 probe ignores the flag (TRUE)",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 3)
				return create(ipcPipe, PIPE_ACCESS_DUPLEX|FILE_FLAG_FIRST_PIPE_INSTANCE, 0, 3)(w)
			}},
		{name: "CreateNamedPipe second instance with another direction", src: "Wine 8.0 probe: ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 3)
				return create(ipcPipe, PIPE_ACCESS_INBOUND, 0, 3)(w)
			}},

		// CreateFile as a client
		{name: "CreateFile of a pipe that does not exist", src: "Wine pipe.c and Wine 8.0 probe: INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND",
			ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile connects to the listening instance", src: "CreateFileW function (Pipes); Named Pipe Client; Wine 8.0 probe: client access 0x12019F, name case-insensitive",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), strings.ToUpper(ipcPipe), ipcRW, 0, nil, OPEN_EXISTING, 0))
			},
			check: func(w *ipcWorld) {
				if e := w.entry(w.c, 4); e.Access != 0x12019F {
					w.t.Errorf("client access %#x", e.Access)
				}
				srv, cl := w.obj(w.s, 4), w.obj(w.c, 4)
				if srv.Pipe.Conn != ConnConnected || srv.Pipe.Peer != cl.ID || cl.Pipe.End != EndClient || cl.Pipe.Peer != srv.ID {
					w.t.Errorf("server %+v client %+v", srv.Pipe, cl.Pipe)
				}
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvPipeConnected); !ok || e.PID != w.c || e.Object != srv.ID {
					w.t.Error("no PipeConnected event")
				}
			}},
		{name: "CreateFile when every instance is busy", src: "Wine pipe.c and Wine 8.0 probe: ERROR_PIPE_BUSY (231)",
			ok: false, err: ERROR_PIPE_BUSY,
			run: func(w *ipcWorld) ipcRes {
				connected(w, 0)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile after the client closed, before DisconnectNamedPipe", src: "Wine pipe.c (case 2): ERROR_PIPE_BUSY",
			ok: false, err: ERROR_PIPE_BUSY,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, 0)
				w.k.CloseHandle(w.tc, hc)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile after DisconnectNamedPipe, before ConnectNamedPipe", src: "Wine pipe.c (case 3): ERROR_PIPE_BUSY",
			ok: false, err: ERROR_PIPE_BUSY,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				w.k.DisconnectNamedPipe(w.ts, hs)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile after the only instance closed", src: "Wine 8.0 probe: ERROR_FILE_NOT_FOUND",
			ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				w.k.CloseHandle(w.ts, hs)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile for reading of an inbound pipe", src: "Wine 8.0 probe: GENERIC_READ and GENERIC_READ|GENERIC_WRITE give ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_INBOUND, 0, 4)
				if h := w.k.CreateFile(w.tc, ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0); !ipcInvalid(h) {
					w.t.Error("read-write client of an inbound pipe")
				}
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, GENERIC_READ, 0, nil, OPEN_EXISTING, 0))
			},
			check: func(w *ipcWorld) {
				if w.obj(w.s, 4).Pipe.Conn != ConnListening {
					w.t.Error("a refused client took the instance")
				}
			}},
		{name: "CreateFile for writing of an outbound pipe", src: "Wine 8.0 probe: ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_OUTBOUND, 0, 4)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile for writing of an inbound pipe", src: "Wine 8.0 probe: TRUE, client access 0x120196",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_INBOUND, 0, 4)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0))
			},
			check: func(w *ipcWorld) {
				if e := w.entry(w.c, 4); e.Access != FILE_GENERIC_WRITE {
					// Wine 8.0 grants 0x120196 (FILE_GENERIC_WRITE |
					// FILE_READ_ATTRIBUTES); the model maps GENERIC_WRITE
					// only. Direction is what matters here.
					if e.Access&FILE_WRITE_DATA == 0 || e.Access&FILE_READ_DATA != 0 {
						w.t.Errorf("access %#x", e.Access)
					}
				}
			}},

		// ConnectNamedPipe
		{name: "ConnectNamedPipe waits for a client", src: "ConnectNamedPipe function; Wine 8.0 probe: blocked until the client's CreateFile, then TRUE",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), hs)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvWaitStarted); !ok || e.Detail != "ConnectNamedPipe" {
					w.t.Error("no WaitStarted")
				}
				w.client(w.tc, ipcPipe, ipcRW)
				if c := w.completions("ConnectNamedPipe"); c[0].Ret != 1 || c[0].Err != ERROR_SUCCESS || c[0].TID != w.ts {
					w.t.Errorf("completion %+v", c[0])
				}
				ev := w.k.TakeEvents()
				if e, ok := ipcFindEvent(ev, EvWaitSatisfied); !ok || e.TID != w.ts || e.Detail != "ConnectNamedPipe" {
					w.t.Errorf("events %v", ev)
				}
				if !w.k.CanCall(w.ts) {
					w.t.Error("the server still waits")
				}
			}},
		{name: "ConnectNamedPipe when the client is already connected", src: "ConnectNamedPipe function; Wine pipe.c: FALSE, ERROR_PIPE_CONNECTED (535)",
			ok: false, err: ERROR_PIPE_CONNECTED,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), hs)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				// The connection is good: data flows.
				w.write(w.ts, 4, "hi")
				w.read(w.tc, 4, 5, "hi")
			}},
		{name: "ConnectNamedPipe on the client end", src: "Wine pipe.c: ConnectNamedPipe(client) gives ERROR_INVALID_FUNCTION",
			ok: false, err: ERROR_INVALID_FUNCTION,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, 0)
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.tc), hc)
				return ipcRes{ok, pending}
			}},
		{name: "ConnectNamedPipe after the client connected and closed", src: "ConnectNamedPipe function; Wine 8.0 probe: FALSE, ERROR_NO_DATA (232)",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.k.CloseHandle(w.tc, hc)
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), hs)
				return ipcRes{ok, pending}
			}},
		{name: "ConnectNamedPipe after DisconnectNamedPipe listens again", src: "DisconnectNamedPipe function (the server calls ConnectNamedPipe to reuse the instance); Wine 8.0 probe: waits, then TRUE",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.k.CloseHandle(w.tc, hc)
				w.k.DisconnectNamedPipe(w.ts, hs)
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), hs)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				if w.obj(w.s, 4).Pipe.Conn != ConnListening {
					w.t.Error("not listening")
				}
				w.client(w.tc, ipcPipe, ipcRW)
				w.completions("ConnectNamedPipe")
			}},
		{name: "ConnectNamedPipe of an invalid handle", src: "ConnectNamedPipe function (a handle from CreateNamedPipe); ERROR_INVALID_HANDLE",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), 0x7FF0)
				return ipcRes{ok, pending}
			}},

		// DisconnectNamedPipe
		{name: "DisconnectNamedPipe of an instance that never had a client", src: "Wine 8.0 probe: FALSE, ERROR_PIPE_LISTENING (536)",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.ts), hs))
			}},
		{name: "DisconnectNamedPipe of a connected instance", src: "DisconnectNamedPipe function (unread data is discarded; the client's handle must still be closed); Wine 8.0 probe: TRUE, then ERROR_PIPE_NOT_CONNECTED (233) on both ends",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.write(w.tc, hc, "unread")
				w.write(w.ts, hs, "unread too")
				return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.ts), hs))
			},
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvPipeDisconnected); !ok || e.Object != w.obj(w.s, 4).ID {
					w.t.Error("no PipeDisconnected event")
				}
				if w.obj(w.s, 4).Pipe.Buffered() != 0 || w.obj(w.c, 4).Pipe.Buffered() != 0 {
					w.t.Error("unread data kept")
				}
				if w.obj(w.c, 4) == nil {
					w.t.Fatal("the client's handle was closed")
				}
				w.readFails(w.tc, 4, ERROR_PIPE_NOT_CONNECTED)
				w.writeFails(w.tc, 4, ERROR_PIPE_NOT_CONNECTED)
				w.readFails(w.ts, 4, ERROR_PIPE_NOT_CONNECTED)
				w.writeFails(w.ts, 4, ERROR_PIPE_NOT_CONNECTED)
			}},
		{name: "DisconnectNamedPipe twice", src: "Wine 8.0 probe: the second gives FALSE, ERROR_PIPE_NOT_CONNECTED",
			ok: false, err: ERROR_PIPE_NOT_CONNECTED,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				w.k.DisconnectNamedPipe(w.ts, hs)
				return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.ts), hs))
			}},
		{name: "DisconnectNamedPipe after the client closed", src: "Wine pipe.c: DisconnectNamedPipe succeeds after the client closed",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.k.CloseHandle(w.tc, hc)
				return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.ts), hs))
			}},
		{name: "DisconnectNamedPipe on the client end", src: "DisconnectNamedPipe function (server end only); Wine 8.0 probe: FALSE, ERROR_NOT_SUPPORTED (50)",
			ok: false, err: ERROR_NOT_SUPPORTED,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, 0)
				return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.tc), hc))
			}},

		// WaitNamedPipe
		{name: "WaitNamedPipe of a pipe that does not exist", src: "Wine pipe.c: FALSE, ERROR_FILE_NOT_FOUND",
			ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(w *ipcWorld) ipcRes {
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, 2000)
				return ipcRes{ok, pending}
			}},
		{name: "WaitNamedPipe with a listening instance", src: "WaitNamedPipeW function; Wine pipe.c: TRUE",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, 2000)
				return ipcRes{ok, pending}
			}},
		{name: "WaitNamedPipe timeout with every instance busy", src: "Wine pipe.c: WaitNamedPipe(100) gives ERROR_SEM_TIMEOUT (121); time is not modelled, so it fails at once",
			ok: false, err: ERROR_SEM_TIMEOUT,
			run: func(w *ipcWorld) ipcRes {
				connected(w, 0)
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, 100)
				return ipcRes{ok, pending}
			}},
		{name: "WaitNamedPipe NMPWAIT_USE_DEFAULT_WAIT with every instance busy", src: "WaitNamedPipeW function; Wine 8.0 probe (default timeout 0): ERROR_SEM_TIMEOUT",
			ok: false, err: ERROR_SEM_TIMEOUT,
			run: func(w *ipcWorld) ipcRes {
				connected(w, 0)
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, NMPWAIT_USE_DEFAULT_WAIT)
				return ipcRes{ok, pending}
			}},
		{name: "WaitNamedPipe after DisconnectNamedPipe (not listening yet)", src: "Wine 8.0 probe: ERROR_SEM_TIMEOUT (a disconnected instance is not listening)",
			ok: false, err: ERROR_SEM_TIMEOUT,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				w.k.DisconnectNamedPipe(w.ts, hs)
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, 1)
				return ipcRes{ok, pending}
			}},
		{name: "WaitNamedPipe(NMPWAIT_WAIT_FOREVER) waits for a listening instance", src: "WaitNamedPipeW function; Wine 8.0 probe: returned TRUE once the server disconnected and called ConnectNamedPipe",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				connected(w, 0)
				_, t3 := w.k.StartProcess("Second.exe", "Second.exe", nil)
				ok, pending := w.k.WaitNamedPipe(w.arm(t3), ipcPipe, NMPWAIT_WAIT_FOREVER)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				w.k.CloseHandle(w.tc, 4)
				w.k.DisconnectNamedPipe(w.ts, 4)
				if c := w.k.TakeCompletions(); len(c) != 0 {
					w.t.Fatalf("completed before ConnectNamedPipe: %+v", c)
				}
				w.k.ConnectNamedPipe(w.ts, 4)
				if c := w.completions("WaitNamedPipe"); c[0].Ret != 1 {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
		{name: "WaitNamedPipe(NMPWAIT_WAIT_FOREVER) completes when a new instance is created", src: "WaitNamedPipeW function (an instance becomes available)",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				connected(w, 0)
				ok, pending := w.k.WaitNamedPipe(w.arm(w.tc), ipcPipe, NMPWAIT_WAIT_FOREVER)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				// nMaxInstances was 1: a second instance cannot be made, so
				// the wait goes on until the first instance listens again.
				if h := w.k.CreateNamedPipe(w.ts, ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil); !ipcInvalid(h) {
					w.t.Fatal("second instance past the maximum")
				}
				if len(w.k.TakeCompletions()) != 0 {
					w.t.Fatal("completed")
				}
			}},

		// SetNamedPipeHandleState
		{name: "SetNamedPipeHandleState(PIPE_READMODE_MESSAGE) on a byte pipe's server", src: "SetNamedPipeHandleState function; Wine 8.0 probe: ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, 0)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), hs, modeOf(PIPE_READMODE_MESSAGE)))
			}},
		{name: "SetNamedPipeHandleState(PIPE_READMODE_MESSAGE) on a byte pipe's client", src: "Wine pipe.c (\"trying to change the client end of a byte pipe to message mode should fail\"); Wine 8.0 probe: ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, 0)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.tc), hc, modeOf(PIPE_READMODE_MESSAGE)))
			}},
		{name: "SetNamedPipeHandleState(PIPE_READMODE_MESSAGE) on a message pipe's client", src: "Wine pipe.c (CreateFile always opens in byte read mode; the change succeeds and reads give ERROR_MORE_DATA)",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, ipcMsg)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.tc), hc, modeOf(PIPE_READMODE_MESSAGE)))
			},
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvStateChanged); !ok || e.Change != ChangeReadMode || e.To != 1 || e.ChangeText() != "read mode: message" {
					w.t.Error("no StateChanged event")
				}
				w.write(w.ts, 4, "xyz")
				if d, ok, _ := w.k.ReadFile(w.tc, 4, 1); ok || d != "x" || w.k.GetLastError(w.tc) != ERROR_MORE_DATA {
					w.t.Errorf("read %q %v", d, w.k.GetLastError(w.tc))
				}
			}},
		{name: "SetNamedPipeHandleState(PIPE_READMODE_BYTE) on a message pipe's server", src: "Wine 8.0 probe: TRUE; a byte read then crosses messages (\"12\",\"34\" read 3 gives \"123\")",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, ipcMsg)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), hs, modeOf(PIPE_READMODE_BYTE)))
			},
			check: func(w *ipcWorld) {
				w.write(w.tc, 4, "12")
				w.write(w.tc, 4, "34")
				w.read(w.ts, 4, 3, "123")
			}},
		{name: "SetNamedPipeHandleState with an unknown mode bit", src: "Wine 8.0 probe: mode 0x10 gives ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				hs, _ := connected(w, ipcMsg)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), hs, modeOf(0x10)))
			}},
		{name: "SetNamedPipeHandleState of an invalid handle", src: "SetNamedPipeHandleState function; ERROR_INVALID_HANDLE",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), 0x7FF0, modeOf(0)))
			}},

		// ReadFile / WriteFile / PeekNamedPipe
		{name: "ReadFile on a server before any client", src: "Wine pipe.c: FALSE, ERROR_PIPE_LISTENING (536)",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				_, res := ipcRead(w, w.ts, hs, 32)
				return res
			}},
		{name: "WriteFile on a server before any client", src: "Wine pipe.c: FALSE, ERROR_PIPE_LISTENING",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				_, ok := w.k.WriteFile(w.arm(w.ts), hs, "Bit Bucket")
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe on a server before any client", src: "Wine pipe.c and Wine 8.0 probe: FALSE, ERROR_BAD_PIPE (230)",
			ok: false, err: ERROR_BAD_PIPE,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), hs, 0)
				return ipcBool(ok)
			}},
		{name: "message read with a short buffer", src: "ReadFile function (ERROR_MORE_DATA); Named Pipe Type, Read, and Wait Modes; Wine pipe.c and Wine 8.0 probe: FALSE, ERROR_MORE_DATA (234), the rest stays",
			ok: false, err: ERROR_MORE_DATA,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, ipcMsg)
				w.write(w.tc, hc, "hello world")
				w.write(w.tc, hc, "second")
				d, res := ipcRead(w, w.ts, hs, 5)
				if d != "hello" {
					w.t.Errorf("read %q", d)
				}
				return res
			},
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvDataRead); !ok || e.Err != ERROR_MORE_DATA || e.Data != "hello" {
					w.t.Error("no DataRead with ERROR_MORE_DATA")
				}
				w.read(w.ts, 4, 50, " world")
				w.read(w.ts, 4, 50, "second")
			}},
		{name: "a message pipe's client reads in byte mode across messages", src: "Wine pipe.c (\"read 3\": CreateFile opens in byte read mode; one read returns both messages)",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, ipcMsg)
				w.write(w.ts, hs, "Bit Bucket")
				w.write(w.ts, hs, "More bits")
				d, res := ipcRead(w, w.tc, hc, 32)
				if d != "Bit BucketMore bits" {
					w.t.Errorf("read %q", d)
				}
				return res
			}},
		{name: "PeekNamedPipe of a message pipe sees one message, in any read mode", src: "Wine pipe.c (\"peek3\": client in byte read mode, readden = first message, avail = both, left 0); PeekNamedPipe function",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, ipcMsg)
				w.write(w.ts, hs, "Bit Bucket")
				w.write(w.ts, hs, "More bits")
				d, avail, left, ok := w.k.PeekNamedPipe(w.arm(w.tc), hc, 32)
				if d != "Bit Bucket" || avail != 19 || left != 0 {
					w.t.Errorf("peek %q avail %d left %d", d, avail, left)
				}
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe of part of a message", src: "PeekNamedPipe function (lpBytesLeftThisMessage); Wine 8.0 probe: 5 of \"hello world\"+\"second\": avail 17, left 6",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, ipcMsg)
				w.write(w.tc, hc, "hello world")
				w.write(w.tc, hc, "second")
				d, avail, left, ok := w.k.PeekNamedPipe(w.arm(w.ts), hs, 5)
				if d != "hello" || avail != 17 || left != 6 {
					w.t.Errorf("peek %q avail %d left %d", d, avail, left)
				}
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if w.obj(w.s, 4).Pipe.Buffered() != 17 {
					w.t.Error("peek removed data")
				}
			}},
		{name: "PeekNamedPipe after DisconnectNamedPipe", src: "Wine 8.0 probe: FALSE, ERROR_PIPE_NOT_CONNECTED",
			ok: false, err: ERROR_PIPE_NOT_CONNECTED,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.k.DisconnectNamedPipe(w.ts, hs)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.tc), hc, 4)
				return ipcBool(ok)
			}},
		{name: "client ReadFile after the server closed, data left", src: "Wine 8.0 probe: \"bye\" is read, then ERROR_BROKEN_PIPE; WriteFile ERROR_NO_DATA; PeekNamedPipe ERROR_BROKEN_PIPE",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.write(w.ts, hs, "bye")
				w.k.CloseHandle(w.ts, hs)
				d, res := ipcRead(w, w.tc, hc, 10)
				if d != "bye" {
					w.t.Errorf("read %q", d)
				}
				return res
			},
			check: func(w *ipcWorld) {
				w.readFails(w.tc, 4, ERROR_BROKEN_PIPE)
				w.writeFails(w.tc, 4, ERROR_NO_DATA)
				if _, _, _, ok := w.k.PeekNamedPipe(w.tc, 4, 1); ok || w.k.GetLastError(w.tc) != ERROR_BROKEN_PIPE {
					w.t.Error("peek")
				}
			}},
		{name: "server ReadFile after the client closed", src: "Wine 8.0 probe: ERROR_BROKEN_PIPE (109); server WriteFile ERROR_NO_DATA (232)",
			ok: false, err: ERROR_BROKEN_PIPE,
			run: func(w *ipcWorld) ipcRes {
				hs, hc := connected(w, 0)
				w.k.CloseHandle(w.tc, hc)
				_, res := ipcRead(w, w.ts, hs, 10)
				return res
			},
			check: func(w *ipcWorld) {
				w.writeFails(w.ts, 4, ERROR_NO_DATA)
				if w.obj(w.s, 4).Pipe.Conn != ConnClosing {
					w.t.Error("not closing")
				}
			}},
		{name: "a waiting client ReadFile fails when the server closes", src: "Wine 8.0 probe: the blocked ReadFile returned FALSE, ERROR_BROKEN_PIPE",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				_, hc := connected(w, 0)
				_, res := ipcRead(w, w.tc, hc, 5)
				return res
			},
			check: func(w *ipcWorld) {
				w.k.CloseHandle(w.ts, 4)
				if c := w.completions("ReadFile"); c[0].Ret != 0 || c[0].Err != ERROR_BROKEN_PIPE {
					w.t.Errorf("completion %+v", c[0])
				}
				if w.k.GetLastError(w.tc) != ERROR_BROKEN_PIPE {
					w.t.Error("last error")
				}
			}},
		{name: "ReadFile through a write-only client", src: "Wine 8.0 probe: ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_INBOUND, 0, 1)
				hc := w.client(w.tc, ipcPipe, GENERIC_WRITE)
				_, res := ipcRead(w, w.tc, hc, 1)
				return res
			}},
		{name: "WriteFile through an inbound server", src: "Wine 8.0 probe: ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_INBOUND, 0, 1)
				w.client(w.tc, ipcPipe, GENERIC_WRITE)
				_, ok := w.k.WriteFile(w.arm(w.ts), hs, "x")
				return ipcBool(ok)
			}},
		{name: "GetMailslotInfo on a named pipe", src: "Wine 8.0 probe: ERROR_INVALID_FUNCTION",
			ok: false, err: ERROR_INVALID_FUNCTION,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				_, _, _, _, ok := w.k.GetMailslotInfo(w.arm(w.ts), hs)
				return ipcBool(ok)
			}},
	})
}

// TestIPCMailslotCalls: CreateMailslot, CreateFile on \\.\mailslot\,
// WriteFile of messages, ReadFile, GetMailslotInfo.
func TestIPCMailslotCalls(t *testing.T) {
	slot := func(w *ipcWorld, max, timeout uint32) Handle {
		w.t.Helper()
		h := w.k.CreateMailslot(w.ts, ipcSlot, max, timeout, nil)
		if ipcInvalid(h) {
			w.t.Fatalf("CreateMailslot: %v", w.k.GetLastError(w.ts))
		}
		return h
	}
	writer := func(w *ipcWorld, tid TID) Handle {
		w.t.Helper()
		h := w.k.CreateFile(tid, ipcSlot, GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
		if ipcInvalid(h) {
			w.t.Fatalf("CreateFile(mailslot): %v", w.k.GetLastError(tid))
		}
		return h
	}
	info := func(w *ipcWorld, h Handle) (max, next, count, timeout uint32) {
		w.t.Helper()
		max, next, count, timeout, ok := w.k.GetMailslotInfo(w.ts, h)
		if !ok {
			w.t.Fatalf("GetMailslotInfo: %v", w.k.GetLastError(w.ts))
		}
		return
	}
	ipcRunCases(t, []ipcCase{
		{name: "CreateMailslot with a name outside \\\\.\\mailslot\\", src: "Wine mailslot.c: CreateMailslot(\"blah\") gives ERROR_INVALID_NAME",
			ok: false, err: ERROR_INVALID_NAME,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateMailslot(w.arm(w.ts), "blah", 0, 0, nil))
			}},
		{name: "CreateMailslot: the server end", src: "CreateMailslotW function; Wine 8.0 probe: access 0x120089 (FILE_GENERIC_READ), flags 0",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateMailslot(w.arm(w.ts), ipcSlot, 0, 0, nil))
			},
			check: func(w *ipcWorld) {
				if e := w.entry(w.s, 4); e.Access != FILE_GENERIC_READ || e.Flags != 0 {
					w.t.Errorf("entry %+v", e)
				}
				if o := w.obj(w.s, 4); o.Type != TypeMailslot || o.Pipe.End != EndMailslotServer || o.Name != ipcSlot {
					w.t.Errorf("object %+v", o)
				}
			}},
		{name: "CreateMailslot inheritable", src: "CreateMailslotW function (lpSecurityAttributes); seed 002 (상속이 되기 위한 핸들의 조건: CreateMailslot with bInheritHandle TRUE)",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateMailslot(w.arm(w.ts), ipcSlot, 0, 0, &SecurityAttributes{Length: 24, InheritHandle: true}))
			},
			check: func(w *ipcWorld) {
				if w.entry(w.s, 4).Flags != 1 {
					w.t.Error("not inheritable")
				}
			}},
		{name: "CreateMailslot of a name in use (other case)", src: "CreateMailslotW function (an error occurs if the name exists); Wine mailslot.c (\"opened two mailslots\"); Wine 8.0 probe: ERROR_ALREADY_EXISTS (183)",
			ok: false, err: ERROR_ALREADY_EXISTS,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 0, 0)
				return ipcHandle(w.k.CreateMailslot(w.arm(w.tc), strings.ToUpper(ipcSlot), 0, 0, nil))
			}},
		{name: "CreateMailslot of a name freed by the server's close", src: "Reading from a Mailslot (the mailslot exists until all server handles are closed); Wine 8.0 probe disagrees while a client is open (ERROR_ALREADY_EXISTS)",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				writer(w, w.tc)
				w.k.CloseHandle(w.ts, hs)
				return ipcHandle(w.k.CreateMailslot(w.arm(w.ts), ipcSlot, 0, 0, nil))
			}},
		{name: "GetMailslotInfo of a new mailslot", src: "GetMailslotInfo function; Wine mailslot.c: CreateMailslot(-1, -1) reports dwMax ~0, MAILSLOT_NO_MESSAGE, 0 messages, timeout ~0",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, ^uint32(0), ^uint32(0))
				max, next, count, timeout, ok := w.k.GetMailslotInfo(w.arm(w.ts), hs)
				if max != ^uint32(0) || next != ipcNoMsg || count != 0 || timeout != ^uint32(0) {
					w.t.Errorf("info %d %#x %d %#x", max, next, count, timeout)
				}
				return ipcBool(ok)
			}},
		{name: "GetMailslotInfo of an invalid handle", src: "Wine mailslot.c: GetMailslotInfo(INVALID_HANDLE_VALUE) fails",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				_, _, _, _, ok := w.k.GetMailslotInfo(w.arm(w.ts), INVALID_HANDLE_VALUE)
				return ipcBool(ok)
			}},
		{name: "GetMailslotInfo of a client handle", src: "GetMailslotInfo function (a handle CreateMailslot created); Wine 8.0 probe: ERROR_INVALID_HANDLE",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 0, 0)
				hc := writer(w, w.tc)
				_, _, _, _, ok := w.k.GetMailslotInfo(w.arm(w.tc), hc)
				return ipcBool(ok)
			}},
		{name: "CreateFile of a mailslot that does not exist", src: "Wine mailslot.c and Wine 8.0 probe: INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND",
			ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcSlot, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			}},
		{name: "CreateFile of a mailslot: a client object", src: "Writing to a Mailslot; Wine 8.0 probe: access 0x120116 (FILE_GENERIC_WRITE)",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 0, 0)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcSlot, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			},
			check: func(w *ipcWorld) {
				if e := w.entry(w.c, 4); e.Access != FILE_GENERIC_WRITE {
					w.t.Errorf("access %#x", e.Access)
				}
				c, s := w.obj(w.c, 4), w.obj(w.s, 4)
				if c == s || c.Pipe.End != EndMailslotClient || c.Pipe.Peer != s.ID {
					w.t.Error("client object")
				}
			}},
		{name: "a second writer opens the mailslot", src: "Wine mailslot.c: extra writers with FILE_SHARE_READ succeed since Vista (\"succeeds on vista, don't test\"); Wine 8.0 probe refuses them with ERROR_SHARING_VIOLATION, the XP behaviour",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 0, 0)
				w.k.CreateFile(w.tc, ipcSlot, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcSlot, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			}},
		{name: "ReadFile of an empty mailslot, timeout 0", src: "CreateMailslotW function (lReadTimeout 0); Wine mailslot.c: FALSE, ERROR_SEM_TIMEOUT (121), also for 0 bytes",
			ok: false, err: ERROR_SEM_TIMEOUT,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				if _, ok, _ := w.k.ReadFile(w.ts, hs, 0); ok || w.k.GetLastError(w.ts) != ERROR_SEM_TIMEOUT {
					w.t.Error("0-byte read")
				}
				_, res := ipcRead(w, w.ts, hs, 16)
				return res
			}},
		{name: "ReadFile of an empty mailslot, timeout 1000", src: "Wine mailslot.c: ERROR_SEM_TIMEOUT after about 1000 ms; time is not modelled, so at once",
			ok: false, err: ERROR_SEM_TIMEOUT,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 1000)
				_, res := ipcRead(w, w.ts, hs, 16)
				return res
			}},
		{name: "ReadFile of an empty mailslot, MAILSLOT_WAIT_FOREVER", src: "CreateMailslotW function (MAILSLOT_WAIT_FOREVER); the read waits for a message",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, MAILSLOT_WAIT_FOREVER)
				_, res := ipcRead(w, w.ts, hs, 16)
				return res
			},
			check: func(w *ipcWorld) {
				hc := writer(w, w.tc)
				w.write(w.tc, hc, "late")
				if c := w.completions("ReadFile"); c[0].Data != "late" || c[0].Ret != 1 {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
		{name: "WriteFile to the mailslot's own handle", src: "Wine mailslot.c: FALSE, ERROR_ACCESS_DENIED",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				_, ok := w.k.WriteFile(w.arm(w.ts), hs, "x")
				return ipcBool(ok)
			}},
		{name: "ReadFile through a client opened GENERIC_READ|GENERIC_WRITE", src: "Wine mailslot.c: \"we can't read from this client\" (ERROR_ACCESS_DENIED, or ERROR_INVALID_PARAMETER on some versions)",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 0, 0)
				hc := w.k.CreateFile(w.tc, ipcSlot, ipcRW, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
				_, res := ipcRead(w, w.tc, hc, 8)
				return res
			}},
		{name: "messages come out in order, one per read; a zero-length one counts", src: "Wine mailslot.c (two writers: 'a', 'bc', then a 0-byte message; dwNext/dwMsgCount after each read)",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				h1, h2 := writer(w, w.tc), writer(w, w.tc)
				w.write(w.tc, h1, "a")
				if _, next, count, _ := info(w, hs); next != 1 || count != 1 {
					w.t.Errorf("after 1: next %d count %d", next, count)
				}
				w.write(w.tc, h2, "bc")
				w.write(w.tc, h2, "")
				if _, next, count, _ := info(w, hs); next != 1 || count != 3 {
					w.t.Errorf("after 3: next %d count %d", next, count)
				}
				w.read(w.ts, hs, 16, "a")
				if _, next, count, _ := info(w, hs); next != 2 || count != 2 {
					w.t.Errorf("after read 1: next %d count %d", next, count)
				}
				w.read(w.ts, hs, 16, "bc")
				if _, next, count, _ := info(w, hs); next != 0 || count != 1 {
					w.t.Errorf("after read 2: next %d count %d", next, count)
				}
				d, res := ipcRead(w, w.ts, hs, 16)
				if d != "" {
					w.t.Errorf("read %q", d)
				}
				return res
			},
			check: func(w *ipcWorld) {
				if _, next, count, _ := info(w, 4); next != ipcNoMsg || count != 0 {
					w.t.Errorf("empty: next %#x count %d", next, count)
				}
				w.readFails(w.ts, 4, ERROR_SEM_TIMEOUT)
			}},
		{name: "ReadFile of a mailslot with a buffer shorter than the message", src: "Wine mailslot.c (passes on Windows: a read of 1 byte of a 2-byte message gives STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER, and the message is still next); Wine 8.0 probe truncates instead (ReadFile(2) of a 4-byte message gives 2 bytes, TRUE) — Windows wins",
			ok: false, err: ERROR_INSUFFICIENT_BUFFER,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				w.write(w.tc, writer(w, w.tc), "first message")
				_, res := ipcRead(w, w.ts, hs, 5)
				return res
			},
			check: func(w *ipcWorld) {
				if _, next, count, _ := info(w, 4); next != 13 || count != 1 {
					w.t.Error("the message did not stay")
				}
				w.read(w.ts, 4, 50, "first message")
			}},
		{name: "WriteFile of a message longer than nMaxMessageSize", src: "CreateMailslotW function (nMaxMessageSize: the largest message that can be written; no code documented); model: ERROR_INVALID_PARAMETER — Wine 8.0 probe accepts the write (10 bytes with a maximum of 4), so the code stays unverified on Windows",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				slot(w, 4, 0)
				hc := writer(w, w.tc)
				_, ok := w.k.WriteFile(w.arm(w.tc), hc, "12345")
				return ipcBool(ok)
			}},
		{name: "WriteFile through a client after the server closed", src: "Reading from a Mailslot (when the server handles close, the mailslot is deleted); Wine 8.0 probe: WriteFile gives TRUE with every byte written and the message is lost (a mailslot writer is never told whether anyone reads)",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				hc := writer(w, w.tc)
				w.k.CloseHandle(w.ts, hs)
				n, ok := w.k.WriteFile(w.arm(w.tc), hc, "xy")
				if n != 2 {
					w.t.Errorf("%d bytes written", n)
				}
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if evs := w.k.TakeEvents(); len(evs) != 0 {
					w.t.Errorf("events %v", evs)
				}
				// A new mailslot of the name does not get the old client's
				// messages.
				hs := slot(w, 0, 0)
				w.write(w.tc, writer(w, w.tc), "new")
				w.read(w.ts, hs, 10, "new")
			}},
		{name: "PeekNamedPipe of a mailslot", src: "Wine 8.0 probe: FALSE, ERROR_NOT_SUPPORTED (PeekNamedPipe is for pipes)",
			ok: false, err: ERROR_NOT_SUPPORTED,
			run: func(w *ipcWorld) ipcRes {
				hs := slot(w, 0, 0)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), hs, 4)
				return ipcBool(ok)
			}},
	})
}

// TestIPCEnvironmentCalls: Set/GetEnvironmentVariable, and the block a child
// gets at CreateProcess.
func TestIPCEnvironmentCalls(t *testing.T) {
	get := func(name string, size uint32, wantV string, wantN uint32) func(w *ipcWorld) ipcRes {
		return func(w *ipcWorld) ipcRes {
			v, n := w.k.GetEnvironmentVariable(w.arm(w.ts), name, size)
			if v != wantV || n != wantN {
				w.t.Errorf("GetEnvironmentVariable(%q, %d) = %q, %d; want %q, %d", name, size, v, n, wantV, wantN)
			}
			return ipcBool(n != 0)
		}
	}
	set := func(name, value string, remove bool) func(w *ipcWorld) ipcRes {
		return func(w *ipcWorld) ipcRes {
			return ipcBool(w.k.SetEnvironmentVariable(w.arm(w.ts), name, value, remove))
		}
	}
	ipcRunCases(t, []ipcCase{
		// The world's server process starts with USER=kim (4 characters).
		{name: "GetEnvironmentVariable of a missing name", src: "GetEnvironmentVariableW function; Wine environ.c and Wine 8.0 probe: 0, ERROR_ENVVAR_NOT_FOUND (203)",
			ok: false, err: ERROR_ENVVAR_NOT_FOUND, run: get("NOSUCH", 64, "", 0)},
		{name: "GetEnvironmentVariable with a big enough buffer", src: "GetEnvironmentVariableW function (length without the NUL); Wine environ.c (the last error is left alone)",
			ok: true, err: ipcUntouched, run: get("USER", 4, "kim", 3)},
		{name: "GetEnvironmentVariable with a buffer one short", src: "GetEnvironmentVariableW function (size needed, NUL included); Wine environ.c and Wine 8.0 probe: \"hello\" with 5 gives 6, buffer untouched",
			ok: true, err: ipcUntouched, run: get("USER", 3, "", 4)},
		{name: "GetEnvironmentVariable with no buffer", src: "Wine environ.c: GetEnvironmentVariable(name, NULL, 0) gives length + 1",
			ok: true, err: ipcUntouched, run: get("USER", 0, "", 4)},
		{name: "GetEnvironmentVariable is case-insensitive", src: "Wine environ.c (name_cased); Wine 8.0 probe",
			ok: true, err: ipcUntouched, run: get("user", 64, "kim", 3)},
		{name: "GetEnvironmentVariable of the empty name", src: "Wine environ.c: GetEnvironmentVariable(\"\") gives 0, ERROR_ENVVAR_NOT_FOUND",
			ok: false, err: ERROR_ENVVAR_NOT_FOUND,
			run: func(w *ipcWorld) ipcRes {
				w.k.SetEnvironmentVariable(w.ts, "=C:", `C:\`, false)
				return get("", 64, "", 0)(w)
			}},
		{name: "GetEnvironmentVariable of a variable set to \"\"", src: "Wine environ.c: 0 with the last error unchanged on NT (the variable exists, empty)",
			ok: false, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.k.SetEnvironmentVariable(w.ts, "EMPTY", "", false)
				return get("EMPTY", 64, "", 0)(w)
			}},
		{name: "SetEnvironmentVariable adds a variable", src: "SetEnvironmentVariableW function; seed 002 (프로세스 환경변수 등록 함수)",
			ok: true, err: ipcUntouched, run: set("Key", "value", false),
			check: func(w *ipcWorld) {
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvEnvChanged); !ok || e.ChangeText() != "Key=value" || e.PID != w.s {
					w.t.Error("no EnvChanged event")
				}
				if v, n := w.k.GetEnvironmentVariable(w.ts, "KEY", 64); v != "value" || n != 5 {
					w.t.Errorf("get %q %d", v, n)
				}
			}},
		{name: "SetEnvironmentVariable replaces a variable of another case", src: "Wine environ.c (set with name, remove with name_cased)",
			ok: true, err: ipcUntouched, run: set("user", "lee", false),
			check: func(w *ipcWorld) {
				env := w.k.ProcessByPID(w.s).Proc.Env
				if len(env) != 2 || env[1] != "user=lee" {
					w.t.Errorf("env %q", env)
				}
			}},
		{name: "SetEnvironmentVariable(name, NULL) deletes", src: "SetEnvironmentVariableW function (lpValue NULL); Wine environ.c",
			ok: true, err: ipcUntouched, run: set("User", "", true),
			check: func(w *ipcWorld) {
				if _, n := w.k.GetEnvironmentVariable(w.ts, "USER", 64); n != 0 || w.k.GetLastError(w.ts) != ERROR_ENVVAR_NOT_FOUND {
					w.t.Error("still there")
				}
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvEnvChanged); !ok || e.ChangeText() != "User removed" {
					w.t.Error("no EnvChanged event")
				}
			}},
		{name: "SetEnvironmentVariable(name, NULL) of a missing name", src: "Wine 8.0 probe: TRUE",
			ok: true, err: ipcUntouched, run: set("NOSUCH", "", true)},
		{name: "SetEnvironmentVariable with '=' in the name", src: "SetEnvironmentVariableW function (the name cannot include '='); Wine 8.0 probe: \"A=B\" gives ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER, run: set("A=B", "x", false)},
		{name: "SetEnvironmentVariable with an empty name", src: "Wine 8.0 probe: ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER, run: set("", "x", false)},
		{name: "SetEnvironmentVariable with a leading '='", src: "Wine 8.0 probe: \"=A\" is accepted (the first character may be '=', as in cmd.exe's \"=C:\")",
			ok: true, err: ipcUntouched, run: set("=A", "x", false),
			check: func(w *ipcWorld) {
				if v, _ := w.k.GetEnvironmentVariable(w.ts, "=a", 64); v != "x" {
					w.t.Errorf("get %q", v)
				}
			}},
		{name: "CreateProcess with lpEnvironment NULL copies the block", src: "CreateProcessW function (lpEnvironment NULL: the parent's environment); Wine 8.0 probe: the child read the parent's HV_PARENT; seed 002 (부모의 환경변수 또한 상속 가능)",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.k.SetEnvironmentVariable(w.ts, "HV_PARENT", "p", false)
				_, ok := w.k.CreateProcess(w.arm(w.ts), "", "Child.exe", nil, nil, false, 0, nil)
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				tid := w.k.MainThread(ipcPIDOf(w.k, "Child.exe"))
				if v, _ := w.k.GetEnvironmentVariable(tid, "HV_PARENT", 64); v != "p" {
					w.t.Errorf("child sees %q", v)
				}
				// A copy: later changes on either side stay on that side.
				w.k.SetEnvironmentVariable(w.ts, "HV_PARENT", "changed", false)
				w.k.SetEnvironmentVariable(tid, "HV_CHILD", "c", false)
				if v, _ := w.k.GetEnvironmentVariable(tid, "HV_PARENT", 64); v != "p" {
					w.t.Errorf("child sees the parent's change: %q", v)
				}
				if _, n := w.k.GetEnvironmentVariable(w.ts, "HV_CHILD", 64); n != 0 {
					w.t.Error("the parent sees the child's variable")
				}
			}},
		{name: "CreateProcess with lpEnvironment gives exactly that block", src: "CreateProcessW function (lpEnvironment); Wine 8.0 probe: the child saw HV_CHILD and not the parent's HV_PARENT",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				pi, ok := w.k.CreateProcess(w.arm(w.ts), "", "Child.exe", nil, nil, false, 0, []string{"HV_CHILD=c", "HV_ZZ=1"})
				if !ok {
					return ipcRes{}
				}
				if v, _ := w.k.GetEnvironmentVariable(pi.TID, "HV_CHILD", 64); v != "c" {
					w.t.Errorf("child sees %q", v)
				}
				if _, n := w.k.GetEnvironmentVariable(pi.TID, "USER", 64); n != 0 {
					w.t.Error("the child sees the parent's USER")
				}
				return ipcBool(ok)
			}},
	})
}

// TestIPCToolhelpCalls: CreateToolhelp32Snapshot, Process32First/Next,
// OpenProcess(PROCESS_TERMINATE), TerminateProcess, GetExitCodeProcess and
// WaitForSingleObject on processes (seed 002 §04: the kill command).
//
// Process32First with PROCESSENTRY32.dwSize not set fails before the kernel
// is involved (the scenario interpreter checks it). "PROCESSENTRY32W
// structure" says only that it fails; Wine 8.0 probe gives
// ERROR_INSUFFICIENT_BUFFER (122) for dwSize 0 and 10; the model's
// ERROR_BAD_LENGTH (24) is what Windows users report, unverified here.
func TestIPCToolhelpCalls(t *testing.T) {
	walk := func(w *ipcWorld, tid TID, h Handle) []ProcessEntry {
		w.t.Helper()
		var out []ProcessEntry
		e, ok := w.k.Process32First(tid, h)
		for ok {
			out = append(out, e)
			e, ok = w.k.Process32Next(tid, h)
		}
		if w.k.GetLastError(tid) != ERROR_NO_MORE_FILES {
			w.t.Errorf("walk ended with %v", w.k.GetLastError(tid))
		}
		return out
	}
	ipcRunCases(t, []ipcCase{
		{name: "CreateToolhelp32Snapshot is a section object in the caller's table", src: "CreateToolhelp32Snapshot function; Wine 8.0 probe: type Section, access 0xF0007, flags 0, HandleCount 1",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateToolhelp32Snapshot(w.arm(w.ts), TH32CS_SNAPPROCESS, 0))
			},
			check: func(w *ipcWorld) {
				e := w.entry(w.s, 4)
				o := w.obj(w.s, 4)
				if e.Access != 0xF0007 || e.Flags != 0 || o.Type != TypeFileMapping || o.Type.String() != "Section" || o.UsageCount() != 1 {
					w.t.Errorf("entry %+v object %+v", e, o)
				}
				if len(o.Toolhelp.Processes) != 2 {
					w.t.Errorf("processes %+v", o.Toolhelp.Processes)
				}
				if e, ok := ipcFindEvent(w.k.TakeEvents(), EvObjectCreated); !ok || e.ObjType != TypeFileMapping {
					w.t.Error("no ObjectCreated event")
				}
			}},
		{name: "CreateToolhelp32Snapshot with TH32CS_INHERIT", src: "CreateToolhelp32Snapshot function (TH32CS_INHERIT); Wine 8.0 probe: flags 1",
			ok: true, err: ERROR_SUCCESS,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateToolhelp32Snapshot(w.arm(w.ts), TH32CS_SNAPPROCESS|TH32CS_INHERIT, 0))
			},
			check: func(w *ipcWorld) {
				if w.entry(w.s, 4).Flags != 1 {
					w.t.Error("not inheritable")
				}
			}},
		{name: "CreateToolhelp32Snapshot with no flags", src: "CreateToolhelp32Snapshot function (INVALID_HANDLE_VALUE on failure); model: ERROR_INVALID_PARAMETER (Wine 8.0 probe: ERROR_CALL_NOT_IMPLEMENTED, a Wine stub)",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.CreateToolhelp32Snapshot(w.arm(w.ts), 0, 0))
			}},
		{name: "Process32First and Process32Next walk the snapshot", src: "Process32First function, Process32Next function (th32ProcessID, th32ParentProcessID, szExeFile); Wine 8.0 probe: the child's entry names the parent",
			ok: false, err: ERROR_NO_MORE_FILES,
			run: func(w *ipcWorld) ipcRes {
				pi, _ := w.k.CreateProcess(w.ts, "", `C:\Windows\notepad.exe memo.txt`, nil, nil, false, 0, nil)
				h := w.k.CreateToolhelp32Snapshot(w.ts, TH32CS_SNAPPROCESS, 0)
				w.h = h
				got := walk(w, w.ts, h)
				want := []ProcessEntry{
					{PID: w.s, ParentPID: 0, Threads: 1, ExeFile: "Server.exe"},
					{PID: w.c, ParentPID: 0, Threads: 1, ExeFile: "Client.exe"},
					{PID: pi.PID, ParentPID: w.s, Threads: 1, ExeFile: "notepad.exe"},
				}
				if len(got) != len(want) {
					w.t.Fatalf("entries %+v", got)
				}
				for i := range want {
					if got[i] != want[i] {
						w.t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
					}
				}
				// Past the end it keeps failing.
				_, ok := w.k.Process32Next(w.arm(w.ts), h)
				return ipcBool(ok)
			},
			check: func(w *ipcWorld) {
				if e, ok := w.k.Process32First(w.ts, w.h); !ok || e.PID != w.s {
					w.t.Error("Process32First did not rewind")
				}
			}},
		{name: "the snapshot is frozen", src: "CreateToolhelp32Snapshot function (a snapshot of the processes at the time); exited processes are not listed",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				h := w.k.CreateToolhelp32Snapshot(w.ts, TH32CS_SNAPPROCESS, 0)
				w.k.StartProcess("Later.exe", "Later.exe", nil)
				w.k.ExitProcess(w.tc, 0)
				if n := len(walk(w, w.ts, h)); n != 2 {
					w.t.Errorf("%d entries", n)
				}
				h2 := w.k.CreateToolhelp32Snapshot(w.ts, TH32CS_SNAPPROCESS, 0)
				for _, e := range walk(w, w.ts, h2) {
					if e.PID == w.c {
						w.t.Error("an exited process is listed")
					}
				}
				e, ok := w.k.Process32First(w.arm(w.ts), h)
				if e.PID != w.s {
					w.t.Errorf("first %+v", e)
				}
				return ipcBool(ok)
			}},
		{name: "Process32First of a handle that is not a snapshot", src: "Wine 8.0 probe: an event handle and an unknown handle give ERROR_INVALID_HANDLE",
			ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				he := w.k.CreateEvent(w.ts, nil, true, false, "")
				_, ok := w.k.Process32First(w.arm(w.ts), he)
				return ipcBool(ok)
			}},
		{name: "WaitForSingleObject on a snapshot", src: "Wine 8.0 probe: WAIT_FAILED, ERROR_ACCESS_DENIED (the section handle lacks SYNCHRONIZE)",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				h := w.k.CreateToolhelp32Snapshot(w.ts, TH32CS_SNAPPROCESS, 0)
				r, pending := w.k.WaitForSingleObject(w.arm(w.ts), h, 0)
				return ipcRes{r != WAIT_FAILED, pending}
			}},
		{name: "OpenProcess(PROCESS_TERMINATE) grants only that", src: "OpenProcess function; Process Security and Access Rights; Wine 8.0 probe: access 0x1; GetExitCodeProcess and WaitForSingleObject through it give ERROR_ACCESS_DENIED",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.OpenProcess(w.arm(w.ts), PROCESS_TERMINATE, false, w.c))
			},
			check: func(w *ipcWorld) {
				if e := w.entry(w.s, 4); e.Access != PROCESS_TERMINATE {
					w.t.Errorf("access %#x", e.Access)
				}
				if _, ok := w.k.GetExitCodeProcess(w.ts, 4); ok || w.k.GetLastError(w.ts) != ERROR_ACCESS_DENIED {
					w.t.Error("GetExitCodeProcess through PROCESS_TERMINATE")
				}
				if r, _ := w.k.WaitForSingleObject(w.ts, 4, 0); r != WAIT_FAILED || w.k.GetLastError(w.ts) != ERROR_ACCESS_DENIED {
					w.t.Error("WaitForSingleObject through PROCESS_TERMINATE")
				}
			}},
		{name: "OpenProcess of an unknown PID", src: "docs/semantics.md; Wine 8.0 probe: PID 0 and an unknown PID give NULL, ERROR_INVALID_PARAMETER",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				return ipcHandle(w.k.OpenProcess(w.arm(w.ts), PROCESS_TERMINATE, false, 0x7FFFFFF0))
			}},
		{name: "TerminateProcess sets the exit code", src: "TerminateProcess function; GetExitCodeProcess function; Wine 8.0 probe: TerminateProcess(7), GetExitCodeProcess gives 7",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				pi, _ := w.k.CreateProcess(w.ts, "", "Child.exe", nil, nil, false, 0, nil)
				h := w.k.OpenProcess(w.ts, PROCESS_TERMINATE, false, pi.PID)
				ok := w.k.TerminateProcess(w.arm(w.ts), h, 7)
				if code, _ := w.k.GetExitCodeProcess(w.ts, pi.HProcess); code != 7 {
					w.t.Errorf("exit code %d", code)
				}
				return ipcBool(ok)
			}},
		{name: "TerminateProcess of a process that has exited", src: "docs/semantics.md (FALSE, ERROR_ACCESS_DENIED on Windows); Wine 8.0 probe returns TRUE (Wine differs)",
			ok: false, err: ERROR_ACCESS_DENIED,
			run: func(w *ipcWorld) ipcRes {
				h := w.k.OpenProcess(w.ts, PROCESS_TERMINATE, false, w.c)
				w.k.TerminateProcess(w.ts, h, 7)
				return ipcBool(w.k.TerminateProcess(w.arm(w.ts), h, 8))
			}},
		{name: "WaitForSingleObject(INFINITE) on a process returns when it exits", src: "WaitForSingleObject function (a process is signaled when it terminates); Wine 8.0 probe: returned WAIT_OBJECT_0 after TerminateProcess",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				pi, _ := w.k.CreateProcess(w.ts, "", "Child.exe", nil, nil, false, 0, nil)
				r, pending := w.k.WaitForSingleObject(w.arm(w.ts), pi.HProcess, INFINITE)
				return ipcRes{r == WAIT_OBJECT_0 && !pending, pending}
			},
			check: func(w *ipcWorld) {
				w.k.ExitProcess(w.k.MainThread(ipcPIDOf(w.k, "Child.exe")), 3)
				if c := w.completions("WaitForSingleObject"); c[0].Ret != uint64(WAIT_OBJECT_0) || c[0].TID != w.ts {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
	})
}

// TestIPCWrongHandleCalls: the pipe calls given a handle of the wrong kind,
// and the handle limit.
func TestIPCWrongHandleCalls(t *testing.T) {
	event := func(w *ipcWorld) Handle { return w.k.CreateEvent(w.ts, nil, true, false, "") }
	mailslot := func(w *ipcWorld) Handle { return w.k.CreateMailslot(w.ts, ipcSlot, 0, 0, nil) }
	writeEnd := func(w *ipcWorld) Handle { _, wr := w.pipe(w.ts, false); return wr }
	readEnd := func(w *ipcWorld) Handle { r, _ := w.pipe(w.ts, false); return r }
	connect := func(mk func(*ipcWorld) Handle) func(w *ipcWorld) ipcRes {
		return func(w *ipcWorld) ipcRes {
			h := mk(w)
			ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), h)
			return ipcRes{ok, pending}
		}
	}
	disconnect := func(mk func(*ipcWorld) Handle) func(w *ipcWorld) ipcRes {
		return func(w *ipcWorld) ipcRes {
			h := mk(w)
			return ipcBool(w.k.DisconnectNamedPipe(w.arm(w.ts), h))
		}
	}
	ipcRunCases(t, []ipcCase{
		{name: "ReadFile of an event", src: "Wine 8.0 probe: ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes { _, r := ipcRead(w, w.ts, event(w), 4); return r }},
		{name: "WriteFile of an event", src: "Wine 8.0 probe: ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				h := event(w)
				_, ok := w.k.WriteFile(w.arm(w.ts), h, "x")
				return ipcBool(ok)
			}},
		{name: "PeekNamedPipe of an event", src: "Wine 8.0 probe: ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				h := event(w)
				_, _, _, ok := w.k.PeekNamedPipe(w.arm(w.ts), h, 4)
				return ipcBool(ok)
			}},
		{name: "ConnectNamedPipe of an event", src: "Wine 8.0 probe: ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE, run: connect(event)},
		{name: "ConnectNamedPipe of a mailslot", src: "Wine 8.0 probe: ERROR_NOT_SUPPORTED", ok: false, err: ERROR_NOT_SUPPORTED, run: connect(mailslot)},
		{name: "ConnectNamedPipe of an anonymous write end", src: "Wine 8.0 probe: ERROR_INVALID_FUNCTION (the write end is a client end)", ok: false, err: ERROR_INVALID_FUNCTION, run: connect(writeEnd)},
		{name: "ConnectNamedPipe of an anonymous read end", src: "Anonymous Pipes (an anonymous pipe is a named pipe with a unique name); Wine 8.0 probe: ERROR_PIPE_CONNECTED, the read end being a connected server end", ok: false, err: ERROR_PIPE_CONNECTED, run: connect(readEnd)},
		{name: "DisconnectNamedPipe of an invalid handle", src: "DisconnectNamedPipe function; ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
			run: disconnect(func(*ipcWorld) Handle { return 0x7FF0 })},
		{name: "DisconnectNamedPipe of a mailslot", src: "Wine 8.0 probe: ERROR_NOT_SUPPORTED", ok: false, err: ERROR_NOT_SUPPORTED, run: disconnect(mailslot)},
		{name: "DisconnectNamedPipe of an anonymous write end", src: "Wine 8.0 probe: ERROR_NOT_SUPPORTED", ok: false, err: ERROR_NOT_SUPPORTED, run: disconnect(writeEnd)},
		{name: "DisconnectNamedPipe of an anonymous read end", src: "Anonymous Pipes (a named pipe underneath); Wine 8.0 probe: TRUE, then the write end's WriteFile and the read end's ReadFile fail with ERROR_PIPE_NOT_CONNECTED", ok: true, err: ipcUntouched, run: disconnect(readEnd),
			check: func(w *ipcWorld) {
				w.writeFails(w.ts, 8, ERROR_PIPE_NOT_CONNECTED)
				w.readFails(w.ts, 4, ERROR_PIPE_NOT_CONNECTED)
			}},
		{name: "SetNamedPipeHandleState of a mailslot", src: "Wine 8.0 probe: ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(w *ipcWorld) ipcRes {
				h := mailslot(w)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), h, modeOf(PIPE_READMODE_BYTE)))
			},
			check: func(w *ipcWorld) {
				if !w.obj(w.s, 4).Pipe.ReadMessages {
					w.t.Error("the mailslot's read mode changed")
				}
			}},
		{name: "WaitNamedPipe(NMPWAIT_WAIT_FOREVER) when the last instance closes", src: "model: the wait fails with ERROR_FILE_NOT_FOUND (the pipe is gone); Wine 8.0 probe kept waiting (60 s timeout), unverified on Windows",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				w.client(w.tc, ipcPipe, ipcRW)
				_, t3 := w.k.StartProcess("Third.exe", "Third.exe", nil)
				ok, pending := w.k.WaitNamedPipe(w.arm(t3), ipcPipe, NMPWAIT_WAIT_FOREVER)
				return ipcRes{ok, pending}
			},
			check: func(w *ipcWorld) {
				w.k.CloseHandle(w.ts, 4)
				if c := w.completions("WaitNamedPipe"); c[0].Ret != 0 || c[0].Err != ERROR_FILE_NOT_FOUND || w.k.GetLastError(c[0].TID) != ERROR_FILE_NOT_FOUND {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
		{name: "CreateNamedPipe past the handle limit", src: "docs/semantics.md (ERROR_NO_SYSTEM_RESOURCES); CreateNamedPipeW function (INVALID_HANDLE_VALUE)", limit: 1, ok: false, err: ERROR_NO_SYSTEM_RESOURCES,
			run: func(w *ipcWorld) ipcRes {
				w.k.CreateEvent(w.ts, nil, false, false, "")
				return ipcHandle(w.k.CreateNamedPipe(w.arm(w.ts), ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil))
			},
			check: func(w *ipcWorld) {
				if h := w.k.CreateFile(w.tc, ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0); !ipcInvalid(h) || w.k.GetLastError(w.tc) != ERROR_FILE_NOT_FOUND {
					w.t.Error("a failed CreateNamedPipe left an instance")
				}
			}},
		{name: "CreateFile of a pipe past the handle limit", src: "docs/semantics.md (ERROR_NO_SYSTEM_RESOURCES)", limit: 1, ok: false, err: ERROR_NO_SYSTEM_RESOURCES,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				w.k.CreateEvent(w.tc, nil, false, false, "")
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcPipe, ipcRW, 0, nil, OPEN_EXISTING, 0))
			},
			check: func(w *ipcWorld) {
				if w.obj(w.s, 4).Pipe.Conn != ConnListening {
					w.t.Error("a failed client took the instance")
				}
			}},
		{name: "CreateMailslot past the handle limit", src: "docs/semantics.md (ERROR_NO_SYSTEM_RESOURCES); CreateMailslotW function (INVALID_HANDLE_VALUE)", limit: 1, ok: false, err: ERROR_NO_SYSTEM_RESOURCES,
			run: func(w *ipcWorld) ipcRes {
				w.k.CreateEvent(w.ts, nil, false, false, "")
				return ipcHandle(w.k.CreateMailslot(w.arm(w.ts), ipcSlot, 0, 0, nil))
			}},
		{name: "CreateFile of a mailslot past the handle limit", src: "docs/semantics.md (ERROR_NO_SYSTEM_RESOURCES)", limit: 1, ok: false, err: ERROR_NO_SYSTEM_RESOURCES,
			run: func(w *ipcWorld) ipcRes {
				mailslot(w)
				w.k.CreateEvent(w.tc, nil, false, false, "")
				return ipcHandle(w.k.CreateFile(w.arm(w.tc), ipcSlot, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			}},
		{name: "a zero-length message on a message pipe", src: "Wine 8.0 probe: after writes \"\" and \"ab\", PeekNamedPipe gives 0 bytes with 2 available; ReadFile returns the empty message, then \"ab\"",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, ipcMsg, 1)
				hc := w.client(w.tc, ipcPipe, ipcRW)
				w.write(w.tc, hc, "")
				w.write(w.tc, hc, "ab")
				if d, avail, left, ok := w.k.PeekNamedPipe(w.ts, hs, 10); !ok || d != "" || avail != 2 || left != 0 {
					w.t.Errorf("peek %q %d %d", d, avail, left)
				}
				d, r := ipcRead(w, w.ts, hs, 10)
				if d != "" {
					w.t.Errorf("read %q", d)
				}
				return r
			},
			check: func(w *ipcWorld) { w.read(w.ts, 4, 10, "ab") }},
	})
}

// TestIPCBlockedCalls: calls that wait, completed (or not) by a later call
// of another thread.
func TestIPCBlockedCalls(t *testing.T) {
	// share gives process C a handle to the write end of a pipe whose read
	// end S holds: S waits, C writes.
	share := func(w *ipcWorld) (r, wc Handle) {
		r, wr := w.pipe(w.ts, false)
		hc := w.k.OpenProcess(w.ts, PROCESS_DUP_HANDLE, false, w.c)
		wc, ok := w.k.DuplicateHandle(w.ts, CurrentProcess, wr, hc, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
		if !ok {
			w.t.Fatal(w.k.GetLastError(w.ts))
		}
		w.h = wc
		return r, wc
	}
	ipcRunCases(t, []ipcCase{
		{name: "a 0-byte write does not complete a waiting byte-pipe read", src: "Wine 8.0 probe: the reader kept waiting through WriteFile(\"\") and returned \"q\" after the next write",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, _ := share(w)
				_, res := ipcRead(w, w.ts, r, 5)
				return res
			},
			check: func(w *ipcWorld) {
				if n, ok := w.k.WriteFile(w.tc, w.h, ""); !ok || n != 0 {
					w.t.Fatal("0-byte write")
				}
				if c := w.k.TakeCompletions(); len(c) != 0 {
					w.t.Fatalf("completed by a 0-byte write: %+v", c)
				}
				w.write(w.tc, w.h, "q")
				if c := w.completions("ReadFile"); c[0].Data != "q" || c[0].Ret != 1 {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
		{name: "a waiting read returns what the first write brings", src: "ReadFile function (a pipe read returns when data is written); Anonymous Pipe Operations",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				r, _ := share(w)
				_, res := ipcRead(w, w.ts, r, 3)
				return res
			},
			check: func(w *ipcWorld) {
				w.write(w.tc, w.h, "hello")
				if c := w.completions("ReadFile"); c[0].Data != "hel" || c[0].TID != w.ts {
					w.t.Errorf("completion %+v", c[0])
				}
				ev := w.k.TakeEvents()
				kinds := ipcEventKinds(ev)
				// The write lands, then the waiting read takes its part.
				wi, ri := -1, -1
				for i, k := range kinds {
					if k == EvDataWritten && wi < 0 {
						wi = i
					}
					if k == EvDataRead && ri < 0 {
						ri = i
					}
				}
				if wi < 0 || ri < wi {
					w.t.Errorf("events %v", kinds)
				}
				if w.obj(w.s, 4).Pipe.Buffered() != 2 {
					w.t.Error("the rest did not stay")
				}
			}},
		{name: "a waiting client read fails when the server disconnects", src: "Wine 8.0 probe: the blocked ReadFile returned FALSE, ERROR_PIPE_NOT_CONNECTED",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				hc := w.client(w.tc, ipcPipe, ipcRW)
				_, res := ipcRead(w, w.tc, hc, 5)
				return res
			},
			check: func(w *ipcWorld) {
				w.k.DisconnectNamedPipe(w.ts, 4)
				if c := w.completions("ReadFile"); c[0].Err != ERROR_PIPE_NOT_CONNECTED || c[0].TID != w.tc {
					w.t.Errorf("completion %+v", c[0])
				}
			}},
		{name: "two readers wait; writes serve them in wait order", src: "model: waiters complete in wait order (sync.go wakeWaiters); Anonymous Pipe Operations",
			pending: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hr, hw := w.pipe(w.ts, true)
				pi, _ := w.k.CreateProcess(w.ts, "", "Reader2.exe", nil, nil, true, 0, nil)
				hc := w.k.OpenProcess(w.ts, PROCESS_DUP_HANDLE, false, w.c)
				w.h, _ = w.k.DuplicateHandle(w.ts, CurrentProcess, hw, hc, true, 0, false, DUPLICATE_SAME_ACCESS)
				w.k.ReadFile(pi.TID, hr, 10)
				_, res := ipcRead(w, w.ts, hr, 10)
				return res
			},
			check: func(w *ipcWorld) {
				w.write(w.tc, w.h, "one")
				if c := w.completions("ReadFile"); c[0].Data != "one" || c[0].TID == w.ts {
					w.t.Errorf("first completion %+v (the child waited first)", c[0])
				}
				w.write(w.tc, w.h, "two")
				if c := w.completions("ReadFile"); c[0].Data != "two" || c[0].TID != w.ts {
					w.t.Errorf("second completion %+v", c[0])
				}
			}},
	})
}

// TestIPCNonblockingPipes: PIPE_NOWAIT, set at CreateNamedPipe or with
// SetNamedPipeHandleState, makes an end's ReadFile and ConnectNamedPipe
// return at once. Sources: "Named Pipe Type, Read, and Wait Modes" (in
// nonblocking mode ReadFile, WriteFile and ConnectNamedPipe return
// immediately), "ConnectNamedPipe function" (nonblocking: ERROR_PIPE_LISTENING
// with no client, ERROR_PIPE_CONNECTED with one, ERROR_NO_DATA after the
// client closed), "ReadFile function"; Wine 8.0 probe (docs/wine-probes/handles-and-pipes): the
// answers quoted per case. Where the ConnectNamedPipe page says the first
// call after DisconnectNamedPipe returns nonzero, Wine 8.0 and ReactOS npfs
// (statesup.c NpSetListeningPipeState: STATUS_PIPE_LISTENING) both give
// FALSE, ERROR_PIPE_LISTENING; the model follows them.
func TestIPCNonblockingPipes(t *testing.T) {
	const nowaitByte = PIPE_TYPE_BYTE | PIPE_NOWAIT
	connect := func(w *ipcWorld, h Handle) ipcRes {
		ok, pending := w.k.ConnectNamedPipe(w.arm(w.ts), h)
		return ipcRes{ok, pending}
	}
	read := func(w *ipcWorld, tid TID, h Handle, n uint32) ipcRes {
		_, ok, pending := w.k.ReadFile(w.arm(tid), h, n)
		return ipcRes{ok, pending}
	}
	ipcRunCases(t, []ipcCase{
		{name: "ConnectNamedPipe of a listening nonblocking instance", src: "ConnectNamedPipe function; Wine 8.0 probe: FALSE, 536 at once",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes { return connect(w, w.server(ipcPipe, PIPE_ACCESS_DUPLEX, nowaitByte, 1)) },
			check: func(w *ipcWorld) {
				if th := w.k.ThreadByTID(w.ts); th.Thread.WaitingIn != "" {
					w.t.Error("the server waits")
				}
				// A client can still connect: the instance listens.
				w.client(w.tc, ipcPipe, ipcRW)
				if ok, _ := w.k.ConnectNamedPipe(w.ts, 4); ok || w.k.GetLastError(w.ts) != ERROR_PIPE_CONNECTED {
					w.t.Errorf("after the client: %v", w.k.GetLastError(w.ts))
				}
			}},
		{name: "ConnectNamedPipe of a nonblocking instance whose client closed", src: "ConnectNamedPipe function (ERROR_NO_DATA); Wine 8.0 probe: FALSE, 232",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, nowaitByte, 1)
				w.k.CloseHandle(w.tc, w.client(w.tc, ipcPipe, ipcRW))
				return connect(w, hs)
			}},
		{name: "ConnectNamedPipe of a nonblocking instance after DisconnectNamedPipe", src: "Wine 8.0 probe: FALSE, 536, and 536 again; ReactOS npfs NpSetListeningPipeState (disconnected, nonblocking: listening, STATUS_PIPE_LISTENING); the ConnectNamedPipe page says nonzero the first time — the model follows the two implementations",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, nowaitByte, 1)
				w.k.CloseHandle(w.tc, w.client(w.tc, ipcPipe, ipcRW))
				w.k.DisconnectNamedPipe(w.ts, hs)
				return connect(w, hs)
			},
			check: func(w *ipcWorld) {
				if o := w.obj(w.s, 4); o.Pipe.Conn != ConnListening {
					w.t.Errorf("state %v", o.Pipe.Conn)
				}
				if r := read(w, w.ts, 4, 4); r.ok || r.pending || w.k.GetLastError(w.ts) != ERROR_PIPE_LISTENING {
					w.t.Errorf("ReadFile of the listening instance: %v", w.k.GetLastError(w.ts))
				}
			}},
		{name: "ReadFile of an empty nonblocking server end", src: "ReadFile function, Named Pipe Type, Read, and Wait Modes (no data: returns at once); Wine 8.0 probe: FALSE, 232 (ERROR_NO_DATA)",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, nowaitByte, 1)
				w.client(w.tc, ipcPipe, ipcRW)
				return read(w, w.ts, hs, 4)
			},
			check: func(w *ipcWorld) {
				w.write(w.tc, 4, "hello")
				w.read(w.ts, 4, 2, "he")
				w.read(w.ts, 4, 8, "llo")
				w.k.CloseHandle(w.tc, 4)
				w.readFails(w.ts, 4, ERROR_BROKEN_PIPE) // Wine 8.0 probe: 109
			}},
		{name: "ReadFile of a nonblocking message pipe, part of a message", src: "Wine 8.0 probe: 3 bytes, FALSE, 234, then the rest", ok: false, err: ERROR_MORE_DATA,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_NOWAIT, 1)
				hc := w.client(w.tc, ipcPipe, ipcRW)
				w.write(w.tc, hc, "abcdef")
				return read(w, w.ts, hs, 3)
			},
			check: func(w *ipcWorld) {
				w.read(w.ts, 4, 8, "def")
				w.readFails(w.ts, 4, ERROR_NO_DATA)
			}},
		{name: "SetNamedPipeHandleState(PIPE_NOWAIT) on a client end", src: "SetNamedPipeHandleState function (PIPE_NOWAIT); Wine 8.0 probe: TRUE, then ReadFile of the empty client end gives FALSE, 232",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				hc := w.client(w.tc, ipcPipe, ipcRW)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.tc), hc, modeOf(PIPE_NOWAIT)))
			},
			check: func(w *ipcWorld) {
				wantEvents(w.t, only(w.k.TakeEvents(), EvStateChanged), "state #6 wait mode: nonblocking")
				w.readFails(w.tc, 4, ERROR_NO_DATA)
				// The server end is still blocking: its read waits.
				if _, _, pending := w.k.ReadFile(w.ts, 4, 4); !pending {
					w.t.Error("the server end does not wait")
				}
			}},
		{name: "SetNamedPipeHandleState(PIPE_WAIT) makes a nonblocking end wait again", src: "SetNamedPipeHandleState function (PIPE_WAIT); Wine 8.0 probe: TRUE",
			ok: true, err: ipcUntouched,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, nowaitByte, 1)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), hs, modeOf(PIPE_WAIT)))
			},
			check: func(w *ipcWorld) {
				if r := connect(w, 4); !r.pending {
					w.t.Error("ConnectNamedPipe does not wait")
				}
			}},
		{name: "SetNamedPipeHandleState(PIPE_NOWAIT) on a listening blocking instance", src: "Wine 8.0 probe: TRUE; ConnectNamedPipe then gives FALSE, 536, and ReadFile once connected FALSE, 232",
			ok: false, err: ERROR_PIPE_LISTENING,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				w.k.SetNamedPipeHandleState(w.ts, hs, modeOf(PIPE_NOWAIT))
				return connect(w, hs)
			},
			check: func(w *ipcWorld) {
				w.client(w.tc, ipcPipe, ipcRW)
				w.readFails(w.ts, 4, ERROR_NO_DATA)
			}},
		{name: "SetNamedPipeHandleState(PIPE_NOWAIT|PIPE_READMODE_MESSAGE) on a byte pipe", src: "Wine 8.0 probe: FALSE, 87, nothing changes",
			ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(w *ipcWorld) ipcRes {
				hs := w.server(ipcPipe, PIPE_ACCESS_DUPLEX, 0, 1)
				return ipcBool(w.k.SetNamedPipeHandleState(w.arm(w.ts), hs, modeOf(PIPE_NOWAIT|PIPE_READMODE_MESSAGE)))
			},
			check: func(w *ipcWorld) {
				if w.obj(w.s, 4).Pipe.NoWait {
					w.t.Error("the wait mode changed")
				}
			}},
		{name: "a nonblocking anonymous read end", src: "Wine 8.0 probe: SetNamedPipeHandleState(read end, PIPE_NOWAIT) gives TRUE, ReadFile of the empty pipe FALSE, 232",
			ok: false, err: ERROR_NO_DATA,
			run: func(w *ipcWorld) ipcRes {
				r, _ := w.pipe(w.ts, false)
				w.k.SetNamedPipeHandleState(w.ts, r, modeOf(PIPE_NOWAIT))
				return read(w, w.ts, r, 4)
			},
			check: func(w *ipcWorld) {
				w.write(w.ts, 8, "zz")
				w.read(w.ts, 4, 4, "zz")
			}},
	})
}

// TestIPCAnonymousPipeIsNamed: an anonymous pipe is a named pipe with a
// unique name ("Anonymous Pipes"), its read end the server end, so
// ConnectNamedPipe and DisconnectNamedPipe treat it as one. Wine 8.0 probe
// (docs/wine-probes/handles-and-pipes): ConnectNamedPipe(read end) FALSE, 535 while the write end
// is open and FALSE, 232 once it has closed; ConnectNamedPipe(write end)
// FALSE, 1; DisconnectNamedPipe(read end) TRUE, then WriteFile(write end) and
// ReadFile(read end) FALSE, 233, ConnectNamedPipe(read end) listens (536 when
// nonblocking) and a second DisconnectNamedPipe gives 536;
// DisconnectNamedPipe(write end) FALSE, 50.
func TestIPCAnonymousPipeIsNamed(t *testing.T) {
	w := ipcNewWorld(t, Config{})
	k := w.k
	r, wr := w.pipe(w.ts, false)
	check := func(what string, ok bool, want Errno) {
		t.Helper()
		if ok || k.GetLastError(w.ts) != want {
			t.Errorf("%s: ok %v, %v, want %v", what, ok, k.GetLastError(w.ts), want)
		}
	}
	ok, _ := k.ConnectNamedPipe(w.ts, r)
	check("ConnectNamedPipe(read end)", ok, ERROR_PIPE_CONNECTED)
	ok, _ = k.ConnectNamedPipe(w.ts, wr)
	check("ConnectNamedPipe(write end)", ok, ERROR_INVALID_FUNCTION)
	check("DisconnectNamedPipe(write end)", k.DisconnectNamedPipe(w.ts, wr), ERROR_NOT_SUPPORTED)
	w.write(w.ts, wr, "lost")
	k.TakeEvents()
	if !k.DisconnectNamedPipe(w.ts, r) {
		t.Fatalf("DisconnectNamedPipe(read end): %v", k.GetLastError(w.ts))
	}
	if evs := only(k.TakeEvents(), EvPipeDisconnected); len(evs) != 1 {
		t.Errorf("events %v", evs)
	}
	w.writeFails(w.ts, wr, ERROR_PIPE_NOT_CONNECTED)
	w.readFails(w.ts, r, ERROR_PIPE_NOT_CONNECTED) // the unread data went with the connection
	k.SetNamedPipeHandleState(w.ts, r, modeOf(PIPE_NOWAIT))
	ok, _ = k.ConnectNamedPipe(w.ts, r)
	check("ConnectNamedPipe(read end) after the disconnect", ok, ERROR_PIPE_LISTENING)
	check("DisconnectNamedPipe(read end) again", k.DisconnectNamedPipe(w.ts, r), ERROR_PIPE_LISTENING)
	// Once the write end has closed, the read end is a closing server end.
	r2, wr2 := w.pipe(w.ts, false)
	k.CloseHandle(w.ts, wr2)
	ok, _ = k.ConnectNamedPipe(w.ts, r2)
	check("ConnectNamedPipe(read end, writer closed)", ok, ERROR_NO_DATA)
	if err := k.Check(); err != nil {
		t.Error(err)
	}
}

// TestIPCUnlimitedInstances: nMaxInstances PIPE_UNLIMITED_INSTANCES (255)
// means "limited only by the availability of system resources"
// ("CreateNamedPipeW function"): the 256th instance and more are created.
// Any other count is a limit (Wine 8.0 probe: 300 instances with 255; 254
// instances with 254, then ERROR_PIPE_BUSY).
func TestIPCUnlimitedInstances(t *testing.T) {
	w := ipcNewWorld(t, Config{})
	k := w.k
	for i := 1; i <= 300; i++ {
		if h := k.CreateNamedPipe(w.ts, ipcPipe, PIPE_ACCESS_DUPLEX, 0, PIPE_UNLIMITED_INSTANCES, 0, 0, 0, nil); h == INVALID_HANDLE_VALUE {
			t.Fatalf("instance %d: %v", i, k.GetLastError(w.ts))
		}
	}
	const other = `\\.\pipe\limited`
	for i := 1; i <= 254; i++ {
		if h := k.CreateNamedPipe(w.ts, other, PIPE_ACCESS_DUPLEX, 0, 254, 0, 0, 0, nil); h == INVALID_HANDLE_VALUE {
			t.Fatalf("limited instance %d: %v", i, k.GetLastError(w.ts))
		}
	}
	if h := k.CreateNamedPipe(w.ts, other, PIPE_ACCESS_DUPLEX, 0, 254, 0, 0, 0, nil); h != INVALID_HANDLE_VALUE || k.GetLastError(w.ts) != ERROR_PIPE_BUSY {
		t.Errorf("instance 255 of 254: %#x %v", h, k.GetLastError(w.ts))
	}
}
