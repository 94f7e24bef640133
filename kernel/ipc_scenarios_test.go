package kernel

import (
	"strconv"
	"testing"
)

// Kernel-level versions of the IPC lesson flows (issue #5, seed 002
// "8장 프로세스간 통신 (IPC) 2"). Every kernel event runs the invariant
// check (ipcNewKernel). Each scenario names its sources; the Wine 8.0 probe
// results are those of the per-call tests (ipc_calls_test.go).

// ipcScene is a kernel and its processes, with step helpers that fail the
// test on an unexpected result.
type ipcScene struct {
	t *testing.T
	k *Kernel
}

func ipcNewScene(t *testing.T) *ipcScene {
	return &ipcScene{t: t, k: ipcNewKernel(t, Config{})}
}

func (s *ipcScene) start(image string, env ...string) (PID, TID) {
	return s.k.StartProcess(image, image, env)
}

func (s *ipcScene) spawn(tid TID, cmd string, inherit bool, env []string) ProcessInformation {
	s.t.Helper()
	pi, ok := s.k.CreateProcess(tid, "", cmd, nil, nil, inherit, 0, env)
	if !ok {
		s.t.Fatalf("CreateProcess(%s): %v", cmd, s.k.GetLastError(tid))
	}
	return pi
}

func (s *ipcScene) obj(pid PID, h Handle) *Object {
	e, _, ok := s.k.ProcessByPID(pid).Proc.Lookup(h)
	if !ok {
		return nil
	}
	return s.k.Object(e.Object)
}

// events returns the events since the last call.
func (s *ipcScene) events() []Event { return s.k.TakeEvents() }

// wantEvent fails unless evs has an event of that kind matching ok.
func (s *ipcScene) wantEvent(evs []Event, kind EventKind, what string, match func(Event) bool) {
	s.t.Helper()
	for _, e := range evs {
		if e.Kind == kind && (match == nil || match(e)) {
			return
		}
	}
	s.t.Errorf("%s: no %v event in %v", what, kind, ipcEventKinds(evs))
}

func (s *ipcScene) noCompletions(what string) {
	s.t.Helper()
	if c := s.k.TakeCompletions(); len(c) != 0 {
		s.t.Fatalf("%s: unexpected completions %+v", what, c)
	}
}

func (s *ipcScene) completion(call string) Completion {
	s.t.Helper()
	c := s.k.TakeCompletions()
	if len(c) != 1 || c[0].Call != call {
		s.t.Fatalf("completions %+v, want one %s", c, call)
	}
	return c[0]
}

// TestIPCScenarioParentToChildPipe: the parent creates an inheritable pipe,
// holds the read end back with SetHandleInformation, passes the write end's
// value to the child in an environment variable, and reads what the child
// writes.
//
// Sources: seed 002 §01 (핸들의 상속: only handles marked inheritable are
// copied, to the same value; the child learns the value by other means) and
// §02 (이름없는 파이프: 입력용 혹은 출력용 핸들을 자식 프로세스에게 상속);
// "CreatePipe function"; "SetHandleInformation function"; "Creating a
// Child Process with Redirected Input and Output" (the parent makes its own
// end non-inheritable). Wine 8.0 probe: the write end's HandleCount is 2
// after CreateProcess, the child's WriteFile through the inherited value
// succeeds and the parent reads "from child".
func TestIPCScenarioParentToChildPipe(t *testing.T) {
	s := ipcNewScene(t)
	k := s.k
	parent, tp := s.start("Parent.exe", "PATH=C:\\Windows")
	hr, hw, ok := k.CreatePipe(tp, &SecurityAttributes{Length: 24, InheritHandle: true}, 0)
	if !ok || hr != 4 || hw != 8 {
		t.Fatalf("CreatePipe %#x %#x", hr, hw)
	}
	if !k.SetHandleInformation(tp, hr, HANDLE_FLAG_INHERIT, 0) {
		t.Fatal("SetHandleInformation")
	}
	s.wantEvent(s.events(), EvFlagsChanged, "read end held back", func(e Event) bool { return e.Handle == hr && e.OldFlags == 1 && e.Flags == 0 })
	k.SetEnvironmentVariable(tp, "HWRITE", strconv.Itoa(int(hw)), false)

	pi := s.spawn(tp, "Child.exe", true, nil)
	evs := s.events()
	s.wantEvent(evs, EvInheritScan, "read end skipped", func(e Event) bool { return e.Handle == hr && !e.Copied })
	s.wantEvent(evs, EvInheritScan, "write end copied", func(e Event) bool { return e.Handle == hw && e.Copied && e.TargetPID == pi.PID })
	s.wantEvent(evs, EvHandleAdded, "write end in the child", func(e Event) bool {
		return e.PID == pi.PID && e.Handle == hw && e.Cause == CauseInherit && e.SrcPID == parent
	})
	child := k.ProcessByPID(pi.PID).Proc
	if child.HandleCountInTable() != 1 {
		t.Fatalf("child table %+v", child.Entries())
	}
	if o := s.obj(pi.PID, hw); o == nil || o != s.obj(parent, hw) || o.UsageCount() != 2 {
		t.Fatal("the child's handle 8 is not the parent's write end (usage 2)")
	}
	if s.obj(pi.PID, hr) != nil || s.obj(parent, hr).UsageCount() != 1 {
		t.Fatal("the read end was inherited")
	}
	// hProcess and hThread come after the copy, at the parent's next free
	// indexes.
	if pi.HProcess != 12 || pi.HThread != 16 {
		t.Errorf("hProcess %#x hThread %#x", pi.HProcess, pi.HThread)
	}

	// The child learns the value from its environment (a copy of the
	// parent's block) and writes.
	v, n := k.GetEnvironmentVariable(pi.TID, "HWRITE", 16)
	if v != "8" || n != 1 {
		t.Fatalf("HWRITE %q %d", v, n)
	}
	h, _ := strconv.Atoi(v)
	if n, ok := k.WriteFile(pi.TID, Handle(h), "from child"); !ok || n != 10 {
		t.Fatalf("child WriteFile: %v", k.GetLastError(pi.TID))
	}
	s.wantEvent(s.events(), EvDataWritten, "child's write", func(e Event) bool {
		return e.PID == pi.PID && e.Object == s.obj(parent, hr).ID && e.Data == "from child"
	})
	if d, ok, _ := k.ReadFile(tp, hr, 64); !ok || d != "from child" {
		t.Fatalf("parent ReadFile %q %v", d, k.GetLastError(tp))
	}
	s.wantEvent(s.events(), EvDataRead, "parent's read", func(e Event) bool { return e.PID == parent && e.Bytes == 10 })

	// The child exits: its copy goes, the parent's write end is back at 1.
	k.ExitProcess(pi.TID, 0)
	if u := s.obj(parent, hw).UsageCount(); u != 1 {
		t.Errorf("write end usage %d after the child exited", u)
	}
}

// TestIPCScenarioEOFChildReads is the classic lesson, reader = child: the
// child inherits the read end (its "stdin"); the parent writes, and the
// child sees end-of-file (ERROR_BROKEN_PIPE) only once every write handle is
// closed, the parent's included.
//
// Sources: "Anonymous Pipe Operations" (a read returns when the write
// handles are closed); "CreatePipe function"; seed 002 §02; Wine 8.0 probe:
// ReadFile of an empty pipe waits while any write handle is open and fails
// with ERROR_BROKEN_PIPE (109) after the last one closes.
func TestIPCScenarioEOFChildReads(t *testing.T) {
	t.Run("parent closes its write end", func(t *testing.T) {
		s := ipcNewScene(t)
		k := s.k
		_, tp := s.start("Parent.exe")
		hr, hw, _ := k.CreatePipe(tp, &SecurityAttributes{Length: 24, InheritHandle: true}, 0)
		k.SetHandleInformation(tp, hw, HANDLE_FLAG_INHERIT, 0) // keep the write end home
		pi := s.spawn(tp, "Sort.exe", true, nil)
		k.CloseHandle(tp, hr) // the parent does not read
		k.WriteFile(tp, hw, "b\na\n")
		if d, ok, _ := k.ReadFile(pi.TID, hr, 64); !ok || d != "b\na\n" {
			t.Fatalf("child read %q", d)
		}
		// No data: the child waits, because the parent's write end is open.
		if _, ok, pending := k.ReadFile(pi.TID, hr, 64); ok || !pending {
			t.Fatal("the child's read did not wait")
		}
		s.wantEvent(s.events(), EvWaitStarted, "child waits", func(e Event) bool { return e.TID == pi.TID && e.Detail == "ReadFile" })
		if k.CanCall(pi.TID) {
			t.Fatal("a waiting child can call")
		}
		s.noCompletions("parent still holds the write end")
		// The parent closes it: end of file.
		k.CloseHandle(tp, hw)
		c := s.completion("ReadFile")
		if c.TID != pi.TID || c.Ret != 0 || c.Err != ERROR_BROKEN_PIPE || k.GetLastError(pi.TID) != ERROR_BROKEN_PIPE {
			t.Errorf("completion %+v, last error %v", c, k.GetLastError(pi.TID))
		}
		evs := s.events()
		s.wantEvent(evs, EvObjectDestroyed, "write end destroyed", nil)
		s.wantEvent(evs, EvWaitSatisfied, "child's read returns", func(e Event) bool { return e.TID == pi.TID && e.Err == ERROR_BROKEN_PIPE })
	})
	t.Run("the child inherited a write end too: no end of file", func(t *testing.T) {
		s := ipcNewScene(t)
		k := s.k
		_, tp := s.start("Parent.exe")
		hr, hw, _ := k.CreatePipe(tp, &SecurityAttributes{Length: 24, InheritHandle: true}, 0)
		// The parent forgot SetHandleInformation: both ends are inherited.
		pi := s.spawn(tp, "Sort.exe", true, nil)
		k.CloseHandle(tp, hr)
		k.WriteFile(tp, hw, "x")
		k.ReadFile(pi.TID, hr, 64)
		k.CloseHandle(tp, hw)
		if _, ok, pending := k.ReadFile(pi.TID, hr, 64); ok || !pending {
			t.Fatal("the child's read did not wait")
		}
		// Every handle the parent had is closed, yet the read waits: the
		// child's own inherited copy of the write end keeps the pipe open,
		// and the child, blocked, can never close it.
		s.noCompletions("the child's inherited write end")
		w := s.obj(pi.PID, hw)
		if w == nil || w.UsageCount() != 1 || w.Pipe.End != EndWrite {
			t.Fatal("the child does not hold the write end")
		}
		refs := k.Snapshot().HandlesTo(w.ID)
		if len(refs) != 1 || refs[0].PID != pi.PID {
			t.Errorf("handles to the write end %+v", refs)
		}
		// Only killing the child ends it (its wait is abandoned, not
		// completed).
		k.TerminateProcess(tp, pi.HProcess, 1)
		s.noCompletions("terminated reader")
		if !w.Destroyed {
			t.Error("write end survives its last holder")
		}
	})
}

// TestIPCScenarioEOFParentReads is the lesson the other way round, reader =
// parent: the child inherits the write end and writes; the parent sees end
// of file only if it closed its own write end.
//
// Sources: "Creating a Child Process with Redirected Input and Output" (the
// parent closes its handle to the write end before reading, or ReadFile
// never returns); Wine 8.0 probe: with the parent's write end closed, the
// parent's ReadFile waited until the child (holding the inherited copy)
// exited and then failed with ERROR_BROKEN_PIPE; with it open, PeekNamedPipe
// after the child exited showed an open, empty pipe.
func TestIPCScenarioEOFParentReads(t *testing.T) {
	setup := func(t *testing.T) (*ipcScene, TID, Handle, Handle, ProcessInformation) {
		s := ipcNewScene(t)
		k := s.k
		_, tp := s.start("Parent.exe")
		hr, hw, _ := k.CreatePipe(tp, &SecurityAttributes{Length: 24, InheritHandle: true}, 0)
		k.SetHandleInformation(tp, hr, HANDLE_FLAG_INHERIT, 0)
		pi := s.spawn(tp, "Producer.exe", true, nil)
		if n, ok := k.WriteFile(pi.TID, hw, "result"); !ok || n != 6 {
			t.Fatal("child write")
		}
		return s, tp, hr, hw, pi
	}
	t.Run("parent closed its write end", func(t *testing.T) {
		s, tp, hr, hw, pi := setup(t)
		k := s.k
		k.CloseHandle(tp, hw)
		if d, ok, _ := k.ReadFile(tp, hr, 64); !ok || d != "result" {
			t.Fatalf("read %q", d)
		}
		if _, _, pending := k.ReadFile(tp, hr, 64); !pending {
			t.Fatal("no wait while the child runs")
		}
		k.ExitProcess(pi.TID, 0) // the child's inherited write end closes
		if c := s.completion("ReadFile"); c.Err != ERROR_BROKEN_PIPE || c.TID != tp {
			t.Errorf("completion %+v", c)
		}
	})
	t.Run("parent kept its write end", func(t *testing.T) {
		s, tp, hr, _, pi := setup(t)
		k := s.k
		k.ReadFile(tp, hr, 64)
		k.ExitProcess(pi.TID, 0)
		// The child is gone; the pipe is not broken, because the parent
		// itself holds a write end.
		if d, avail, _, ok := k.PeekNamedPipe(tp, hr, 8); !ok || d != "" || avail != 0 {
			t.Fatalf("peek %q %d %v", d, avail, k.GetLastError(tp))
		}
		if _, ok, pending := k.ReadFile(tp, hr, 64); ok || !pending {
			t.Fatal("the read did not wait")
		}
		s.noCompletions("the parent waits on itself")
		if k.CanCall(tp) {
			t.Error("the parent can call: it should be stuck in ReadFile")
		}
	})
}

// TestIPCScenarioNamedPipeServer: a server with one instance, a client that
// connects, a second client that finds it busy and waits, and the server
// reusing the instance (Disconnect, then Connect).
//
// Sources: seed 002 §02 (이름있는 파이프: CreateNamedPipe → ConnectNamedPipe
// 연결 대기 → client CreateFile; PIPE_TYPE_MESSAGE, PIPE_READMODE_MESSAGE,
// PIPE_WAIT); "Named Pipe Server Using Overlapped I/O" and "Named Pipe Client"
// (ERROR_PIPE_BUSY, then WaitNamedPipe); "ConnectNamedPipe function",
// "DisconnectNamedPipe function", "WaitNamedPipeW function"; Wine pipe.c
// (busy instance, ERROR_MORE_DATA); Wine 8.0 probe (blocking
// ConnectNamedPipe and WaitNamedPipe, ERROR_BROKEN_PIPE after the client's
// close).
func TestIPCScenarioNamedPipeServer(t *testing.T) {
	const name = `\\.\pipe\echo`
	s := ipcNewScene(t)
	k := s.k
	srv, ts := s.start("Server.exe")
	c1, t1 := s.start("Client1.exe")
	c2, t2 := s.start("Client2.exe")

	hs := k.CreateNamedPipe(ts, name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_WAIT, 1, 0, 0, 0, nil)
	if hs != 4 {
		t.Fatalf("CreateNamedPipe %#x %v", hs, k.GetLastError(ts))
	}
	server := s.obj(srv, hs)
	s.wantEvent(s.events(), EvObjectCreated, "instance", func(e Event) bool { return e.Object == server.ID && e.Name == name })
	if ok, pending := k.ConnectNamedPipe(ts, hs); ok || !pending {
		t.Fatal("ConnectNamedPipe did not wait")
	}
	s.wantEvent(s.events(), EvWaitStarted, "server waits", func(e Event) bool { return e.TID == ts && e.Object == server.ID })

	// Client 1 connects: the server's ConnectNamedPipe returns TRUE.
	h1 := k.CreateFile(t1, name, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if h1 != 4 {
		t.Fatalf("client 1: %v", k.GetLastError(t1))
	}
	if c := s.completion("ConnectNamedPipe"); c.Ret != 1 || c.TID != ts {
		t.Errorf("completion %+v", c)
	}
	evs := s.events()
	s.wantEvent(evs, EvPipeConnected, "client 1 connects", func(e Event) bool { return e.PID == c1 && e.Object == server.ID })
	s.wantEvent(evs, EvWaitSatisfied, "ConnectNamedPipe returns", func(e Event) bool { return e.TID == ts && e.Code == 1 })

	// Client 2: busy; it waits for an instance.
	if h := k.CreateFile(t2, name, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0); h != INVALID_HANDLE_VALUE || k.GetLastError(t2) != ERROR_PIPE_BUSY {
		t.Fatalf("client 2: %#x %v", h, k.GetLastError(t2))
	}
	if ok, pending := k.WaitNamedPipe(t2, name, NMPWAIT_WAIT_FOREVER); ok || !pending {
		t.Fatal("WaitNamedPipe did not wait")
	}

	// A request and a reply, in messages.
	k.WriteFile(t1, h1, "request #1")
	if d, ok, _ := k.ReadFile(ts, hs, 64); !ok || d != "request #1" {
		t.Fatalf("server read %q", d)
	}
	k.WriteFile(ts, hs, "reply to #1")
	if !k.SetNamedPipeHandleState(t1, h1, modeOf(PIPE_READMODE_MESSAGE)) {
		t.Fatal("client message mode")
	}
	if d, ok, _ := k.ReadFile(t1, h1, 8); ok || d != "reply to" || k.GetLastError(t1) != ERROR_MORE_DATA {
		t.Fatalf("short read %q %v", d, k.GetLastError(t1))
	}
	if d, ok, _ := k.ReadFile(t1, h1, 8); !ok || d != " #1" {
		t.Fatalf("rest %q", d)
	}
	// The server waits for the next request; the client closes instead.
	if _, _, pending := k.ReadFile(ts, hs, 64); !pending {
		t.Fatal("server read did not wait")
	}
	k.CloseHandle(t1, h1)
	if c := s.completion("ReadFile"); c.Err != ERROR_BROKEN_PIPE {
		t.Errorf("completion %+v", c)
	}
	if server.Pipe.Conn != ConnClosing {
		t.Errorf("server %v", server.Pipe.Conn)
	}

	// Reuse the instance: DisconnectNamedPipe, then ConnectNamedPipe makes
	// it listen, which releases client 2's WaitNamedPipe.
	if !k.DisconnectNamedPipe(ts, hs) {
		t.Fatal(k.GetLastError(ts))
	}
	s.wantEvent(s.events(), EvPipeDisconnected, "disconnect", func(e Event) bool { return e.Object == server.ID })
	s.noCompletions("disconnected is not listening")
	if _, pending := k.ConnectNamedPipe(ts, hs); !pending {
		t.Fatal("second ConnectNamedPipe did not wait")
	}
	if c := s.completion("WaitNamedPipe"); c.TID != t2 || c.Ret != 1 {
		t.Errorf("completion %+v", c)
	}
	h2 := k.CreateFile(t2, name, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if h2 == INVALID_HANDLE_VALUE {
		t.Fatal(k.GetLastError(t2))
	}
	s.completion("ConnectNamedPipe")
	s.wantEvent(s.events(), EvPipeConnected, "client 2 connects", func(e Event) bool { return e.PID == c2 })
	k.WriteFile(t2, h2, "request #2")
	if d, _, _ := k.ReadFile(ts, hs, 64); d != "request #2" {
		t.Errorf("server read %q", d)
	}

	// The server exits: the client's end breaks; the name is gone.
	k.ExitProcess(ts, 0)
	if _, ok, _ := k.ReadFile(t2, h2, 8); ok || k.GetLastError(t2) != ERROR_BROKEN_PIPE {
		t.Errorf("client read after the server exited: %v", k.GetLastError(t2))
	}
	if h := k.CreateFile(t1, name, GENERIC_READ, 0, nil, OPEN_EXISTING, 0); h != INVALID_HANDLE_VALUE || k.GetLastError(t1) != ERROR_FILE_NOT_FOUND {
		t.Errorf("pipe name outlived its instance: %v", k.GetLastError(t1))
	}
}

// TestIPCScenarioMailslotTwoWriters: a mailslot server and two unrelated
// writers; messages keep their boundaries and their order.
//
// Sources: seed 002 §02 (메일슬롯: 서로 관련 없는 프로세스들 사이의 IPC) and §01
// (CreateMailslot with SECURITY_ATTRIBUTES); "CreateMailslotW function",
// "Writing to a Mailslot", "Reading from a Mailslot" (GetMailslotInfo, then
// one ReadFile per message); Wine mailslot.c (two writers; dwNext and
// dwMsgCount).
func TestIPCScenarioMailslotTwoWriters(t *testing.T) {
	const name = `\\.\mailslot\news`
	s := ipcNewScene(t)
	k := s.k
	srv, ts := s.start("Receiver.exe")
	a, ta := s.start("SenderA.exe")
	b, tb := s.start("SenderB.exe")
	hs := k.CreateMailslot(ts, name, 0, MAILSLOT_WAIT_FOREVER, nil)
	if hs == INVALID_HANDLE_VALUE {
		t.Fatal(k.GetLastError(ts))
	}
	slot := s.obj(srv, hs)
	// The receiver waits first.
	if _, _, pending := k.ReadFile(ts, hs, 100); !pending {
		t.Fatal("no wait")
	}
	ha := k.CreateFile(ta, name, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
	hb := k.CreateFile(tb, name, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
	if ha == INVALID_HANDLE_VALUE || hb == INVALID_HANDLE_VALUE {
		t.Fatal("writers")
	}
	if s.obj(a, ha) == s.obj(b, hb) || s.obj(a, ha).Pipe.Peer != slot.ID || slot.UsageCount() != 1 {
		t.Error("each writer has its own client object; the mailslot's usage stays 1")
	}
	k.WriteFile(ta, ha, "A1")
	if c := s.completion("ReadFile"); c.Data != "A1" || c.TID != ts {
		t.Errorf("completion %+v", c)
	}
	k.WriteFile(tb, hb, "B1 longer")
	k.WriteFile(ta, ha, "A2")
	evs := s.events()
	s.wantEvent(evs, EvDataWritten, "B's write", func(e Event) bool { return e.PID == b && e.Object == slot.ID && e.Data == "B1 longer" })
	s.wantEvent(evs, EvDataWritten, "A's write", func(e Event) bool { return e.PID == a && e.Data == "A2" })
	if _, next, count, _, ok := k.GetMailslotInfo(ts, hs); !ok || next != 9 || count != 2 {
		t.Errorf("info next %d count %d", next, count)
	}
	for _, want := range []string{"B1 longer", "A2"} {
		if d, ok, _ := k.ReadFile(ts, hs, 100); !ok || d != want {
			t.Errorf("read %q, want %q", d, want)
		}
	}
	if _, next, count, _, _ := k.GetMailslotInfo(ts, hs); next != MAILSLOT_NO_MESSAGE || count != 0 {
		t.Errorf("info next %#x count %d", next, count)
	}
	// A writer leaving changes nothing for the other.
	k.CloseHandle(ta, ha)
	if _, ok := k.WriteFile(tb, hb, "B2"); !ok {
		t.Error(k.GetLastError(tb))
	}
	if d, _, _ := k.ReadFile(ts, hs, 100); d != "B2" {
		t.Errorf("read %q", d)
	}
}

// TestIPCScenarioHandleInEnvironment: a handle value travels to the child in
// an environment variable, in the copied block or in an lpEnvironment the
// parent builds; the child uses it to signal the parent, whose
// WaitForSingleObject(INFINITE) returns.
//
// Sources: seed 002 §01 (상속된 핸들의 번호로 커널 오브젝트 사용) and §03 (프로세스
// 환경변수: 자식 프로세스 생성 시 환경변수 등록 가능, 부모의 환경변수 상속 가능);
// "CreateProcessW function" (lpEnvironment); "GetEnvironmentVariableW
// function"; Wine 8.0 probe (the child read the parent's variable through
// the copied block, and only the given block with lpEnvironment).
func TestIPCScenarioHandleInEnvironment(t *testing.T) {
	for _, explicit := range []bool{false, true} {
		name := "copied block"
		if explicit {
			name = "lpEnvironment"
		}
		t.Run(name, func(t *testing.T) {
			s := ipcNewScene(t)
			k := s.k
			parent, tp := s.start("Parent.exe", "PATH=C:\\Windows")
			he := k.CreateEvent(tp, &SecurityAttributes{Length: 24, InheritHandle: true}, true, false, "")
			value := strconv.Itoa(int(he))
			var env []string
			if explicit {
				env = []string{"HEVENT=" + value}
			} else {
				k.SetEnvironmentVariable(tp, "HEVENT", value, false)
			}
			pi := s.spawn(tp, "Child.exe", true, env)
			if _, pending := k.WaitForSingleObject(tp, he, INFINITE); !pending {
				t.Fatal("the parent did not wait")
			}
			v, n := k.GetEnvironmentVariable(pi.TID, "HEVENT", 8)
			if v != value || n != uint32(len(value)) {
				t.Fatalf("child HEVENT %q %d", v, n)
			}
			if _, n := k.GetEnvironmentVariable(pi.TID, "PATH", 64); (n != 0) == explicit {
				t.Errorf("PATH in the child: %d (explicit block %v)", n, explicit)
			}
			h, _ := strconv.Atoi(v)
			if s.obj(pi.PID, Handle(h)) != s.obj(parent, he) {
				t.Fatal("the value does not name the parent's event in the child")
			}
			if !k.SetEvent(pi.TID, Handle(h)) {
				t.Fatal(k.GetLastError(pi.TID))
			}
			if c := s.completion("WaitForSingleObject"); c.TID != tp || c.Ret != uint64(WAIT_OBJECT_0) {
				t.Errorf("completion %+v", c)
			}
		})
	}
}

// TestIPCScenarioKillByName is seed 002 §04's kill command: list the
// processes with Toolhelp, find the one whose szExeFile matches, open it
// with PROCESS_TERMINATE, TerminateProcess it; whoever holds a handle reads
// the exit code.
//
// Sources: seed 002 §04 (CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
// Process32First/Next; OpenProcess(PROCESS_TERMINATE, …); TerminateProcess;
// 프로세스 이름 → 프로세스 ID → 프로세스 핸들); "Taking a Snapshot and Viewing
// Processes"; "TerminateProcess function"; "GetExitCodeProcess function";
// Wine 8.0 probe (snapshot is a Section in the caller's table; the child's
// entry names its parent; TerminateProcess(7) then GetExitCodeProcess gives
// 7; WaitForSingleObject(INFINITE) on the process returns).
func TestIPCScenarioKillByName(t *testing.T) {
	s := ipcNewScene(t)
	k := s.k
	shell, tsh := s.start("cmd.exe")
	launcher, tl := s.start("Launcher.exe")
	pi := s.spawn(tl, `C:\Windows\System32\notepad.exe memo.txt`, false, nil)
	_, tw := s.start("Watcher.exe")
	hw := k.OpenProcess(tw, SYNCHRONIZE|PROCESS_QUERY_LIMITED_INFORMATION, false, pi.PID)
	if _, pending := k.WaitForSingleObject(tw, hw, INFINITE); !pending {
		t.Fatal("the watcher did not wait")
	}

	// kill notepad.exe, in the shell.
	snap := k.CreateToolhelp32Snapshot(tsh, TH32CS_SNAPPROCESS, 0)
	so := s.obj(shell, snap)
	if so == nil || so.Type != TypeFileMapping || so.UsageCount() != 1 {
		t.Fatal("the snapshot is not a section in the shell's table")
	}
	var victim ProcessEntry
	var names []string
	e, ok := k.Process32First(tsh, snap)
	for ok {
		names = append(names, e.ExeFile)
		if victim.PID == 0 && e.ExeFile == "notepad.exe" {
			victim = e
		}
		e, ok = k.Process32Next(tsh, snap)
	}
	if k.GetLastError(tsh) != ERROR_NO_MORE_FILES || len(names) != 4 {
		t.Fatalf("listing %v (%v)", names, k.GetLastError(tsh))
	}
	if victim.PID != pi.PID || victim.ParentPID != launcher || victim.Threads != 1 {
		t.Fatalf("victim %+v", victim)
	}
	hp := k.OpenProcess(tsh, PROCESS_TERMINATE, false, victim.PID)
	if hp == 0 {
		t.Fatal(k.GetLastError(tsh))
	}
	notepad := s.obj(shell, hp)
	// The launcher's hProcess, the watcher's and the shell's handles, and
	// the running reference.
	if notepad.UsageCount() != 4 {
		t.Errorf("notepad usage %d", notepad.UsageCount())
	}
	if code, ok := k.GetExitCodeProcess(tsh, hp); ok || code != 0 || k.GetLastError(tsh) != ERROR_ACCESS_DENIED {
		t.Error("PROCESS_TERMINATE is not enough to read the exit code")
	}
	if !k.TerminateProcess(tsh, hp, 1) {
		t.Fatal(k.GetLastError(tsh))
	}
	evs := s.events()
	s.wantEvent(evs, EvProcessExited, "notepad exits", func(e Event) bool { return e.TargetPID == pi.PID && e.Code == 1 })
	s.wantEvent(evs, EvWaitSatisfied, "the watcher's wait returns", func(e Event) bool { return e.TID == tw && e.Object == notepad.ID })
	if c := s.completion("WaitForSingleObject"); c.TID != tw || c.Ret != uint64(WAIT_OBJECT_0) {
		t.Errorf("completion %+v", c)
	}
	k.CloseHandle(tsh, hp)
	k.CloseHandle(tsh, snap)
	if !so.Destroyed {
		t.Error("the snapshot survived its only handle")
	}
	if notepad.Destroyed || notepad.UsageCount() != 2 {
		t.Errorf("notepad usage %d: the launcher's and watcher's handles keep it", notepad.UsageCount())
	}
	// The launcher reads the exit code; killing it again fails.
	if code, ok := k.GetExitCodeProcess(tl, pi.HProcess); !ok || code != 1 {
		t.Errorf("exit code %d %v", code, ok)
	}
	if k.TerminateProcess(tl, pi.HProcess, 2) || k.GetLastError(tl) != ERROR_ACCESS_DENIED {
		t.Error("TerminateProcess of a dead process")
	}
	// The kill command again finds no notepad.
	snap = k.CreateToolhelp32Snapshot(tsh, TH32CS_SNAPPROCESS, 0)
	for e, ok := k.Process32First(tsh, snap); ok; e, ok = k.Process32Next(tsh, snap) {
		if e.ExeFile == "notepad.exe" {
			t.Error("a terminated process is listed")
		}
	}
}

// TestIPCScenarioWaitForChild: WaitForSingleObject(hProcess, INFINITE)
// returns when the child exits; meanwhile GetExitCodeProcess says
// STILL_ACTIVE.
//
// Sources: "WaitForSingleObject function" (process objects are signaled
// when the process terminates); "GetExitCodeProcess function"
// (STILL_ACTIVE, 259); seed 002 §04; Wine 8.0 probe (WAIT_OBJECT_0 after the
// child ended, GetExitCodeProcess then gives its code).
func TestIPCScenarioWaitForChild(t *testing.T) {
	s := ipcNewScene(t)
	k := s.k
	_, tp := s.start("Parent.exe")
	pi := s.spawn(tp, "Child.exe", false, nil)
	child := k.ProcessByPID(pi.PID)
	if r, pending := k.WaitForSingleObject(tp, pi.HProcess, INFINITE); r != 0 || !pending {
		t.Fatal("no wait")
	}
	s.wantEvent(s.events(), EvWaitStarted, "wait starts", func(e Event) bool {
		return e.TID == tp && e.Object == child.ID && e.Detail == "WaitForSingleObject"
	})
	// A second observer reads the exit code while the child runs.
	_, to := s.start("Observer.exe")
	ho := k.OpenProcess(to, PROCESS_QUERY_INFORMATION, false, pi.PID)
	if code, ok := k.GetExitCodeProcess(to, ho); !ok || code != STILL_ACTIVE {
		t.Errorf("running child: %d", code)
	}
	s.noCompletions("child still running")
	k.ExitProcess(pi.TID, 42)
	if c := s.completion("WaitForSingleObject"); c.TID != tp || c.Ret != uint64(WAIT_OBJECT_0) {
		t.Errorf("completion %+v", c)
	}
	s.wantEvent(s.events(), EvWaitSatisfied, "wait satisfied", func(e Event) bool { return e.TID == tp && e.Object == child.ID })
	if code, ok := k.GetExitCodeProcess(tp, pi.HProcess); !ok || code != 42 {
		t.Errorf("exit code %d", code)
	}
	// A later wait on the exited process returns at once.
	if r, pending := k.WaitForSingleObject(tp, pi.HProcess, INFINITE); r != WAIT_OBJECT_0 || pending {
		t.Error("wait on an exited process")
	}
}

// TestIPCScenarioInheritedMailslot is seed 002 §01's example of an
// inheritable handle: CreateMailslot with SECURITY_ATTRIBUTES.bInheritHandle
// TRUE; the child started with bInheritHandles TRUE gets the same value and
// can read the mailslot too; the usage count is 2.
//
// Sources: seed 002 §01 (상속이 되기 위한 핸들의 조건: CreateMailslot,
// SECURITY_ATTRIBUTES {nLength, NULL, TRUE}; 핸들의 상속과 커널 오브젝트의 Usage
// Count); "CreateMailslotW function" (lpSecurityAttributes); "CreateProcessW
// function" (bInheritHandles).
func TestIPCScenarioInheritedMailslot(t *testing.T) {
	const name = `\\.\mailslot\inherited`
	s := ipcNewScene(t)
	k := s.k
	parent, tp := s.start("Parent.exe")
	_, tw := s.start("Writer.exe")
	hs := k.CreateMailslot(tp, name, 0, 0, &SecurityAttributes{Length: 24, InheritHandle: true})
	pi := s.spawn(tp, "Child.exe", true, nil)
	slot := s.obj(parent, hs)
	if s.obj(pi.PID, hs) != slot || slot.UsageCount() != 2 {
		t.Fatalf("inherited mailslot: usage %d", slot.UsageCount())
	}
	e, _, _ := k.ProcessByPID(pi.PID).Proc.Lookup(hs)
	if e.Flags != uint8(HANDLE_FLAG_INHERIT) || e.Access != FILE_GENERIC_READ {
		t.Errorf("child's entry %+v", e)
	}
	hc := k.CreateFile(tw, name, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
	k.WriteFile(tw, hc, "to whoever reads")
	if d, ok, _ := k.ReadFile(pi.TID, hs, 64); !ok || d != "to whoever reads" {
		t.Fatalf("child read %q", d)
	}
	// The parent closes its handle; the mailslot lives on in the child.
	k.CloseHandle(tp, hs)
	if slot.Destroyed || slot.UsageCount() != 1 {
		t.Fatal("the mailslot did not survive in the child")
	}
	if _, ok := k.WriteFile(tw, hc, "still there"); !ok {
		t.Fatal(k.GetLastError(tw))
	}
	// The child exits: the last server handle goes, and with it the
	// mailslot and its name ("Reading from a Mailslot").
	k.ExitProcess(pi.TID, 0)
	if !slot.Destroyed {
		t.Fatal("the mailslot outlived its last server handle")
	}
	if h := k.CreateFile(tw, name, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0); h != INVALID_HANDLE_VALUE || k.GetLastError(tw) != ERROR_FILE_NOT_FOUND {
		t.Error("the name outlived the mailslot")
	}
}
