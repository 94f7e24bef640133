package kernel

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Randomized tests: long random call sequences across several processes,
// with the invariant check (State.Check and checkTypeState) after every
// event and every call, the Win32 return conventions checked on every
// result, and earlier snapshots checked for changes. The same driver is the
// FuzzKernel target, its calls and arguments chosen by the fuzz input.

// chooser picks a number in [0, n).
type chooser interface{ n(n int) int }

type randChooser struct{ r *rand.Rand }

func (c randChooser) n(n int) int { return c.r.IntN(n) }

// byteChooser reads the choices from fuzz input; it is done when the input
// is used up.
type byteChooser struct {
	b []byte
	i int
}

func (c *byteChooser) n(n int) int {
	v := 0
	for span := 1; span < n; span <<= 8 {
		if c.i < len(c.b) {
			v = v<<8 | int(c.b[c.i])
		}
		c.i++
	}
	return v % n
}

func (c *byteChooser) done() bool { return c.i >= len(c.b) }

type driver struct {
	t    testing.TB
	k    *Kernel
	c    chooser
	tids []TID // every thread started, running or not
	pids []PID // every process started
	// snaps holds earlier snapshots with their rendering when taken.
	snaps []snapRec
	log   []string
	calls int
	// replay is the state rebuilt from the events alone (checkReplay).
	replay *State
}

type snapRec struct {
	s    *State
	text string
}

var (
	// Pipe data: empty, ASCII, Korean (3 bytes a character in UTF-8), a
	// character outside the BMP, and a write bigger than any buffer size.
	fuzzData  = []string{"", "a", "hello", "0123456789", "안녕", "é\U0001F600", strings.Repeat("가x", 3000)}
	fuzzNames = []string{"A", "B", "MyMutex", "a", "Global\\X"}
	fuzzPaths = []string{`C:\a.txt`, `C:\A.TXT`, `C:\b.log`, `D:\x`}
	fuzzPipes = []string{`\\.\pipe\p`, `\\.\PIPE\P`, `\\.\pipe\q`, `\\.\pip\x`}
)

func newDriver(t testing.TB, c chooser, limit int) *driver {
	d := &driver{t: t, c: c, k: newKernel(t, Config{HandleLimit: limit})}
	d.k.OnEvent = func(e Event) {
		if err := d.k.Check(); err != nil {
			d.fail("invariant broken right after event %q: %v", e, err)
		}
	}
	for i := 0; i < 3; i++ {
		d.start()
	}
	return d
}

func (d *driver) fail(format string, a ...any) {
	d.t.Helper()
	tail := d.log
	if len(tail) > 30 {
		tail = tail[len(tail)-30:]
	}
	d.t.Fatalf("after %d calls: %s\nlast calls:\n  %s", d.calls, fmt.Sprintf(format, a...), strings.Join(tail, "\n  "))
}

func (d *driver) start() {
	pid, tid := d.k.StartProcess("P.exe", "P.exe", []string{"A=1"})
	d.pids = append(d.pids, pid)
	d.tids = append(d.tids, tid)
}

func (d *driver) callers() []TID {
	var out []TID
	for _, tid := range d.tids {
		if d.k.CanCall(tid) {
			out = append(out, tid)
		}
	}
	return out
}

func (d *driver) pick(n int) int { return d.c.n(n) }

func (d *driver) bool() bool { return d.c.n(2) == 1 }

// handle picks a handle value for a call by tid: usually one of its
// process's entries, sometimes a pseudo handle, NULL, a stale or junk value,
// or a valid value with the low bits set.
func (d *driver) handle(tid TID) Handle {
	p := d.k.ProcessByPID(d.k.GetCurrentProcessId(tid))
	es := p.Proc.Entries()
	switch r := d.pick(20); {
	case r < 14 && len(es) > 0:
		return es[d.pick(len(es))].Handle
	case r == 14:
		return CurrentProcess
	case r == 15:
		return CurrentThread
	case r == 16:
		return 0
	case r == 17 && len(es) > 0:
		return es[d.pick(len(es))].Handle | Handle(d.pick(4))
	case r == 18:
		return Handle(4 * (1 + d.pick(40)))
	default:
		return Handle(d.pick(1 << 16))
	}
}

// typed prefers entries whose objects have one of the types.
func (d *driver) typed(tid TID, types ...ObjectType) Handle {
	p := d.k.ProcessByPID(d.k.GetCurrentProcessId(tid))
	var hs []Handle
	for _, e := range p.Proc.Entries() {
		for _, typ := range types {
			if d.k.Object(e.Object).Type == typ {
				hs = append(hs, e.Handle)
			}
		}
	}
	if len(hs) > 0 && d.pick(3) > 0 {
		return hs[d.pick(len(hs))]
	}
	return d.handle(tid)
}

// processHandle prefers entries that name processes.
func (d *driver) processHandle(tid TID) Handle {
	p := d.k.ProcessByPID(d.k.GetCurrentProcessId(tid))
	var ps []Handle
	for _, e := range p.Proc.Entries() {
		if d.k.Object(e.Object).Type == TypeProcess {
			ps = append(ps, e.Handle)
		}
	}
	if len(ps) > 0 && d.pick(3) > 0 {
		return ps[d.pick(len(ps))]
	}
	if d.pick(4) == 0 {
		return 0
	}
	if d.pick(2) == 0 {
		return CurrentProcess
	}
	return d.handle(tid)
}

func (d *driver) name() string {
	if d.pick(6) == 0 {
		return ""
	}
	return fuzzNames[d.pick(len(fuzzNames))]
}

func (d *driver) sa() *SecurityAttributes {
	if d.pick(3) == 0 {
		return nil
	}
	return &SecurityAttributes{Length: 24, InheritHandle: d.bool()}
}

func (d *driver) access() uint32 {
	choices := []uint32{0, SYNCHRONIZE, GENERIC_ALL, GENERIC_READ, EVENT_MODIFY_STATE | SYNCHRONIZE, SEMAPHORE_MODIFY_STATE, PROCESS_ALL_ACCESS, PROCESS_DUP_HANDLE, PROCESS_TERMINATE, MAXIMUM_ALLOWED, uint32(d.pick(1 << 16))}
	return choices[d.pick(len(choices))]
}

func (d *driver) count() int32 {
	choices := []int32{-1, 0, 1, 2, 3, 0x7FFFFFFF, -0x80000000}
	return choices[d.pick(len(choices))]
}

// size is a buffer size argument: 0 and the usual ones, and the largest.
func (d *driver) size() uint32 {
	return []uint32{0, 1, 512, 4096, 65536, 0xFFFFFFFF}[d.pick(6)]
}

// callFromNonCaller makes a call on behalf of a thread that cannot call: one
// that has exited (its thread object perhaps destroyed) or one that waits.
// The call must fail and change nothing at all, not even a last error or an
// event (README, "The model's choices"). It reports whether it found one.
func (d *driver) callFromNonCaller() bool {
	var tids []TID
	for _, tid := range d.tids {
		if !d.k.CanCall(tid) {
			tids = append(tids, tid)
		}
	}
	if len(tids) == 0 {
		return false
	}
	k := d.k
	tid := tids[d.pick(len(tids))]
	before, events := render(k.Snapshot()), len(k.events)
	h := Handle(4 * (1 + d.pick(8)))
	var desc string
	var ok bool
	switch d.pick(10) {
	case 0:
		ok = k.CreateEvent(tid, nil, false, false, d.name()) != 0
		desc = "CreateEvent"
	case 1:
		ok = k.CloseHandle(tid, []Handle{h, CurrentProcess, CurrentThread}[d.pick(3)])
		desc = "CloseHandle"
	case 2:
		ok = k.SetEvent(tid, h)
		desc = "SetEvent"
	case 3:
		r, pending := k.WaitForSingleObject(tid, h, INFINITE)
		ok = pending || r != WAIT_FAILED
		desc = "WaitForSingleObject"
	case 4:
		_, ok, _ = k.ReadFile(tid, h, 5)
		desc = "ReadFile"
	case 5:
		_, ok = k.WriteFile(tid, h, "안녕")
		desc = "WriteFile"
	case 6:
		_, ok = k.DuplicateHandle(tid, CurrentProcess, h, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
		desc = "DuplicateHandle"
	case 7:
		_, ok = k.CreateProcess(tid, "Child.exe", "Child.exe", nil, nil, true, 0, nil)
		desc = "CreateProcess"
	case 8:
		k.SetLastError(tid, 5)
		desc = "SetLastError"
	default:
		_, _, ok = k.CreatePipe(tid, nil, 0)
		desc = "CreatePipe"
	}
	d.calls++
	d.log = append(d.log, fmt.Sprintf("TID %d (cannot call) %s", tid, desc))
	if ok {
		d.fail("%s succeeded for thread %d, which cannot call", desc, tid)
	}
	if len(k.events) != events || render(k.Snapshot()) != before {
		d.fail("%s by thread %d, which cannot call, changed the state (events %d -> %d): %v", desc, tid, events, len(k.events), k.events[events:])
	}
	d.after()
	return true
}

// step makes one random call from one of the threads that can call.
func (d *driver) step() {
	callers := d.callers()
	if len(callers) == 0 || (len(callers) < 3 && d.pick(8) == 0) {
		if len(d.pids) < 400 {
			d.start()
		}
		callers = d.callers()
		if len(callers) == 0 {
			return
		}
	}
	if d.pick(12) == 0 && d.callFromNonCaller() {
		return
	}
	tid := callers[d.pick(len(callers))]
	k := d.k
	// The sentinel shows whether a call set the last error.
	d.checkReplay(k.TakeEvents()) // the processes started since the last call
	k.ThreadByTID(tid).Thread.LastError = untouched
	d.replay.Thread(tid).Thread.LastError = untouched
	var desc string
	// failed reports a Win32 failure, which must set the last error.
	failed := false
	// handles a successful call returned in the caller's table.
	var got []Handle
	op := d.pick(46)
	switch op {
	case 0:
		m, init, n := d.bool(), d.bool(), d.name()
		h := k.CreateEvent(tid, d.sa(), m, init, n)
		desc, failed, got = fmt.Sprintf("CreateEvent(%v,%v,%q)=%#x", m, init, n, h), h == 0, []Handle{h}
	case 1:
		fl, n, acc := uint32(d.pick(8)), d.name(), d.access()
		h := k.CreateEventEx(tid, d.sa(), n, fl, acc)
		desc, failed, got = fmt.Sprintf("CreateEventEx(%q,%#x,%#x)=%#x", n, fl, acc, h), h == 0, []Handle{h}
	case 2:
		o, n := d.bool(), d.name()
		h := k.CreateMutex(tid, d.sa(), o, n)
		desc, failed, got = fmt.Sprintf("CreateMutex(%v,%q)=%#x", o, n, h), h == 0, []Handle{h}
	case 3:
		fl, n := uint32(d.pick(3)), d.name()
		h := k.CreateMutexEx(tid, d.sa(), n, fl, d.access())
		desc, failed, got = fmt.Sprintf("CreateMutexEx(%q,%#x)=%#x", n, fl, h), h == 0, []Handle{h}
	case 4:
		i, m, n := d.count(), d.count(), d.name()
		if d.pick(3) > 0 {
			i, m = int32(d.pick(2)), int32(1+d.pick(2))
		}
		h := k.CreateSemaphore(tid, d.sa(), i, m, n)
		desc, failed, got = fmt.Sprintf("CreateSemaphore(%d,%d,%q)=%#x", i, m, n, h), h == 0, []Handle{h}
	case 5:
		i, m, n, fl := d.count(), d.count(), d.name(), uint32(d.pick(2))
		h := k.CreateSemaphoreEx(tid, d.sa(), i, m, n, fl, d.access())
		desc, failed, got = fmt.Sprintf("CreateSemaphoreEx(%d,%d,%q,%d)=%#x", i, m, n, fl, h), h == 0, []Handle{h}
	case 6:
		n := d.name()
		var h Handle
		if d.bool() {
			h = k.CreateWaitableTimer(tid, d.sa(), d.bool(), n)
		} else {
			h = k.CreateWaitableTimerEx(tid, d.sa(), n, uint32(d.pick(5)), d.access())
		}
		desc, failed, got = fmt.Sprintf("CreateWaitableTimer(%q)=%#x", n, h), h == 0, []Handle{h}
	case 7:
		n := d.name()
		h := k.CreateJobObject(tid, d.sa(), n)
		desc, failed, got = fmt.Sprintf("CreateJobObject(%q)=%#x", n, h), h == 0, []Handle{h}
	case 8:
		hf := INVALID_HANDLE_VALUE
		if d.bool() {
			hf = d.handle(tid)
		}
		prot := []uint32{PAGE_READWRITE, PAGE_READONLY, PAGE_NOACCESS, PAGE_EXECUTE_READ | SEC_COMMIT}[d.pick(4)]
		size, n := uint32(d.pick(3)*4096), d.name()
		h := k.CreateFileMapping(tid, hf, d.sa(), prot, 0, size, n)
		desc, failed, got = fmt.Sprintf("CreateFileMapping(%#x,%#x,%d,%q)=%#x", hf, prot, size, n, h), h == 0, []Handle{h}
	case 9:
		path := fuzzPaths[d.pick(len(fuzzPaths))]
		acc := []uint32{GENERIC_READ, GENERIC_WRITE, GENERIC_READ | GENERIC_WRITE, DELETE, 0}[d.pick(5)]
		share, disp := uint32(d.pick(8)), uint32(d.pick(7))
		h := k.CreateFile(tid, path, acc, share, d.sa(), disp, 0)
		desc, failed = fmt.Sprintf("CreateFile(%q,%#x,%d,%d)=%#x", path, acc, share, disp, h), h == INVALID_HANDLE_VALUE
		if !failed {
			got = []Handle{h}
		}
	case 10, 11:
		n, acc, inh := d.name(), d.access(), d.bool()
		var h Handle
		switch d.pick(6) {
		case 0:
			h = k.OpenEvent(tid, acc, inh, n)
		case 1:
			h = k.OpenMutex(tid, acc, inh, n)
		case 2:
			h = k.OpenSemaphore(tid, acc, inh, n)
		case 3:
			h = k.OpenWaitableTimer(tid, acc, inh, n)
		case 4:
			h = k.OpenJobObject(tid, acc, inh, n)
		default:
			h = k.OpenFileMapping(tid, acc, inh, n)
		}
		desc, failed, got = fmt.Sprintf("Open*(%q,%#x)=%#x", n, acc, h), h == 0, []Handle{h}
	case 12, 13, 14:
		h := d.handle(tid)
		ok := k.CloseHandle(tid, h)
		desc, failed = fmt.Sprintf("CloseHandle(%#x)=%v", h, ok), !ok
		if ok && h != CurrentProcess && h != CurrentThread && !IsConsoleHandle(h) { // a console handle is no entry (console.go)
			if _, _, still := k.ProcessByPID(k.GetCurrentProcessId(tid)).Proc.Lookup(h); still {
				d.fail("%s: entry still there", desc)
			}
		}
	case 15, 16, 17:
		sp, h, tp := d.processHandle(tid), d.handle(tid), d.processHandle(tid)
		opt, inh, want, acc := uint32(d.pick(4)), d.bool(), d.pick(5) > 0, d.access()
		r, ok := k.DuplicateHandle(tid, sp, h, tp, want, acc, inh, opt)
		desc, failed = fmt.Sprintf("DuplicateHandle(%#x,%#x,%#x,%v,%#x,%v,%d)=%#x,%v", sp, h, tp, want, acc, inh, opt, r, ok), !ok
	case 18:
		h := d.handle(tid)
		fl, ok := k.GetHandleInformation(tid, h)
		desc, failed = fmt.Sprintf("GetHandleInformation(%#x)=%d,%v", h, fl, ok), !ok
		if ok && fl&^3 != 0 {
			d.fail("%s: flags", desc)
		}
	case 19:
		h, mask, fl := d.handle(tid), uint32(d.pick(8)), uint32(d.pick(8))
		ok := k.SetHandleInformation(tid, h, mask, fl)
		desc, failed = fmt.Sprintf("SetHandleInformation(%#x,%d,%d)=%v", h, mask, fl, ok), !ok
	case 20, 21:
		if len(d.callers()) >= 12 || len(d.pids) >= 400 {
			return
		}
		inh := d.bool()
		cmd := []string{"Child.exe 4", "", "  ", `"C:\x y\z.exe" a`}[d.pick(4)]
		var env []string
		if d.bool() {
			env = []string{"X=1"}
		}
		app := []string{"", "", `C:\Windows\Child.exe`, "Child.exe", `C:\x y\z.exe`}[d.pick(5)]
		pi, ok := k.CreateProcess(tid, app, cmd, d.sa(), d.sa(), inh, 0, env)
		desc, failed = fmt.Sprintf("CreateProcess(%q,%q,%v)=%+v,%v", app, cmd, inh, pi, ok), !ok
		if ok {
			d.pids = append(d.pids, pi.PID)
			d.tids = append(d.tids, pi.TID)
			got = []Handle{pi.HProcess, pi.HThread}
			if k.ProcessByPID(pi.PID).UsageCount() != 2 || k.ThreadByTID(pi.TID).UsageCount() != 2 {
				d.fail("%s: hProcess/hThread not at usage 2", desc)
			}
		}
	case 22:
		if d.pick(3) != 0 {
			return // exits are rarer than other calls
		}
		code := uint32(d.pick(300))
		k.ExitProcess(tid, code)
		desc = fmt.Sprintf("ExitProcess(%d)", code)
		if k.CanCall(tid) {
			d.fail("%s: thread still runs", desc)
		}
		d.log = append(d.log, fmt.Sprintf("TID %d %s", tid, desc))
		d.calls++
		d.after()
		return
	case 23:
		h, code := d.processHandle(tid), uint32(d.pick(300))
		if h == CurrentProcess && d.pick(3) != 0 {
			return
		}
		ok := k.TerminateProcess(tid, h, code)
		desc, failed = fmt.Sprintf("TerminateProcess(%#x,%d)=%v", h, code, ok), !ok
		if !k.CanCall(tid) {
			d.log = append(d.log, fmt.Sprintf("TID %d %s", tid, desc))
			d.calls++
			d.after()
			return
		}
	case 24:
		h := d.processHandle(tid)
		code, ok := k.GetExitCodeProcess(tid, h)
		desc, failed = fmt.Sprintf("GetExitCodeProcess(%#x)=%d,%v", h, code, ok), !ok
	case 25:
		pid := PID(d.pick(1 << 12))
		if d.pick(4) > 0 {
			pid = d.pids[d.pick(len(d.pids))]
		}
		h := k.OpenProcess(tid, d.access(), d.bool(), pid)
		desc, failed, got = fmt.Sprintf("OpenProcess(%d)=%#x", pid, h), h == 0, []Handle{h}
	case 26:
		h := d.typed(tid, TypeEvent)
		var ok bool
		if d.bool() {
			ok = k.SetEvent(tid, h)
		} else {
			ok = k.ResetEvent(tid, h)
		}
		desc, failed = fmt.Sprintf("Set/ResetEvent(%#x)=%v", h, ok), !ok
	case 27:
		h := d.typed(tid, TypeMutex)
		ok := k.ReleaseMutex(tid, h)
		desc, failed = fmt.Sprintf("ReleaseMutex(%#x)=%v", h, ok), !ok
	case 28:
		h, n := d.typed(tid, TypeSemaphore), d.count()
		prev, ok := k.ReleaseSemaphore(tid, h, n)
		desc, failed = fmt.Sprintf("ReleaseSemaphore(%#x,%d)=%d,%v", h, n, prev, ok), !ok
	case 29, 30:
		h := d.handle(tid)
		timeout := []uint32{0, 10, INFINITE, INFINITE}[d.pick(4)]
		r, pending := k.WaitForSingleObject(tid, h, timeout)
		desc, failed = fmt.Sprintf("WaitForSingleObject(%#x,%#x)=%#x,%v", h, timeout, r, pending), r == WAIT_FAILED && !pending
		if pending && (timeout != INFINITE || k.CanCall(tid)) {
			d.fail("%s: pending without INFINITE, or the thread can still call", desc)
		}
	case 31:
		h := d.processHandle(tid)
		pid := k.GetProcessId(tid, h)
		desc, failed = fmt.Sprintf("GetProcessId(%#x)=%d", h, pid), pid == 0
	case 32:
		e := Errno(d.pick(2000))
		k.SetLastError(tid, e)
		desc = fmt.Sprintf("SetLastError(%d)", e)
		if k.GetLastError(tid) != e {
			d.fail("%s: GetLastError", desc)
		}
	case 33:
		if d.pick(4) == 0 {
			rec := snapRec{s: k.Snapshot()}
			rec.text = render(rec.s)
			if len(d.snaps) < 6 {
				d.snaps = append(d.snaps, rec)
			} else {
				d.snaps[d.pick(len(d.snaps))] = rec // keep a few, of various ages
			}
			desc = "Snapshot"
		} else {
			desc = fmt.Sprintf("GetCurrentProcessId=%d", k.GetCurrentProcessId(tid))
		}
	case 34:
		size := []uint32{0, 1, 4096, 0xFFFFFFFF}[d.pick(4)]
		hr, hw, ok := k.CreatePipe(tid, d.sa(), size)
		desc, failed = fmt.Sprintf("CreatePipe(%d)=%#x,%#x,%v", size, hr, hw, ok), !ok
		if ok {
			got = []Handle{hr, hw}
		}
	case 35:
		name := fuzzPipes[d.pick(len(fuzzPipes))]
		om := []uint32{PIPE_ACCESS_DUPLEX, PIPE_ACCESS_INBOUND, PIPE_ACCESS_OUTBOUND, 0, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE}[d.pick(5)]
		pm, max := uint32(d.pick(8)), uint32(d.pick(4))
		out, in, to := d.size(), d.size(), []uint32{0, 50, NMPWAIT_WAIT_FOREVER}[d.pick(3)]
		h := k.CreateNamedPipe(tid, name, om, pm, max, out, in, to, d.sa())
		desc, failed = fmt.Sprintf("CreateNamedPipe(%q,%#x,%#x,%d,%d,%d,%d)=%#x", name, om, pm, max, out, in, to, h), h == INVALID_HANDLE_VALUE
		if !failed {
			got = []Handle{h}
		}
	case 36:
		name := fuzzPipes[d.pick(len(fuzzPipes))]
		if d.bool() {
			h := k.CreateMailslot(tid, strings.Replace(name, "pipe", "mailslot", 1), uint32(d.pick(3)*4), []uint32{0, 10, MAILSLOT_WAIT_FOREVER}[d.pick(3)], d.sa())
			desc, failed = fmt.Sprintf("CreateMailslot(%q)=%#x", name, h), h == INVALID_HANDLE_VALUE
			if !failed {
				got = []Handle{h}
			}
			break
		}
		if d.bool() {
			name = strings.Replace(name, "pipe", "mailslot", 1)
		}
		acc := []uint32{GENERIC_READ, GENERIC_WRITE, GENERIC_READ | GENERIC_WRITE}[d.pick(3)]
		h := k.CreateFile(tid, name, acc, FILE_SHARE_READ, d.sa(), OPEN_EXISTING, 0)
		desc, failed = fmt.Sprintf("CreateFile(%q,%#x)=%#x", name, acc, h), h == INVALID_HANDLE_VALUE
		if !failed {
			got = []Handle{h}
		}
	case 37, 38:
		h := d.typed(tid, TypePipe, TypeNamedPipe, TypeMailslot, TypeFile)
		data := fuzzData[d.pick(len(fuzzData))]
		n, ok := k.WriteFile(tid, h, data)
		desc, failed = fmt.Sprintf("WriteFile(%#x,%q)=%d,%v", h, data, n, ok), !ok
	case 39, 40:
		h, n := d.typed(tid, TypePipe, TypeNamedPipe, TypeMailslot, TypeFile), []uint32{0, 1, 2, 5, 7, 4096, 0xFFFFFFFF}[d.pick(7)]
		data, ok, pending := k.ReadFile(tid, h, n)
		desc, failed = fmt.Sprintf("ReadFile(%#x,%d)=%q,%v,%v", h, n, data, ok, pending), !ok && !pending
		if pending && k.CanCall(tid) {
			d.fail("%s: pending but the thread can call", desc)
		}
	case 41:
		h := d.typed(tid, TypeNamedPipe, TypeMailslot, TypePipe)
		var ok, pending bool
		switch d.pick(5) {
		case 0:
			ok, pending = k.ConnectNamedPipe(tid, h)
		case 1:
			ok = k.DisconnectNamedPipe(tid, h)
		case 2:
			ok = k.SetNamedPipeHandleState(tid, h, modeOf(uint32(d.pick(4))))
		case 3:
			_, _, _, ok = k.PeekNamedPipe(tid, h, uint32(d.pick(8)))
		default:
			_, _, _, _, ok = k.GetMailslotInfo(tid, h)
		}
		desc, failed = fmt.Sprintf("pipe call(%#x)=%v,%v", h, ok, pending), !ok && !pending
	case 42:
		name := fuzzPipes[d.pick(len(fuzzPipes))]
		ok, pending := k.WaitNamedPipe(tid, name, []uint32{0, 1, 50, NMPWAIT_WAIT_FOREVER}[d.pick(4)])
		desc, failed = fmt.Sprintf("WaitNamedPipe(%q)=%v,%v", name, ok, pending), !ok && !pending
	case 43:
		name := []string{"A", "a", "", "X=Y", "Path"}[d.pick(5)]
		if d.bool() {
			ok := k.SetEnvironmentVariable(tid, name, "v", d.pick(3) == 0)
			desc, failed = fmt.Sprintf("SetEnvironmentVariable(%q)=%v", name, ok), !ok
		} else {
			v, n := k.GetEnvironmentVariable(tid, name, uint32(d.pick(4)))
			desc = fmt.Sprintf("GetEnvironmentVariable(%q)=%q,%d", name, v, n)
		}
	case 44:
		fl := []uint32{0, TH32CS_SNAPPROCESS, TH32CS_SNAPALL | TH32CS_INHERIT, TH32CS_INHERIT}[d.pick(4)]
		h := k.CreateToolhelp32Snapshot(tid, fl, 0)
		desc, failed = fmt.Sprintf("CreateToolhelp32Snapshot(%#x)=%#x", fl, h), h == INVALID_HANDLE_VALUE
		if !failed {
			got = []Handle{h}
		}
	case 45:
		h := d.typed(tid, TypeFileMapping)
		var e ProcessEntry
		var ok bool
		if d.bool() {
			e, ok = k.Process32First(tid, h)
		} else {
			e, ok = k.Process32Next(tid, h)
		}
		desc, failed = fmt.Sprintf("Process32(%#x)=%+v,%v", h, e, ok), !ok
	}
	d.calls++
	d.log = append(d.log, fmt.Sprintf("TID %d %s", tid, desc))
	// Return conventions: a failure sets the last error (to something).
	if failed && k.CanCall(tid) {
		if e := k.GetLastError(tid); e == untouched || e == ERROR_SUCCESS {
			d.fail("%s failed without setting the last error (%v)", desc, e)
		}
	}
	// A returned handle is an entry of the caller's table.
	if !failed {
		p := k.ProcessByPID(k.GetCurrentProcessId(tid))
		for _, h := range got {
			if _, _, ok := p.Proc.Lookup(h); !ok || h%4 != 0 {
				d.fail("%s returned %#x, which is not in the table", desc, h)
			}
		}
	}
	d.after()
}

// after runs the checks that hold between calls.
func (d *driver) after() {
	if err := d.k.Check(); err != nil {
		d.fail("invariant: %v", err)
	}
	if err := checkTypeState(d.k); err != nil {
		d.fail("type state: %v", err)
	}
	for _, c := range d.k.TakeCompletions() {
		if !d.k.CanCall(c.TID) {
			d.fail("completion for TID %d, which cannot call", c.TID)
		}
	}
	d.checkReplay(d.k.TakeEvents())
	if d.calls%50 == 0 {
		d.checkSnaps()
	}
}

func (d *driver) checkSnaps() {
	for i, s := range d.snaps {
		if err := s.s.Check(); err != nil {
			d.fail("snapshot %d: %v", i, err)
		}
		if got := render(s.s); got != s.text {
			d.fail("snapshot %d changed after it was taken:\nthen: %s\nnow:  %s", i, s.text, got)
		}
	}
}

// render prints a snapshot's content, following its pointers: what
// stateText shows, and the Toolhelp cursors it leaves out.
func render(s *State) string {
	out := stateText(s)
	for _, o := range s.Objects {
		if o.Toolhelp != nil {
			out += fmt.Sprintf(" cursor#%d=%d", o.ID, o.Toolhelp.Cursor)
		}
	}
	return out
}

// TestRandomSequences drives long random call sequences (fixed seeds, so
// every run makes the same calls) across several processes.
func TestRandomSequences(t *testing.T) {
	seeds := 40
	steps := 600
	if testing.Short() {
		seeds, steps = 8, 300
	}
	for seed := 0; seed < seeds; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			limit := 0
			if seed%4 == 3 {
				limit = 6 // exercise ERROR_NO_SYSTEM_RESOURCES too
			}
			d := newDriver(t, randChooser{rand.New(rand.NewPCG(uint64(seed), 0x4A4E44))}, limit)
			for i := 0; i < steps; i++ {
				d.step()
			}
			d.checkSnaps()
		})
	}
}

// TestRandomCoversOutcomes makes sure the random driver reaches both the
// successes and the failures it is meant to exercise (a driver that only
// ever fails would check little).
func TestRandomCoversOutcomes(t *testing.T) {
	d := newDriver(t, randChooser{rand.New(rand.NewPCG(7, 7))}, 0)
	seen := map[string]bool{}
	// (The invariants are checked after every call by step; after every
	// event by TestRandomSequences and FuzzKernel.)
	d.k.OnEvent = func(e Event) {
		switch e.Kind {
		case EvLastError:
			seen[e.Err.Name()] = true
		case EvInheritScan:
			seen[fmt.Sprint("scan copied ", e.Copied)] = true
		case EvHandleAdded, EvHandleRemoved:
			seen[e.Kind.String()+" "+e.Cause.String()] = true
		case EvNamespaceLookup:
			seen["lookup "+e.Lookup.String()] = true
		default:
			seen[e.Kind.String()] = true
		}
	}
	for i := 0; i < 5000; i++ {
		d.step()
	}
	for _, want := range []string{
		"ERROR_SUCCESS", "ERROR_INVALID_HANDLE", "ERROR_ALREADY_EXISTS", "ERROR_FILE_NOT_FOUND",
		"ERROR_INVALID_PARAMETER", "ERROR_ACCESS_DENIED", "ERROR_NOT_OWNER", "ERROR_TOO_MANY_POSTS",
		"scan copied true", "scan copied false",
		"HandleAdded create", "HandleAdded open", "HandleAdded inherit", "HandleAdded duplicate",
		"HandleRemoved close", "HandleRemoved close-source", "HandleRemoved process-exit",
		"lookup new", "lookup existing", "lookup type-mismatch", "lookup not-found",
		"CloseRefused", "FlagsChanged", "ObjectDestroyed", "ProcessExited", "WaitStarted", "WaitSatisfied",
	} {
		if !seen[want] {
			t.Errorf("random calls never produced %q", want)
		}
	}
}

// FuzzKernel is the fuzz target: the input bytes choose the calls and their
// arguments. Run: go test -run=^$ -fuzz=FuzzKernel -fuzztime=5m ./kernel
func FuzzKernel(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 1, 1, 12, 0, 0, 20, 1, 0, 15, 0, 0, 0, 3, 1, 1})
	f.Add([]byte("CreateMutex, DuplicateHandle, CreateProcess, ExitProcess, WaitForSingleObject"))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 4; i++ {
		b := make([]byte, 256)
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			data = data[:4096]
		}
		c := &byteChooser{b: data}
		limit := 0
		if len(data) > 0 && data[0]%5 == 0 {
			limit = 5
		}
		d := newDriver(t, c, limit)
		for !c.done() {
			d.step()
		}
		d.checkSnaps()
	})
}
