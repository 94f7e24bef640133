package kernel

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Tests of the IPC calls the model also implements (anonymous and named
// pipes, mailslots, plain-file contents, environment, Toolhelp), success and
// failures, each naming its source.

func rd(f *fx, tid TID, h Handle, n uint32) (string, bool, bool) { return f.k.ReadFile(tid, h, n) }

// TestAnonymousPipe: source "CreatePipe function", "Anonymous Pipe
// Operations", "ReadFile function", "WriteFile function"; seed 002 (이름없는
// 파이프: the handles are inherited by a child).
func TestAnonymousPipe(t *testing.T) {
	f := newFx(t)
	k := f.k
	hr, hw, ok := k.CreatePipe(f.ta, inheritable(), 0)
	if !ok || hr != 4 || hw != 8 {
		t.Fatalf("CreatePipe %#x %#x %v", hr, hw, ok)
	}
	r, w := f.obj(f.a, hr), f.obj(f.a, hw)
	if r.Pipe.End != EndRead || w.Pipe.End != EndWrite || r.Pipe.Peer != w.ID || r.Pipe.End.String() != "read end" {
		t.Fatalf("ends %+v %+v", r.Pipe, w.Pipe)
	}
	if e, _ := f.entry(f.a, hr); e.Flags != 1 {
		t.Error("not inheritable")
	}
	// The child inherits the read end and reads what the parent writes.
	pi := f.spawn(f.ta, "Child.exe", true)
	if n, ok := k.WriteFile(f.ta, hw, "hello "); !ok || n != 6 {
		t.Fatal("write")
	}
	k.WriteFile(f.ta, hw, "world")
	if r.Pipe.Buffered() != 11 {
		t.Errorf("buffered %d", r.Pipe.Buffered())
	}
	// Wine pipe.c test_CreateNamedPipe (passes on Windows): on a byte pipe
	// lpBytesLeftThisMessage is minus the bytes peeked.
	if d, avail, left, ok := k.PeekNamedPipe(pi.TID, hr, 3); !ok || d != "hel" || avail != 11 || left != ^uint32(2) {
		t.Errorf("peek %q %d %d", d, avail, left)
	}
	// A byte read crosses write boundaries.
	if d, ok, _ := rd(f, pi.TID, hr, 8); !ok || d != "hello wo" {
		t.Errorf("read %q", d)
	}
	if d, ok, _ := rd(f, pi.TID, hr, 100); !ok || d != "rld" {
		t.Errorf("read %q", d)
	}
	// Empty: the reader waits while a write end is open somewhere.
	if _, _, pending := rd(f, pi.TID, hr, 10); !pending {
		t.Fatal("read of an empty pipe did not wait")
	}
	k.WriteFile(f.ta, hw, "x")
	if c := k.TakeCompletions(); len(c) != 1 || c[0].Data != "x" || c[0].Call != "ReadFile" {
		t.Fatalf("completions %+v", c)
	}
	// Wrong direction.
	k.SetLastError(f.ta, 0)
	if _, ok := k.WriteFile(f.ta, hr, "x"); ok || k.GetLastError(f.ta) != ERROR_ACCESS_DENIED {
		t.Errorf("write to the read end: %v", k.GetLastError(f.ta))
	}
	if _, ok, _ := rd(f, f.ta, hw, 1); ok || k.GetLastError(f.ta) != ERROR_ACCESS_DENIED {
		t.Errorf("read from the write end: %v", k.GetLastError(f.ta))
	}
	// The reader blocks again; closing every write end breaks the pipe: the
	// parent's and the child's inherited copy.
	rd(f, pi.TID, hr, 10)
	k.CloseHandle(f.ta, hw)
	if len(k.TakeCompletions()) != 0 {
		t.Fatal("completed while the child still holds a write end")
	}
	k.TerminateProcess(f.ta, pi.HProcess, 0) // the child's copies go
	k.WriteFile(f.ta, hw, "")                // (invalid now)
	if _, ok, _ := rd(f, f.ta, hr, 10); ok || k.GetLastError(f.ta) != ERROR_BROKEN_PIPE {
		t.Errorf("read of a broken pipe: %v", k.GetLastError(f.ta))
	}
	if _, _, _, ok := k.PeekNamedPipe(f.ta, hr, 1); ok || k.GetLastError(f.ta) != ERROR_BROKEN_PIPE {
		t.Errorf("peek of a broken pipe: %v", k.GetLastError(f.ta))
	}
	// Writing when the read end is gone.
	hr2, hw2, _ := k.CreatePipe(f.ta, nil, 0)
	k.CloseHandle(f.ta, hr2)
	if _, ok := k.WriteFile(f.ta, hw2, "x"); ok || k.GetLastError(f.ta) != ERROR_NO_DATA {
		t.Errorf("write without a reader: %v", k.GetLastError(f.ta))
	}
	// Not a pipe.
	he := k.CreateEvent(f.ta, nil, false, false, "")
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"ReadFile event", func() bool { _, ok, _ := k.ReadFile(f.ta, he, 1); return ok }()},
		{"WriteFile unknown", func() bool { _, ok := k.WriteFile(f.ta, 0x7FF0, "x"); return ok }()},
		{"ReadFile unknown", func() bool { _, ok, _ := k.ReadFile(f.ta, 0x7FF0, 1); return ok }()},
		{"Peek event", func() bool { _, _, _, ok := k.PeekNamedPipe(f.ta, he, 1); return ok }()},
	} {
		if c.ok {
			t.Errorf("%s succeeded", c.name)
		}
	}
	// The handle limit: both handles or neither.
	k2 := newKernel(t, Config{HandleLimit: 1})
	_, t2 := k2.StartProcess("A.exe", "A.exe", nil)
	if _, _, ok := k2.CreatePipe(t2, nil, 0); ok || k2.GetLastError(t2) != ERROR_NO_SYSTEM_RESOURCES {
		t.Error("CreatePipe past the limit")
	}
}

// TestNamedPipe: source "CreateNamedPipeW function", "ConnectNamedPipe
// function", "DisconnectNamedPipe function", "WaitNamedPipeW function",
// "CreateFileW function" (pipes), "Named Pipe Type, Read, and Wait Modes",
// "SetNamedPipeHandleState function"; seed 002 (이름있는 파이프).
func TestNamedPipe(t *testing.T) {
	const name = `\\.\pipe\simple`
	f := newFx(t)
	k := f.k
	fail := func(what string, h Handle, want Errno) {
		t.Helper()
		if h != INVALID_HANDLE_VALUE || k.GetLastError(f.ta) != want {
			t.Errorf("%s: %#x %v, want %v", what, h, k.GetLastError(f.ta), want)
		}
	}
	fail("bad name", k.CreateNamedPipe(f.ta, `\\.\pip\x`, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil), ERROR_INVALID_NAME)
	fail("no access", k.CreateNamedPipe(f.ta, name, 0, 0, 1, 0, 0, 0, nil), ERROR_INVALID_PARAMETER)
	fail("0 instances", k.CreateNamedPipe(f.ta, name, PIPE_ACCESS_DUPLEX, 0, 0, 0, 0, 0, nil), ERROR_INVALID_PARAMETER)
	fail("message read of a byte pipe", k.CreateNamedPipe(f.ta, name, PIPE_ACCESS_DUPLEX, PIPE_READMODE_MESSAGE, 1, 0, 0, 0, nil), ERROR_INVALID_PARAMETER)
	fail("client before the server", k.CreateFile(f.ta, name, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0), ERROR_FILE_NOT_FOUND)
	if ok, pending := k.WaitNamedPipe(f.tb, name, 0); ok || pending || k.GetLastError(f.tb) != ERROR_FILE_NOT_FOUND {
		t.Error("WaitNamedPipe of a missing pipe")
	}

	hs := k.CreateNamedPipe(f.ta, name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE, 1, 0, 0, 0, nil)
	if hs != 4 || k.GetLastError(f.ta) != ERROR_SUCCESS {
		t.Fatalf("server %#x %v", hs, k.GetLastError(f.ta))
	}
	srv := f.obj(f.a, hs)
	if srv.Pipe.Conn != ConnListening || srv.Pipe.Conn.String() != "listening" {
		t.Fatal("not listening")
	}
	fail("second instance past the max", k.CreateNamedPipe(f.ta, name, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil), ERROR_PIPE_BUSY)
	fail("FILE_FLAG_FIRST_PIPE_INSTANCE", k.CreateNamedPipe(f.ta, `\\.\PIPE\SIMPLE`, PIPE_ACCESS_DUPLEX|FILE_FLAG_FIRST_PIPE_INSTANCE, 0, 1, 0, 0, 0, nil), ERROR_ACCESS_DENIED)
	// Writing before a client is there.
	if _, ok := k.WriteFile(f.ta, hs, "x"); ok || k.GetLastError(f.ta) != ERROR_PIPE_LISTENING {
		t.Errorf("write while listening: %v", k.GetLastError(f.ta))
	}
	// ConnectNamedPipe waits for the client's CreateFile.
	if ok, pending := k.ConnectNamedPipe(f.ta, hs); ok || !pending {
		t.Fatal("ConnectNamedPipe did not wait")
	}
	if ok, pending := k.WaitNamedPipe(f.tb, name, NMPWAIT_WAIT_FOREVER); !ok || pending {
		t.Error("WaitNamedPipe with a listening instance")
	}
	hc := k.CreateFile(f.tb, `\\.\pipe\SIMPLE`, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if hc == INVALID_HANDLE_VALUE {
		t.Fatalf("client: %v", k.GetLastError(f.tb))
	}
	if c := k.TakeCompletions(); len(c) != 1 || c[0].Call != "ConnectNamedPipe" || c[0].Ret != 1 {
		t.Fatalf("completions %+v", c)
	}
	if srv.Pipe.Conn != ConnConnected {
		t.Fatal("not connected")
	}
	// A second client finds no listening instance.
	fail2 := k.CreateFile(f.ta, name, GENERIC_READ, 0, nil, OPEN_EXISTING, 0)
	if fail2 != INVALID_HANDLE_VALUE || k.GetLastError(f.ta) != ERROR_PIPE_BUSY {
		t.Errorf("busy: %v", k.GetLastError(f.ta))
	}
	if ok, _ := k.WaitNamedPipe(f.ta, name, 1000); ok || k.GetLastError(f.ta) != ERROR_SEM_TIMEOUT {
		t.Errorf("WaitNamedPipe timeout: %v", k.GetLastError(f.ta))
	}
	if ok, _ := k.ConnectNamedPipe(f.ta, hs); ok || k.GetLastError(f.ta) != ERROR_PIPE_CONNECTED {
		t.Errorf("ConnectNamedPipe when connected: %v", k.GetLastError(f.ta))
	}
	// Messages: one message per read; a short buffer gives ERROR_MORE_DATA.
	k.WriteFile(f.tb, hc, "first message")
	k.WriteFile(f.tb, hc, "second")
	if d, _, left, ok := k.PeekNamedPipe(f.ta, hs, 5); !ok || d != "first" || left != 8 {
		t.Errorf("peek %q left %d", d, left)
	}
	if d, ok, _ := rd(f, f.ta, hs, 5); ok || d != "first" || k.GetLastError(f.ta) != ERROR_MORE_DATA {
		t.Errorf("short read %q %v", d, k.GetLastError(f.ta))
	}
	if d, ok, _ := rd(f, f.ta, hs, 100); !ok || d != " message" {
		t.Errorf("rest %q", d)
	}
	if d, ok, _ := rd(f, f.ta, hs, 100); !ok || d != "second" {
		t.Errorf("second %q", d)
	}
	// The client's end reads in byte mode until it switches.
	k.WriteFile(f.ta, hs, "ab")
	k.WriteFile(f.ta, hs, "cd")
	if !k.SetNamedPipeHandleState(f.tb, hc, modeOf(PIPE_READMODE_MESSAGE)) {
		t.Fatal("SetNamedPipeHandleState")
	}
	if d, _, _ := rd(f, f.tb, hc, 10); d != "ab" {
		t.Errorf("message read %q", d)
	}
	k.SetNamedPipeHandleState(f.tb, hc, modeOf(PIPE_READMODE_BYTE))
	if d, _, _ := rd(f, f.tb, hc, 10); d != "cd" {
		t.Errorf("byte read %q", d)
	}
	// Disconnect: the client's reads and writes fail; the instance listens
	// again after ConnectNamedPipe.
	if !k.DisconnectNamedPipe(f.ta, hs) {
		t.Fatal("DisconnectNamedPipe")
	}
	if _, ok := k.WriteFile(f.tb, hc, "x"); ok || k.GetLastError(f.tb) != ERROR_PIPE_NOT_CONNECTED {
		t.Errorf("write after disconnect: %v", k.GetLastError(f.tb))
	}
	if _, ok, _ := rd(f, f.tb, hc, 1); ok || k.GetLastError(f.tb) != ERROR_PIPE_NOT_CONNECTED {
		t.Errorf("read after disconnect: %v", k.GetLastError(f.tb))
	}
	if ok, pending := k.WaitNamedPipe(f.tb, name, NMPWAIT_WAIT_FOREVER); ok || !pending {
		t.Fatal("WaitNamedPipe did not wait")
	}
	k.ConnectNamedPipe(f.ta, hs) // listening again, waiting
	if c := k.TakeCompletions(); len(c) != 1 || c[0].Call != "WaitNamedPipe" {
		t.Fatalf("WaitNamedPipe completion %+v", c)
	}
	hc2 := k.CreateFile(f.tb, name, GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if hc2 == INVALID_HANDLE_VALUE || len(k.TakeCompletions()) != 1 {
		t.Fatal("second connection")
	}
	// The client closes: the server's reads see a broken pipe; a new
	// ConnectNamedPipe reports ERROR_NO_DATA.
	k.CloseHandle(f.tb, hc2)
	if srv.Pipe.Conn != ConnClosing {
		t.Errorf("conn %v", srv.Pipe.Conn)
	}
	if _, ok, _ := rd(f, f.ta, hs, 1); ok || k.GetLastError(f.ta) != ERROR_BROKEN_PIPE {
		t.Errorf("read after the client closed: %v", k.GetLastError(f.ta))
	}
	if ok, _ := k.ConnectNamedPipe(f.ta, hs); ok || k.GetLastError(f.ta) != ERROR_NO_DATA {
		t.Errorf("connect after the client closed: %v", k.GetLastError(f.ta))
	}
	if k.DisconnectNamedPipe(f.ta, hs) != true {
		t.Error("disconnect a closing instance")
	}
	k.ConnectNamedPipe(f.ta, hs)
	if k.DisconnectNamedPipe(f.ta, 0x7FF0) {
		t.Error("disconnect unknown")
	}
	k.ExitProcess(f.ta, 0) // the server goes: the name is free
	if k.CreateFile(f.tb, name, GENERIC_READ, 0, nil, OPEN_EXISTING, 0) != INVALID_HANDLE_VALUE || k.GetLastError(f.tb) != ERROR_FILE_NOT_FOUND {
		t.Error("pipe name outlived its instances")
	}

	// Inbound/outbound servers and the client's access.
	g := newFx(t)
	hin := g.k.CreateNamedPipe(g.ta, `\\.\pipe\in`, PIPE_ACCESS_INBOUND, 0, 2, 0, 0, 0, nil)
	if e, _ := g.entry(g.a, hin); e.Access != FILE_GENERIC_READ|FILE_WRITE_ATTRIBUTE {
		t.Errorf("inbound access %#x", e.Access)
	}
	if h := g.k.CreateFile(g.tb, `\\.\pipe\in`, GENERIC_READ, 0, nil, OPEN_EXISTING, 0); h != INVALID_HANDLE_VALUE || g.k.GetLastError(g.tb) != ERROR_ACCESS_DENIED {
		t.Error("reading client of an inbound pipe")
	}
	if h := g.k.CreateNamedPipe(g.ta, `\\.\pipe\in`, PIPE_ACCESS_OUTBOUND, 0, 2, 0, 0, 0, nil); h != INVALID_HANDLE_VALUE || g.k.GetLastError(g.ta) != ERROR_ACCESS_DENIED {
		t.Error("second instance with another direction")
	}
	hout := g.k.CreateNamedPipe(g.ta, `\\.\pipe\out`, PIPE_ACCESS_OUTBOUND, 0, PIPE_UNLIMITED_INSTANCES, 0, 0, 0, nil)
	if e, _ := g.entry(g.a, hout); e.Access != FILE_GENERIC_WRITE|FILE_READ_ATTRIBUTES {
		t.Errorf("outbound access %#x", e.Access)
	}
	if g.k.SetNamedPipeHandleState(g.ta, hout, modeOf(PIPE_READMODE_MESSAGE)) || g.k.GetLastError(g.ta) != ERROR_INVALID_PARAMETER {
		t.Error("message read mode on a byte pipe")
	}
	if ok, _ := g.k.ConnectNamedPipe(g.ta, 0x7FF0); ok {
		t.Error("ConnectNamedPipe unknown")
	}
	// An anonymous read end is a server end (Wine 8.0 probe: connected).
	hr, _, _ := g.k.CreatePipe(g.ta, nil, 0)
	if ok, _ := g.k.ConnectNamedPipe(g.ta, hr); ok || g.k.GetLastError(g.ta) != ERROR_PIPE_CONNECTED {
		t.Error("ConnectNamedPipe on an anonymous pipe")
	}
	if g.k.SetNamedPipeHandleState(g.ta, 0x7FF0, modeOf(0)) || g.k.GetLastError(g.ta) != ERROR_INVALID_HANDLE {
		t.Error("SetNamedPipeHandleState on an unknown handle")
	}
	// A WaitNamedPipe waiter learns that the pipe went away.
	hin2 := g.k.CreateFile(g.tb, `\\.\pipe\in`, GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	_, tc := g.k.StartProcess("C.exe", "C.exe", nil)
	g.k.CreateNamedPipe(g.ta, `\\.\pipe\in`, PIPE_ACCESS_INBOUND, 0, 2, 0, 0, 0, nil)
	g.k.CreateFile(tc, `\\.\pipe\in`, GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if _, pending := g.k.WaitNamedPipe(tc, `\\.\pipe\in`, NMPWAIT_WAIT_FOREVER); !pending {
		t.Fatal("no wait")
	}
	_ = hin2
	g.k.ExitProcess(g.ta, 0)
	if c := g.k.TakeCompletions(); len(c) != 1 || c[0].Err != ERROR_FILE_NOT_FOUND || g.k.GetLastError(tc) != ERROR_FILE_NOT_FOUND {
		t.Errorf("completions %+v", c)
	}
}

// TestMailslot: source "CreateMailslotW function", "GetMailslotInfo
// function", "Mailslot Operations", "ReadFile function"; seed 002 (메일슬롯에
// 대한 회고).
func TestMailslot(t *testing.T) {
	const name = `\\.\mailslot\box`
	f := newFx(t)
	k := f.k
	if h := k.CreateMailslot(f.ta, `\\.\pipe\box`, 0, 0, nil); h != INVALID_HANDLE_VALUE || k.GetLastError(f.ta) != ERROR_INVALID_NAME {
		t.Error("bad name")
	}
	hs := k.CreateMailslot(f.ta, name, 8, 0, nil)
	if hs == INVALID_HANDLE_VALUE || k.GetLastError(f.ta) != ERROR_SUCCESS {
		t.Fatal("create")
	}
	if h := k.CreateMailslot(f.tb, `\\.\MAILSLOT\BOX`, 0, 0, nil); h != INVALID_HANDLE_VALUE || k.GetLastError(f.tb) != ERROR_ALREADY_EXISTS {
		t.Error("duplicate name")
	}
	if h := k.CreateFile(f.tb, `\\.\mailslot\none`, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0); h != INVALID_HANDLE_VALUE || k.GetLastError(f.tb) != ERROR_FILE_NOT_FOUND {
		t.Error("missing mailslot")
	}
	hc := k.CreateFile(f.tb, name, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
	if hc == INVALID_HANDLE_VALUE {
		t.Fatal("client")
	}
	if max, next, count, to, ok := k.GetMailslotInfo(f.ta, hs); !ok || max != 8 || next != MAILSLOT_NO_MESSAGE || count != 0 || to != 0 {
		t.Errorf("info %d %d %d %d", max, next, count, to)
	}
	if _, ok := k.WriteFile(f.tb, hc, "too long!"); ok || k.GetLastError(f.tb) != ERROR_INVALID_PARAMETER {
		t.Error("message past the maximum")
	}
	k.WriteFile(f.tb, hc, "one")
	k.WriteFile(f.tb, hc, "two22")
	if _, next, count, _, _ := k.GetMailslotInfo(f.ta, hs); next != 3 || count != 2 {
		t.Errorf("info next %d count %d", next, count)
	}
	if _, ok, _ := rd(f, f.ta, hs, 2); ok || k.GetLastError(f.ta) != ERROR_INSUFFICIENT_BUFFER {
		t.Error("short buffer")
	}
	if d, ok, _ := rd(f, f.ta, hs, 10); !ok || d != "one" {
		t.Errorf("read %q", d)
	}
	rd(f, f.ta, hs, 10)
	// Empty with timeout 0: ERROR_SEM_TIMEOUT.
	if _, ok, pending := rd(f, f.ta, hs, 10); ok || pending || k.GetLastError(f.ta) != ERROR_SEM_TIMEOUT {
		t.Errorf("empty read: %v", k.GetLastError(f.ta))
	}
	if _, _, _, _, ok := k.GetMailslotInfo(f.tb, hc); ok || k.GetLastError(f.tb) != ERROR_INVALID_HANDLE {
		t.Error("GetMailslotInfo on a client")
	}
	if _, _, _, _, ok := k.GetMailslotInfo(f.tb, 0x7FF0); ok {
		t.Error("GetMailslotInfo unknown")
	}
	// MAILSLOT_WAIT_FOREVER: the read waits for a message.
	hw := k.CreateMailslot(f.ta, `\\.\mailslot\wait`, 0, MAILSLOT_WAIT_FOREVER, nil)
	if _, _, pending := rd(f, f.ta, hw, 10); !pending {
		t.Fatal("no wait")
	}
	hc2 := k.CreateFile(f.tb, `\\.\mailslot\wait`, GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
	k.WriteFile(f.tb, hc2, "wake")
	if c := k.TakeCompletions(); len(c) != 1 || c[0].Data != "wake" {
		t.Fatalf("completions %+v", c)
	}
	// The server goes: the client's writes still succeed, into nothing
	// (Wine 8.0 probe).
	k.CloseHandle(f.ta, hs)
	if n, ok := k.WriteFile(f.tb, hc, "x"); !ok || n != 1 {
		t.Errorf("write to a closed mailslot: %v", k.GetLastError(f.tb))
	}
	if hs2 := k.CreateMailslot(f.ta, name, 0, 0, nil); hs2 == INVALID_HANDLE_VALUE {
		t.Error("name not freed")
	}
}

// TestPlainFileData: ReadFile/WriteFile on plain files keep a per-handle
// position; two opens of one file share the contents. Source: "ReadFile
// function", "WriteFile function" (synchronous files advance the file
// pointer).
func TestPlainFileData(t *testing.T) {
	f := newFx(t)
	k := f.k
	hw := k.CreateFile(f.ta, `C:\log.txt`, GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, CREATE_ALWAYS, 0)
	hr := k.CreateFile(f.tb, `C:\LOG.txt`, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	if n, ok := k.WriteFile(f.ta, hw, "abcdef"); !ok || n != 6 {
		t.Fatal("write")
	}
	if d, ok, _ := rd(f, f.tb, hr, 4); !ok || d != "abcd" {
		t.Errorf("read %q", d)
	}
	if d, _, _ := rd(f, f.tb, hr, 4); d != "ef" {
		t.Errorf("read %q", d)
	}
	if d, ok, _ := rd(f, f.tb, hr, 4); !ok || d != "" {
		t.Errorf("read at EOF %q %v", d, ok)
	}
	if _, ok, _ := rd(f, f.ta, hw, 1); ok || k.GetLastError(f.ta) != ERROR_ACCESS_DENIED {
		t.Error("read through a write-only handle")
	}
	if _, ok := k.WriteFile(f.tb, hr, "x"); ok || k.GetLastError(f.tb) != ERROR_ACCESS_DENIED {
		t.Error("write through a read-only handle")
	}
	// Overwrite in the middle: a second writer from offset 0.
	hw2 := k.CreateFile(f.tb, `C:\log.txt`, GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	k.WriteFile(f.tb, hw2, "XY")
	hr2 := k.CreateFile(f.tb, `C:\log.txt`, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	if d, _, _ := rd(f, f.tb, hr2, 100); d != "XYcdef" {
		t.Errorf("contents %q", d)
	}
}

// TestEnvironment: source "SetEnvironmentVariableW function",
// "GetEnvironmentVariableW function"; seed 002 (프로세스 환경변수).
func TestEnvironment(t *testing.T) {
	f := newFx(t)
	k := f.k
	if !k.SetEnvironmentVariable(f.ta, "Key", "value", false) {
		t.Fatal("set")
	}
	if v, n := k.GetEnvironmentVariable(f.ta, "KEY", 64); v != "value" || n != 5 {
		t.Errorf("get %q %d", v, n)
	}
	if v, n := k.GetEnvironmentVariable(f.ta, "key", 5); v != "" || n != 6 {
		t.Errorf("small buffer %q %d (want the size needed)", v, n)
	}
	k.SetEnvironmentVariable(f.ta, "KEY", "v2", false)
	if v, _ := k.GetEnvironmentVariable(f.ta, "Key", 64); v != "v2" {
		t.Errorf("replaced %q", v)
	}
	k.SetEnvironmentVariable(f.ta, "key", "", true)
	if _, n := k.GetEnvironmentVariable(f.ta, "key", 64); n != 0 || k.GetLastError(f.ta) != ERROR_ENVVAR_NOT_FOUND {
		t.Error("removed variable still there")
	}
	for _, bad := range []string{"", "A=B"} {
		if k.SetEnvironmentVariable(f.ta, bad, "x", false) || k.GetLastError(f.ta) != ERROR_INVALID_PARAMETER {
			t.Errorf("bad name %q", bad)
		}
	}
	if ERROR_ENVVAR_NOT_FOUND.Name() != "ERROR_ENVVAR_NOT_FOUND" {
		t.Error("name")
	}
}

// TestToolhelp: source "CreateToolhelp32Snapshot function", "Process32First
// function", "Process32Next function", "Taking a Snapshot and Viewing
// Processes"; seed 002 (명령 프롬프트 프로젝트: 프로세스 조회).
func TestToolhelp(t *testing.T) {
	f := newFx(t)
	k := f.k
	pi := f.spawn(f.ta, "Child.exe", false)
	k.ExitProcess(f.tb, 0)
	if h := k.CreateToolhelp32Snapshot(f.ta, 0, 0); h != INVALID_HANDLE_VALUE || k.GetLastError(f.ta) != ERROR_INVALID_PARAMETER {
		t.Error("no flags")
	}
	h := k.CreateToolhelp32Snapshot(f.ta, TH32CS_SNAPPROCESS|TH32CS_INHERIT, 0)
	if h == INVALID_HANDLE_VALUE {
		t.Fatal(k.GetLastError(f.ta))
	}
	if e, _ := f.entry(f.a, h); e.Flags != 1 || f.obj(f.a, h).Type != TypeFileMapping {
		t.Errorf("entry %+v", e)
	}
	var got []PID
	e, ok := k.Process32First(f.ta, h)
	for ok {
		got = append(got, e.PID)
		e, ok = k.Process32Next(f.ta, h)
	}
	if k.GetLastError(f.ta) != ERROR_NO_MORE_FILES || len(got) != 2 || got[0] != f.a || got[1] != pi.PID {
		t.Errorf("processes %v (%v)", got, k.GetLastError(f.ta))
	}
	// An earlier kernel snapshot keeps its cursor.
	s := k.Snapshot()
	if e, ok := k.Process32First(f.ta, h); !ok || e.PID != f.a || e.ExeFile != "A.exe" {
		t.Errorf("rewind %+v", e)
	}
	if s.Object(f.obj(f.a, h).ID).Toolhelp.Cursor != 2 {
		t.Error("snapshot's Toolhelp state changed")
	}
	if _, ok := k.Process32First(f.ta, 0x7FF0); ok {
		t.Error("unknown handle")
	}
	empty := k.CreateToolhelp32Snapshot(f.ta, TH32CS_SNAPTHREAD, 0)
	if _, ok := k.Process32First(f.ta, empty); ok || k.GetLastError(f.ta) != ERROR_NO_MORE_FILES {
		t.Error("empty snapshot")
	}
	k2 := newKernel(t, Config{HandleLimit: 1})
	_, t2 := k2.StartProcess("A.exe", "A.exe", nil)
	k2.CreateEvent(t2, nil, false, false, "")
	if k2.CreateToolhelp32Snapshot(t2, TH32CS_SNAPPROCESS, 0) != INVALID_HANDLE_VALUE {
		t.Error("past the limit")
	}
}

// PipeState.Take is the read rule ReadFile applies and viewers replay:
// byte mode crosses write boundaries, message mode takes one message (its
// head when longer, the rest staying), and counts are bytes, so an odd count
// cuts a UTF-16 unit in two. Sources: "ReadFile function", "Named Pipe Type,
// Read, and Wait Modes" (nNumberOfBytesToRead: "The maximum number of bytes
// to be read").
func TestPipeTake(t *testing.T) {
	annyeong := wide("안녕") // 48 C5 55 B1
	for _, c := range []struct {
		buf      []string
		units    []DataUnit
		messages bool
		n        int
		data     string
		rest     []string
		restU    []DataUnit
		more     bool
	}{
		{[]string{"hello", "bye"}, nil, false, 5, "hello", []string{"bye"}, []DataUnit{UnitANSI}, false},
		{[]string{"hello", "bye"}, nil, false, 7, "helloby", []string{"e"}, []DataUnit{UnitANSI}, false},
		{[]string{"hello", "bye"}, nil, false, 8, "hellobye", nil, nil, false},
		{[]string{"request", "x"}, nil, true, 4, "requ", []string{"est", "x"}, []DataUnit{UnitANSI, UnitANSI}, true},
		{[]string{"", "x"}, nil, true, 0, "", []string{"x"}, []DataUnit{UnitANSI}, false},
		{[]string{annyeong}, []DataUnit{UnitWide}, false, 3, annyeong[:3], []string{annyeong[3:]}, []DataUnit{UnitWide | UnitSplit}, false},
		{[]string{annyeong}, []DataUnit{UnitWide}, false, 2, annyeong[:2], []string{annyeong[2:]}, []DataUnit{UnitWide}, false},
		{[]string{annyeong, wide("x")}, []DataUnit{UnitWide, UnitWide}, true, 9, annyeong, []string{wide("x")}, []DataUnit{UnitWide}, false},
	} {
		ps := &PipeState{Buffer: c.buf, Units: c.units, ReadMessages: c.messages}
		data, _, rest, restU, more := ps.Take(c.n)
		if data != c.data || more != c.more || len(rest) != len(c.rest) || strings.Join(rest, "|") != strings.Join(c.rest, "|") || fmt.Sprint(restU) != fmt.Sprint(c.restU) {
			t.Errorf("Take(%q, %d, messages %v) = %q %q %v %v, want %q %q %v %v", c.buf, c.n, c.messages, data, rest, restU, more, c.data, c.rest, c.restU, c.more)
		}
		if strings.Join(ps.Buffer, "|") != strings.Join(c.buf, "|") {
			t.Errorf("Take changed the buffer to %q", ps.Buffer)
		}
	}
}

// wide is s in UTF-16LE, as a WCHAR buffer holds it.
func wide(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// A read that stops inside a UTF-16 unit is shown with the odd byte marked,
// never as a wrong character; the next read starts with the other half.
// Source: "ReadFile function" (counts are bytes); the marking is the model's.
func TestSplitUnitQuoted(t *testing.T) {
	f := newFx(t)
	k := f.k
	r, w, _ := k.CreatePipe(f.ta, nil, 0)
	if n, ok := k.WriteData(f.ta, w, wide("안녕하세요"), UnitWide); !ok || n != 10 {
		t.Fatalf("write of 5 syllables as WCHARs: %d %v, want 10 bytes (Windows)", n, ok)
	}
	k.TakeEvents()
	if d, _, _ := rd(f, f.ta, r, 3); d != wide("안녕")[:3] {
		t.Fatalf("read of 3 bytes: % X", d)
	}
	e, _ := ipcFindEvent(k.TakeEvents(), EvDataRead)
	if got := e.Unit.Quote(e.Data); e.Bytes != 3 || got != `"안\x55"` {
		t.Errorf("3-byte read shown as %s (%d bytes), want \"안\\x55\" (3)", got, e.Bytes)
	}
	ps := f.obj(f.a, r).Pipe
	if got := ps.Units[0].Quote(ps.Buffer[0]); got != `"\xB1하세요"` {
		t.Errorf("rest shown as %s, want \"\\xB1하세요\"", got)
	}
	if d, _, _ := rd(f, f.ta, r, 100); d != wide("안녕하세요")[3:] {
		t.Errorf("rest: % X", d)
	}
}

// A plain file counts bytes: UTF-16 text written at one offset and read
// back in pieces, an overwrite replacing exactly its bytes. Source:
// "ReadFile function", "WriteFile function", "SetFilePointer function"
// (the file pointer moves by the bytes transferred).
func TestPlainFileKoreanText(t *testing.T) {
	f := newFx(t)
	k := f.k
	hw := k.CreateFile(f.ta, `C:\ko.txt`, GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, CREATE_ALWAYS, 0)
	if n, ok := k.WriteData(f.ta, hw, wide("가나다라"), UnitWide); !ok || n != 8 {
		t.Fatalf("write of 4 WCHARs: %d %v, want 8 bytes", n, ok)
	}
	hr := k.CreateFile(f.tb, `C:\ko.txt`, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	if d, _, _ := rd(f, f.tb, hr, 6); d != wide("가나다") {
		t.Errorf("read of 6 bytes: % X", d)
	}
	if d, _, _ := rd(f, f.tb, hr, 6); d != wide("라") {
		t.Errorf("read of the rest: % X", d)
	}
	hw2 := k.CreateFile(f.tb, `C:\ko.txt`, GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	k.WriteFile(f.tb, hw2, "X")
	hr2 := k.CreateFile(f.tb, `C:\ko.txt`, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
	if d, _, _ := rd(f, f.tb, hr2, 100); d != "X"+wide("가나다라")[1:] {
		t.Errorf("after overwriting one byte: % X", d)
	}
}

// SetNamedPipeHandleState with lpMode NULL checks the handle and changes
// nothing: a nonblocking end stays nonblocking. Source:
// "SetNamedPipeHandleState function" (lpMode: "This parameter can be NULL if
// the mode is not being set").
func TestSetNamedPipeHandleStateNullMode(t *testing.T) {
	f := newFx(t)
	k := f.k
	r, _, ok := k.CreatePipe(f.ta, nil, 0)
	if !ok {
		t.Fatal("CreatePipe failed")
	}
	if !k.SetNamedPipeHandleState(f.ta, r, modeOf(PIPE_NOWAIT)) {
		t.Fatal("PIPE_NOWAIT refused")
	}
	if !k.SetNamedPipeHandleState(f.ta, r, nil) {
		t.Fatalf("NULL mode on a pipe: FALSE, %v", k.GetLastError(f.ta))
	}
	if !f.obj(f.a, r).Pipe.NoWait {
		t.Error("NULL mode made the end blocking again")
	}
	if k.SetNamedPipeHandleState(f.ta, 0x7FF0, nil) || k.GetLastError(f.ta) != ERROR_INVALID_HANDLE {
		t.Errorf("NULL mode on a bad handle: want FALSE, ERROR_INVALID_HANDLE; got %v", k.GetLastError(f.ta))
	}
}
