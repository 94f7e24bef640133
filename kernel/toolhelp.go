package kernel

// ToolhelpState is a CreateToolhelp32Snapshot snapshot: the processes
// running when it was taken and the Process32First/Next cursor.
type ToolhelpState struct {
	Processes []ProcessEntry
	Cursor    int
}

// ProcessEntry is the part of PROCESSENTRY32 the model fills.
type ProcessEntry struct {
	PID       PID
	ParentPID PID
	Threads   int
	ExeFile   string
}

// CreateToolhelp32Snapshot takes a snapshot of the running processes. The
// snapshot is itself a kernel object in the caller's table: on Windows it is
// a section (file mapping) object holding the list.
// Source: "CreateToolhelp32Snapshot function" (failure returns
// INVALID_HANDLE_VALUE); "Taking a Snapshot and Viewing Processes".
func (k *Kernel) CreateToolhelp32Snapshot(tid TID, flags uint32, pid PID) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return INVALID_HANDLE_VALUE
	}
	if flags&(TH32CS_SNAPALL) == 0 && flags&^TH32CS_INHERIT == 0 {
		k.setLastError(t, ERROR_INVALID_PARAMETER)
		return INVALID_HANDLE_VALUE
	}
	if k.freeIndex(p.Proc) == 0 {
		k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
		return INVALID_HANDLE_VALUE
	}
	th := &ToolhelpState{}
	if flags&TH32CS_SNAPPROCESS != 0 {
		for _, id := range k.pidsEver {
			o := k.Object(id)
			if o.Destroyed || o.Proc.Exited {
				continue
			}
			th.Processes = append(th.Processes, ProcessEntry{PID: o.Proc.PID, ParentPID: o.Proc.ParentPID, Threads: len(o.Proc.Threads), ExeFile: o.Proc.Image})
		}
	}
	o := k.newObject(TypeFileMapping, "")
	o.Toolhelp, o.Protect = th, PAGE_READWRITE
	h := k.addEntry(p, o, toolhelpAccess, inheritFlag(flags&TH32CS_INHERIT != 0), CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: o.ID, ObjType: TypeFileMapping})
	k.setLastError(t, ERROR_SUCCESS)
	return h
}

// Process32First returns the snapshot's first process and rewinds it.
// Source: "Process32First function": ERROR_NO_MORE_FILES when it is empty.
func (k *Kernel) Process32First(tid TID, h Handle) (ProcessEntry, bool) {
	return k.process32(tid, h, true)
}

// Process32Next returns the snapshot's next process, or FALSE with
// ERROR_NO_MORE_FILES after the last. Source: "Process32Next function".
func (k *Kernel) Process32Next(tid TID, h Handle) (ProcessEntry, bool) {
	return k.process32(tid, h, false)
}

func (k *Kernel) process32(tid TID, h Handle, first bool) (ProcessEntry, bool) {
	t, p, running := k.caller(tid)
	if !running {
		return ProcessEntry{}, false
	}
	o, _, ok := k.resolve(p, t, h)
	if !ok || o.Toolhelp == nil {
		return ProcessEntry{}, k.fail(t, ERROR_INVALID_HANDLE)
	}
	th := *o.Toolhelp
	if first {
		th.Cursor = 0
	}
	if th.Cursor >= len(th.Processes) {
		o.Toolhelp = &th
		return ProcessEntry{}, k.fail(t, ERROR_NO_MORE_FILES)
	}
	e := th.Processes[th.Cursor]
	th.Cursor++
	o.Toolhelp = &th
	return e, true
}
