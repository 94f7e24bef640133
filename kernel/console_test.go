package kernel

import "testing"

// Standard handles and consoles (console.go). Sources: "GetStdHandle
// function", "SetStdHandle function", "STARTUPINFOA structure", "Creating a
// Child Process with Redirected Input and Output", "Creation of a Console";
// ReactOS/Wine kernel32 IsConsoleHandle for the pre-Windows 8 values.
func TestStdHandles(t *testing.T) {
	t.Run("a fresh console process has the console handles, outside its table", func(t *testing.T) {
		f := newFx(t)
		for i, want := range []Handle{ConsoleInput, ConsoleOutput, ConsoleError} {
			if got := f.k.GetStdHandle(f.ta, []uint32{STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE}[i]); got != want {
				t.Errorf("%s = %#x, want %#x", StdName(i), got, want)
			}
		}
		if n := f.k.ProcessByPID(f.a).Proc.HandleCountInTable(); n != 0 {
			t.Errorf("table has %d entries, want 0", n)
		}
		if h := f.k.CreateEvent(f.ta, nil, false, false, ""); h != 4 {
			t.Errorf("first handle %#x, want 0x4 (the console handles take no index)", h)
		}
		if f.k.ConsoleOf(f.a) == f.k.ConsoleOf(f.b) {
			t.Error("two processes started by the shell share a console")
		}
	})
	t.Run("GetStdHandle of another value fails with INVALID_HANDLE_VALUE", func(t *testing.T) {
		f := newFx(t)
		if h := f.k.GetStdHandle(f.ta, 5); h != INVALID_HANDLE_VALUE || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
			t.Errorf("= %#x, %v", h, f.lastErr(f.ta))
		}
		f.k.SetLastError(f.ta, untouched)
		f.k.GetStdHandle(f.ta, STD_OUTPUT_HANDLE)
		if f.lastErr(f.ta) != untouched {
			t.Error("a successful GetStdHandle changed the last error")
		}
	})
	t.Run("SetStdHandle stores the value unchecked and reports it", func(t *testing.T) {
		f := newFx(t)
		if f.k.SetStdHandle(f.ta, 7, 0x44) || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
			t.Error("SetStdHandle(7) did not fail with ERROR_INVALID_HANDLE")
		}
		f.k.TakeEvents()
		if !f.k.SetStdHandle(f.ta, STD_OUTPUT_HANDLE, 0x1234) || f.k.GetStdHandle(f.ta, STD_OUTPUT_HANDLE) != 0x1234 {
			t.Error("SetStdHandle did not set the value")
		}
		ev := f.k.TakeEvents()
		s := f.k.Snapshot()
		before := s.Clone()
		before.Process(f.a).Proc.Std[1] = ConsoleOutput
		for _, e := range ev {
			before.Apply(e)
		}
		if len(ev) != 1 || ev[0].Kind != EvStdHandleSet || before.Process(f.a).Proc.Std[1] != 0x1234 {
			t.Errorf("events %v do not replay the change", ev)
		}
	})
	t.Run("STARTF_USESTDHANDLES gives the child the parent's inherited values", func(t *testing.T) {
		f := newFx(t)
		r, w, _ := f.k.CreatePipe(f.ta, inheritable(), 0)
		si := &StartupInfo{Flags: STARTF_USESTDHANDLES, StdInput: ConsoleInput, StdOutput: w, StdError: w}
		pi, ok := f.k.CreateProcessWithStartup(f.ta, "", "Child.exe", nil, nil, true, 0, nil, si)
		if !ok {
			t.Fatal(f.lastErr(f.ta))
		}
		if got := f.k.GetStdHandle(pi.TID, STD_OUTPUT_HANDLE); got != w || f.obj(pi.PID, got) != f.obj(f.a, w) {
			t.Errorf("child's stdout %#x does not name the parent's write end", got)
		}
		if n, ok := f.k.WriteData(pi.TID, f.k.GetStdHandle(pi.TID, STD_OUTPUT_HANDLE), "hi\r\n", UnitANSI); !ok || n != 4 {
			t.Fatalf("child's write: %d, %v", n, ok)
		}
		if data, ok, _ := f.k.ReadFile(f.ta, r, 100); !ok || data != "hi\r\n" {
			t.Errorf("parent read %q, %v", data, ok)
		}
	})
	t.Run("without inheritance the values name nothing in the child", func(t *testing.T) {
		f := newFx(t)
		_, w, _ := f.k.CreatePipe(f.ta, nil, 0)
		si := &StartupInfo{Flags: STARTF_USESTDHANDLES, StdOutput: w}
		pi, _ := f.k.CreateProcessWithStartup(f.ta, "", "Child.exe", nil, nil, false, 0, nil, si)
		if _, ok := f.k.WriteData(pi.TID, w, "x", UnitANSI); ok || f.lastErr(pi.TID) != ERROR_INVALID_HANDLE {
			t.Errorf("write through an uninherited value: %v, %v", ok, f.lastErr(pi.TID))
		}
	})
	t.Run("a child shares its parent's console and handles; CREATE_NEW_CONSOLE gives a new one", func(t *testing.T) {
		f := newFx(t)
		f.k.SetStdHandle(f.ta, STD_ERROR_HANDLE, ConsoleOutput)
		pi := f.spawn(f.ta, "Child.exe", false)
		if f.k.ConsoleOf(pi.PID) != f.k.ConsoleOf(f.a) || f.k.GetStdHandle(pi.TID, STD_ERROR_HANDLE) != ConsoleOutput {
			t.Error("the child does not share the parent's console and standard handles")
		}
		pi2, _ := f.k.CreateProcess(f.ta, "", "Other.exe", nil, nil, false, CREATE_NEW_CONSOLE, nil)
		if f.k.ConsoleOf(pi2.PID) == f.k.ConsoleOf(f.a) || f.k.GetStdHandle(pi2.TID, STD_ERROR_HANDLE) != ConsoleError {
			t.Error("CREATE_NEW_CONSOLE did not give a new console with its own handles")
		}
		pi3, _ := f.k.CreateProcess(f.ta, "", "Detached.exe", nil, nil, false, DETACHED_PROCESS, nil)
		if f.k.ConsoleOf(pi3.PID) != 0 || f.k.GetStdHandle(pi3.TID, STD_OUTPUT_HANDLE) != 0 {
			t.Error("DETACHED_PROCESS left a console")
		}
	})
	t.Run("console handle values never reach the table entry under their bits", func(t *testing.T) {
		f := newFx(t)
		h := f.k.CreateEvent(f.ta, nil, false, false, "") // index 1: 0x4..0x7
		if !f.k.CloseHandle(f.ta, ConsoleOutput) {
			t.Error("CloseHandle(console output) failed")
		}
		if _, ok := f.entry(f.a, h); !ok {
			t.Error("CloseHandle(0x7) closed handle 0x4")
		}
		if f.k.SetEvent(f.ta, ConsoleOutput) || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
			t.Error("SetEvent(0x7) reached the event at 0x4")
		}
		if IsConsoleHandle(CurrentProcess) || IsConsoleHandle(CurrentThread) {
			t.Error("a pseudo handle taken for a console handle")
		}
	})
}

// Console input is typed in advance; ReadFile on the console input handle
// returns one line with "\r\n" ("High-Level Console Input and Output
// Functions", ENABLE_LINE_INPUT) and waits when nothing is typed.
func TestConsoleInput(t *testing.T) {
	f := newFx(t)
	f.k.TypeConsoleInput(f.a, "dir\nexit")
	if line, ok, _ := f.k.ReadConsoleLine(f.ta, ConsoleInput, 100); !ok || line != "dir\r\n" {
		t.Errorf("first line %q, %v", line, ok)
	}
	if line, ok, _ := f.k.ReadConsoleLine(f.ta, ConsoleInput, 3); !ok || line != "exi" {
		t.Errorf("a short read %q, %v", line, ok)
	}
	if line, ok, _ := f.k.ReadConsoleLine(f.ta, ConsoleInput, 100); !ok || line != "t\r\n" {
		t.Errorf("the rest %q, %v", line, ok)
	}
	if _, ok, _ := f.k.ReadConsoleLine(f.ta, ConsoleOutput, 100); ok || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
		t.Error("reading the output handle did not fail")
	}
	if _, _, pending := f.k.ReadConsoleLine(f.ta, ConsoleInput, 100); !pending || f.k.CanCall(f.ta) {
		t.Error("reading with nothing typed did not wait")
	}
	f.k.ExitProcess(f.ta, 0)
	if err := f.k.Check(); err != nil {
		t.Error(err)
	}
}

// "Sleep function": INFINITE never returns; time is not modelled, so a
// finite Sleep returns at once. "WaitForInputIdle function": a console
// application returns immediately; Wine 8 probe (docs/wine-probes/stdio):
// WAIT_FAILED, last error untouched; a thread handle gives WAIT_FAILED with
// ERROR_INVALID_HANDLE.
func TestSleepAndInputIdle(t *testing.T) {
	f := newFx(t)
	if f.k.Sleep(f.ta, 1000) || !f.k.CanCall(f.ta) {
		t.Error("Sleep(1000) waits")
	}
	pi := f.spawn(f.ta, "Child.exe", false)
	f.k.SetLastError(f.ta, untouched)
	if r := f.k.WaitForInputIdle(f.ta, pi.HProcess, INFINITE); r != WAIT_FAILED || f.lastErr(f.ta) != untouched {
		t.Errorf("WaitForInputIdle = %#x, %v; want WAIT_FAILED, last error untouched", r, f.lastErr(f.ta))
	}
	if r := f.k.WaitForInputIdle(f.ta, pi.HThread, INFINITE); r != WAIT_FAILED || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
		t.Errorf("WaitForInputIdle(thread) = %#x, %v", r, f.lastErr(f.ta))
	}
	if !f.k.Sleep(pi.TID, INFINITE) || f.k.CanCall(pi.TID) {
		t.Error("Sleep(INFINITE) returned")
	}
	if !f.k.TerminateProcess(f.ta, pi.HProcess, 1) || len(f.k.TakeCompletions()) != 0 {
		t.Error("TerminateProcess of a sleeping process")
	}
}

// "WaitForMultipleObjects function"; WRK base/ntos/ob/obwait.c (count and
// duplicate checks); Wine dlls/kernel32/tests/sync.c test_WaitForMultipleObjects
// (the lowest signaled index wins).
func TestWaitForMultipleObjects(t *testing.T) {
	f := newFx(t)
	e0 := f.k.CreateEvent(f.ta, nil, false, false, "E0")
	e1 := f.k.CreateEvent(f.ta, nil, false, true, "E1")
	e2 := f.k.CreateEvent(f.ta, nil, true, true, "")
	if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{e0, e1, e2}, false, 0); r != WAIT_OBJECT_0+1 || f.obj(f.a, e1).Signaled || !f.obj(f.a, e2).Signaled {
		t.Errorf("any: %#x; only the winner may change", r)
	}
	if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{e0, e1}, true, 0); r != WAIT_TIMEOUT {
		t.Errorf("all, not all signaled: %#x", r)
	}
	if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{e2, e2}, true, 0); r != WAIT_FAILED || f.lastErr(f.ta) != ERROR_INVALID_PARAMETER {
		t.Errorf("all, twice the same: %#x, %v", r, f.lastErr(f.ta))
	}
	if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{e2, e2}, false, 0); r != WAIT_OBJECT_0 {
		t.Errorf("any, twice the same: %#x", r)
	}
	for _, hs := range [][]Handle{nil, make([]Handle, MAXIMUM_WAIT_OBJECTS+1)} {
		if r, _ := f.k.WaitForMultipleObjects(f.ta, hs, false, 0); r != WAIT_FAILED || f.lastErr(f.ta) != ERROR_INVALID_PARAMETER {
			t.Errorf("%d handles: %#x, %v", len(hs), r, f.lastErr(f.ta))
		}
	}
	if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{e2, 0x1234}, false, 0); r != WAIT_FAILED || f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
		t.Errorf("a bad handle after a signaled one: %#x, %v", r, f.lastErr(f.ta))
	}
	// Blocked with bWaitAll: both events must be set; then both are taken.
	if _, pending := f.k.WaitForMultipleObjects(f.ta, []Handle{e0, e1}, true, INFINITE); !pending {
		t.Fatal("did not block")
	}
	o0, o1 := f.obj(f.a, e0), f.obj(f.a, e1)
	f.k.SetEvent(f.tb, f.k.OpenEvent(f.tb, EVENT_ALL_ACCESS, false, "E0"))
	if len(f.k.TakeCompletions()) != 0 || !o0.Signaled {
		t.Fatal("completed with one of two events, or took the first")
	}
	f.k.SetEvent(f.tb, f.k.OpenEvent(f.tb, EVENT_ALL_ACCESS, false, "E1"))
	cs := f.k.TakeCompletions()
	if len(cs) != 1 || cs[0].Ret != uint64(WAIT_OBJECT_0) || o0.Signaled || o1.Signaled {
		t.Errorf("completions %+v; both auto-reset events must be reset", cs)
	}
}

// "FlushFileBuffers function": on a pipe it returns once the other end has
// read everything; it needs write access. Wine 8 probe
// (docs/wine-probes/stdio): TRUE on an empty pipe and on one whose reader
// closed; FALSE with ERROR_INVALID_HANDLE on an event.
func TestFlushFileBuffers(t *testing.T) {
	f := newFx(t)
	r, w, _ := f.k.CreatePipe(f.ta, nil, 0)
	if ok, pending := f.k.FlushFileBuffers(f.ta, w); !ok || pending {
		t.Error("an empty pipe's flush did not return TRUE at once")
	}
	if ok, _ := f.k.FlushFileBuffers(f.ta, r); ok || f.lastErr(f.ta) != ERROR_ACCESS_DENIED {
		t.Error("flushing the read end did not fail with ERROR_ACCESS_DENIED")
	}
	ev := f.k.CreateEvent(f.ta, nil, false, false, "")
	if ok, _ := f.k.FlushFileBuffers(f.ta, ev); ok || f.lastErr(f.ta) != ERROR_ACCESS_DENIED && f.lastErr(f.ta) != ERROR_INVALID_HANDLE {
		t.Error("flushing an event succeeded")
	}
	r2, w2, _ := f.k.CreatePipe(f.ta, nil, 0)
	f.k.CloseHandle(f.ta, r2)
	if ok, pending := f.k.FlushFileBuffers(f.ta, w2); !ok || pending {
		t.Error("flushing a pipe whose reader closed: want TRUE at once (Wine 8 probe)")
	}
	// A second process reads; the first flushes and waits for it.
	hB, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, r, f.k.OpenProcess(f.ta, PROCESS_ALL_ACCESS, false, f.b), true, 0, false, DUPLICATE_SAME_ACCESS)
	f.k.WriteData(f.ta, w, "abc", UnitANSI)
	if _, pending := f.k.FlushFileBuffers(f.ta, w); !pending {
		t.Fatal("flush with unread data did not wait")
	}
	f.k.ReadFile(f.tb, hB, 2)
	if len(f.k.TakeCompletions()) != 0 {
		t.Fatal("flush returned with a byte unread")
	}
	f.k.ReadFile(f.tb, hB, 2)
	if cs := f.k.TakeCompletions(); len(cs) != 1 || cs[0].Ret != 1 {
		t.Errorf("flush completions %+v, want TRUE", cs)
	}
}

// Wine dlls/kernel32/tests/sync.c test_WaitForMultipleObjects (passes on
// Windows): MAXIMUM_WAIT_OBJECTS events can be waited on; a manual-reset
// event at index 0 stays signaled and wins every time; once reset, each
// wait takes the lowest signaled auto-reset event and leaves the rest.
func TestWaitForMultipleObjectsWine(t *testing.T) {
	f := newFx(t)
	hs := make([]Handle, MAXIMUM_WAIT_OBJECTS)
	for i := range hs {
		hs[i] = f.k.CreateEvent(f.ta, nil, i == 0, true, "")
	}
	for range 2 {
		if r, _ := f.k.WaitForMultipleObjects(f.ta, hs, false, 0); r != WAIT_OBJECT_0 {
			t.Fatalf("= %#x, want handle #0 first", r)
		}
	}
	f.k.ResetEvent(f.ta, hs[0])
	for i := 1; i < len(hs); i++ {
		if r, _ := f.k.WaitForMultipleObjects(f.ta, hs, false, 0); r != WAIT_OBJECT_0+uint32(i) {
			t.Fatalf("wait %d = %#x, want WAIT_OBJECT_0+%d", i, r, i)
		}
	}
	if r, _ := f.k.WaitForMultipleObjects(f.ta, hs, false, 0); r != WAIT_TIMEOUT {
		t.Errorf("all taken: %#x, want WAIT_TIMEOUT", r)
	}
}

// With bWaitAll an abandoned mutex makes the result WAIT_ABANDONED_0 with
// no index (Wine 8 probe, docs/wine-probes/stdio: 0x80 with the mutex at
// index 1); with bWaitAll FALSE it is WAIT_ABANDONED_0 + its index (0x81).
func TestWaitAllAbandoned(t *testing.T) {
	for _, all := range []bool{false, true} {
		f := newFx(t)
		ev := f.k.CreateEvent(f.ta, nil, true, all, "")
		f.k.CreateMutex(f.tb, nil, true, "M")
		m := f.k.OpenMutex(f.ta, MUTEX_ALL_ACCESS, false, "M")
		f.k.ExitProcess(f.tb, 0)
		want := map[bool]uint32{false: WAIT_ABANDONED_0 + 1, true: WAIT_ABANDONED_0}[all]
		if r, _ := f.k.WaitForMultipleObjects(f.ta, []Handle{ev, m}, all, 0); r != want {
			t.Errorf("bWaitAll %v: %#x, want %#x", all, r, want)
		}
	}
}
