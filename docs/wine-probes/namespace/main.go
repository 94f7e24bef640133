package main

import (
	"fmt"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	k32   = windows.NewLazySystemDLL("kernel32.dll")
	pCEv  = k32.NewProc("CreateEventW")
	pCEvA = k32.NewProc("CreateEventA")
	pOEvA = k32.NewProc("OpenEventA")
	pCMu  = k32.NewProc("CreateMutexW")
)

func u(s string) uintptr {
	p, _ := windows.UTF16PtrFromString(s)
	return uintptr(unsafe.Pointer(p))
}
func a(s string) uintptr {
	b := append([]byte(s), 0)
	return uintptr(unsafe.Pointer(&b[0]))
}
func en(e error) string {
	if errno, ok := e.(windows.Errno); ok {
		return fmt.Sprintf("%d", uint32(errno))
	}
	return fmt.Sprint(e)
}

func main() {
	r, _, e := pCEv.Call(0, 0, 0, u("N7"))
	fmt.Printf("CreateEvent(N7): %#x %s\n", r, en(e))
	for _, n := range []string{"N7\\x", "N7\\", "Local", "Global", "Session", "Session\\1", "Global\\Session\\1\\N7", "Session\\1\\Global\\N8", "Session\\2\\X", "Session\\1\\N7", "Local\\\\N7", "\\", "Global\\\\x"} {
		r, _, e := pCEv.Call(0, 0, 0, u(n))
		fmt.Printf("CreateEvent(%q): %#x %s\n", n, r, en(e))
	}
	for _, l := range []int{258, 259, 260, 261, 300} {
		n := strings.Repeat("a", l)
		r, _, e := pCEvA.Call(0, 0, 0, a(n))
		fmt.Printf("CreateEventA(len %d): %#x %s\n", l, r, en(e))
		r, _, e = pOEvA.Call(0x100000, 0, a(n))
		fmt.Printf("OpenEventA(len %d): %#x %s\n", l, r, en(e))
	}
}
