package kernel

import (
	"strings"
	"testing"
)

// Tests of the model's own machinery: snapshots, the invariant check, event
// text, the "why is this alive" query.

// TestSnapshotIsFrozen: a snapshot does not change when the kernel does.
// Source: product.md and README.md "Data flows one way" (the UI never
// changes the model; stepping back is choosing an earlier snapshot), the
// State doc comment.
func TestSnapshotIsFrozen(t *testing.T) {
	f := newFx(t)
	k := f.k
	h := k.CreateEvent(f.ta, inheritable(), false, false, "E")
	k.CreateMutex(f.ta, nil, true, "M")
	hr, hw, _ := k.CreatePipe(f.ta, nil, 0)
	k.WriteFile(f.ta, hw, "abc")
	th := k.CreateToolhelp32Snapshot(f.ta, TH32CS_SNAPPROCESS, 0)
	s := k.Snapshot()
	before := render(s)
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	// Change everything the snapshot holds.
	k.SetHandleInformation(f.ta, h, 3, 3)
	k.SetEvent(f.ta, h)
	k.ReleaseMutex(f.ta, 8)
	k.ReadFile(f.ta, hr, 2)
	k.WriteFile(f.ta, hw, "more")
	k.Process32First(f.ta, th)
	k.Process32Next(f.ta, th)
	k.SetEnvironmentVariable(f.ta, "NEW", "1", false)
	k.SetLastError(f.ta, 99)
	pi := f.spawn(f.ta, "Child.exe", true)
	k.DuplicateHandle(f.ta, CurrentProcess, h, pi.HProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
	k.CloseHandle(f.ta, hw)
	k.ExitProcess(f.tb, 4)
	k.CreateEvent(f.ta, nil, false, false, "Later")
	if after := render(s); after != before {
		t.Fatalf("snapshot changed:\nbefore %s\nafter  %s", before, after)
	}
	if s.Names["Later"] != 0 || len(s.Names) != 2 {
		t.Error("namespace changed")
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
	// And the new snapshot sees the changes.
	s2 := k.Snapshot()
	if s2.Process(f.b).Proc.ExitCode != 4 || s2.Names["Later"] == 0 {
		t.Error("new snapshot")
	}
}

// TestStateQueries: Processes, Process, Live, Object, HandlesTo. Source:
// product.md (the count ledger: "why is this object still alive?" answered
// by the handles that hold it); docs/semantics.md "Objects and usage counts" (an
// exited process's object lives while a handle to it is open, seed 004's
// Notepad example; an unreferenced one is destroyed but keeps its column).
func TestStateQueries(t *testing.T) {
	f := newFx(t)
	k := f.k
	h := k.CreateEvent(f.ta, inheritable(), false, false, "E")
	pi := f.spawn(f.ta, "Child.exe", true)
	k.OpenEvent(f.tb, SYNCHRONIZE, false, "E")
	k.ExitProcess(f.tb, 0) // B's object is destroyed: nobody holds it
	s := k.Snapshot()
	ps := s.Processes()
	if len(ps) != 3 || ps[0].Proc.PID != f.a || ps[1].Proc.PID != f.b || !ps[1].Destroyed || ps[2].Proc.PID != pi.PID {
		t.Fatalf("processes %v", ps)
	}
	if s.Process(12345) != nil || s.Object(9999) != nil || s.Object(0) != nil {
		t.Error("lookups of missing things")
	}
	for _, o := range s.Live() {
		if o.Destroyed {
			t.Error("Live lists a destroyed object")
		}
	}
	ev := k.NamedObject("E")
	refs := s.HandlesTo(ev.ID)
	if len(refs) != 2 || refs[0].PID != f.a || refs[1].PID != pi.PID || refs[0].Handle != h || refs[1].Handle != h || refs[0].Flags != 1 {
		t.Errorf("HandlesTo %+v", refs)
	}
	if ev.Label() != `Event E` || k.ProcessByPID(f.a).Label() != "Process" {
		t.Errorf("labels %q", ev.Label())
	}
	if names := k.Names(); len(names) != 1 || names[0] != "E" {
		t.Errorf("names %v", names)
	}
}

// TestCheckDetects: State.Check reports each kind of broken invariant (a
// check that never fails would prove nothing). Source: docs/semantics.md
// "Objects and usage counts" (usage = handles + kernel references, an
// object at 0 is destroyed and its name leaves the namespace) and "Handle
// tables" (index 0 is never used).
func TestCheckDetects(t *testing.T) {
	base := func() *State {
		f := newFx(t)
		k := f.k
		k.CreateEvent(f.ta, nil, false, false, "E")
		hf := k.CreateFile(f.ta, `C:\f`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
		k.CreateFileMapping(f.ta, hf, nil, PAGE_READWRITE, 0, 1, "")
		s := k.Snapshot()
		if err := s.Check(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	obj := func(s *State, typ ObjectType) *Object {
		for i := range s.Objects {
			if s.Objects[i].Type == typ {
				return &s.Objects[i]
			}
		}
		t.Fatal("no object")
		return nil
	}
	for _, c := range []struct {
		name   string
		break_ func(s *State)
		want   string
	}{
		{"index 0 used", func(s *State) { s.Processes()[0].Proc.table.slots[0] = Entry{Object: 1} }, "index 0"},
		{"handle count", func(s *State) { obj(s, TypeEvent).HandleCount++ }, "HandleCount"},
		{"kernel refs", func(s *State) { obj(s, TypeFile).KernelRefs = 0 }, "KernelRefs"},
		{"running ref", func(s *State) { s.Processes()[0].KernelRefs = 0 }, "KernelRefs"},
		{"destroyed target", func(s *State) { obj(s, TypeEvent).Destroyed = true }, "destroyed object"},
		{"missing target", func(s *State) { s.Processes()[0].Proc.table.slots[1].Object = 999 }, "destroyed object"},
		{"used count", func(s *State) { s.Processes()[0].Proc.table.used++ }, "count says"},
		{"exited with handles", func(s *State) { s.Processes()[0].Proc.Exited = true }, "exited with"},
		{"zero usage", func(s *State) {
			o := obj(s, TypeEvent)
			s.Processes()[0].Proc.table.slots[1] = Entry{}
			s.Processes()[0].Proc.table.used--
			o.HandleCount = 0
		}, "usage 0"},
		{"namespace", func(s *State) { s.Names["ghost"] = obj(s, TypeEvent).ID }, "namespace"},
		{"namespace dead", func(s *State) { s.Names["E"] = 999 }, "namespace"},
	} {
		s := base()
		c.break_(s)
		err := s.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Check() = %v, want an error about %q", c.name, err, c.want)
		}
	}
}

// TestEventText: every event kind has an English line. Source: README.md
// "Running a scenario from the command line" (each step prints its kernel
// events) and docs/trace-format.md (every event has a "text"); product.md
// (every kernel action is a micro-step the viewer can caption).
func TestEventText(t *testing.T) {
	f := newFx(t)
	k := f.k
	var all []Event
	k.OnEvent = func(e Event) { all = append(all, e) }
	h := k.CreateEvent(f.ta, inheritable(), false, false, "E")
	k.CreateEvent(f.ta, nil, false, false, "")
	k.SetHandleInformation(f.ta, h, 2, 2)
	k.CloseHandle(f.ta, h)
	k.OpenEvent(f.ta, SYNCHRONIZE, false, "nope")
	pi := f.spawn(f.ta, "Child.exe", true)
	k.WaitForSingleObject(f.ta, pi.HProcess, INFINITE)
	k.SetEnvironmentVariable(pi.TID, "X", "1", false)
	hs := k.CreateNamedPipe(pi.TID, `\\.\pipe\p`, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil)
	hc := k.CreateFile(f.tb, `\\.\pipe\p`, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	k.WriteFile(f.tb, hc, "hi")
	k.ReadFile(pi.TID, hs, 2)
	k.DisconnectNamedPipe(pi.TID, hs)
	k.CreateMutex(pi.TID, nil, true, "")
	k.ExitProcess(pi.TID, 1)
	k.CloseHandle(f.ta, pi.HProcess)
	seen := map[EventKind]bool{}
	for _, e := range all {
		seen[e.Kind] = true
		s := e.String()
		if s == "" || strings.HasPrefix(s, "Event") {
			t.Errorf("no text for %v", e.Kind)
		}
	}
	for kind := EvObjectCreated; kind <= EvEnvChanged; kind++ {
		if !seen[kind] {
			t.Errorf("sequence never produced %v", kind)
		}
	}
	// Fallback names for values out of range.
	if EventKind(200).String() != "Event200" || Cause(200).String() != "cause200" || Lookup(200).String() != "lookup200" ||
		ObjectType(200).String() != "Type200" || PipeEnd(200).String() != "end200" || PipeConn(200).String() != "conn200" ||
		(Event{Kind: 200}).String() != "Event200" {
		t.Error("fallback names")
	}
	if TypeFileMapping.String() != "Section" || CauseCloseSource.String() != "close-source" || LookupMismatch.String() != "type-mismatch" {
		t.Error("names")
	}
}

// TestCallFromDeadThread: a call made by a thread that has exited, or by a
// TID no thread has, returns the call's Win32 failure value (docs/semantics.md
// "Return conventions": NULL, INVALID_HANDLE_VALUE, FALSE, WAIT_FAILED) and
// changes nothing: no event, no state change, no last error (the model's
// choice: a thread that does not run has no last error to set). No input
// panics; CanCall says beforehand that such a thread cannot call.
func TestCallFromDeadThread(t *testing.T) {
	f := newFx(t)
	k := f.k
	hEv := k.CreateEvent(f.ta, nil, false, true, "E")
	pi := f.spawn(f.ta, "Child.exe", false)
	k.CreateMutex(pi.TID, nil, true, "M")
	k.SetLastError(pi.TID, 77)
	k.ExitProcess(pi.TID, 0) // A's hThread keeps the exited thread's object
	if k.ThreadByTID(pi.TID) == nil {
		t.Fatal("the exited thread's object is gone")
	}
	sa := inheritable()
	calls := []struct {
		name string
		fail func(tid TID) bool // reports whether the result is the failure value
	}{
		{"CloseHandle", func(tid TID) bool { return !k.CloseHandle(tid, hEv) }},
		{"CloseHandle(pseudo)", func(tid TID) bool { return !k.CloseHandle(tid, CurrentProcess) }},
		{"GetHandleInformation", func(tid TID) bool { _, ok := k.GetHandleInformation(tid, hEv); return !ok }},
		{"SetHandleInformation", func(tid TID) bool { return !k.SetHandleInformation(tid, hEv, 1, 1) }},
		{"SetLastError", func(tid TID) bool { k.SetLastError(tid, 5); return true }},
		{"DuplicateHandle", func(tid TID) bool {
			h, ok := k.DuplicateHandle(tid, CurrentProcess, CurrentProcess, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
			return h == 0 && !ok
		}},
		{"CreateEvent", func(tid TID) bool { return k.CreateEvent(tid, sa, false, false, "N") == 0 }},
		{"CreateEventEx bad flags", func(tid TID) bool { return k.CreateEventEx(tid, nil, "", 0x80, 0) == 0 }},
		{"CreateMutex", func(tid TID) bool { return k.CreateMutex(tid, nil, true, "") == 0 }},
		{"CreateSemaphore", func(tid TID) bool { return k.CreateSemaphore(tid, nil, 0, 1, "") == 0 }},
		{"CreateWaitableTimer", func(tid TID) bool { return k.CreateWaitableTimer(tid, nil, false, "") == 0 }},
		{"CreateJobObject", func(tid TID) bool { return k.CreateJobObject(tid, nil, "") == 0 }},
		{"OpenEvent", func(tid TID) bool { return k.OpenEvent(tid, SYNCHRONIZE, false, "E") == 0 }},
		{"OpenMutex", func(tid TID) bool { return k.OpenMutex(tid, SYNCHRONIZE, false, "M") == 0 }},
		{"SetEvent", func(tid TID) bool { return !k.SetEvent(tid, hEv) }},
		{"ResetEvent", func(tid TID) bool { return !k.ResetEvent(tid, hEv) }},
		{"ReleaseMutex", func(tid TID) bool { return !k.ReleaseMutex(tid, 4) }},
		{"ReleaseSemaphore", func(tid TID) bool { _, ok := k.ReleaseSemaphore(tid, 4, 1); return !ok }},
		{"WaitForSingleObject", func(tid TID) bool {
			r, pending := k.WaitForSingleObject(tid, CurrentProcess, INFINITE)
			return r == WAIT_FAILED && !pending
		}},
		{"CreateProcess", func(tid TID) bool {
			pi, ok := k.CreateProcess(tid, "", "X.exe", nil, nil, true, 0, nil)
			return !ok && pi == ProcessInformation{}
		}},
		{"ExitProcess", func(tid TID) bool { k.ExitProcess(tid, 1); return true }},
		{"TerminateProcess", func(tid TID) bool { return !k.TerminateProcess(tid, CurrentProcess, 1) }},
		{"GetExitCodeProcess", func(tid TID) bool { _, ok := k.GetExitCodeProcess(tid, CurrentProcess); return !ok }},
		{"GetProcessId", func(tid TID) bool { return k.GetProcessId(tid, CurrentProcess) == 0 }},
		{"GetCurrentProcessId", func(tid TID) bool { return k.GetCurrentProcessId(tid) == 0 }},
		{"GetCurrentThreadId", func(tid TID) bool { return k.GetCurrentThreadId(tid) == 0 }},
		{"OpenProcess", func(tid TID) bool { return k.OpenProcess(tid, PROCESS_ALL_ACCESS, false, f.a) == 0 }},
		{"CreateFile", func(tid TID) bool {
			return k.CreateFile(tid, `C:\f.txt`, GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0) == INVALID_HANDLE_VALUE
		}},
		{"CreateFileMapping", func(tid TID) bool {
			return k.CreateFileMapping(tid, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 16, "Map") == 0
		}},
		{"OpenFileMapping", func(tid TID) bool { return k.OpenFileMapping(tid, FILE_MAP_READ, false, "Map") == 0 }},
		{"CreatePipe", func(tid TID) bool { r, w, ok := k.CreatePipe(tid, nil, 0); return r == 0 && w == 0 && !ok }},
		{"CreateNamedPipe", func(tid TID) bool {
			return k.CreateNamedPipe(tid, `\\.\pipe\p`, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil) == INVALID_HANDLE_VALUE
		}},
		{"ConnectNamedPipe", func(tid TID) bool { ok, p := k.ConnectNamedPipe(tid, 4); return !ok && !p }},
		{"DisconnectNamedPipe", func(tid TID) bool { return !k.DisconnectNamedPipe(tid, 4) }},
		{"WaitNamedPipe", func(tid TID) bool {
			ok, p := k.WaitNamedPipe(tid, `\\.\pipe\p`, NMPWAIT_WAIT_FOREVER)
			return !ok && !p
		}},
		{"SetNamedPipeHandleState", func(tid TID) bool { return !k.SetNamedPipeHandleState(tid, 4, modeOf(0)) }},
		{"CreateMailslot", func(tid TID) bool {
			return k.CreateMailslot(tid, `\\.\mailslot\m`, 0, 0, nil) == INVALID_HANDLE_VALUE
		}},
		{"GetMailslotInfo", func(tid TID) bool { _, _, _, _, ok := k.GetMailslotInfo(tid, 4); return !ok }},
		{"WriteFile", func(tid TID) bool { n, ok := k.WriteFile(tid, 4, "x"); return n == 0 && !ok }},
		{"ReadFile", func(tid TID) bool { d, ok, p := k.ReadFile(tid, 4, 1); return d == "" && !ok && !p }},
		{"PeekNamedPipe", func(tid TID) bool { _, _, _, ok := k.PeekNamedPipe(tid, 4, 1); return !ok }},
		{"SetEnvironmentVariable", func(tid TID) bool { return !k.SetEnvironmentVariable(tid, "X", "1", false) }},
		{"GetEnvironmentVariable", func(tid TID) bool { v, n := k.GetEnvironmentVariable(tid, "PATH", 100); return v == "" && n == 0 }},
		{"CreateToolhelp32Snapshot", func(tid TID) bool {
			return k.CreateToolhelp32Snapshot(tid, TH32CS_SNAPPROCESS, 0) == INVALID_HANDLE_VALUE
		}},
		{"Process32First", func(tid TID) bool { _, ok := k.Process32First(tid, 4); return !ok }},
		{"Process32Next", func(tid TID) bool { _, ok := k.Process32Next(tid, 4); return !ok }},
	}
	for _, tid := range []TID{pi.TID, 424242} {
		if k.CanCall(tid) {
			t.Fatalf("CanCall(%d)", tid)
		}
		k.TakeEvents()
		before := render(k.Snapshot())
		for _, c := range calls {
			var failed bool
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s from thread %d: panic %v", c.name, tid, r)
					}
				}()
				failed = c.fail(tid)
			}()
			if !failed {
				t.Errorf("%s from thread %d: not the failure value", c.name, tid)
			}
			if evs := k.TakeEvents(); len(evs) != 0 {
				t.Errorf("%s from thread %d: events %v", c.name, tid, evs)
			}
			if after := render(k.Snapshot()); after != before {
				t.Errorf("%s from thread %d changed the state", c.name, tid)
			}
		}
	}
	// Reading the last error changes nothing: an exited thread keeps its
	// value, an unknown TID has none.
	if e := k.GetLastError(pi.TID); e != 77 {
		t.Errorf("exited thread's last error %v", e)
	}
	if e := k.GetLastError(424242); e != ERROR_SUCCESS {
		t.Errorf("unknown thread's last error %v", e)
	}
}

// TestAddresses: addresses are deterministic and in the seeds' style
// (docs/semantics.md "Objects and usage counts"; seed 003's tables start a
// process's objects at 0xF0000000): created objects count 0xF0000000 +
// 0x10·n in creation order, process and thread objects 0xE0000000 + 0x10·n,
// and every creation event carries the new object's address.
func TestAddresses(t *testing.T) {
	k := newKernel(t, Config{})
	var created []Event
	k.OnEvent = func(e Event) {
		if e.Kind == EvObjectCreated {
			created = append(created, e)
		}
	}
	_, ta := k.StartProcess("A.exe", "A.exe", nil) // 0xE0000000, 0xE0000010
	k.CreateEvent(ta, nil, false, false, "")       // 0xF0000000
	k.CreatePipe(ta, nil, 0)                       // 0xF0000010, 0xF0000020
	pi, _ := k.CreateProcess(ta, "", "B.exe", nil, nil, false, 0, nil)
	k.CreateMutex(pi.TID, nil, false, "") // 0xF0000030
	want := []uint64{0xE0000000, 0xE0000010, 0xF0000000, 0xF0000010, 0xF0000020, 0xE0000020, 0xE0000030, 0xF0000030}
	if len(created) != len(want) {
		t.Fatalf("%d objects created", len(created))
	}
	for i, e := range created {
		if e.Addr != want[i] || k.Object(e.Object).Addr != want[i] {
			t.Errorf("object #%d %v: event %#x, object %#x, want %#x", e.Object, e.ObjType, e.Addr, k.Object(e.Object).Addr, want[i])
		}
	}
}

// DiscardEvents drops what was recorded; the next TakeEvents returns only
// the events after it. (The model's own API: no Win32 source.)
func TestDiscardEvents(t *testing.T) {
	f := newFx(t)
	k := f.k
	k.CreateEvent(f.ta, nil, false, false, "")
	k.DiscardEvents()
	h := k.CreateEvent(f.ta, nil, false, false, "")
	evs := k.TakeEvents()
	if len(evs) == 0 {
		t.Fatal("no events for the second CreateEvent")
	}
	for _, e := range evs {
		if e.Kind == EvHandleAdded && e.Handle != h {
			t.Errorf("an event of the discarded call survived: %v", e)
		}
	}
}

// Kernel.Check also checks the namespace map itself, which a snapshot
// rebuilds from the objects and so cannot see. (The model's invariant, from
// docs/semantics.md: the namespace holds only live objects.)
func TestCheckDetectsNamespace(t *testing.T) {
	for _, c := range []struct {
		name   string
		break_ func(k *Kernel, id ObjectID)
		want   string
	}{
		{"key of a destroyed object", func(k *Kernel, id ObjectID) { k.names["Ghost"] = 999 }, "dead or moved"},
		{"object under another key", func(k *Kernel, id ObjectID) { k.names["Other"] = id }, "dead or moved"},
		{"object missing from it", func(k *Kernel, id ObjectID) { delete(k.names, k.Object(id).nsKey) }, "missing from the namespace"},
	} {
		f := newFx(t)
		k := f.k
		k.OnEvent = nil
		h := k.CreateEvent(f.ta, nil, false, false, "Local\\E")
		e, _ := f.entry(f.a, h)
		if err := k.Check(); err != nil {
			t.Fatal(err)
		}
		c.break_(k, e.Object)
		if err := k.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Check() = %v, want an error with %q", c.name, err, c.want)
		}
	}
}
