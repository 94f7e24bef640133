package main

import (
	"fmt"
	"os"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	k32     = windows.NewLazySystemDLL("kernel32.dll")
	ntdll   = windows.NewLazySystemDLL("ntdll.dll")
	pCEv    = k32.NewProc("CreateEventW")
	pCEvEx  = k32.NewProc("CreateEventExW")
	pOEv    = k32.NewProc("OpenEventW")
	pCMu    = k32.NewProc("CreateMutexW")
	pOMu    = k32.NewProc("OpenMutexW")
	pCSem   = k32.NewProc("CreateSemaphoreW")
	pRelSem = k32.NewProc("ReleaseSemaphore")
	pCMap   = k32.NewProc("CreateFileMappingW")
	pCJob   = k32.NewProc("CreateJobObjectW")
	pCTim   = k32.NewProc("CreateWaitableTimerW")
	pCNP    = k32.NewProc("CreateNamedPipeW")
	pConn   = k32.NewProc("ConnectNamedPipe")
	pDisc   = k32.NewProc("DisconnectNamedPipe")
	pSetNP  = k32.NewProc("SetNamedPipeHandleState")
	pCMS    = k32.NewProc("CreateMailslotW")
	pQO     = ntdll.NewProc("NtQueryObject")
)

func u(s string) uintptr {
	p, _ := windows.UTF16PtrFromString(s)
	return uintptr(unsafe.Pointer(p))
}

func en(e error) string {
	if errno, ok := e.(windows.Errno); ok {
		return fmt.Sprintf("%d", uint32(errno))
	}
	return fmt.Sprint(e)
}

func access(h uintptr) string {
	var info [14]uint32
	r, _, _ := pQO.Call(h, 0, uintptr(unsafe.Pointer(&info[0])), 56, 0)
	if r != 0 {
		return fmt.Sprintf("NtQueryObject %#x", r)
	}
	return fmt.Sprintf("%#x", info[1])
}

func ev(name string) string {
	r, _, e := pCEv.Call(0, 0, 0, u(name))
	if r == 0 {
		return fmt.Sprintf("NULL err %s", en(e))
	}
	return fmt.Sprintf("%#x err %s", r, en(e))
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		os.Exit(3)
	}
	cur := windows.CurrentProcess()
	show := func(s string, args ...any) { fmt.Printf(s+"\n", args...) }
	section := func(s string) { fmt.Println("== " + s) }

	section("names")
	for _, n := range []string{"N1", "Local\\N1", "Global\\N1", "Global\\N1", "local\\N1", "LOCAL\\N1", "global\\N1",
		"Local\\Local\\N1", "Global\\Global\\N1", "Local\\Global\\N1", "Global\\Local\\N1",
		"a\\b", "\\N6", "N7\\", "Local\\", "Global\\", "Local\\a\\b", "Global\\a\\b", "Session\\1\\N8", "Session\\N9", "BaseNamedObjects\\N1", "N10/x"} {
		show("CreateEvent(%q): %s", n, ev(n))
	}
	for _, n := range []string{"Local\\N1", "Global\\N1", "a\\b", "Local\\nope", "Global\\nope", "Local\\", "N7\\"} {
		r, _, e := pOEv.Call(0x100000, 0, u(n))
		show("OpenEvent(%q): %#x err %s", n, r, en(e))
	}
	r, _, e := pOMu.Call(0x100000, 0, u("Local\\N1"))
	show("OpenMutex(Local\\N1 event): %#x err %s", r, en(e))
	r, _, e = pCMu.Call(0, 0, u("Global\\N1"))
	show("CreateMutex(Global\\N1 event): %#x err %s", r, en(e))
	for _, l := range []int{259, 260, 261, 300, 1000, 40000} {
		n := strings.Repeat("x", l)
		show("CreateEvent(len %d): %s", l, ev(n))
		r, _, e := pOEv.Call(0x100000, 0, u(n))
		show("OpenEvent(len %d): %#x err %s", l, r, en(e))
		r, _, e = pCMu.Call(0, 0, u("m"+n))
		show("CreateMutex(len %d): %#x err %s", l+1, r, en(e))
		r, _, e = pCMap.Call(^uintptr(0), 0, 4, 0, 16, u("f"+n))
		show("CreateFileMapping(len %d): %#x err %s", l+1, r, en(e))
		show("CreateEvent(Local\\ + len %d): %s", l, ev("Local\\y"+n))
	}
	for _, c := range []struct {
		n string
		p *windows.LazyProc
	}{{"CreateSemaphore", nil}, {"CreateJobObject", pCJob}, {"CreateWaitableTimer", pCTim}, {"CreateFileMapping", pCMap}} {
		var r uintptr
		var e error
		switch c.n {
		case "CreateSemaphore":
			r, _, e = pCSem.Call(0, 0, 1, u("a\\s"))
		case "CreateJobObject":
			r, _, e = pCJob.Call(0, u("a\\j"))
		case "CreateWaitableTimer":
			r, _, e = pCTim.Call(0, 0, u("a\\t"))
		case "CreateFileMapping":
			r, _, e = pCMap.Call(^uintptr(0), 0, 4, 0, 16, u("a\\m"))
		}
		show("%s(a\\x): %#x err %s", c.n, r, en(e))
	}

	section("duplicate")
	e1, _, _ := pCEv.Call(0, 0, 0, 0)
	var d windows.Handle
	err := windows.DuplicateHandle(cur, windows.Handle(e1), 0, &d, 0, false, windows.DUPLICATE_SAME_ACCESS)
	show("dup NULL target, no close source: %v (%s)", err, en(err))
	err = windows.DuplicateHandle(cur, windows.Handle(e1), 0, &d, 0, false, 0)
	show("dup NULL target, options 0: %v (%s)", err, en(err))
	err = windows.DuplicateHandle(cur, 0x7ff0, 0, &d, 0, false, 0)
	show("dup NULL target, bad source, options 0: %v (%s)", err, en(err))
	for _, a := range []uint32{0xFFFF, 0x1F0003, 0x02000000, 0x10000000, 0x00200000, 0x04000000, 0x01000000, 0xFFFFFFFF} {
		err = windows.DuplicateHandle(cur, windows.Handle(e1), cur, &d, a, false, 0)
		if err == nil {
			show("dup event access %#x: granted %s", a, access(uintptr(d)))
		} else {
			show("dup event access %#x: %s", a, en(err))
		}
	}
	r, _, e = pCEvEx.Call(0, u("AX"), 0, 0xFFFF)
	show("CreateEventEx(0xFFFF): %#x %s granted %s", r, en(e), access(r))
	r, _, e = pOEv.Call(0xFFFF, 0, u("AX"))
	show("OpenEvent(0xFFFF): %#x %s granted %s", r, en(e), access(r))
	r, _, e = pOEv.Call(0x001FFFFF, 0, u("AX"))
	show("OpenEvent(0x1FFFFF): %#x %s granted %s", r, en(e), access(r))
	hp, err := windows.OpenProcess(0xFFFFFFFF&^0x0CE00000&^0x01000000, false, windows.GetCurrentProcessId())
	show("OpenProcess(all bits): %#x %v granted %s", hp, err, access(uintptr(hp)))
	m, _, e := pCMu.Call(0, 0, 0)
	err = windows.DuplicateHandle(cur, windows.Handle(m), cur, &d, 0xFFFF, false, 0)
	show("dup mutex 0xFFFF: %v granted %s", err, access(uintptr(d)))

	// exited source
	exe, _ := os.Executable()
	var si windows.StartupInfo
	var pi windows.ProcessInformation
	si.Cb = uint32(unsafe.Sizeof(si))
	cl, _ := windows.UTF16PtrFromString(`"` + exe + `" child`)
	err = windows.CreateProcess(nil, cl, nil, nil, false, 0, nil, nil, &si, &pi)
	show("CreateProcess child: %v", err)
	windows.WaitForSingleObject(pi.Process, 10000)
	err = windows.DuplicateHandle(pi.Process, 4, cur, &d, 0, false, windows.DUPLICATE_SAME_ACCESS)
	show("dup from exited, handle 4: %v (%s)", err, en(err))
	err = windows.DuplicateHandle(pi.Process, windows.Handle(^uintptr(0)), cur, &d, 0, false, windows.DUPLICATE_SAME_ACCESS)
	show("dup from exited, pseudo -1: %v (%s)", err, en(err))
	err = windows.DuplicateHandle(pi.Process, windows.Handle(^uintptr(1)), cur, &d, 0, false, windows.DUPLICATE_SAME_ACCESS)
	show("dup from exited, pseudo -2: %v (%s)", err, en(err))
	err = windows.DuplicateHandle(pi.Process, 4, 0, nil, 0, false, windows.DUPLICATE_CLOSE_SOURCE)
	show("dup from exited, close source, NULL target: %v (%s)", err, en(err))
	e2, _, _ := pCEv.Call(0, 0, 0, 0)
	err = windows.DuplicateHandle(cur, windows.Handle(e2), pi.Process, &d, 0, false, windows.DUPLICATE_SAME_ACCESS|windows.DUPLICATE_CLOSE_SOURCE)
	show("dup into exited with close source: %v (%s); source still valid: %s", err, en(err), access(e2))

	section("semaphore")
	s, _, _ := pCSem.Call(0, 0, 1, 0)
	r, _, e = pRelSem.Call(0x7ff0, 0, 0)
	show("ReleaseSemaphore(bad, 0): %d %s", r, en(e))
	r, _, e = pRelSem.Call(0x7ff0, ^uintptr(0), 0)
	show("ReleaseSemaphore(bad, -1): %d %s", r, en(e))
	r, _, e = pRelSem.Call(s, ^uintptr(0), 0)
	show("ReleaseSemaphore(valid, -1): %d %s", r, en(e))

	section("pipes")
	pipe := func(name string, mode, max uint32) (uintptr, error) {
		r, _, e := pCNP.Call(u(name), 3, uintptr(mode), uintptr(max), 512, 512, 0, 0)
		return r, e
	}
	open := func(name string) (windows.Handle, error) {
		n, _ := windows.UTF16PtrFromString(name)
		return windows.CreateFile(n, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING, 0, 0)
	}
	rd := func(h uintptr, n int) string {
		buf := make([]byte, n)
		var got uint32
		err := windows.ReadFile(windows.Handle(h), buf, &got, nil)
		return fmt.Sprintf("%d %q err %s", got, buf[:got], en(err))
	}
	wr := func(h uintptr, s string) string {
		var got uint32
		err := windows.WriteFile(windows.Handle(h), []byte(s), &got, nil)
		return fmt.Sprintf("%d err %s", got, en(err))
	}
	conn := func(h uintptr) string {
		r, _, e := pConn.Call(h, 0)
		return fmt.Sprintf("%d err %s", r, en(e))
	}
	disc := func(h uintptr) string {
		r, _, e := pDisc.Call(h)
		return fmt.Sprintf("%d err %s", r, en(e))
	}
	setmode := func(h uintptr, mode uint32) string {
		r, _, e := pSetNP.Call(h, uintptr(unsafe.Pointer(&mode)), 0, 0)
		return fmt.Sprintf("%d err %s", r, en(e))
	}
	sp, e := pipe(`\\.\pipe\nw`, 1, 1) // PIPE_NOWAIT byte
	show("CreateNamedPipe NOWAIT: %#x %s", sp, en(e))
	show("ConnectNamedPipe(nowait, listening): %s", conn(sp))
	show("ReadFile(nowait, listening): %s", rd(sp, 4))
	show("WriteFile(nowait, listening): %s", wr(sp, "x"))
	c, err := open(`\\.\pipe\nw`)
	show("client open: %#x %v", c, err)
	show("ConnectNamedPipe(nowait, connected): %s", conn(sp))
	show("ReadFile(nowait server, empty): %s", rd(sp, 4))
	show("ReadFile(client, blocking, empty)? skipped")
	show("WriteFile(client): %s", wr(uintptr(c), "hello"))
	show("ReadFile(nowait server, 2): %s", rd(sp, 2))
	show("ReadFile(nowait server, 8): %s", rd(sp, 8))
	show("SetNamedPipeHandleState(client, NOWAIT): %s", setmode(uintptr(c), 1))
	show("ReadFile(nowait client, empty): %s", rd(uintptr(c), 4))
	windows.CloseHandle(c)
	show("ReadFile(nowait server, client closed): %s", rd(sp, 4))
	show("ConnectNamedPipe(nowait, client closed): %s", conn(sp))
	show("DisconnectNamedPipe: %s", disc(sp))
	show("ConnectNamedPipe(nowait, after disconnect): %s", conn(sp))
	show("ConnectNamedPipe(nowait, again): %s", conn(sp))
	show("ReadFile(nowait, listening again): %s", rd(sp, 4))
	// blocking pipe switched to nowait
	bp, _ := pipe(`\\.\pipe\bw`, 0, 1)
	show("SetNamedPipeHandleState(server, NOWAIT): %s", setmode(bp, 1))
	show("ConnectNamedPipe(switched nowait): %s", conn(bp))
	c2, _ := open(`\\.\pipe\bw`)
	show("ReadFile(switched nowait, empty): %s", rd(bp, 4))
	show("SetNamedPipeHandleState(server, WAIT): %s", setmode(bp, 0))
	show("SetNamedPipeHandleState(server, NOWAIT|MESSAGE on byte): %s", setmode(bp, 3))
	show("SetNamedPipeHandleState(server, 4): %s", setmode(bp, 4))
	windows.CloseHandle(c2)
	// message nowait
	mp, _ := pipe(`\\.\pipe\mw`, 4|2|1, 1)
	c3, _ := open(`\\.\pipe\mw`)
	show("ReadFile(msg nowait, empty): %s", rd(mp, 4))
	show("WriteFile(client msg): %s", wr(uintptr(c3), "abcdef"))
	show("ReadFile(msg nowait, 3): %s", rd(mp, 3))
	show("ReadFile(msg nowait, rest): %s", rd(mp, 8))
	// anonymous pipe nowait
	var ar, aw windows.Handle
	windows.CreatePipe(&ar, &aw, nil, 0)
	show("SetNamedPipeHandleState(anon read, NOWAIT): %s", setmode(uintptr(ar), 1))
	show("ReadFile(anon nowait, empty): %s", rd(uintptr(ar), 4))
	show("ConnectNamedPipe(anon read): %s", conn(uintptr(ar)))
	show("ConnectNamedPipe(anon write): %s", conn(uintptr(aw)))
	show("WriteFile(anon write): %s", wr(uintptr(aw), "zz"))
	show("DisconnectNamedPipe(anon read): %s", disc(uintptr(ar)))
	show("WriteFile(anon write after disconnect): %s", wr(uintptr(aw), "zz"))
	show("ReadFile(anon read after disconnect): %s", rd(uintptr(ar), 4))
	show("ConnectNamedPipe(anon read after disconnect): %s", conn(uintptr(ar)))
	show("DisconnectNamedPipe(anon read again): %s", disc(uintptr(ar)))
	show("DisconnectNamedPipe(anon write): %s", disc(uintptr(aw)))
	var ar2, aw2 windows.Handle
	windows.CreatePipe(&ar2, &aw2, nil, 0)
	windows.CloseHandle(aw2)
	show("ConnectNamedPipe(anon read, writer closed): %s", conn(uintptr(ar2)))
	// unlimited instances
	n := 0
	var lastErr string
	for i := 0; i < 300; i++ {
		h, e := pipe(`\\.\pipe\unl`, 0, 255)
		if h == uintptr(windows.InvalidHandle) {
			lastErr = en(e)
			break
		}
		n++
	}
	show("PIPE_UNLIMITED_INSTANCES: %d instances, then err %q", n, lastErr)
	n, lastErr = 0, ""
	for i := 0; i < 300; i++ {
		h, e := pipe(`\\.\pipe\lim`, 0, 254)
		if h == uintptr(windows.InvalidHandle) {
			lastErr = en(e)
			break
		}
		n++
	}
	show("254 instances: %d instances, then err %q", n, lastErr)

	section("mailslots")
	ms, _, e := pCMS.Call(u(`\\.\mailslot\m1`), 4, 0, 0)
	show("CreateMailslot max 4: %#x %s", ms, en(e))
	mn, _ := windows.UTF16PtrFromString(`\\.\mailslot\m1`)
	mc, err := windows.CreateFile(mn, windows.GENERIC_WRITE, windows.FILE_SHARE_READ, nil, windows.OPEN_EXISTING, 0, 0)
	show("client: %#x %v", mc, err)
	show("WriteFile 10 bytes (max 4): %s", wr(uintptr(mc), "0123456789"))
	show("WriteFile 4 bytes: %s", wr(uintptr(mc), "abcd"))
	show("ReadFile(2) of a 4-byte message: %s", rd(ms, 2))
	show("ReadFile(8): %s", rd(ms, 8))
	windows.CloseHandle(windows.Handle(ms))
	show("WriteFile after server closed: %s", wr(uintptr(mc), "ab"))
	ms2, _, _ := pCMS.Call(u(`\\.\mailslot\m2`), 0, 0, 0)
	mn2, _ := windows.UTF16PtrFromString(`\\.\mailslot\m2`)
	mc2, _ := windows.CreateFile(mn2, windows.GENERIC_WRITE, windows.FILE_SHARE_READ, nil, windows.OPEN_EXISTING, 0, 0)
	show("m2 WriteFile 1000 bytes (max 0): %s", wr(uintptr(mc2), strings.Repeat("q", 1000)))
	show("m2 ReadFile(10) of a 1000-byte message: %s", rd(ms2, 10))
}
