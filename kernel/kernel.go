// Package kernel is a deterministic model of what the Windows kernel does to
// per-process handle tables and kernel objects: usage counts, inheritance at
// CreateProcess, DuplicateHandle, named objects and the synchronization
// objects' state. Every Win32 call returns what the real call returns and sets
// the calling thread's last error the way the real call does; every state
// change is reported as an Event, in order.
//
// The model is pure Go: no clock, no randomness, no I/O. Calls are made on
// behalf of a thread (its TID); a process in this model has one thread, its
// primary thread. A call on behalf of a thread that is not running returns
// its failure value and changes nothing; no input makes the model panic.
package kernel

import (
	"sort"
	"strings"
)

// DefaultHandleLimit is the per-process handle limit on x64 Windows measured
// in "Pushing the Limits of Windows: Handles" (Mark Russinovich): 16,711,680.
const DefaultHandleLimit = 16_711_680

// Config holds the model's parameters.
type Config struct {
	// HandleLimit is the number of handles one process may hold; creating one
	// more fails with ERROR_NO_SYSTEM_RESOURCES. 0 means DefaultHandleLimit.
	HandleLimit int
}

// Kernel addresses are deterministic, in the seeds' style: the objects a
// scenario creates are 0xF0000000, 0xF0000010, ... in creation order, so a
// parent's first object is 0xF0000000 as in seed 003's tables; process and
// thread objects count in their own range from 0xE0000000, so starting a
// process does not shift them.
const (
	firstAddr   = 0xF0000000
	firstPTAddr = 0xE0000000 // process and thread objects
	addrStep    = 0x10
	firstID     = 1000 // first PID/TID; the number space is shared, step 4
)

// Kernel is the model. It is not safe for concurrent use.
type Kernel struct {
	cfg         Config
	objects     []*Object           // index ObjectID-1; destroyed objects stay (Destroyed)
	names       map[string]ObjectID // by namespace key (resolveName): "X" for "Local\X"
	pids        map[PID]ObjectID    // live process objects by PID
	tids        map[TID]ObjectID
	files       map[string]bool // plain files that exist, by lower-case path
	live        map[ObjectID]struct{}
	pipes       map[string][]ObjectID // pipe and mailslot names (lower case) → instances
	fileData    map[string]string     // plain file contents by lower-case path
	pidsEver    []ObjectID            // every process object, in creation order
	nextID      uint32
	nextAddr    uint64 // address of the next created object
	nextPTAddr  uint64 // address of the next process or thread object
	events      []Event
	waiters     []waiter
	completions []Completion
	consoles    []console // console.go; index console number - 1
	work        int64     // what the model did that its events do not show (Work)
	// OnEvent, when set, is called after every event is recorded, with the
	// state already consistent (tests run the invariant check there).
	OnEvent func(Event)
	// Stream, when set, receives every event instead of the buffer that
	// TakeEvents empties, so one call's memory does not grow with its
	// events: ExitProcess of a table filled to the real limit makes about
	// 50 million of them (8 GB buffered; see TestFullTableStreams).
	Stream func(Event)
}

// New returns an empty kernel: no processes, no objects.
func New(cfg Config) *Kernel {
	if cfg.HandleLimit <= 0 {
		cfg.HandleLimit = DefaultHandleLimit
	}
	return &Kernel{
		cfg:        cfg,
		names:      map[string]ObjectID{},
		pids:       map[PID]ObjectID{},
		tids:       map[TID]ObjectID{},
		files:      map[string]bool{},
		live:       map[ObjectID]struct{}{},
		nextID:     firstID,
		nextAddr:   firstAddr,
		nextPTAddr: firstPTAddr,
	}
}

// Config returns the model's parameters.
func (k *Kernel) Config() Config { return k.cfg }

// TakeEvents returns the events recorded since the last call and forgets them.
func (k *Kernel) TakeEvents() []Event {
	ev := k.events
	k.events = nil
	return ev
}

// DiscardEvents forgets the events recorded since the last TakeEvents
// without handing them out, and keeps the buffer for the next ones. A
// caller that collects events through OnEvent uses it instead of
// TakeEvents, which makes the next call grow a new slice from nothing (in
// a 100,000-step scenario that regrowth was a third of all allocation).
func (k *Kernel) DiscardEvents() {
	k.events = k.events[:0]
}

func (k *Kernel) emit(e Event) {
	if e.Kind == EvObjectCreated {
		// Viewers draw a new object from its creation event alone.
		o := k.Object(e.Object)
		init := o.Clone()
		e.Addr, e.Init = o.Addr, &init
	}
	if k.Stream != nil {
		k.Stream(e)
	} else {
		k.events = append(k.events, e)
	}
	if k.OnEvent != nil {
		k.OnEvent(e)
	}
}

// Object returns an object by ID (destroyed objects included), or nil.
func (k *Kernel) Object(id ObjectID) *Object {
	if id == 0 || int(id) > len(k.objects) {
		return nil
	}
	return k.objects[id-1]
}

// ProcessByPID returns the live process object with that PID, or nil.
func (k *Kernel) ProcessByPID(pid PID) *Object { return k.Object(k.pids[pid]) }

// ThreadByTID returns the live thread object with that TID, or nil.
func (k *Kernel) ThreadByTID(tid TID) *Object { return k.Object(k.tids[tid]) }

// MainThread is the primary thread of a process.
func (k *Kernel) MainThread(pid PID) TID {
	p := k.ProcessByPID(pid)
	if p == nil || len(p.Proc.Threads) == 0 {
		return 0
	}
	return k.Object(p.Proc.Threads[0]).Thread.TID
}

func (k *Kernel) newObject(t ObjectType, name string) *Object {
	id := ObjectID(len(k.objects) + 1)
	o := &Object{ID: id, Type: t, Name: name}
	if t == TypeProcess || t == TypeThread {
		o.Addr, k.nextPTAddr = k.nextPTAddr, k.nextPTAddr+addrStep
	} else {
		o.Addr, k.nextAddr = k.nextAddr, k.nextAddr+addrStep
	}
	k.objects = append(k.objects, o)
	k.live[id] = struct{}{}
	if t == TypeProcess {
		k.pidsEver = append(k.pidsEver, id)
	}
	return o
}

func (k *Kernel) newNumber() uint32 {
	n := k.nextID
	k.nextID += 4
	return n
}

// caller resolves the calling thread and its process. running is false when
// tid names no running thread (unknown, exited, or blocked in a wait: only
// ExitProcess accepts a blocked one): every call then returns
// its Win32 failure value and changes nothing, not even a last error (a
// thread that does not run has none to set). No input makes the model panic.
func (k *Kernel) caller(tid TID) (t, p *Object, running bool) {
	t = k.ThreadByTID(tid)
	// A blocked thread cannot call either: taken as running, a second
	// WaitForSingleObject queued it twice (found by the random driver).
	if t == nil || t.Thread.Exited || t.Thread.WaitingIn != "" {
		return nil, nil, false
	}
	return t, k.Object(t.Thread.Process), true
}

// CanCall reports whether tid names a running thread that is not waiting:
// the only threads that can make calls.
func (k *Kernel) CanCall(tid TID) bool {
	t := k.ThreadByTID(tid)
	return t != nil && !t.Thread.Exited && t.Thread.WaitingIn == ""
}

func (k *Kernel) setLastError(t *Object, e Errno) {
	t.Thread.LastError = e
	k.emit(Event{Kind: EvLastError, PID: k.Object(t.Thread.Process).Proc.PID, TID: t.Thread.TID, Err: e})
}

// fail sets the last error and returns false, for the BOOL calls.
func (k *Kernel) fail(t *Object, e Errno) bool {
	k.setLastError(t, e)
	return false
}

// ---- handle tables ----

// pseudoOrLookup resolves a handle in process p: the pseudo handles first,
// then the table. ok is false for an unknown handle.
func (k *Kernel) resolve(p *Object, t *Object, h Handle) (obj *Object, access uint32, ok bool) {
	switch h {
	case CurrentProcess:
		return p, PROCESS_ALL_ACCESS, true
	case CurrentThread:
		if t == nil {
			t = k.Object(p.Proc.Threads[0])
		}
		return t, THREAD_ALL_ACCESS, true
	}
	e, _, found := k.lookup(p, h)
	if !found {
		return nil, 0, false
	}
	return k.Object(e.Object), e.Access, true
}

// lookup finds the table entry h names. A console handle value (0x3,
// 0x7, …: console.go) names none: kernel32 kept those away from the object
// manager, which would otherwise ignore their low bits and reach the entry
// below them.
func (k *Kernel) lookup(p *Object, h Handle) (Entry, int, bool) {
	if IsConsoleHandle(h) {
		return Entry{}, 0, false
	}
	return p.Proc.Lookup(h)
}

// freeIndex returns the lowest free index of p's table, or 0 when the table
// is at the handle limit.
func (k *Kernel) freeIndex(p *ProcessInfo) int {
	if p.table.Len() >= k.cfg.HandleLimit {
		return 0
	}
	i, walked := p.table.LowestFree()
	k.work += int64(walked)
	return i
}

// Work counts, so far, the work the model did that its events do not show,
// in operations of a few nanoseconds each: a used table slot walked past in
// the search for the lowest free index (1), an environment entry copied (4)
// or compared in a sort (16), a pipe buffer's chunk list copied (16 a
// chunk), 16 bytes of data copied (4). A caller that budgets a run's work
// (the scenario interpreter) reads it, so that it need not guess the
// kernel's cost from the state.
func (k *Kernel) Work() int64 { return k.work }

// workBytes is the Work of copying n bytes.
func workBytes(n int) int64 { return int64(n/16) * 4 }

// addEntryAt stores an entry at index i (which must be free), then reports
// the events in pre (which describe changes already made), the new entry and
// the usage change. Every mutation happens before its event, so the state is
// consistent whenever an event is seen.
func (k *Kernel) addEntryAt(p *Object, i int, o *Object, access uint32, flags uint8, cause Cause, src *Event, pre ...Event) Handle {
	pi := p.Proc
	pi.table.insertAt(i, Entry{Object: o.ID, Access: access, Flags: flags})
	h := Handle(i * 4)
	o.HandleCount++
	for _, e := range pre {
		k.emit(e)
	}
	ev := Event{Kind: EvHandleAdded, PID: pi.PID, Index: i, Handle: h, Object: o.ID, ObjType: o.Type, Access: access, Flags: flags, Cause: cause}
	if src != nil {
		ev.SrcPID, ev.SrcIndex = src.SrcPID, src.SrcIndex
	}
	k.emit(ev)
	k.emit(Event{Kind: EvUsageChanged, PID: pi.PID, Object: o.ID, ObjType: o.Type, From: o.UsageCount() - 1, To: o.UsageCount(), Cause: cause})
	return h
}

// addEntry stores an entry at the lowest free index. It returns 0 when the
// table is full (the caller reports ERROR_NO_SYSTEM_RESOURCES).
func (k *Kernel) addEntry(p *Object, o *Object, access uint32, flags uint8, cause Cause, pre ...Event) Handle {
	i := k.freeIndex(p.Proc)
	if i == 0 {
		return 0
	}
	return k.addEntryAt(p, i, o, access, flags, cause, nil, pre...)
}

// removeEntry clears index i of p's table and drops the object's count,
// destroying it at zero.
func (k *Kernel) removeEntry(p *Object, i int, cause Cause) {
	pi := p.Proc
	e := pi.table.remove(i)
	o := k.Object(e.Object)
	o.HandleCount--
	k.dropped(o, pi.PID, cause, Event{Kind: EvHandleRemoved, PID: pi.PID, Index: i, Handle: Handle(i * 4), Object: o.ID, ObjType: o.Type, Access: e.Access, Flags: e.Flags, Cause: cause})
}

// dropKernelRef releases one of the kernel's own references; pre describes
// changes made together with it (a thread or process that stopped running).
func (k *Kernel) dropKernelRef(o *Object, pid PID, cause Cause, pre ...Event) {
	o.KernelRefs--
	k.dropped(o, pid, cause, pre...)
}

// dropped finishes a count decrement already applied to o: an object at zero
// is destroyed (its name leaves the namespace at once), then the events are
// reported, then whatever the object referenced is released.
func (k *Kernel) dropped(o *Object, pid PID, cause Cause, pre ...Event) {
	k.reportDrop(o, k.markDead(o), pid, cause, pre...)
}

// markDead marks an object whose usage count is 0 as destroyed and takes it
// out of the namespace and the PID/TID maps. It reports whether it did.
func (k *Kernel) markDead(o *Object) bool {
	if o.UsageCount() != 0 || o.Destroyed {
		return false
	}
	if o.WaitRefs > 0 {
		k.unnameIfHandleless(o)
		return false
	}
	o.Destroyed = true
	delete(k.live, o.ID)
	if o.nsKey != "" && k.names[o.nsKey] == o.ID {
		delete(k.names, o.nsKey)
	}
	switch o.Type {
	case TypeProcess:
		delete(k.pids, o.Proc.PID)
	case TypeThread:
		delete(k.tids, o.Thread.TID)
	}
	return true
}

// reportDrop reports a count decrement of o (dying: o was just destroyed).
// A dying file mapping's reference on its file is released before any event
// is reported, so the state is consistent whenever one is seen (the file's
// own count change is reported after the mapping's).
func (k *Kernel) reportDrop(o *Object, dying bool, pid PID, cause Cause, pre ...Event) {
	var backing *Object
	backingDying := false
	if dying && o.BackingID != 0 {
		backing = k.Object(o.BackingID)
		backing.KernelRefs--
		backingDying = k.markDead(backing)
	}
	for _, e := range pre {
		k.emit(e)
	}
	k.emit(Event{Kind: EvUsageChanged, PID: pid, Object: o.ID, ObjType: o.Type, From: o.UsageCount() + 1, To: o.UsageCount(), Cause: cause})
	if !dying {
		return
	}
	k.emit(Event{Kind: EvObjectDestroyed, PID: pid, Object: o.ID, ObjType: o.Type, Name: o.Name})
	if backing != nil {
		k.reportDrop(backing, backingDying, pid, CauseMapping)
	}
	if o.Pipe != nil {
		k.pipeGone(o)
	}
}

func inheritFlag(inherit bool) uint8 {
	if inherit {
		return uint8(HANDLE_FLAG_INHERIT)
	}
	return 0
}

// SecurityAttributes is SECURITY_ATTRIBUTES; only bInheritHandle matters to
// the model (security descriptors are not modelled). A nil pointer is NULL.
type SecurityAttributes struct {
	Length        uint32
	InheritHandle bool
}

func (sa *SecurityAttributes) inherit() bool { return sa != nil && sa.InheritHandle }

// ---- CloseHandle, Get/SetHandleInformation ----

// CloseHandle closes a handle of the calling process.
//
// Source: "CloseHandle function": TRUE on success; an invalid handle gives
// FALSE and ERROR_INVALID_HANDLE; a handle with HANDLE_FLAG_PROTECT_FROM_CLOSE
// is not closed (FALSE, ERROR_INVALID_HANDLE; an exception is raised only
// under a debugger). Pseudo handles close nothing and return TRUE.
func (k *Kernel) CloseHandle(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	if h == CurrentProcess || h == CurrentThread {
		return true
	}
	if IsConsoleHandle(h) {
		return k.closeConsoleHandle(t, p, h)
	}
	e, i, ok := p.Proc.Lookup(h)
	if !ok {
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	if uint32(e.Flags)&HANDLE_FLAG_PROTECT_FROM_CLOSE != 0 {
		k.emit(Event{Kind: EvCloseRefused, PID: p.Proc.PID, Index: i, Handle: Handle(i * 4), Object: e.Object, ObjType: k.Object(e.Object).Type, Flags: e.Flags})
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	k.removeEntry(p, i, CauseClose)
	return true
}

// GetHandleInformation reads the flags of a handle of the calling process.
//
// Source: "GetHandleInformation function". Pseudo handles are not table
// entries; reading their flags succeeds with 0 (Wine 8.0 probe).
func (k *Kernel) GetHandleInformation(tid TID, h Handle) (flags uint32, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, false
	}
	if h == CurrentProcess || h == CurrentThread {
		return 0, true
	}
	e, _, found := k.lookup(p, h)
	if !found {
		return 0, k.fail(t, ERROR_INVALID_HANDLE)
	}
	return uint32(e.Flags), true
}

// SetHandleInformation changes the flags selected by mask to those in flags.
//
// Source: "SetHandleInformation function": dwMask selects
// HANDLE_FLAG_INHERIT and/or HANDLE_FLAG_PROTECT_FROM_CLOSE. The flags of a
// pseudo handle cannot be set: ERROR_ACCESS_DENIED (Wine 8.0 probe, any mask).
func (k *Kernel) SetHandleInformation(tid TID, h Handle, mask, flags uint32) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	if h == CurrentProcess || h == CurrentThread {
		return k.fail(t, ERROR_ACCESS_DENIED)
	}
	e, i, found := k.lookup(p, h)
	if !found {
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	valid := HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE
	mask &= valid
	nf := uint8((uint32(e.Flags) &^ mask) | (flags & mask))
	if nf != e.Flags {
		p.Proc.table.setFlags(i, nf)
		k.emit(Event{Kind: EvFlagsChanged, PID: p.Proc.PID, Index: i, Handle: Handle(i * 4), Object: e.Object, ObjType: k.Object(e.Object).Type, OldFlags: e.Flags, Flags: nf})
	}
	return true
}

// ---- last error ----

// GetLastError returns the calling thread's last error. A thread that has
// exited keeps the value it had (reading it changes nothing); an unknown
// thread has ERROR_SUCCESS.
func (k *Kernel) GetLastError(tid TID) Errno {
	if t := k.ThreadByTID(tid); t != nil {
		return t.Thread.LastError
	}
	return ERROR_SUCCESS
}

// SetLastError sets the calling thread's last error.
func (k *Kernel) SetLastError(tid TID, e Errno) {
	t, _, running := k.caller(tid)
	if !running {
		return
	}
	k.setLastError(t, e)
}

// ---- namespace ----

// The object namespaces a name can reach, as key prefixes. Windows keeps
// named objects in object directories: a process's session has
// \Sessions\1\BaseNamedObjects (every process of the model runs in session
// 1, the first logged-on user's), the global one is \BaseNamedObjects, and
// \Sessions\BNOLINKS links session numbers to their directories. Each of the
// first two holds the symbolic links "Local" (the directory itself), "Global"
// (\BaseNamedObjects) and "Session" (BNOLINKS). Source: "Kernel Object
// Namespaces"; Wine 8.0 probe (Local\X is X, Global\X is another object,
// Global\Session\1\X is X again).
const (
	nsSession = ""         // the session's BaseNamedObjects: plain names
	nsGlobal  = `Global\`  // \BaseNamedObjects
	nsLinks   = `Session\` // \Sessions\BNOLINKS
)

// nsLink reports whether comp is a symbolic link in namespace ns, and where
// it leads. Link names are case sensitive ("Kernel Object Namespaces": the
// keywords are case sensitive; Wine 8.0 probe: local\X is
// ERROR_PATH_NOT_FOUND).
func nsLink(ns, comp string) (string, bool) {
	if ns == nsLinks {
		return nsSession, comp == "1"
	}
	switch comp {
	case "Local":
		return ns, true
	case "Global":
		return nsGlobal, true
	case "Session":
		return nsLinks, true
	}
	return "", false
}

// resolveName walks a name through the namespaces the way the object
// manager walks a path (WRK base/ntos/ob/obdir.c ObpLookupObjectName): an
// empty component is STATUS_OBJECT_NAME_INVALID (ERROR_INVALID_NAME), a
// missing directory on the way is STATUS_OBJECT_PATH_NOT_FOUND
// (ERROR_PATH_NOT_FOUND), and a component that names something other than a
// directory (an object, or a link as the last component) is
// STATUS_OBJECT_TYPE_MISMATCH (ERROR_INVALID_HANDLE); clash is the object in
// the way, if any. It returns the key of the object the name designates.
// The model has no directories of its own, so any other backslash fails.
// Names have no MAX_PATH limit: the W functions pass them on whole (Wine 8.0
// probe: 40,000 characters work; only the A functions stop at MAX_PATH with
// ERROR_FILENAME_EXCED_RANGE, because they convert through a MAX_PATH
// buffer).
func (k *Kernel) resolveName(name string) (key string, err Errno, clash *Object) {
	ns := nsSession
	for {
		comp, rest, more := strings.Cut(name, `\`)
		if comp == "" {
			return "", ERROR_INVALID_NAME, nil
		}
		if next, isLink := nsLink(ns, comp); isLink {
			if !more {
				return "", ERROR_INVALID_HANDLE, nil
			}
			ns, name = next, rest
			continue
		}
		if !more {
			return ns + comp, ERROR_SUCCESS, nil
		}
		if o := k.Object(k.names[ns+comp]); o != nil {
			return "", ERROR_INVALID_HANDLE, o
		}
		return "", ERROR_PATH_NOT_FOUND, nil
	}
}

// NamedObject returns the live object a name designates, or nil.
func (k *Kernel) NamedObject(name string) *Object {
	key, err, _ := k.resolveName(name)
	if err != ERROR_SUCCESS {
		return nil
	}
	return k.Object(k.names[key])
}

// Names lists the names of the live named objects, as they were given to the
// Create* call that made each one, sorted.
func (k *Kernel) Names() []string {
	out := make([]string, 0, len(k.names))
	for _, id := range k.names {
		out = append(out, k.Object(id).Name)
	}
	sort.Strings(out)
	return out
}

// lookupName resolves a name for a Create*/Open* of type typ: the object of
// that type holding it (nil when it is free) and its key. On a bad path, or
// when an object of another type holds the name or stands in its path, it
// reports the failure (a type-mismatch lookup event when an object is in the
// way), sets the last error and returns ok false.
func (k *Kernel) lookupName(t, p *Object, name string, typ ObjectType) (o *Object, key string, ok bool) {
	key, err, clash := k.resolveName(name)
	if err == ERROR_SUCCESS {
		if o = k.Object(k.names[key]); o != nil && o.Type != typ {
			err, clash = ERROR_INVALID_HANDLE, o
		}
	}
	if err != ERROR_SUCCESS {
		if clash != nil {
			k.emit(Event{Kind: EvNamespaceLookup, PID: p.Proc.PID, Name: name, Lookup: LookupMismatch, Object: clash.ID, ObjType: clash.Type})
		}
		k.setLastError(t, err)
		return nil, "", false
	}
	return o, key, true
}

// createNamed implements the common part of every Create* of a nameable
// object. init fills a new object's type state; it is not called when the
// name already exists (Create* ignores its initial-state arguments then).
// The object keeps the name as given ("Local\X" stays "Local\X" on screen).
//
// Source: "CreateMutexW function" (Return value: ERROR_ALREADY_EXISTS with a
// handle to the existing object; a name held by another type fails with
// ERROR_INVALID_HANDLE), "Kernel Object Namespaces" (see resolveName);
// Richter, Windows via C/C++ ch. 3 "Named Objects" (seed 003).
func (k *Kernel) createNamed(tid TID, typ ObjectType, sa *SecurityAttributes, access uint32, name string, init func(*Object)) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return 0
	}
	access = grantAccess(typ, access)
	flags := inheritFlag(sa.inherit())
	key := ""
	if name != "" {
		o, kk, ok := k.lookupName(t, p, name, typ)
		if !ok {
			return 0
		}
		key = kk
		if o != nil {
			k.emit(Event{Kind: EvNamespaceLookup, PID: p.Proc.PID, Name: name, Lookup: LookupExisting, Object: o.ID, ObjType: o.Type})
			h := k.addEntry(p, o, access, flags, CauseOpen)
			if h == 0 {
				k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
				return 0
			}
			k.setLastError(t, ERROR_ALREADY_EXISTS)
			return h
		}
	}
	if k.freeIndex(p.Proc) == 0 {
		k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
		return 0
	}
	o := k.newObject(typ, name)
	if init != nil {
		init(o)
	}
	pre := []Event{{Kind: EvObjectCreated, PID: p.Proc.PID, Object: o.ID, ObjType: typ, Name: name}}
	if name != "" {
		o.nsKey = key
		k.names[key] = o.ID
		pre = append(pre, Event{Kind: EvNamespaceLookup, PID: p.Proc.PID, Name: name, Lookup: LookupNew, Object: o.ID, ObjType: typ})
	}
	h := k.addEntry(p, o, access, flags, CauseCreate, pre...)
	k.setLastError(t, ERROR_SUCCESS)
	return h
}

// openNamed implements Open*: a new handle to an existing object of the type.
//
// Source: "OpenMutexW function": a missing name fails with
// ERROR_FILE_NOT_FOUND; docs/semantics.md: a name held by another type fails with
// ERROR_INVALID_HANDLE. A NULL name (NullName) is ERROR_INVALID_PARAMETER;
// the empty name "" names the session's object directory itself, which is
// not of the type: ERROR_INVALID_HANDLE (Wine 8 differential run of the
// lessons). OpenMutex with no access at all fails with ERROR_ACCESS_DENIED
// (Wine dlls/kernel32/tests/sync.c test_mutex, todo_wine there: the
// Windows result). Paths are resolved as for Create* (resolveName).
func (k *Kernel) openNamed(tid TID, typ ObjectType, access uint32, inherit bool, name string) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return 0
	}
	switch {
	case name == NullName:
		k.setLastError(t, ERROR_INVALID_PARAMETER)
		return 0
	case name == "":
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return 0
	}
	o, _, ok := k.lookupName(t, p, name, typ)
	switch {
	case !ok:
		return 0
	case o == nil:
		k.emit(Event{Kind: EvNamespaceLookup, PID: p.Proc.PID, Name: name, Lookup: LookupNotFound, ObjType: typ})
		k.setLastError(t, ERROR_FILE_NOT_FOUND)
		return 0
	}
	k.emit(Event{Kind: EvNamespaceLookup, PID: p.Proc.PID, Name: name, Lookup: LookupExisting, Object: o.ID, ObjType: o.Type})
	if access == 0 && typ == TypeMutex {
		k.setLastError(t, ERROR_ACCESS_DENIED)
		return 0
	}
	h := k.addEntry(p, o, grantAccess(typ, access), inheritFlag(inherit), CauseOpen)
	if h == 0 {
		k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
		return 0
	}
	return h
}

// NullName stands for a NULL name pointer where that differs from the empty
// string (Open*, CreateNamedPipe, CreateMailslot); a C string cannot hold
// its NUL.
const NullName = "\x00(NULL)"

// fileKey is the case-insensitive key of a path (NTFS names are
// case-insensitive).
func fileKey(path string) string { return strings.ToLower(path) }
