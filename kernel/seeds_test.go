package kernel

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// Replays of the seeds' examples (/work/shared/seeds): each test says which
// seed and which passage it replays.

// TestSeed002InheritTable replays seed 002 "핸들의 상속에 대한 이해": the
// parent's rows marked Y are copied to the child at the same index with the
// same flags, the row marked N is skipped, usage counts go up by one, and a
// grandchild created with bInheritHandles=TRUE inherits again. Also seed 003
// "부모 프로세스의 상속 가능한 핸들을 상속한 이후의 자식 프로세스의 핸들 테이블"
// (index 1 flags 0, index 3 flags 1 → only index 3 in the child).
func TestSeed002InheritTable(t *testing.T) {
	k := newKernel(t, Config{})
	parent, tp := k.StartProcess("Parent.exe", "Parent.exe", nil)
	hY1 := k.CreateEvent(tp, inheritable(), false, false, "")    // row "127 Y"
	hN := k.CreateMutex(tp, nil, false, "")                      // row "168 N"
	hY2 := k.CreateSemaphore(tp, inheritable(), 0, 1, "")        // row "256 Y"
	hGap := k.CreateEvent(tp, nil, false, false, "")             // index 4, closed below
	hProt := k.CreateWaitableTimer(tp, inheritable(), false, "") // index 5, inherit|protect
	k.SetHandleInformation(tp, hProt, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE)
	k.CloseHandle(tp, hGap)
	k.TakeEvents()

	pi, ok := k.CreateProcess(tp, "", "Child.exe", nil, nil, true, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(tp))
	}
	evs := k.TakeEvents()
	wantEvents(t, only(evs, EvInheritScan),
		fmt.Sprintf("scan %d[1] fl=1 copied->%d", parent, pi.PID),
		fmt.Sprintf("scan %d[2] fl=0 skipped", parent),
		fmt.Sprintf("scan %d[3] fl=1 copied->%d", parent, pi.PID),
		fmt.Sprintf("scan %d[5] fl=3 copied->%d", parent, pi.PID))
	// Each copied row: a scan row, then the handle added in the child with
	// its source, then the usage tick.
	var inherit []string
	for _, e := range evs {
		if e.Cause == CauseInherit {
			inherit = append(inherit, short(e))
		}
	}
	wantEvents(t, inherit,
		fmt.Sprintf("add %d:0x4 #3 acc=0x1f0003 fl=1 inherit from %d[1]", pi.PID, parent), "usage #3 1->2 inherit",
		fmt.Sprintf("add %d:0xc #5 acc=0x1f0003 fl=1 inherit from %d[3]", pi.PID, parent), "usage #5 1->2 inherit",
		fmt.Sprintf("add %d:0x14 #7 acc=0x1f0003 fl=3 inherit from %d[5]", pi.PID, parent), "usage #7 1->2 inherit")

	pp := k.ProcessByPID(parent).Proc
	child := k.ProcessByPID(pi.PID).Proc
	for _, h := range []Handle{hY1, hY2, hProt} {
		pe, _, _ := pp.Lookup(h)
		ce, _, ok := child.Lookup(h)
		if !ok || ce != pe {
			t.Errorf("child's entry at %#x = %+v, parent's %+v: want the same object, access and flags", h, ce, pe)
		}
	}
	for _, h := range []Handle{hN, hGap} {
		if _, _, ok := child.Lookup(h); ok {
			t.Errorf("non-inheritable or free row %#x copied", h)
		}
	}
	// The child's table holds only the copies; hProcess/hThread are the
	// parent's (indexes 4 and 6: the lowest free ones).
	if child.HandleCountInTable() != 3 || pi.HProcess != 16 || pi.HThread != 24 {
		t.Errorf("child entries %d, pi %+v", child.HandleCountInTable(), pi)
	}
	obj := func(h Handle) *Object { e, _, _ := pp.Lookup(h); return k.Object(e.Object) }
	if obj(hY1).UsageCount() != 2 || obj(hN).UsageCount() != 1 || obj(hY2).UsageCount() != 2 {
		t.Errorf("usage Y1 %d N %d Y2 %d", obj(hY1).UsageCount(), obj(hN).UsageCount(), obj(hY2).UsageCount())
	}

	// The grandchild: "동일한 핸들 값, 동일한 액세스 마스크, 동일한 플래그" and
	// the usage count up again.
	gpi, ok := k.CreateProcess(pi.TID, "", "GrandChild.exe", nil, nil, true, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(pi.TID))
	}
	grand := k.ProcessByPID(gpi.PID).Proc
	for _, h := range []Handle{hY1, hY2, hProt} {
		pe, _, _ := pp.Lookup(h)
		ge, _, ok := grand.Lookup(h)
		if !ok || ge != pe {
			t.Errorf("grandchild's entry at %#x = %+v, want %+v", h, ge, pe)
		}
		if obj(h).UsageCount() != 3 {
			t.Errorf("usage of %#x = %d, want 3", h, obj(h).UsageCount())
		}
	}
	if grand.HandleCountInTable() != 3 || grand.ParentPID != pi.PID {
		t.Errorf("grandchild %+v", grand)
	}
	// "부모 프로세스나 자식 프로세스의 종료 순서는 무관하다": the child exits
	// first, the grandchild's copies keep the objects.
	k.ExitProcess(pi.TID, 0)
	k.CloseHandle(tp, hY1)
	if o := k.Object(grand.table.At(1).Object); o.Destroyed || o.UsageCount() != 1 {
		t.Errorf("grandchild's object %+v", o)
	}
}

// TestSeed003InheritTableShape replays seed 003's two tables exactly
// (003_*.txt, "표) 두 개의 유효한 요소를 가진 프로세스 핸들 테이블" and the
// child's table after inheritance): the parent has index 1 → 0xF0000000
// (flags 0) and index 3 → 0xF0000010 (flags 1), index 2 empty; the child has
// only index 3, the same value, the same object at 0xF0000010, and the
// object's count is 2. Index 2 is held by a process handle while index 3 is
// made (process objects have their own address range), then closed.
func TestSeed003InheritTableShape(t *testing.T) {
	k := newKernel(t, Config{})
	_, tp := k.StartProcess("Parent.exe", "Parent.exe", nil)
	h1 := k.CreateMutex(tp, nil, false, "") // index 1, 0xF0000000, flags 0
	h2, _ := k.DuplicateHandle(tp, CurrentProcess, CurrentProcess, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
	h3 := k.CreateMutex(tp, inheritable(), false, "") // index 3, 0xF0000010, flags 1
	k.CloseHandle(tp, h2)                             // index 2: (N/A)
	parent := k.ProcessByPID(k.GetCurrentProcessId(tp)).Proc
	addr := func(p *ProcessInfo, i int) uint64 { return k.Object(p.table.At(i).Object).Addr }
	if h1 != 4 || h3 != 12 || addr(parent, 1) != 0xF0000000 || addr(parent, 3) != 0xF0000010 {
		t.Fatalf("parent: %#x at %#x, %#x at %#x", h1, addr(parent, 1), h3, addr(parent, 3))
	}
	if es := parent.Entries(); len(es) != 2 || es[0].Flags != 0 || es[1].Flags != 1 {
		t.Fatalf("parent's table %+v", es)
	}
	pi, _ := k.CreateProcess(tp, "", "Child.exe", nil, nil, true, 0, nil)
	child := k.ProcessByPID(pi.PID).Proc
	if es := child.Entries(); len(es) != 1 || es[0].Index != 3 || es[0].Handle != h3 || es[0].Flags != 1 || addr(child, 3) != 0xF0000010 {
		t.Fatalf("child's table %+v", es)
	}
	if f, _ := k.GetHandleInformation(pi.TID, h3); f != 1 {
		t.Errorf("child's flags %d", f)
	}
	if _, ok := k.GetHandleInformation(pi.TID, h1); ok {
		t.Error("index 1 was copied")
	}
	e, _, _ := child.Lookup(h3)
	if k.Object(e.Object).UsageCount() != 2 {
		t.Error("usage count not incremented")
	}
	// The child's process and thread objects did not take the next
	// object addresses: the next object is 0xF0000020.
	h4 := k.CreateEvent(tp, nil, false, false, "")
	if o := k.Object(parent.table.At(int(h4 / 4)).Object); o.Addr != 0xF0000020 {
		t.Errorf("next object at %#x", o.Addr)
	}
	if p := k.ProcessByPID(pi.PID); p.Addr != 0xE0000020 || k.ThreadByTID(pi.TID).Addr != 0xE0000030 {
		t.Errorf("child process at %#x, thread at %#x", p.Addr, k.ThreadByTID(pi.TID).Addr)
	}
}

// TestSeed003DuplicateSCT replays seed 003's DuplicateHandle example: C holds
// handles to S (index 1) and T (index 2); S holds an object at index 2; C
// calls DuplicateHandle(1, 2, 2, &hObj, 0, TRUE, DUPLICATE_SAME_ACCESS) and T
// gets index 1 → S's object, flags 1, S's access; T is not told.
func TestSeed003DuplicateSCT(t *testing.T) {
	k := newKernel(t, Config{})
	pS, tS := k.StartProcess("S.exe", "S.exe", nil)
	pT, tT := k.StartProcess("T.exe", "T.exe", nil)
	_, tC := k.StartProcess("C.exe", "C.exe", nil)
	// S: index 1 empty, index 2 an object (0xF0000020 in the seed).
	k.CreateEvent(tS, nil, false, false, "")
	k.CreateEvent(tS, nil, false, false, "")
	k.CloseHandle(tS, 4)
	// T: index 1 empty, index 2 another object.
	k.CreateEvent(tT, nil, false, false, "")
	k.CreateMutex(tT, nil, false, "")
	k.CloseHandle(tT, 4)
	// C: index 1 → S, index 2 → T.
	if h := k.OpenProcess(tC, PROCESS_DUP_HANDLE, false, pS); h != 4 {
		t.Fatalf("C's handle to S = %#x", h)
	}
	if h := k.OpenProcess(tC, PROCESS_DUP_HANDLE, false, pT); h != 8 {
		t.Fatalf("C's handle to T = %#x", h)
	}
	sObj := k.Object(k.ProcessByPID(pS).Proc.table.At(2).Object)
	sAccess := k.ProcessByPID(pS).Proc.table.At(2).Access
	k.TakeEvents()

	hObj, ok := k.DuplicateHandle(tC, 4, 8, 8, true, 0, true, DUPLICATE_SAME_ACCESS)
	if !ok || hObj != 4 {
		t.Fatalf("DuplicateHandle = %#x, %v (%v)", hObj, ok, k.GetLastError(tC))
	}
	te := k.ProcessByPID(pT).Proc.table.At(1)
	if te.Object != sObj.ID || te.Flags != 1 || te.Access != sAccess {
		t.Errorf("T's index 1 = %+v, want S's object, flags 1, access %#x", te, sAccess)
	}
	if sObj.UsageCount() != 2 {
		t.Errorf("usage %d", sObj.UsageCount())
	}
	wantEvents(t, only(k.TakeEvents()),
		fmt.Sprintf("add %d:0x4 #%d acc=0x1f0003 fl=1 duplicate from %d[2]", pT, sObj.ID, pS),
		fmt.Sprintf("usage #%d 1->2 duplicate", sObj.ID))
	// C's own table is unchanged: hObj means nothing in C.
	if k.ProcessByPID(k.GetCurrentProcessId(tC)).Proc.HandleCountInTable() != 2 {
		t.Error("C's table changed")
	}

	// DUPLICATE_CLOSE_SOURCE as a move ("다른 프로세스로 쉽게 커널 오브젝트를
	// 이동시킬 수 있으며, 커널 오브젝트의 사용 카운트에는 영향을 주지 않는다"):
	// C moves S's object out of S into T; the count stays 2.
	h2, ok := k.DuplicateHandle(tC, 4, 8, 8, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
	if !ok || h2 != 12 {
		t.Fatalf("move = %#x, %v", h2, ok)
	}
	if _, _, still := k.ProcessByPID(pS).Proc.Lookup(8); still || sObj.UsageCount() != 2 {
		t.Errorf("not a move: S still holds it %v, usage %d", still, sObj.UsageCount())
	}
	_ = tT
}

// TestSeed002PseudoHandleMadeReal replays seed 002 "Pseudo 핸들과 핸들의
// 중복": GetCurrentProcess() is a pseudo handle, meaningful only to its
// caller; DuplicateHandle makes a real, inheritable handle, which a child
// receives through its command line and waits on.
func TestSeed002PseudoHandleMadeReal(t *testing.T) {
	k := newKernel(t, Config{})
	pParent, tp := k.StartProcess("Parent.exe", "Parent.exe", nil)
	self := k.ProcessByPID(pParent)
	pseudo := k.GetCurrentProcess()
	if _, _, inTable := self.Proc.Lookup(pseudo); inTable || self.UsageCount() != 1 {
		t.Fatal("the pseudo handle is a table entry")
	}
	hReal, ok := k.DuplicateHandle(tp, pseudo, pseudo, pseudo, true, 0, true, DUPLICATE_SAME_ACCESS)
	if !ok || hReal != 4 || self.UsageCount() != 2 {
		t.Fatalf("real handle %#x %v usage %d", hReal, ok, self.UsageCount())
	}
	pi, ok := k.CreateProcess(tp, "", "Child.exe "+strconv.FormatUint(uint64(hReal), 10), nil, nil, true, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(tp))
	}
	child := k.ProcessByPID(pi.PID)
	// The child reads the value from its command line (_stscanf_s in the seed).
	v, err := strconv.ParseUint(strings.Fields(child.Proc.CommandLine)[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	hParent := Handle(v)
	if got := k.GetProcessId(pi.TID, hParent); got != pParent {
		t.Errorf("child's handle names PID %d", got)
	}
	// The same pseudo value in the child means the child.
	if k.GetProcessId(pi.TID, pseudo) != pi.PID {
		t.Error("pseudo handle in the child")
	}
	// The parent's object: running reference + the real handle + the
	// child's inherited copy.
	if self.UsageCount() != 3 {
		t.Errorf("parent usage %d, want 3", self.UsageCount())
	}
	if r, pending := k.WaitForSingleObject(pi.TID, hParent, INFINITE); !pending {
		t.Fatalf("wait on a running parent returned %#x", r)
	}
	k.ExitProcess(tp, 0)
	c := k.TakeCompletions()
	if len(c) != 1 || c[0].TID != pi.TID || c[0].Ret != uint64(WAIT_OBJECT_0) {
		t.Fatalf("completions %+v", c)
	}
	if code, _ := k.GetExitCodeProcess(pi.TID, hParent); code != 0 {
		t.Error("exit code")
	}
}

// TestSeed003NamedMutexShared replays seed 003 "오브젝트를 공유하는 방법":
// unrelated processes A and B call CreateMutex(NULL, FALSE, "MyMutex"); A
// creates it (last error 0), B gets its own handle to the same object with
// ERROR_ALREADY_EXISTS, the count is 2 and the object lives until both
// close. Then the type clash (CreateSemaphore "MyObj" after CreateMutex
// "MyObj": NULL, ERROR_INVALID_HANDLE) and OpenMutex of a missing name
// (NULL, ERROR_FILE_NOT_FOUND).
func TestSeed003NamedMutexShared(t *testing.T) {
	f := newFx(t)
	k := f.k
	hA := k.CreateMutex(f.ta, nil, false, "MyMutex")
	if hA == 0 || k.GetLastError(f.ta) != ERROR_SUCCESS {
		t.Fatal("A's create")
	}
	k.TakeEvents()
	hB := k.CreateMutex(f.tb, nil, false, "MyMutex")
	wantEvents(t, only(k.TakeEvents()),
		`lookup "MyMutex" existing`,
		"add 1008:0x4 #5 acc=0x1f0001 fl=0 open",
		"usage #5 1->2 open",
		"lasterror 1012=ERROR_ALREADY_EXISTS")
	if hB == 0 || k.GetLastError(f.tb) != ERROR_ALREADY_EXISTS || f.obj(f.b, hB) != f.obj(f.a, hA) {
		t.Fatal("B's create")
	}
	if e, _ := f.entry(f.a, hA); e.Flags != 0 {
		t.Error("A's handle is inheritable; named objects need no inheritance")
	}
	k.CloseHandle(f.ta, hA)
	if k.NamedObject("MyMutex") == nil {
		t.Fatal("destroyed while B holds it")
	}
	k.CloseHandle(f.tb, hB)
	if k.NamedObject("MyMutex") != nil {
		t.Fatal("name outlived the object")
	}

	// The type clash.
	k.CreateMutex(f.ta, nil, false, "MyObj")
	k.TakeEvents()
	if h := k.CreateSemaphore(f.ta, nil, 1, 1, "MyObj"); h != 0 || k.GetLastError(f.ta) != ERROR_INVALID_HANDLE {
		t.Errorf("type clash: %#x %v", h, k.GetLastError(f.ta))
	}
	wantEvents(t, only(k.TakeEvents()), `lookup "MyObj" type-mismatch`, "lasterror 1004=ERROR_INVALID_HANDLE")
	// Open* of a missing name.
	k.TakeEvents()
	if h := k.OpenMutex(f.tb, SYNCHRONIZE, false, "NoSuchMutex"); h != 0 || k.GetLastError(f.tb) != ERROR_FILE_NOT_FOUND {
		t.Errorf("missing name: %#x %v", h, k.GetLastError(f.tb))
	}
	wantEvents(t, only(k.TakeEvents()), `lookup "NoSuchMutex" not-found`, "lasterror 1012=ERROR_FILE_NOT_FOUND")
	// Open* of an existing name (seed 003: "핸들 테이블이 갱신되고, 사용
	// 카운트가 증가된다"; bInheritHandle TRUE makes it inheritable).
	h := k.OpenMutex(f.tb, SYNCHRONIZE, true, "MyObj")
	if e, ok := f.entry(f.b, h); !ok || e.Flags != 1 || f.usage(f.b, h) != 2 {
		t.Errorf("OpenMutex: %+v", e)
	}
}

// TestSeed003SingleInstance replays seed 003's single-instance check: each
// instance creates a named object in _tmain; an instance that sees
// ERROR_ALREADY_EXISTS knows another is running and exits. When the first
// instance ends, the name is free again.
func TestSeed003SingleInstance(t *testing.T) {
	k := newKernel(t, Config{})
	const guid = "{FA531CC1-0497-11d3-A180-00105A276C3E}"
	start := func() (TID, bool) {
		_, tid := k.StartProcess("App.exe", "App.exe", nil)
		h := k.CreateMutex(tid, nil, false, guid)
		if h == 0 {
			t.Fatal("CreateMutex failed")
		}
		if k.GetLastError(tid) == ERROR_ALREADY_EXISTS {
			k.CloseHandle(tid, h)
			k.ExitProcess(tid, 0)
			return tid, false
		}
		return tid, true
	}
	first, ok := start()
	if !ok {
		t.Fatal("first instance refused")
	}
	if _, ok := start(); ok {
		t.Fatal("second instance ran")
	}
	if o := k.NamedObject(guid); o == nil || o.UsageCount() != 1 {
		t.Fatalf("mutex after the second instance left: %+v", o)
	}
	k.ExitProcess(first, 0)
	if k.NamedObject(guid) != nil {
		t.Fatal("name survived the first instance")
	}
	if _, ok := start(); !ok {
		t.Fatal("third instance refused after the first exited")
	}
}

// TestSeed003ProtectForGrandchild replays seed 003 "HANDLE_FLAG_PROTECT_FROM_
// CLOSE": the parent marks an inheritable handle protected; the child's
// CloseHandle fails (FALSE, "단순히 FALSE 값을 반환한다"), so the grandchild
// still inherits it, with both flags. The seed's caveat: a child that clears
// the flag first can close it. Wine 8.0 probe: a child started with
// bInheritHandles=TRUE sees the inherited handle with flags 3 (inherit and
// protect) and its CloseHandle fails with ERROR_INVALID_HANDLE.
func TestSeed003ProtectForGrandchild(t *testing.T) {
	k := newKernel(t, Config{})
	_, tp := k.StartProcess("Parent.exe", "Parent.exe", nil)
	h := k.CreateEvent(tp, inheritable(), false, false, "")
	if !k.SetHandleInformation(tp, h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE) {
		t.Fatal("SetHandleInformation")
	}
	pi := mustSpawn(t, k, tp, "Child.exe")
	k.TakeEvents()
	if k.CloseHandle(pi.TID, h) {
		t.Fatal("child closed a protected handle")
	}
	if k.GetLastError(pi.TID) != ERROR_INVALID_HANDLE {
		t.Errorf("last error %v", k.GetLastError(pi.TID))
	}
	wantEvents(t, only(k.TakeEvents()), fmt.Sprintf("refused %d:0x4", pi.PID), fmt.Sprintf("lasterror %d=ERROR_INVALID_HANDLE", pi.TID))
	gpi := mustSpawn(t, k, pi.TID, "GrandChild.exe")
	if fl, ok := k.GetHandleInformation(gpi.TID, h); !ok || fl != HANDLE_FLAG_INHERIT|HANDLE_FLAG_PROTECT_FROM_CLOSE {
		t.Fatalf("grandchild's flags %d %v", fl, ok)
	}
	e, _, _ := k.ProcessByPID(gpi.PID).Proc.Lookup(h)
	if k.Object(e.Object).UsageCount() != 3 {
		t.Errorf("usage %d", k.Object(e.Object).UsageCount())
	}
	// The caveat: SetHandleInformation(hObj, HANDLE_FLAG_PROTECT_FROM_CLOSE,
	// 0); CloseHandle(hObj); succeeds.
	if !k.SetHandleInformation(pi.TID, h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0) || !k.CloseHandle(pi.TID, h) {
		t.Error("child could not clear the flag and close")
	}
	// A protected handle is still closed when its process exits ("Terminating
	// a Process": all handles are closed).
	k.ExitProcess(gpi.TID, 0)
	if k.Object(e.Object).UsageCount() != 1 {
		t.Errorf("usage after the grandchild exited: %d", k.Object(e.Object).UsageCount())
	}
}

func mustSpawn(t *testing.T, k *Kernel, tid TID, cmd string) ProcessInformation {
	t.Helper()
	pi, ok := k.CreateProcess(tid, "", cmd, nil, nil, true, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(tid))
	}
	return pi
}

// TestSeed004ProcessOutlivesItself replays seed 004's Notepad example: the
// process ends (the resource goes) but its kernel object stays while the
// parent holds hProcess, so the exit code can still be read; closing the
// last handle destroys it. Also docs/semantics.md: hProcess and hThread are at
// usage 2 right after CreateProcess (handle + running reference).
func TestSeed004ProcessOutlivesItself(t *testing.T) {
	k := newKernel(t, Config{})
	_, tp := k.StartProcess("Explorer.exe", "Explorer.exe", nil)
	pi, ok := k.CreateProcess(tp, `C:\Windows\notepad.exe`, "", nil, nil, false, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(tp))
	}
	proc, thread := k.ProcessByPID(pi.PID), k.ThreadByTID(pi.TID)
	if proc.UsageCount() != 2 || thread.UsageCount() != 2 || proc.KernelRefs != 1 || proc.HandleCount != 1 {
		t.Fatalf("usage after CreateProcess: process %d thread %d", proc.UsageCount(), thread.UsageCount())
	}
	if c, _ := k.GetExitCodeProcess(tp, pi.HProcess); c != STILL_ACTIVE {
		t.Errorf("exit code while running %d", c)
	}
	// The common pattern: the parent closes hThread at once.
	k.CloseHandle(tp, pi.HThread)
	if thread.UsageCount() != 1 || thread.Destroyed {
		t.Error("hThread close")
	}
	k.TakeEvents()
	k.ExitProcess(pi.TID, 3)
	evs := k.TakeEvents()
	wantEvents(t, only(evs, EvThreadExited, EvProcessExited, EvObjectDestroyed),
		fmt.Sprintf("thread-exited %d code=3", pi.TID),
		fmt.Sprintf("destroyed #%d", thread.ID),
		fmt.Sprintf("exited %d code=3", pi.PID))
	if proc.Destroyed || proc.UsageCount() != 1 || !proc.Proc.Exited {
		t.Fatalf("process object after exit: usage %d destroyed %v", proc.UsageCount(), proc.Destroyed)
	}
	if c, ok := k.GetExitCodeProcess(tp, pi.HProcess); !ok || c != 3 {
		t.Errorf("exit code %d %v", c, ok)
	}
	if r, _ := k.WaitForSingleObject(tp, pi.HProcess, 0); r != WAIT_OBJECT_0 {
		t.Errorf("wait %#x", r)
	}
	s := k.Snapshot()
	if o := s.Process(pi.PID); o == nil || o.Destroyed || o.Proc.ExitCode != 3 {
		t.Error("snapshot lost the exited process")
	}
	k.CloseHandle(tp, pi.HProcess)
	if !proc.Destroyed || k.ProcessByPID(pi.PID) != nil {
		t.Error("process object outlived its last handle")
	}
	if h := k.OpenProcess(tp, SYNCHRONIZE, false, pi.PID); h != 0 || k.GetLastError(tp) != ERROR_INVALID_PARAMETER {
		t.Error("OpenProcess of a destroyed process")
	}
}

// TestSeed003ChildLearnsValues replays seed 003 "차일드 프로세스가 사용할
// 커널 오브젝트의 핸들을 전달하는 방법": the child is not told which handles
// it inherited; it learns the value from its command line or from an
// environment variable the parent added (inherited or given block).
func TestSeed003ChildLearnsValues(t *testing.T) {
	k := newKernel(t, Config{})
	_, tp := k.StartProcess("Parent.exe", "Parent.exe", []string{"PATH=C:\\Windows"})
	h := k.CreateEvent(tp, inheritable(), true, false, "")
	// Environment: the parent adds a variable, the child inherits the block.
	if !k.SetEnvironmentVariable(tp, "HEVENT", strconv.Itoa(int(h)), false) {
		t.Fatal("SetEnvironmentVariable")
	}
	pi, _ := k.CreateProcess(tp, "", "Child.exe", nil, nil, true, 0, nil)
	v, n := k.GetEnvironmentVariable(pi.TID, "HEVENT", 64)
	if n == 0 || v != "4" {
		t.Fatalf("child's HEVENT %q", v)
	}
	hv, _ := strconv.Atoi(v)
	if !k.SetEvent(pi.TID, Handle(hv)) {
		t.Fatal("child could not use the inherited handle")
	}
	// A given block replaces the parent's.
	pi2, _ := k.CreateProcess(tp, "", "Child.exe", nil, nil, true, 0, []string{"HEVENT=4"})
	if _, ok := k.ProcessByPID(pi2.PID).Proc.Getenv("PATH"); ok {
		t.Error("given block merged with the parent's")
	}
	// The child's environment is its own copy.
	k.SetEnvironmentVariable(pi.TID, "HEVENT", "0", false)
	if v, _ := k.ProcessByPID(k.GetCurrentProcessId(tp)).Proc.Getenv("HEVENT"); v != "4" {
		t.Error("child's change reached the parent")
	}
	// Command line.
	pi3, _ := k.CreateProcess(tp, "", fmt.Sprintf("Child.exe %d", h), nil, nil, true, 0, nil)
	var got int
	fmt.Sscanf(k.ProcessByPID(pi3.PID).Proc.CommandLine, "Child.exe %d", &got)
	if !k.ResetEvent(pi3.TID, Handle(got)) {
		t.Error("command-line handle unusable")
	}
	// Without bInheritHandles the same value means nothing in the child.
	pi4, _ := k.CreateProcess(tp, "", fmt.Sprintf("Child.exe %d", h), nil, nil, false, 0, nil)
	if k.SetEvent(pi4.TID, h) || k.GetLastError(pi4.TID) != ERROR_INVALID_HANDLE {
		t.Error("value usable without inheritance")
	}
}
