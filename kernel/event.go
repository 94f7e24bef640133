package kernel

import "fmt"

// EventKind says what one kernel event changed.
type EventKind uint8

// Kernel events, one per state change a viewer should see move.
const (
	EvObjectCreated    EventKind = iota + 1 // Object, Addr, PID (creator), Init (the object as created)
	EvObjectDestroyed                       // Object
	EvHandleAdded                           // PID, Index, Handle, Object, Access, Flags, Cause; SrcPID/SrcIndex for inherit and duplicate
	EvHandleRemoved                         // PID, Index, Handle, Object, Cause
	EvCloseRefused                          // PID, Index, Handle, Object: HANDLE_FLAG_PROTECT_FROM_CLOSE
	EvUsageChanged                          // Object, From, To, Cause, PID (whose action)
	EvFlagsChanged                          // PID, Index, Handle, Object, OldFlags, Flags
	EvInheritScan                           // PID (parent), TargetPID (child), Index, Handle, Object, Flags, Copied
	EvProcessCreated                        // PID, TargetPID (child), Object
	EvProcessExited                         // TargetPID, Object, Code
	EvThreadExited                          // TID, Object, Code
	EvNamespaceLookup                       // PID, Name, Lookup, Object (when found), ObjType
	EvLastError                             // PID, TID, Err
	EvStateChanged                          // Object, Change (what changed) with its values: From, To, TID
	EvWaitStarted                           // PID, TID, Object, Handle (the one the call was given; 0 for WaitNamedPipe), Detail (call name)
	EvWaitSatisfied                         // PID, TID, Object, Code (wait result), Err, Detail (call)
	EvDataWritten                           // PID (writer), Handle (the writer's, to its own end), Object (buffer's end), Bytes, Data, Unit
	EvDataRead                              // PID (reader), Handle (the reader's), Object, Bytes, Data, Unit, Err (ERROR_MORE_DATA)
	EvPipeConnected                         // PID (client), Object (server end), Peer (client end), Name
	EvPipeDisconnected                      // PID, Object (server end), Name
	EvEnvChanged                            // PID, Name, Change (ChangeEnvSet: Detail is the value; ChangeEnvRemoved)
	EvStdHandleSet                          // PID, Index (0 input, 1 output, 2 error), Handle (new), From (old value, as int)
)

var eventKindNames = [...]string{
	EvObjectCreated:    "ObjectCreated",
	EvObjectDestroyed:  "ObjectDestroyed",
	EvHandleAdded:      "HandleAdded",
	EvHandleRemoved:    "HandleRemoved",
	EvCloseRefused:     "CloseRefused",
	EvUsageChanged:     "UsageChanged",
	EvFlagsChanged:     "FlagsChanged",
	EvInheritScan:      "InheritScan",
	EvProcessCreated:   "ProcessCreated",
	EvProcessExited:    "ProcessExited",
	EvThreadExited:     "ThreadExited",
	EvNamespaceLookup:  "NamespaceLookup",
	EvLastError:        "LastError",
	EvStateChanged:     "StateChanged",
	EvWaitStarted:      "WaitStarted",
	EvWaitSatisfied:    "WaitSatisfied",
	EvDataWritten:      "DataWritten",
	EvDataRead:         "DataRead",
	EvPipeConnected:    "PipeConnected",
	EvPipeDisconnected: "PipeDisconnected",
	EvEnvChanged:       "EnvChanged",
	EvStdHandleSet:     "StdHandleSet",
}

func (k EventKind) String() string {
	if int(k) < len(eventKindNames) && eventKindNames[k] != "" {
		return eventKindNames[k]
	}
	return fmt.Sprintf("Event%d", uint8(k))
}

// Cause says why a handle or a usage count changed.
type Cause uint8

const (
	CauseCreate      Cause = iota + 1 // Create* made the object
	CauseOpen                         // Open*, or Create* of an existing name, or OpenProcess
	CauseInherit                      // copied by CreateProcess
	CauseDuplicate                    // DuplicateHandle's new entry
	CauseCloseSource                  // DuplicateHandle's DUPLICATE_CLOSE_SOURCE
	CauseClose                        // CloseHandle
	CauseExit                         // the owning process exited
	CauseRunning                      // a process or thread started or stopped running
	CauseMapping                      // a file mapping references (or releases) its file
)

var causeNames = [...]string{
	CauseCreate:      "create",
	CauseOpen:        "open",
	CauseInherit:     "inherit",
	CauseDuplicate:   "duplicate",
	CauseCloseSource: "close-source",
	CauseClose:       "close",
	CauseExit:        "process-exit",
	CauseRunning:     "running",
	CauseMapping:     "mapping",
}

func (c Cause) String() string {
	if int(c) < len(causeNames) && causeNames[c] != "" {
		return causeNames[c]
	}
	return fmt.Sprintf("cause%d", uint8(c))
}

// Lookup is the outcome of a named-object lookup.
type Lookup uint8

const (
	LookupNew      Lookup = iota + 1 // name was free: a new object takes it
	LookupExisting                   // same type: a new handle to it (ERROR_ALREADY_EXISTS on Create*)
	LookupMismatch                   // another type holds the name (ERROR_INVALID_HANDLE)
	LookupNotFound                   // Open* of a missing name (ERROR_FILE_NOT_FOUND)
)

var lookupNames = [...]string{
	LookupNew:      "new",
	LookupExisting: "existing",
	LookupMismatch: "type-mismatch",
	LookupNotFound: "not-found",
}

func (l Lookup) String() string {
	if int(l) < len(lookupNames) && lookupNames[l] != "" {
		return lookupNames[l]
	}
	return fmt.Sprintf("lookup%d", uint8(l))
}

// Event is one kernel state change. It is a flat value so that traces are
// cheap to keep and to encode; Kind says which fields are meaningful.
type Event struct {
	// Fields are grouped by size so that an Event stays 160 bytes: every
	// call records several, and the event log is most of the model's
	// memory traffic (docs/performance.md). TestEventSize pins it.
	Kind      EventKind
	ObjType   ObjectType
	Unit      DataUnit // EvDataWritten/EvDataRead: how Data's bytes are text (see DataUnit)
	Flags     uint8
	OldFlags  uint8
	Cause     Cause
	Lookup    Lookup
	Copied    bool        // EvInheritScan: copied (true) or skipped (false)
	Change    StateChange // EvStateChanged, EvEnvChanged: what changed
	PID       PID         // the process whose table or action this is
	TID       TID
	TargetPID PID // child (EvProcessCreated, EvInheritScan), exited process
	Object    ObjectID
	Bytes     uint32 // EvDataWritten/EvDataRead: the byte count, len(Data)
	Access    uint32
	SrcPID    PID // EvHandleAdded by inherit/duplicate: where the entry came from
	Err       Errno
	Code      uint32   // exit code, wait result
	Peer      ObjectID // EvPipeConnected: the client end
	Addr      uint64   // EvObjectCreated: the new object's kernel address
	Index     int
	Handle    Handle
	From, To  int // EvUsageChanged: the usage count before and after; EvStateChanged: values
	SrcIndex  int
	Name      string
	// Detail is a value, never prose: the call a thread waits in
	// (EvWaitStarted/EvWaitSatisfied), a variable's new value
	// (EvEnvChanged).
	Detail string
	// Data is the bytes an EvDataWritten/EvDataRead moved, exactly (Unit
	// says how they are text).
	Data string
	// Init is, for EvObjectCreated, the object as the kernel created it (its
	// type state: a semaphore's count, a pipe end's role, a process's image
	// and environment); shared between copies of the event and never
	// changed. Counts and handles come in their own events.
	Init *Object
}

// StateChange says what an EvStateChanged (or EvEnvChanged) changed; the
// event's From, To and TID carry the values.
type StateChange uint8

const (
	ChangeSignaled   StateChange = iota + 1 // event or timer set
	ChangeReset                             // ResetEvent: nonsignaled
	ChangeAutoReset                         // a wait took an auto-reset event's signal
	ChangeOwned                             // mutex: owned by TID with recursion To
	ChangeRecursion                         // mutex: still owned, recursion To
	ChangeReleased                          // mutex: no owner, signaled
	ChangeAbandoned                         // mutex: its owner thread exited holding it
	ChangeCount                             // semaphore: count From -> To
	ChangeListening                         // named pipe server end: listens again
	ChangeReadMode                          // pipe end: To = 1 message, 0 byte
	ChangeWaitMode                          // pipe end: To = 1 nonblocking (PIPE_NOWAIT), 0 blocking
	ChangePeerClosed                        // pipe end: the other end closed
	ChangeEnvSet                            // EvEnvChanged: Name set to Detail
	ChangeEnvRemoved                        // EvEnvChanged: Name removed
)

var changeNames = [...]string{
	ChangeSignaled: "signaled", ChangeReset: "reset", ChangeAutoReset: "auto-reset",
	ChangeOwned: "owned", ChangeRecursion: "recursion", ChangeReleased: "released",
	ChangeAbandoned: "abandoned", ChangeCount: "count", ChangeListening: "listening",
	ChangeReadMode: "read-mode", ChangeWaitMode: "wait-mode", ChangePeerClosed: "peer-closed",
	ChangeEnvSet: "env-set", ChangeEnvRemoved: "env-removed",
}

// String is the change's name in the JSON trace.
func (c StateChange) String() string {
	if int(c) < len(changeNames) && changeNames[c] != "" {
		return changeNames[c]
	}
	return fmt.Sprintf("change%d", uint8(c))
}

// apply makes the change on o (State.Apply; the kernel's calls make the
// same change on the live object before they report it).
func (c StateChange) apply(o *Object, e Event) {
	switch c {
	case ChangeSignaled:
		o.Signaled = true
	case ChangeReset, ChangeAutoReset:
		o.Signaled = false
	case ChangeOwned:
		o.OwnerTID, o.Recursion, o.Signaled, o.Abandoned = e.TID, e.To, false, false
	case ChangeRecursion:
		o.Recursion = e.To
	case ChangeReleased:
		o.OwnerTID, o.Recursion, o.Signaled = 0, 0, true
	case ChangeAbandoned:
		o.OwnerTID, o.Recursion, o.Abandoned, o.Signaled = 0, 0, true, true
	case ChangeCount:
		o.Count, o.Signaled = e.To, e.To > 0
	case ChangeListening, ChangeReadMode, ChangeWaitMode, ChangePeerClosed:
		if o.Pipe == nil {
			return
		}
		ps := *o.Pipe
		switch c {
		case ChangeListening:
			ps.Conn = ConnListening
		case ChangeReadMode:
			ps.ReadMessages = e.To == 1
		case ChangeWaitMode:
			ps.NoWait = e.To == 1
		case ChangePeerClosed:
			ps.Conn = ConnClosing
		}
		o.Pipe = &ps
	}
}

// ChangeText is the change in English, as the runner and the tests print it.
func (e Event) ChangeText() string {
	switch e.Change {
	case ChangeSignaled:
		return "signaled"
	case ChangeReset:
		return "nonsignaled"
	case ChangeAutoReset:
		return "auto-reset: nonsignaled"
	case ChangeOwned:
		return fmt.Sprintf("owned by TID %d (recursion %d)", e.TID, e.To)
	case ChangeRecursion:
		return fmt.Sprintf("recursion count %d", e.To)
	case ChangeReleased:
		return "released: no owner"
	case ChangeAbandoned:
		return "abandoned: its owner thread exited"
	case ChangeCount:
		return fmt.Sprintf("count %d -> %d", e.From, e.To)
	case ChangeListening:
		return "listening"
	case ChangeReadMode:
		return map[bool]string{true: "read mode: message", false: "read mode: byte"}[e.To == 1]
	case ChangeWaitMode:
		return map[bool]string{true: "wait mode: nonblocking", false: "wait mode: blocking"}[e.To == 1]
	case ChangePeerClosed:
		return "the other end closed: " + ConnClosing.String()
	case ChangeEnvSet:
		return e.Name + "=" + e.Detail
	case ChangeEnvRemoved:
		return e.Name + " removed"
	}
	return e.Change.String()
}

// String is a one-line English description, used by the runner and tests.
func (e Event) String() string {
	switch e.Kind {
	case EvObjectCreated:
		return fmt.Sprintf("object #%d %s created by PID %d", e.Object, typeAndName(e.ObjType, e.Name), e.PID)
	case EvObjectDestroyed:
		return fmt.Sprintf("object #%d %s destroyed", e.Object, typeAndName(e.ObjType, e.Name))
	case EvHandleAdded:
		s := fmt.Sprintf("PID %d: handle 0x%X (index %d) -> object #%d, access 0x%X, flags %d (%s)", e.PID, uint64(e.Handle), e.Index, e.Object, e.Access, e.Flags, e.Cause)
		if e.SrcPID != 0 {
			s += fmt.Sprintf(" from PID %d index %d", e.SrcPID, e.SrcIndex)
		}
		return s
	case EvHandleRemoved:
		return fmt.Sprintf("PID %d: handle 0x%X (index %d) to object #%d removed (%s)", e.PID, uint64(e.Handle), e.Index, e.Object, e.Cause)
	case EvCloseRefused:
		return fmt.Sprintf("PID %d: handle 0x%X is protected from close; entry kept", e.PID, uint64(e.Handle))
	case EvUsageChanged:
		return fmt.Sprintf("object #%d usage %d -> %d (%s)", e.Object, e.From, e.To, e.Cause)
	case EvFlagsChanged:
		return fmt.Sprintf("PID %d: handle 0x%X flags %d -> %d", e.PID, uint64(e.Handle), e.OldFlags, e.Flags)
	case EvInheritScan:
		if e.Copied {
			return fmt.Sprintf("inherit scan PID %d index %d: inheritable, copied to PID %d index %d", e.PID, e.Index, e.TargetPID, e.Index)
		}
		return fmt.Sprintf("inherit scan PID %d index %d: not inheritable, skipped", e.PID, e.Index)
	case EvProcessCreated:
		return fmt.Sprintf("process PID %d (%s) created by PID %d", e.TargetPID, e.Name, e.PID)
	case EvProcessExited:
		return fmt.Sprintf("process PID %d exited with code %d", e.TargetPID, e.Code)
	case EvThreadExited:
		return fmt.Sprintf("thread TID %d exited with code %d", e.TID, e.Code)
	case EvNamespaceLookup:
		return fmt.Sprintf("PID %d: namespace lookup %q: %s", e.PID, e.Name, e.Lookup)
	case EvLastError:
		return fmt.Sprintf("TID %d: last error = %s", e.TID, e.Err)
	case EvStateChanged:
		return fmt.Sprintf("object #%d: %s", e.Object, e.ChangeText())
	case EvWaitStarted:
		return fmt.Sprintf("TID %d waits in %s on object #%d", e.TID, e.Detail, e.Object)
	case EvWaitSatisfied:
		return fmt.Sprintf("TID %d: %s on object #%d returned (0x%X, %s)", e.TID, e.Detail, e.Object, e.Code, e.Err.Name())
	case EvDataWritten:
		return fmt.Sprintf("PID %d wrote %d bytes %s into object #%d's buffer", e.PID, e.Bytes, e.Unit.Quote(e.Data), e.Object)
	case EvDataRead:
		return fmt.Sprintf("PID %d read %d bytes %s from object #%d", e.PID, e.Bytes, e.Unit.Quote(e.Data), e.Object)
	case EvPipeConnected:
		return fmt.Sprintf("PID %d connected to pipe %q (object #%d)", e.PID, e.Name, e.Object)
	case EvPipeDisconnected:
		return fmt.Sprintf("PID %d disconnected pipe %q (object #%d)", e.PID, e.Name, e.Object)
	case EvEnvChanged:
		return fmt.Sprintf("PID %d environment: %s", e.PID, e.ChangeText())
	case EvStdHandleSet:
		return fmt.Sprintf("PID %d: %s is now handle 0x%X", e.PID, StdName(e.Index), uint64(e.Handle))
	}
	return e.Kind.String()
}

func typeAndName(t ObjectType, name string) string {
	if name != "" {
		return fmt.Sprintf("%s %q", t, name)
	}
	return t.String()
}
