package kernel

import "strings"

// Consoles and standard handles.
//
// Every process of the model is a console application (/SUBSYSTEM:CONSOLE,
// like every program of the textbooks). A process started by the shell
// gets a console of its own (as from its own cmd.exe window); a child
// created by CreateProcess shares its parent's console unless
// CREATE_NEW_CONSOLE gives it a new one ("Creation of a Console"; "Process
// Creation Flags"). Consoles are numbered 1, 2, … in creation order.
//
// The standard handles' values are the ones Windows gave a console process
// up to Windows 7: console handles were not kernel handles but values whose
// two low bits are set, handled by kernel32 and the console server (csrss),
// not by the object manager — standard input 0x3, output 0x7, error 0xB
// (ReactOS and Wine kernel32: IsConsoleHandle is (h & 0x10000003) == 3;
// Wine developer's guide, "Console handles … have the two lower bits
// set"). So they are not entries of the handle table: a textbook's tables,
// which start at index 1 (handle 0x4), keep their numbers, and the console
// appears only in a lesson that uses it. Windows 8 and later give real
// handles to \Device\ConDrv instead; the model keeps the older values and
// says so (README "The model's choices").
//
// Source: "GetStdHandle function" (initially the console input buffer
// CONIN$ and the active screen buffer CONOUT$), "Console Handles",
// "STARTUPINFOA structure" (STARTF_USESTDHANDLES: "the handles must be
// inheritable and the function's bInheritHandles parameter must be set to
// TRUE"), "Creating a Child Process with Redirected Input and Output".

// nStdHandle values: "GetStdHandle function".
const (
	STD_INPUT_HANDLE  uint32 = 0xFFFFFFF6 // (DWORD)-10
	STD_OUTPUT_HANDLE uint32 = 0xFFFFFFF5 // (DWORD)-11
	STD_ERROR_HANDLE  uint32 = 0xFFFFFFF4 // (DWORD)-12
)

// Console handle values of a fresh console process (Windows 7 and
// earlier), and the creation flags and STARTUPINFO flag that concern them.
const (
	ConsoleInput  Handle = 0x3
	ConsoleOutput Handle = 0x7
	ConsoleError  Handle = 0xB

	STARTF_USESTDHANDLES uint32 = 0x100
	CREATE_NEW_CONSOLE   uint32 = 0x10
	DETACHED_PROCESS     uint32 = 0x8
)

// IsConsoleHandle reports whether h is a console handle value: its two low
// bits set and bit 28 clear, as kernel32 tested before Windows 8 (so the
// pseudo handles -1 and -2 are not console handles).
func IsConsoleHandle(h Handle) bool { return h&0x10000003 == 3 }

// StdName is the name of standard handle i (0, 1, 2).
func StdName(i int) string {
	switch i {
	case 0:
		return "STD_INPUT_HANDLE"
	case 1:
		return "STD_OUTPUT_HANDLE"
	case 2:
		return "STD_ERROR_HANDLE"
	}
	return "std?"
}

// stdIndex maps an nStdHandle value to 0, 1, 2 (ok false for any other).
func stdIndex(n uint32) (int, bool) {
	switch n {
	case STD_INPUT_HANDLE:
		return 0, true
	case STD_OUTPUT_HANDLE:
		return 1, true
	case STD_ERROR_HANDLE:
		return 2, true
	}
	return 0, false
}

// StartupInfo is the part of STARTUPINFO the model uses.
type StartupInfo struct {
	Flags                         uint32
	StdInput, StdOutput, StdError Handle
}

// stdio is a new process's console and standard handles.
type stdio struct {
	handles [3]Handle
	console int
}

// console is one console's state: the input a lesson typed into it
// (Kernel.TypeConsoleInput) not read yet.
type console struct {
	input string
}

// newConsole makes a console and returns the standard handles of a process
// attached to it.
func (k *Kernel) newConsole() stdio {
	k.consoles = append(k.consoles, console{})
	return stdio{handles: [3]Handle{ConsoleInput, ConsoleOutput, ConsoleError}, console: len(k.consoles)}
}

// childStdio is a child's console and standard handles:
//   - STARTF_USESTDHANDLES: the three values as given. CreateProcess does
//     not check them: they name the parent's entries that the child
//     inherits at the same index when bInheritHandles is TRUE; otherwise the
//     child's calls on them fail (or reach whatever the child opened there),
//     which is why the documentation requires inheritable handles and
//     bInheritHandles TRUE;
//   - otherwise, with CREATE_NEW_CONSOLE, a new console's handles;
//     DETACHED_PROCESS, no console and no standard handles (NULL);
//   - otherwise the parent's console and its standard handle values (a
//     console child of a console parent shares its console: "Creation of a
//     Console").
func (k *Kernel) childStdio(parent *ProcessInfo, flags uint32, si *StartupInfo) stdio {
	var s stdio
	switch {
	case flags&CREATE_NEW_CONSOLE != 0:
		s = k.newConsole()
	case flags&DETACHED_PROCESS != 0:
	default:
		s = stdio{handles: parent.Std, console: parent.Console}
	}
	if si != nil && si.Flags&STARTF_USESTDHANDLES != 0 {
		s.handles = [3]Handle{si.StdInput, si.StdOutput, si.StdError}
	}
	return s
}

// GetStdHandle returns one of the calling process's standard handles.
//
// Source: "GetStdHandle function": the handle, or the one a SetStdHandle
// set; NULL for a process without standard handles; any other nStdHandle
// fails with INVALID_HANDLE_VALUE (Wine kernelbase GetStdHandle:
// ERROR_INVALID_HANDLE). A success leaves the last error alone.
func (k *Kernel) GetStdHandle(tid TID, n uint32) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return INVALID_HANDLE_VALUE
	}
	i, ok := stdIndex(n)
	if !ok {
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return INVALID_HANDLE_VALUE
	}
	return p.Proc.Std[i]
}

// SetStdHandle sets one of the calling process's standard handles. The value
// is not checked (a closed or made-up handle is stored as given).
//
// Source: "SetStdHandle function"; Wine kernelbase SetStdHandle: any other
// nStdHandle gives FALSE with ERROR_INVALID_HANDLE.
func (k *Kernel) SetStdHandle(tid TID, n uint32, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	i, ok := stdIndex(n)
	if !ok {
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	old := p.Proc.Std[i]
	p.Proc.Std[i] = h
	k.emit(Event{Kind: EvStdHandleSet, PID: p.Proc.PID, TID: t.Thread.TID, Index: i, Handle: h, From: int(old)})
	return true
}

// StdHandle is process pid's standard handle i (0, 1, 2) as it is now,
// after any SetStdHandle (the C runtime keeps the one it read at startup:
// scenario's proc.crtStd); 0 for an unknown process.
func (k *Kernel) StdHandle(pid PID, i int) Handle {
	p := k.ProcessByPID(pid)
	if p == nil || i < 0 || i > 2 {
		return 0
	}
	return p.Proc.Std[i]
}

// ConsoleOf is the console process pid is attached to (0: none).
func (k *Kernel) ConsoleOf(pid PID) int {
	if p := k.ProcessByPID(pid); p != nil {
		return p.Proc.Console
	}
	return 0
}

// TypeConsoleInput adds text to the input of process pid's console, as if
// a user had typed it there (a lesson gives it in its metadata).
func (k *Kernel) TypeConsoleInput(pid PID, text string) {
	p := k.ProcessByPID(pid)
	if p == nil || p.Proc.Console == 0 {
		return
	}
	k.consoles[p.Proc.Console-1].input += text
}

// ConsoleInputLeft is what process pid's console has typed and not read.
func (k *Kernel) ConsoleInputLeft(pid PID) string {
	p := k.ProcessByPID(pid)
	if p == nil || p.Proc.Console == 0 {
		return ""
	}
	return k.consoles[p.Proc.Console-1].input
}

// consoleFor checks that console handle h can be used by process p for
// input (in) or output, and returns p's console (0 with the last error
// set when it cannot: ERROR_INVALID_HANDLE, as kernel32 gives for a console
// handle of no console).
func (k *Kernel) consoleFor(t, p *Object, h Handle, in bool) int {
	c := p.Proc.Console
	ok := c != 0 && (in && h == ConsoleInput || !in && (h == ConsoleOutput || h == ConsoleError))
	if !ok {
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return 0
	}
	return c
}

// WriteConsoleHandle is WriteFile on a console handle: the bytes go to the
// console's screen, which the caller shows. It reports whether h is a
// console output handle of the caller's console.
func (k *Kernel) WriteConsoleHandle(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	return k.consoleFor(t, p, h, false) != 0
}

// closeConsoleHandle is CloseHandle of a console handle value: TRUE for
// one of the caller's console's handles (the model keeps the console and
// the standard handle as they are), ERROR_INVALID_HANDLE otherwise.
func (k *Kernel) closeConsoleHandle(t, p *Object, h Handle) bool {
	if p.Proc.Console == 0 || h != ConsoleInput && h != ConsoleOutput && h != ConsoleError {
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	return true
}

// ReadConsoleLine reads from the caller's console input through console
// handle h, as ReadFile on the console input handle does in its default
// (line input, echo) mode: one line, its "\r\n" included, at most n bytes
// (the rest of a longer line stays for the next read). With nothing typed
// the call waits, as a console waits for its user: forever here, since a
// lesson's input is all given in advance (pending; the thread waits in
// "ReadConsole" and the run ends with it waiting).
//
// Source: "ReadFile function" and "High-Level Console Input and Output
// Functions" (ENABLE_LINE_INPUT: ReadFile returns when Enter is pressed;
// the line ends with a carriage return and line feed).
func (k *Kernel) ReadConsoleLine(tid TID, h Handle, n uint32) (line string, ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return "", false, false
	}
	c := k.consoleFor(t, p, h, true)
	if c == 0 {
		return "", false, false
	}
	in := k.consoles[c-1].input
	if in == "" {
		k.blockForever(t, p, h, "ReadConsole")
		return "", false, true
	}
	end := strings.IndexByte(in, '\n')
	if end < 0 {
		end = len(in) // the last line, typed without Enter: Enter is implied
		in += "\n"
	}
	line = strings.TrimSuffix(in[:end], "\r") + "\r\n"
	rest := in[end+1:]
	if uint32(len(line)) > n {
		rest = line[n:] + rest
		line = line[:n]
		rest = strings.Replace(rest, "\r\n", "\n", 1)
	}
	k.consoles[c-1].input = rest
	k.work += workBytes(len(line))
	return line, true, false
}

// blockForever makes thread t wait in call for something no later call
// can give (Sleep(INFINITE), console input nobody types): the thread is
// blocked, the viewer shows it waiting, and only its process's end ends
// the wait.
func (k *Kernel) blockForever(t, p *Object, h Handle, call string) {
	t.Thread.WaitingIn = call
	t.Thread.WaitObject = 0
	t.Thread.WaitHandle = h
	k.waiters = append(k.waiters, waiter{tid: t.Thread.TID, call: call, try: func() (Completion, bool) { return Completion{}, false }})
	k.emit(Event{Kind: EvWaitStarted, PID: p.Proc.PID, TID: t.Thread.TID, Handle: h, Detail: call})
}

// Sleep suspends the calling thread. Time is not modelled (README, "The
// model's choices"): a finite interval has passed by the next statement,
// so Sleep(n) returns at once; Sleep(INFINITE) never returns: the thread
// waits in "Sleep" until its process ends. pending reports that it waits.
// Source: "Sleep function" ("A value of INFINITE indicates that the
// suspension should not time out").
func (k *Kernel) Sleep(tid TID, ms uint32) (pending bool) {
	t, p, running := k.caller(tid)
	if !running || ms != INFINITE {
		return false
	}
	k.blockForever(t, p, 0, "Sleep")
	return true
}

// WaitForInputIdle waits until a GUI process waits for input. Every
// process of the model is a console application, which has no message
// queue: the call returns at once ("WaitForInputIdle function": "If this
// process is a console application or does not have a message queue,
// WaitForInputIdle returns immediately"), with WAIT_FAILED and the last
// error untouched, as Wine 8 answers for a console child
// (docs/wine-probes/stdio). A handle that names no process gives
// WAIT_FAILED with ERROR_INVALID_HANDLE (the same probe, a thread handle).
func (k *Kernel) WaitForInputIdle(tid TID, h Handle, ms uint32) uint32 {
	t, p, running := k.caller(tid)
	if !running {
		return WAIT_FAILED
	}
	k.typedHandle(t, p, h, TypeProcess, 0)
	return WAIT_FAILED
}
