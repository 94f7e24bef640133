package kernel

import "strings"

// ProcessInformation is PROCESS_INFORMATION.
type ProcessInformation struct {
	HProcess Handle
	HThread  Handle
	PID      PID
	TID      TID
}

// StartProcess starts a process the way the shell would: no inheritance, an
// empty handle table, no handle to it anywhere, so its usage count is 1 (the
// running reference) and so is its primary thread's.
func (k *Kernel) StartProcess(image, cmdLine string, env []string) (PID, TID) {
	p, t := k.spawn(0, image, cmdLine, env, k.newConsole())
	return p.Proc.PID, t.Thread.TID
}

// spawn creates a running process object and its primary thread, each with
// the kernel's running reference.
func (k *Kernel) spawn(parent PID, image, cmdLine string, env []string, std stdio) (*Object, *Object) {
	p := k.newObject(TypeProcess, "")
	p.Proc = &ProcessInfo{PID: PID(k.newNumber()), ParentPID: parent, Image: image, CommandLine: cmdLine, Env: env, ExitCode: STILL_ACTIVE, Std: std.handles, Console: std.console, table: HandleTable{firstFree: 1}}
	p.KernelRefs = 1
	k.pids[p.Proc.PID] = p.ID
	k.emit(Event{Kind: EvObjectCreated, PID: parent, Object: p.ID, ObjType: TypeProcess, Name: image})
	k.emit(Event{Kind: EvUsageChanged, PID: parent, Object: p.ID, ObjType: TypeProcess, From: 0, To: 1, Cause: CauseRunning})

	t := k.newObject(TypeThread, "")
	t.Thread = &ThreadInfo{TID: TID(k.newNumber()), Process: p.ID, ExitCode: STILL_ACTIVE}
	t.KernelRefs = 1
	k.tids[t.Thread.TID] = t.ID
	p.Proc.Threads = []ObjectID{t.ID}
	k.emit(Event{Kind: EvObjectCreated, PID: parent, Object: t.ID, ObjType: TypeThread})
	k.emit(Event{Kind: EvUsageChanged, PID: parent, Object: t.ID, ObjType: TypeThread, From: 0, To: 1, Cause: CauseRunning})
	k.emit(Event{Kind: EvProcessCreated, PID: parent, TargetPID: p.Proc.PID, TID: t.Thread.TID, Object: p.ID, ObjType: TypeProcess, Name: image})
	return p, t
}

// ImageName is the image a command line starts: its first token (quoted or
// not), without directories. "Child.exe 4" → "Child.exe".
func ImageName(appName, cmdLine string) string {
	s := appName
	if s == "" {
		s = strings.TrimLeft(cmdLine, " \t")
		if strings.HasPrefix(s, `"`) {
			if end := strings.IndexByte(s[1:], '"'); end >= 0 {
				s = s[1 : 1+end]
			} else {
				s = s[1:]
			}
		} else if end := strings.IndexAny(s, " \t"); end >= 0 {
			s = s[:end]
		}
	}
	if i := strings.LastIndexAny(s, `\/`); i >= 0 {
		s = s[i+1:]
	}
	if appName == "" && s != "" && !strings.Contains(s, ".") {
		// "CreateProcessW function", lpCommandLine: "If the file name does
		// not contain an extension, .exe is appended" (lpApplicationName
		// gets no default extension).
		s += ".exe"
	}
	return s
}

// CreateProcess creates a child process of the caller.
//
// Source: "CreateProcessW function"; Richter, Windows via C/C++ ch. 3
// "Object Handle Inheritance" and ch. 4 (seed 003): the child's table starts
// empty; with bInheritHandles=TRUE every parent entry with
// HANDLE_FLAG_INHERIT is copied to the same index with the same access and
// flags (usage +1), others are skipped; then hProcess and hThread are opened
// in the parent (inheritable only if psaProcess/psaThread say so), so both
// objects have usage 2 when CreateProcess returns. env nil inherits the
// parent's environment block (a copy). A NULL application name with an empty
// command line is ERROR_INVALID_PARAMETER; the model has no file system, so
// every image exists.
func (k *Kernel) CreateProcess(tid TID, appName, cmdLine string, psaProcess, psaThread *SecurityAttributes, inheritHandles bool, flags uint32, env []string) (ProcessInformation, bool) {
	return k.CreateProcessWithStartup(tid, appName, cmdLine, psaProcess, psaThread, inheritHandles, flags, env, nil)
}

// CreateProcessWithStartup is CreateProcess with its lpStartupInfo (nil:
// none given): the child's standard handles and console (console.go,
// childStdio).
func (k *Kernel) CreateProcessWithStartup(tid TID, appName, cmdLine string, psaProcess, psaThread *SecurityAttributes, inheritHandles bool, flags uint32, env []string, si *StartupInfo) (ProcessInformation, bool) {
	t, parent, running := k.caller(tid)
	if !running {
		return ProcessInformation{}, false
	}
	image := ImageName(appName, cmdLine)
	if image == "" {
		return ProcessInformation{}, k.fail(t, ERROR_INVALID_PARAMETER)
	}
	// The parent needs two free slots for hProcess and hThread.
	if parent.Proc.table.Len()+2 > k.cfg.HandleLimit {
		return ProcessInformation{}, k.fail(t, ERROR_NO_SYSTEM_RESOURCES)
	}
	if env == nil {
		env = parent.Proc.Env
	}
	env = append([]string(nil), env...)
	if cmdLine == "" {
		cmdLine = appName
	}
	child, thread := k.spawn(parent.Proc.PID, image, cmdLine, env, k.childStdio(parent.Proc, flags, si))
	if inheritHandles {
		for i, e := range parent.Proc.table.All() {
			o := k.Object(e.Object)
			inheritable := uint32(e.Flags)&HANDLE_FLAG_INHERIT != 0
			k.emit(Event{Kind: EvInheritScan, PID: parent.Proc.PID, TargetPID: child.Proc.PID, Index: i, Handle: Handle(i * 4), Object: o.ID, ObjType: o.Type, Access: e.Access, Flags: e.Flags, Copied: inheritable})
			if inheritable {
				k.addEntryAt(child, i, o, e.Access, e.Flags, CauseInherit, &Event{SrcPID: parent.Proc.PID, SrcIndex: i})
			}
		}
	}
	pi := ProcessInformation{PID: child.Proc.PID, TID: thread.Thread.TID}
	pi.HProcess = k.addEntry(parent, child, PROCESS_ALL_ACCESS, inheritFlag(psaProcess.inherit()), CauseCreate)
	pi.HThread = k.addEntry(parent, thread, THREAD_ALL_ACCESS, inheritFlag(psaThread.inherit()), CauseCreate)
	return pi, true
}

// ExitProcess ends the calling process with the given exit code.
//
// Source: "ExitProcess function", "Terminating a Process": the threads stop,
// every handle in the table is closed (ascending order here), and the process
// object becomes signaled with the exit code; the object itself lives on while
// any handle to it is open (seed 004's Notepad example).
func (k *Kernel) ExitProcess(tid TID, code uint32) {
	// A waiting thread makes no calls, but a viewer or test ends a blocked
	// process this way (as if it were killed): only an exited one is refused.
	t := k.ThreadByTID(tid)
	if t == nil || t.Thread.Exited {
		return
	}
	k.terminate(k.Object(t.Thread.Process), code)
}

// terminate ends process p. The order follows Windows: threads terminate
// (owned mutexes are abandoned, each thread drops its running reference),
// then the handle table is closed, then the process is signaled and drops its
// own running reference.
func (k *Kernel) terminate(p *Object, code uint32) {
	pi := p.Proc
	if pi.Exited || pi.exiting {
		return
	}
	pi.exiting = true
	for _, tid := range pi.Threads {
		t := k.Object(tid)
		k.exitThread(t, code)
	}
	for i := range pi.table.All() {
		k.removeEntry(p, i, CauseExit)
	}
	pi.table.clear()
	pi.ExitCode = code
	pi.Exited = true
	p.Signaled = true
	k.dropKernelRef(p, pi.PID, CauseRunning, Event{Kind: EvProcessExited, PID: pi.PID, TargetPID: pi.PID, Object: p.ID, ObjType: TypeProcess, Code: code, Name: pi.Image})
	k.wakeWaiters()
}

func (k *Kernel) exitThread(t *Object, code uint32) {
	ti := t.Thread
	if ti.Exited {
		return
	}
	pid := k.Object(ti.Process).Proc.PID
	// Mutexes the thread still owns are abandoned ("Mutex Objects") before
	// the thread is signaled, as Windows runs it down (WRK
	// ps/psdelete.c PspExitThread: KeRundownThread abandons the mutants,
	// then KeTerminateThread signals the thread): no mutex is ever owned by
	// a thread that has exited.
	for _, o := range k.objects {
		if o.Type == TypeMutex && !o.Destroyed && o.OwnerTID == ti.TID {
			o.OwnerTID, o.Recursion, o.Abandoned, o.Signaled = 0, 0, true, true
			k.emit(Event{Kind: EvStateChanged, PID: pid, Object: o.ID, ObjType: TypeMutex, Change: ChangeAbandoned})
		}
	}
	// The thread leaves the wait queue as it exits: no event lies between.
	// An object only its wait held goes with it, reported right after the
	// exit.
	w := k.cancelWait(t)
	ti.Exited = true
	ti.ExitCode = code
	t.Signaled = true
	exited := []Event{{Kind: EvThreadExited, PID: pid, TID: ti.TID, Object: t.ID, ObjType: TypeThread, Code: code}}
	if k.dropWaitRef(w) {
		exited = append(exited, goneEvent(k.Object(w.object), pid))
	}
	k.dropKernelRef(t, pid, CauseRunning, exited...)
	if len(exited) > 1 && k.Object(w.object).Pipe != nil {
		k.pipeGone(k.Object(w.object)) // a pipe end waited on with no handle left
	}
	k.wakeWaiters()
}

// processHandle resolves a handle that must name a process object (or the
// pseudo handle) and checks the granted access. It sets the last error and
// returns nil on failure.
func (k *Kernel) processHandle(t, p *Object, h Handle, need uint32) *Object {
	return k.typedHandle(t, p, h, TypeProcess, need)
}

// TerminateProcess ends the process h names.
//
// Source: "TerminateProcess function": needs PROCESS_TERMINATE; docs/semantics.md:
// a process that has already exited gives FALSE, ERROR_ACCESS_DENIED.
// Terminating the caller's own process does not return.
func (k *Kernel) TerminateProcess(tid TID, h Handle, code uint32) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	target := k.processHandle(t, p, h, PROCESS_TERMINATE)
	if target == nil {
		return false
	}
	if target.Proc.Exited {
		return k.fail(t, ERROR_ACCESS_DENIED)
	}
	k.terminate(target, code)
	return true
}

// GetExitCodeProcess reads a process's exit code: STILL_ACTIVE (259) while it
// runs. Source: "GetExitCodeProcess function" (needs
// PROCESS_QUERY_INFORMATION or PROCESS_QUERY_LIMITED_INFORMATION).
func (k *Kernel) GetExitCodeProcess(tid TID, h Handle) (uint32, bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, false
	}
	o, access, err := k.typedObject(t, p, h, TypeProcess, 0)
	if err == ERROR_SUCCESS && access&(PROCESS_QUERY_INFORMATION|PROCESS_QUERY_LIMITED_INFORMATION) == 0 {
		err = ERROR_ACCESS_DENIED
	}
	if err != ERROR_SUCCESS {
		return 0, k.fail(t, err)
	}
	return o.Proc.ExitCode, true
}

// GetProcessId returns the PID of the process h names, 0 on failure.
// Source: "GetProcessId function".
func (k *Kernel) GetProcessId(tid TID, h Handle) PID {
	t, p, running := k.caller(tid)
	if !running {
		return 0
	}
	o, access, err := k.typedObject(t, p, h, TypeProcess, 0)
	if err == ERROR_SUCCESS && access&(PROCESS_QUERY_INFORMATION|PROCESS_QUERY_LIMITED_INFORMATION) == 0 {
		err = ERROR_ACCESS_DENIED
	}
	if err != ERROR_SUCCESS {
		k.setLastError(t, err)
		return 0
	}
	return o.Proc.PID
}

// GetCurrentProcessId returns the caller's PID.
func (k *Kernel) GetCurrentProcessId(tid TID) PID {
	_, p, running := k.caller(tid)
	if !running {
		return 0
	}
	return p.Proc.PID
}

// GetCurrentThreadId returns the caller's TID.
func (k *Kernel) GetCurrentThreadId(tid TID) TID {
	t, _, running := k.caller(tid)
	if !running {
		return 0
	}
	return t.Thread.TID
}

// GetCurrentProcess returns the pseudo handle (HANDLE)-1. It is not a table
// entry: it means "the calling process" wherever it is used.
func (k *Kernel) GetCurrentProcess() Handle { return CurrentProcess }

// GetCurrentThread returns the pseudo handle (HANDLE)-2.
func (k *Kernel) GetCurrentThread() Handle { return CurrentThread }

// OpenProcess opens a handle to the process with that PID.
//
// Source: "OpenProcess function"; docs/semantics.md: an unknown PID (or 0) gives
// NULL, ERROR_INVALID_PARAMETER. A process that exited but whose object is
// still referenced can be opened (its PID is not reused while it lives).
// Security is not modelled: the requested access is granted (generic rights
// mapped, then masked by the process type's valid rights).
func (k *Kernel) OpenProcess(tid TID, access uint32, inherit bool, pid PID) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return 0
	}
	o := k.ProcessByPID(pid)
	if o == nil {
		k.setLastError(t, ERROR_INVALID_PARAMETER)
		return 0
	}
	h := k.addEntry(p, o, grantAccess(TypeProcess, access), inheritFlag(inherit), CauseOpen)
	if h == 0 {
		k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
		return 0
	}
	return h
}
