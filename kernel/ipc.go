package kernel

import (
	"fmt"
	"math/bits"
	"strings"
)

// Pipe, mailslot and Toolhelp constants: "CreateNamedPipeW function",
// "CreateMailslotW function", "GetMailslotInfo function",
// "CreateToolhelp32Snapshot function", "WaitNamedPipeW function".
const (
	PIPE_ACCESS_INBOUND           uint32 = 0x1
	PIPE_ACCESS_OUTBOUND          uint32 = 0x2
	PIPE_ACCESS_DUPLEX            uint32 = 0x3
	FILE_FLAG_FIRST_PIPE_INSTANCE uint32 = 0x00080000
	PIPE_TYPE_BYTE                uint32 = 0x0
	PIPE_TYPE_MESSAGE             uint32 = 0x4
	PIPE_READMODE_BYTE            uint32 = 0x0
	PIPE_READMODE_MESSAGE         uint32 = 0x2
	PIPE_WAIT                     uint32 = 0x0
	PIPE_NOWAIT                   uint32 = 0x1
	PIPE_UNLIMITED_INSTANCES      uint32 = 255
	NMPWAIT_USE_DEFAULT_WAIT      uint32 = 0x0
	NMPWAIT_NOWAIT                uint32 = 0x1
	NMPWAIT_WAIT_FOREVER          uint32 = 0xFFFFFFFF
	MAILSLOT_WAIT_FOREVER         uint32 = 0xFFFFFFFF
	MAILSLOT_NO_MESSAGE           uint32 = 0xFFFFFFFF
	TH32CS_SNAPHEAPLIST           uint32 = 0x1
	TH32CS_SNAPPROCESS            uint32 = 0x2
	TH32CS_SNAPTHREAD             uint32 = 0x4
	TH32CS_SNAPMODULE             uint32 = 0x8
	TH32CS_SNAPMODULE32           uint32 = 0x10
	TH32CS_SNAPALL                uint32 = 0xF
	TH32CS_INHERIT                uint32 = 0x80000000

	ERROR_INVALID_FUNCTION Errno = 1
	ERROR_BAD_LENGTH       Errno = 24
	ERROR_ENVVAR_NOT_FOUND Errno = 203

	pipePrefix     = `\\.\pipe\`
	mailslotPrefix = `\\.\mailslot\`

	// Access the handles of CreatePipe carry (GENERIC_READ | SYNCHRONIZE |
	// FILE_WRITE_ATTRIBUTES, and GENERIC_WRITE | SYNCHRONIZE |
	// FILE_READ_ATTRIBUTES, mapped).
	pipeReadAccess  = FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTE
	pipeWriteAccess = FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES

	// toolhelpAccess is what the snapshot handle grants:
	// STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_WRITE |
	// SECTION_MAP_READ (Wine 8.0 probe: 0xF0007, no SYNCHRONIZE).
	toolhelpAccess uint32 = 0xF0007
)

func init() {
	errnoNames[ERROR_INVALID_FUNCTION] = "ERROR_INVALID_FUNCTION"
	errnoNames[ERROR_BAD_LENGTH] = "ERROR_BAD_LENGTH"
	errnoNames[ERROR_ENVVAR_NOT_FOUND] = "ERROR_ENVVAR_NOT_FOUND"
}

// PipeEnd says which end of a pipe or mailslot an object is.
type PipeEnd uint8

const (
	EndRead           PipeEnd = iota + 1 // anonymous pipe, read end
	EndWrite                             // anonymous pipe, write end
	EndServer                            // named pipe instance (server end)
	EndClient                            // named pipe client end
	EndMailslotServer                    // the mailslot itself (reads)
	EndMailslotClient                    // a client handle (writes)
)

var endNames = [...]string{EndRead: "read end", EndWrite: "write end", EndServer: "server end", EndClient: "client end", EndMailslotServer: "server", EndMailslotClient: "client"}

func (e PipeEnd) String() string {
	if int(e) < len(endNames) && endNames[e] != "" {
		return endNames[e]
	}
	return fmt.Sprintf("end%d", uint8(e))
}

// PipeConn is a named pipe instance's connection state.
type PipeConn uint8

const (
	ConnListening    PipeConn = iota + 1 // waiting for a client
	ConnConnected                        // a client is connected
	ConnClosing                          // the other end closed its last handle
	ConnDisconnected                     // DisconnectNamedPipe, not listening again yet
)

var connNames = [...]string{ConnListening: "listening", ConnConnected: "connected", ConnClosing: "closing", ConnDisconnected: "disconnected"}

func (c PipeConn) String() string {
	if int(c) < len(connNames) && connNames[c] != "" {
		return connNames[c]
	}
	return fmt.Sprintf("conn%d", uint8(c))
}

// PipeState is the state of a pipe or mailslot end. Buffer holds the data
// waiting to be read at this end, oldest first: one string per message for
// message pipes and mailslots, one per write for byte pipes (a byte-mode read
// crosses write boundaries). The slice is replaced, never changed in place,
// so snapshots can share it.
type PipeState struct {
	End          PipeEnd
	Peer         ObjectID   // the other end; 0 when there is none
	Buffer       []string   // bytes, exactly as written
	Units        []DataUnit // how each Buffer entry is text (the writer's element type)
	Messages     bool       // written as messages (PIPE_TYPE_MESSAGE, mailslots)
	ReadMessages bool       // PIPE_READMODE_MESSAGE at this end
	OpenMode     uint32     // named pipe server: PIPE_ACCESS_*
	MaxInstances int
	Conn         PipeConn
	MaxMessage   uint32 // mailslot: lpMaxMessageSize (0 = any)
	ReadTimeout  uint32 // mailslot: lReadTimeout
	NoWait       bool   // PIPE_NOWAIT at this end: reads and ConnectNamedPipe never wait
}

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

// ---- anonymous pipes ----

// CreatePipe creates an anonymous pipe: two objects, the read end and the
// write end, and a handle to each (read end first).
//
// Source: "CreatePipe function", "Anonymous Pipe Operations": with
// SECURITY_ATTRIBUTES.bInheritHandle both handles are inheritable; a reader
// of an empty pipe waits while any handle to the write end is open anywhere,
// and gets ERROR_BROKEN_PIPE once the last one is closed.
func (k *Kernel) CreatePipe(tid TID, sa *SecurityAttributes, size uint32) (hRead, hWrite Handle, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, 0, false
	}
	if p.Proc.table.Len()+2 > k.cfg.HandleLimit {
		return 0, 0, k.fail(t, ERROR_NO_SYSTEM_RESOURCES)
	}
	flags := inheritFlag(sa.inherit())
	r := k.newObject(TypePipe, "")
	r.Pipe = &PipeState{End: EndRead, Conn: ConnConnected}
	hRead = k.addEntry(p, r, pipeReadAccess, flags, CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: r.ID, ObjType: TypePipe})
	w := k.newObject(TypePipe, "")
	w.Pipe = &PipeState{End: EndWrite, Peer: r.ID, Conn: ConnConnected}
	r.Pipe.Peer = w.ID
	hWrite = k.addEntry(p, w, pipeWriteAccess, flags, CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: w.ID, ObjType: TypePipe})
	return hRead, hWrite, true
}

// ---- named pipes ----

// CreateNamedPipe creates an instance of a named pipe (its server end).
//
// Source: "CreateNamedPipeW function": the name must be \\.\pipe\name
// (ERROR_INVALID_NAME); nMaxInstances is 1..PIPE_UNLIMITED_INSTANCES
// (ERROR_INVALID_PARAMETER); PIPE_READMODE_MESSAGE needs PIPE_TYPE_MESSAGE
// (ERROR_INVALID_PARAMETER); one instance more than the first instance's
// nMaxInstances fails with ERROR_PIPE_BUSY, except that
// PIPE_UNLIMITED_INSTANCES sets no limit (Wine 8.0 probe: 300 instances;
// 254 stops at the 255th with ERROR_PIPE_BUSY); FILE_FLAG_FIRST_PIPE_INSTANCE
// when the pipe exists fails with ERROR_ACCESS_DENIED. A new instance is
// listening: a client can connect before ConnectNamedPipe is called. Pipe
// names are case-insensitive and live in the named-pipe file system, not in
// the object namespace. Failure returns INVALID_HANDLE_VALUE.
func (k *Kernel) CreateNamedPipe(tid TID, name string, openMode, pipeMode, maxInstances, outSize, inSize, timeout uint32, sa *SecurityAttributes) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return INVALID_HANDLE_VALUE
	}
	fail := func(e Errno) Handle {
		k.setLastError(t, e)
		return INVALID_HANDLE_VALUE
	}
	if name == NullName {
		// Wine dlls/kernel32/tests/pipe.c test_CreateNamedPipe (passes on
		// Windows): a NULL name is ERROR_PATH_NOT_FOUND.
		return fail(ERROR_PATH_NOT_FOUND)
	}
	if !hasPrefixFold(name, pipePrefix) || len(name) == len(pipePrefix) {
		return fail(ERROR_INVALID_NAME)
	}
	access := openMode & PIPE_ACCESS_DUPLEX
	if access == 0 || maxInstances == 0 || maxInstances > PIPE_UNLIMITED_INSTANCES ||
		pipeMode&PIPE_READMODE_MESSAGE != 0 && pipeMode&PIPE_TYPE_MESSAGE == 0 {
		return fail(ERROR_INVALID_PARAMETER)
	}
	key := fileKey(name)
	insts := k.pipeInstances(key)
	if len(insts) > 0 {
		first := k.Object(insts[0]).Pipe
		if openMode&FILE_FLAG_FIRST_PIPE_INSTANCE != 0 {
			return fail(ERROR_ACCESS_DENIED)
		}
		if first.MaxInstances != int(PIPE_UNLIMITED_INSTANCES) && len(insts) >= first.MaxInstances {
			return fail(ERROR_PIPE_BUSY)
		}
		if first.OpenMode != access {
			return fail(ERROR_ACCESS_DENIED)
		}
	}
	if k.freeIndex(p.Proc) == 0 {
		return fail(ERROR_NO_SYSTEM_RESOURCES)
	}
	o := k.newObject(TypeNamedPipe, name)
	o.Pipe = &PipeState{End: EndServer, Messages: pipeMode&PIPE_TYPE_MESSAGE != 0, ReadMessages: pipeMode&PIPE_READMODE_MESSAGE != 0, OpenMode: access, MaxInstances: int(maxInstances), Conn: ConnListening, NoWait: pipeMode&PIPE_NOWAIT != 0}
	if len(insts) > 0 {
		o.Pipe.MaxInstances = k.Object(insts[0]).Pipe.MaxInstances
	}
	k.pipes[key] = append(insts, o.ID)
	h := k.addEntry(p, o, serverAccess(access), inheritFlag(sa.inherit()), CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: o.ID, ObjType: TypeNamedPipe, Name: name})
	k.setLastError(t, ERROR_SUCCESS)
	k.wakeWaiters() // WaitNamedPipe callers
	return h
}

func serverAccess(openMode uint32) uint32 {
	switch openMode {
	case PIPE_ACCESS_INBOUND:
		return pipeReadAccess
	case PIPE_ACCESS_OUTBOUND:
		return pipeWriteAccess
	}
	return FILE_GENERIC_READ | FILE_GENERIC_WRITE
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (k *Kernel) pipeInstances(key string) []ObjectID {
	if k.pipes == nil {
		k.pipes = map[string][]ObjectID{}
	}
	return k.pipes[key]
}

// openPipeClient is CreateFile on \\.\pipe\name: it connects to the first
// listening instance.
//
// Source: "CreateFileW function" (Pipes), "Named Pipe Client": no instance
// is ERROR_FILE_NOT_FOUND; instances but none listening is ERROR_PIPE_BUSY
// (the client then calls WaitNamedPipe); asking to read an inbound pipe or to
// write an outbound one is ERROR_ACCESS_DENIED.
func (k *Kernel) openPipeClient(t, p *Object, name string, access uint32, sa *SecurityAttributes) Handle {
	fail := func(e Errno) Handle {
		k.setLastError(t, e)
		return INVALID_HANDLE_VALUE
	}
	insts := k.pipeInstances(fileKey(name))
	if len(insts) == 0 {
		return fail(ERROR_FILE_NOT_FOUND)
	}
	var server *Object
	for _, id := range insts {
		if o := k.Object(id); o.Pipe.Conn == ConnListening {
			server = o
			break
		}
	}
	if server == nil {
		return fail(ERROR_PIPE_BUSY)
	}
	access = grantAccess(TypeNamedPipe, access)
	mode := server.Pipe.OpenMode
	if access&FILE_READ_DATA != 0 && mode&PIPE_ACCESS_OUTBOUND == 0 ||
		access&FILE_WRITE_DATA != 0 && mode&PIPE_ACCESS_INBOUND == 0 {
		return fail(ERROR_ACCESS_DENIED)
	}
	if k.freeIndex(p.Proc) == 0 {
		return fail(ERROR_NO_SYSTEM_RESOURCES)
	}
	c := k.newObject(TypeNamedPipe, server.Name)
	c.Pipe = &PipeState{End: EndClient, Peer: server.ID, Messages: server.Pipe.Messages, Conn: ConnConnected}
	server.Pipe.Peer, server.Pipe.Conn = c.ID, ConnConnected
	h := k.addEntry(p, c, access, inheritFlag(sa.inherit()), CauseCreate,
		Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: c.ID, ObjType: TypeNamedPipe, Name: server.Name},
		Event{Kind: EvPipeConnected, PID: p.Proc.PID, Object: server.ID, ObjType: TypeNamedPipe, Name: server.Name, Peer: c.ID})
	k.setLastError(t, ERROR_SUCCESS)
	k.wakeWaiters()
	return h
}

// ConnectNamedPipe waits for a client on a server end.
//
// Source: "ConnectNamedPipe function": a client that connected between
// CreateNamedPipe and ConnectNamedPipe gives FALSE with ERROR_PIPE_CONNECTED
// (the connection is good); a client that already closed gives
// ERROR_NO_DATA; otherwise the call waits (pending) until a client's
// CreateFile connects, then returns TRUE. After DisconnectNamedPipe it makes
// the instance listen again. In nonblocking mode (PIPE_NOWAIT) it never
// waits: a listening instance gives FALSE with ERROR_PIPE_LISTENING, also
// right after DisconnectNamedPipe (Wine 8.0 probe; ReactOS npfs
// NpSetListeningPipeState returns STATUS_PIPE_LISTENING there too, where the
// ConnectNamedPipe page says the first call after a disconnect returns
// nonzero). An anonymous pipe is a named pipe whose read end is the server
// end, so the same rules apply to it.
func (k *Kernel) ConnectNamedPipe(tid TID, h Handle) (ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return false, false
	}
	o := k.pipeEnd(t, p, h, 0)
	if o == nil {
		return false, false
	}
	switch o.Pipe.End {
	case EndClient, EndWrite:
		// Wine dlls/kernel32/tests/pipe.c (passes on Windows):
		// ConnectNamedPipe(client) fails with ERROR_INVALID_FUNCTION; Wine
		// 8.0 probe: so does an anonymous pipe's write end (a client end).
		return k.fail(t, ERROR_INVALID_FUNCTION), false
	case EndMailslotServer, EndMailslotClient:
		// Wine 8.0 probe: ERROR_NOT_SUPPORTED on a mailslot.
		return k.fail(t, ERROR_NOT_SUPPORTED), false
	}
	switch o.Pipe.Conn {
	case ConnConnected:
		return k.fail(t, ERROR_PIPE_CONNECTED), false
	case ConnClosing:
		return k.fail(t, ERROR_NO_DATA), false
	case ConnDisconnected:
		o.Pipe.Conn = ConnListening
		k.stateChanged(p.Proc.PID, o, ChangeListening, Event{})
		k.wakeWaiters()
	}
	if o.Pipe.NoWait {
		return k.fail(t, ERROR_PIPE_LISTENING), false
	}
	k.block(t, p, o, h, "ConnectNamedPipe", func() (Completion, bool) {
		if o.Pipe.Conn == ConnListening {
			return Completion{}, false
		}
		return Completion{Ret: 1}, true
	})
	return false, true
}

// DisconnectNamedPipe ends a server end's connection: unread data is
// discarded and the client's handle stays open but is no longer connected
// (its reads and writes fail with ERROR_PIPE_NOT_CONNECTED).
// Source: "DisconnectNamedPipe function"; Wine 8.0 probe: an anonymous read
// end, the server end of its pipe, is disconnected the same way (TRUE; the
// write end's WriteFile and the read end's ReadFile then fail with
// ERROR_PIPE_NOT_CONNECTED).
func (k *Kernel) DisconnectNamedPipe(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	o := k.pipeEnd(t, p, h, 0)
	if o == nil {
		return false
	}
	switch o.Pipe.End {
	case EndClient, EndWrite, EndMailslotServer, EndMailslotClient:
		// Wine 8.0 probe: DisconnectNamedPipe of a client end (named or
		// an anonymous write end) or of a mailslot gives
		// ERROR_NOT_SUPPORTED.
		return k.fail(t, ERROR_NOT_SUPPORTED)
	}
	switch o.Pipe.Conn {
	case ConnListening:
		return k.fail(t, ERROR_PIPE_LISTENING)
	case ConnDisconnected:
		// Wine 8.0 probe: a second DisconnectNamedPipe fails with
		// ERROR_PIPE_NOT_CONNECTED.
		return k.fail(t, ERROR_PIPE_NOT_CONNECTED)
	}
	if c := k.Object(o.Pipe.Peer); c != nil && !c.Destroyed {
		*c.Pipe = c.Pipe.Disconnected()
	}
	*o.Pipe = o.Pipe.Disconnected()
	k.emit(Event{Kind: EvPipeDisconnected, PID: p.Proc.PID, Object: o.ID, ObjType: o.Type, Name: o.Name})
	k.wakeWaiters()
	return true
}

// WaitNamedPipe waits until an instance of the pipe is listening.
// Source: "WaitNamedPipeW function": no pipe of that name gives
// ERROR_FILE_NOT_FOUND; a listening instance returns TRUE at once;
// NMPWAIT_WAIT_FOREVER waits, any other timeout fails at once with
// ERROR_SEM_TIMEOUT (time is not modelled).
func (k *Kernel) WaitNamedPipe(tid TID, name string, timeout uint32) (ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return false, false
	}
	key := fileKey(name)
	insts := k.pipeInstances(key)
	if len(insts) == 0 {
		return k.fail(t, ERROR_FILE_NOT_FOUND), false
	}
	listening := func() bool {
		for _, id := range k.pipeInstances(key) {
			if k.Object(id).Pipe.Conn == ConnListening {
				return true
			}
		}
		return false
	}
	if listening() {
		return true, false
	}
	if timeout != NMPWAIT_WAIT_FOREVER {
		return k.fail(t, ERROR_SEM_TIMEOUT), false
	}
	k.block(t, p, k.Object(insts[0]), 0, "WaitNamedPipe", func() (Completion, bool) {
		if len(k.pipeInstances(key)) == 0 {
			return Completion{Err: ERROR_FILE_NOT_FOUND}, true
		}
		if !listening() {
			return Completion{}, false
		}
		return Completion{Ret: 1}, true
	})
	return false, true
}

// SetNamedPipeHandleState sets the read mode and the wait mode of a pipe end.
// Source: "SetNamedPipeHandleState function": PIPE_READMODE_MESSAGE on a
// byte-type pipe is ERROR_INVALID_PARAMETER (Wine pipe.c, Wine 8.0 probe:
// both ends, anonymous pipes too), as is any other unknown mode bit;
// PIPE_NOWAIT makes the end nonblocking and PIPE_WAIT (0) blocking again
// ("Named Pipe Type, Read, and Wait Modes"; Wine 8.0 probe: any end, an
// anonymous read end too). A nil mode (lpMode NULL) checks the handle and
// changes nothing.
func (k *Kernel) SetNamedPipeHandleState(tid TID, h Handle, lpMode *uint32) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	o := k.pipeEnd(t, p, h, 0)
	if o == nil {
		return false
	}
	if o.Pipe.End == EndMailslotServer || o.Pipe.End == EndMailslotClient {
		// Wine 8.0 probe: a mailslot handle is ERROR_INVALID_HANDLE here.
		return k.fail(t, ERROR_INVALID_HANDLE)
	}
	if lpMode == nil {
		return true
	}
	mode := *lpMode
	msg := mode&PIPE_READMODE_MESSAGE != 0
	// Wine 8.0 probe: a mode bit other than PIPE_READMODE_MESSAGE and
	// PIPE_NOWAIT is ERROR_INVALID_PARAMETER.
	if mode&^(PIPE_READMODE_MESSAGE|PIPE_NOWAIT) != 0 || msg && !o.Pipe.Messages {
		return k.fail(t, ERROR_INVALID_PARAMETER)
	}
	if o.Pipe.ReadMessages != msg {
		o.Pipe.ReadMessages = msg
		k.stateChanged(p.Proc.PID, o, ChangeReadMode, Event{To: b2i(msg)})
	}
	if nowait := mode&PIPE_NOWAIT != 0; o.Pipe.NoWait != nowait {
		o.Pipe.NoWait = nowait
		k.stateChanged(p.Proc.PID, o, ChangeWaitMode, Event{To: b2i(nowait)})
	}
	return true
}

// ---- mailslots ----

// CreateMailslot creates a mailslot (its server, the reading side).
// Source: "CreateMailslotW function": the name must be \\.\mailslot\name
// (ERROR_INVALID_NAME); a name in use is ERROR_ALREADY_EXISTS with
// INVALID_HANDLE_VALUE.
func (k *Kernel) CreateMailslot(tid TID, name string, maxMessage, readTimeout uint32, sa *SecurityAttributes) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return INVALID_HANDLE_VALUE
	}
	fail := func(e Errno) Handle {
		k.setLastError(t, e)
		return INVALID_HANDLE_VALUE
	}
	if name == NullName {
		// Wine dlls/kernel32/tests/mailslot.c (passes on Windows): a NULL
		// name is ERROR_PATH_NOT_FOUND.
		return fail(ERROR_PATH_NOT_FOUND)
	}
	if !hasPrefixFold(name, mailslotPrefix) || len(name) == len(mailslotPrefix) {
		return fail(ERROR_INVALID_NAME)
	}
	key := fileKey(name)
	if len(k.pipeInstances(key)) > 0 {
		return fail(ERROR_ALREADY_EXISTS)
	}
	if k.freeIndex(p.Proc) == 0 {
		return fail(ERROR_NO_SYSTEM_RESOURCES)
	}
	o := k.newObject(TypeMailslot, name)
	o.Pipe = &PipeState{End: EndMailslotServer, Messages: true, ReadMessages: true, MaxMessage: maxMessage, ReadTimeout: readTimeout, Conn: ConnConnected}
	k.pipes[key] = []ObjectID{o.ID}
	h := k.addEntry(p, o, FILE_GENERIC_READ, inheritFlag(sa.inherit()), CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: o.ID, ObjType: TypeMailslot, Name: name})
	k.setLastError(t, ERROR_SUCCESS)
	return h
}

// openMailslotClient is CreateFile on \\.\mailslot\name: a client handle,
// its own object, through which messages are written.
func (k *Kernel) openMailslotClient(t, p *Object, name string, access uint32, sa *SecurityAttributes) Handle {
	insts := k.pipeInstances(fileKey(name))
	if len(insts) == 0 {
		k.setLastError(t, ERROR_FILE_NOT_FOUND)
		return INVALID_HANDLE_VALUE
	}
	if k.freeIndex(p.Proc) == 0 {
		k.setLastError(t, ERROR_NO_SYSTEM_RESOURCES)
		return INVALID_HANDLE_VALUE
	}
	server := k.Object(insts[0])
	c := k.newObject(TypeMailslot, server.Name)
	c.Pipe = &PipeState{End: EndMailslotClient, Peer: server.ID, Messages: true, Conn: ConnConnected}
	h := k.addEntry(p, c, grantAccess(TypeMailslot, access), inheritFlag(sa.inherit()), CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: c.ID, ObjType: TypeMailslot, Name: server.Name})
	k.setLastError(t, ERROR_SUCCESS)
	return h
}

// GetMailslotInfo reports a mailslot's maximum message size, the size of the
// next message (MAILSLOT_NO_MESSAGE when empty), the message count and the
// read timeout. Source: "GetMailslotInfo function".
func (k *Kernel) GetMailslotInfo(tid TID, h Handle) (maxMessage, nextSize, count, timeout uint32, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, 0, 0, 0, false
	}
	o := k.pipeEnd(t, p, h, 0)
	if o == nil {
		return 0, 0, 0, 0, false
	}
	switch o.Pipe.End {
	case EndMailslotServer:
	case EndMailslotClient:
		return 0, 0, 0, 0, k.fail(t, ERROR_INVALID_HANDLE)
	default:
		// Wine 8.0 probe: GetMailslotInfo on a pipe end (named or
		// anonymous) fails with ERROR_INVALID_FUNCTION.
		return 0, 0, 0, 0, k.fail(t, ERROR_INVALID_FUNCTION)
	}
	ps := o.Pipe
	next := MAILSLOT_NO_MESSAGE
	if len(ps.Buffer) > 0 {
		next = uint32(len(ps.Buffer[0]))
	}
	return ps.MaxMessage, next, uint32(len(ps.Buffer)), ps.ReadTimeout, true
}

// alive reports whether id names an object that is not destroyed.
func (k *Kernel) alive(id ObjectID) bool {
	o := k.Object(id)
	return o != nil && !o.Destroyed
}

// pipeEnd resolves a handle to a pipe or mailslot end with the access need.
func (k *Kernel) pipeEnd(t, p *Object, h Handle, need uint32) *Object {
	o, access, ok := k.resolve(p, t, h)
	if !ok || o.Pipe == nil {
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return nil
	}
	if access&need != need {
		k.setLastError(t, ERROR_ACCESS_DENIED)
		return nil
	}
	return o
}

// ---- ReadFile, WriteFile, PeekNamedPipe ----

// WriteFile writes data to a pipe end, a mailslot client or a plain file and
// returns the bytes written.
//
// Source: "WriteFile function", "Pipes": writing needs FILE_WRITE_DATA
// (ERROR_ACCESS_DENIED); the data lands in the other end's buffer, where a
// waiting ReadFile takes it; a pipe whose reading end has closed fails with
// ERROR_NO_DATA; a named pipe not connected fails with ERROR_PIPE_LISTENING
// (never connected) or ERROR_PIPE_NOT_CONNECTED (disconnected). Pipe buffers
// are unbounded here: a write never waits.
func (k *Kernel) WriteFile(tid TID, h Handle, data string) (written uint32, ok bool) {
	return k.WriteData(tid, h, data, UnitANSI)
}

// WriteData is WriteFile with the writer's element type, which the events
// and the buffer keep so that viewers can show the bytes as the text they
// were (Windows moves the same bytes whatever they are).
func (k *Kernel) WriteData(tid TID, h Handle, data string, unit DataUnit) (written uint32, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, false
	}
	o, access, found := k.resolve(p, t, h)
	if !found {
		return 0, k.fail(t, ERROR_INVALID_HANDLE)
	}
	if access&(FILE_WRITE_DATA|FILE_APPEND_DATA) == 0 {
		return 0, k.fail(t, ERROR_ACCESS_DENIED)
	}
	if o.Type == TypeFile {
		return k.writePlainFile(p, o, data, unit), true
	}
	if o.Pipe == nil {
		return 0, k.fail(t, ERROR_INVALID_HANDLE)
	}
	switch o.Pipe.Conn {
	case ConnListening:
		return 0, k.fail(t, ERROR_PIPE_LISTENING)
	case ConnDisconnected:
		return 0, k.fail(t, ERROR_PIPE_NOT_CONNECTED)
	}
	peer := k.Object(o.Pipe.Peer)
	if peer == nil || peer.Destroyed {
		if o.Pipe.End == EndMailslotClient {
			// A mailslot writer is never told whether anyone reads
			// (Wine 8.0 probe: WriteFile after the server closed gives
			// TRUE with every byte written; the message is lost).
			return uint32(len(data)), true
		}
		return 0, k.fail(t, ERROR_NO_DATA)
	}
	if o.Pipe.End == EndMailslotClient && peer.Pipe.MaxMessage != 0 && uint32(len(data)) > peer.Pipe.MaxMessage {
		// "CreateMailslotW function": nMaxMessageSize is the largest
		// message that can be written. The code is not documented; Wine
		// 8.0 accepts the write (probe), the model refuses it.
		return 0, k.fail(t, ERROR_INVALID_PARAMETER)
	}
	if data == "" && !peer.Pipe.Messages {
		// Wine 8.0 probe: a 0-byte write to a byte pipe succeeds and leaves
		// nothing to read (a waiting reader keeps waiting); on message pipes
		// and mailslots it is an empty message (Wine mailslot.c, probe).
		return 0, true
	}
	k.work += 16*int64(len(peer.Pipe.Buffer)) + workBytes(len(data))
	*peer.Pipe = peer.Pipe.Appended(data, unit)
	k.emit(Event{Kind: EvDataWritten, PID: p.Proc.PID, Object: peer.ID, ObjType: peer.Type, Name: peer.Name, Handle: h, Bytes: uint32(len(data)), Data: data, Unit: unit, SrcPID: p.Proc.PID})
	k.wakeWaiters()
	return uint32(len(data)), true
}

// ReadFile reads up to n bytes from a
// pipe end, a mailslot or a plain file.
//
// Source: "ReadFile function", "Named Pipe Type, Read, and Wait Modes",
// "Anonymous Pipe Operations", "Mailslot Operations":
//   - byte read mode returns what is buffered, up to n, across writes;
//     message read mode returns one message, and a message longer than n
//     gives its first n bytes with FALSE and ERROR_MORE_DATA (the rest stays);
//   - an empty pipe whose other end is still open waits (pending); once that
//     end has closed, FALSE with ERROR_BROKEN_PIPE (buffered data is read
//     first);
//   - a mailslot with no message waits with MAILSLOT_WAIT_FOREVER and
//     otherwise fails with ERROR_SEM_TIMEOUT; a message longer than n fails
//     with ERROR_INSUFFICIENT_BUFFER and stays (Wine dlls/kernel32/tests/
//     mailslot.c, which passes on Windows: STATUS_BUFFER_TOO_SMALL, the
//     message still next; Wine 8.0 itself truncates);
//   - an end in nonblocking mode (PIPE_NOWAIT) never waits: an empty pipe
//     whose other end is open gives FALSE with ERROR_NO_DATA ("Named Pipe
//     Type, Read, and Wait Modes"; Wine 8.0 probe, a nonblocking anonymous
//     read end too).
func (k *Kernel) ReadFile(tid TID, h Handle, n uint32) (data string, ok, pending bool) {
	return k.readFile(tid, h, n, "ReadFile")
}

// readFile is ReadFile; call names the waiting call in events.
func (k *Kernel) readFile(tid TID, h Handle, n uint32, call string) (data string, ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return "", false, false
	}
	o, access, found := k.resolve(p, t, h)
	if !found {
		return "", k.fail(t, ERROR_INVALID_HANDLE), false
	}
	if access&FILE_READ_DATA == 0 {
		return "", k.fail(t, ERROR_ACCESS_DENIED), false
	}
	if o.Type == TypeFile {
		return k.readPlainFile(p, o, n), true, false
	}
	if o.Pipe == nil {
		return "", k.fail(t, ERROR_INVALID_HANDLE), false
	}
	if o.Pipe.End == EndMailslotClient {
		// Wine mailslot.c (passes on Windows): a client opened with
		// GENERIC_READ|GENERIC_WRITE cannot read (ERROR_ACCESS_DENIED, or
		// ERROR_INVALID_PARAMETER on some versions); it never waits.
		return "", k.fail(t, ERROR_ACCESS_DENIED), false
	}
	c, done := k.tryRead(p, o, h, n)
	if done {
		if c.Data != "" {
			k.wakeWaiters() // a FlushFileBuffers may wait for this read
		}
		if c.Err != ERROR_SUCCESS {
			k.setLastError(t, c.Err)
		}
		return c.Data, c.Ret != 0, false
	}
	if o.Pipe.End == EndMailslotServer && o.Pipe.ReadTimeout != MAILSLOT_WAIT_FOREVER {
		return "", k.fail(t, ERROR_SEM_TIMEOUT), false
	}
	if o.Pipe.NoWait {
		return "", k.fail(t, ERROR_NO_DATA), false
	}
	k.block(t, p, o, h, call, func() (Completion, bool) { return k.tryRead(p, o, h, n) })
	return "", false, true
}

// tryRead performs a read if it can complete now.
func (k *Kernel) tryRead(p, o *Object, h Handle, n uint32) (Completion, bool) {
	ps := o.Pipe
	if len(ps.Buffer) == 0 {
		switch {
		case ps.End == EndMailslotServer:
			return Completion{}, false
		case ps.Conn == ConnListening:
			return Completion{Err: ERROR_PIPE_LISTENING}, true
		case ps.Conn == ConnDisconnected:
			return Completion{Err: ERROR_PIPE_NOT_CONNECTED}, true
		}
		if !k.alive(ps.Peer) {
			return Completion{Err: ERROR_BROKEN_PIPE}, true
		}
		return Completion{}, false
	}
	if ps.End == EndMailslotServer && uint32(len(ps.Buffer[0])) > n {
		return Completion{Err: ERROR_INSUFFICIENT_BUFFER}, true
	}
	data, unit, rest, restUnits, more := ps.Take(int(n))
	k.work += 16*int64(len(ps.Buffer)) + workBytes(len(data))
	err := ERROR_SUCCESS
	if more {
		err = ERROR_MORE_DATA
	}
	ps.Buffer, ps.Units = rest, restUnits
	k.emit(Event{Kind: EvDataRead, PID: p.Proc.PID, Object: o.ID, ObjType: o.Type, Name: o.Name, Handle: h, Bytes: uint32(len(data)), Data: data, Unit: unit, Err: err})
	ret := uint64(1)
	if err != ERROR_SUCCESS {
		ret = 0
	}
	return Completion{Ret: ret, Err: err, Data: data}, true
}

// PeekNamedPipe copies up to n buffered bytes without removing them and
// reports the bytes available in all and left in the current message.
// Source: "PeekNamedPipe function" (works on anonymous pipes too; the handle
// needs read access: Wine 8.0 probe, ERROR_ACCESS_DENIED on a write end); an
// empty pipe whose other end has closed gives ERROR_BROKEN_PIPE. Wine
// dlls/kernel32/tests/pipe.c (passes on Windows): a listening instance gives
// ERROR_BAD_PIPE; on a message-type pipe the peek sees the first message
// only, whatever the handle's read mode. Wine 8.0 probe: a disconnected end
// gives ERROR_PIPE_NOT_CONNECTED, a mailslot ERROR_NOT_SUPPORTED.
func (k *Kernel) PeekNamedPipe(tid TID, h Handle, n uint32) (data string, avail, leftInMessage uint32, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return "", 0, 0, false
	}
	o := k.pipeEnd(t, p, h, FILE_READ_DATA)
	if o == nil {
		return "", 0, 0, false
	}
	ps := o.Pipe
	switch {
	case ps.End == EndMailslotServer || ps.End == EndMailslotClient:
		return "", 0, 0, k.fail(t, ERROR_NOT_SUPPORTED)
	case ps.Conn == ConnListening:
		return "", 0, 0, k.fail(t, ERROR_BAD_PIPE)
	case ps.Conn == ConnDisconnected:
		return "", 0, 0, k.fail(t, ERROR_PIPE_NOT_CONNECTED)
	}
	if len(ps.Buffer) == 0 {
		if !k.alive(ps.Peer) {
			return "", 0, 0, k.fail(t, ERROR_BROKEN_PIPE)
		}
	}
	all := strings.Join(ps.Buffer, "")
	k.work += 16*int64(len(ps.Buffer)) + workBytes(len(all))
	data = all
	if ps.Messages && len(ps.Buffer) > 0 {
		data = ps.Buffer[0]
		leftInMessage = uint32(len(ps.Buffer[0]))
	}
	data, _ = byteCut(data, int(n))
	// leftInMessage is the message's length minus the bytes peeked; a byte
	// pipe's "message" has length 0, so a peek that copies bytes there gives
	// their count negated. The docs say "zero for byte-type named pipes";
	// Wine dlls/kernel32/tests/pipe.c test_CreateNamedPipe (not todo_wine:
	// Windows does this) asserts left == 0 for a peek of no bytes and
	// left == -4 for a peek of 4 bytes on a byte pipe.
	leftInMessage -= uint32(len(data))
	return data, uint32(len(all)), leftInMessage, true
}

// TransactNamedPipe writes one message and reads one reply at a
// message-type pipe end in message-read mode.
//
// Source: "TransactNamedPipe function", "Transactions on Named Pipes" (a
// duplex, message-type pipe in message-read mode; a reply longer than the
// buffer gives ERROR_MORE_DATA, the rest stays); [MS-FSCC] 2.3.48
// FSCTL_PIPE_TRANSCEIVE: STATUS_INVALID_PIPE_STATE when the pipe is not
// connected or not in message mode (ERROR_BAD_PIPE), STATUS_PIPE_BUSY when
// the pipe holds unread data (ERROR_PIPE_BUSY), STATUS_PIPE_DISCONNECTED
// (ERROR_PIPE_NOT_CONNECTED). The read waits as ReadFile's does.
func (k *Kernel) TransactNamedPipe(tid TID, h Handle, data string, unit DataUnit, n uint32) (reply string, ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return "", false, false
	}
	o := k.pipeEnd(t, p, h, FILE_READ_DATA|FILE_WRITE_DATA)
	if o == nil {
		return "", false, false
	}
	ps := o.Pipe
	switch {
	case ps.End != EndServer && ps.End != EndClient, !ps.Messages, !ps.ReadMessages, ps.Conn == ConnListening:
		return "", k.fail(t, ERROR_BAD_PIPE), false
	case ps.Conn == ConnDisconnected:
		return "", k.fail(t, ERROR_PIPE_NOT_CONNECTED), false
	case len(ps.Buffer) > 0:
		return "", k.fail(t, ERROR_PIPE_BUSY), false
	}
	if _, ok := k.WriteData(tid, h, data, unit); !ok {
		return "", false, false
	}
	return k.readFile(tid, h, n, "TransactNamedPipe")
}

// pipeGone updates the other end when a pipe or mailslot end is destroyed:
// an instance leaves the pipe's name, a connected peer sees the pipe close,
// and blocked readers learn of it.
func (k *Kernel) pipeGone(o *Object) {
	ps := o.Pipe
	key := fileKey(o.Name)
	if ps.End == EndServer || ps.End == EndMailslotServer {
		insts := k.pipes[key]
		for i, id := range insts {
			if id == o.ID {
				insts = append(insts[:i:i], insts[i+1:]...)
				break
			}
		}
		if len(insts) == 0 {
			delete(k.pipes, key)
		} else {
			k.pipes[key] = insts
		}
	}
	// A connected named pipe's other end, or an anonymous pipe's read end
	// (a server end: Wine 8.0 probe, ConnectNamedPipe then gives
	// ERROR_NO_DATA), sees the pipe close; an event, so that viewers
	// replaying events see it too.
	if peer := k.Object(ps.Peer); peer != nil && !peer.Destroyed && peer.Pipe.Peer == o.ID && (ps.End == EndServer || ps.End == EndClient || ps.End == EndWrite) {
		peer.Pipe.Conn = ConnClosing
		k.stateChanged(0, peer, ChangePeerClosed, Event{})
	}
	k.wakeWaiters()
}

// ---- plain file contents ----

func (k *Kernel) writePlainFile(p, o *Object, data string, unit DataUnit) uint32 {
	key := fileKey(o.Path)
	cur := k.fileData[key]
	off := min(int(o.Offset), len(cur))
	n := len(data)
	_, after := byteCut(cur[off:], n) // the n bytes written over
	if k.fileData == nil {
		k.fileData = map[string]string{}
	}
	k.fileData[key] = cur[:off] + data + after
	o.Offset = uint64(off + len(data))
	k.emit(Event{Kind: EvDataWritten, PID: p.Proc.PID, Object: o.ID, ObjType: TypeFile, Name: o.Path, Bytes: uint32(n), Data: data, Unit: unit, SrcPID: p.Proc.PID})
	return uint32(n)
}

func (k *Kernel) readPlainFile(p, o *Object, n uint32) string {
	cur := k.fileData[fileKey(o.Path)]
	off := int(o.Offset)
	if off >= len(cur) {
		return ""
	}
	data, _ := byteCut(cur[off:], int(n))
	o.Offset = uint64(off + len(data))
	k.emit(Event{Kind: EvDataRead, PID: p.Proc.PID, Object: o.ID, ObjType: TypeFile, Name: o.Path, Bytes: uint32(len(data)), Data: data, Unit: UnitBinary})
	return data
}

// ---- environment ----

// SetEnvironmentVariable sets (or, with remove, deletes) a variable of the
// calling process's environment block.
// Source: "SetEnvironmentVariableW function": a name that is empty or
// contains '=' is ERROR_INVALID_PARAMETER, except a leading '=' (Wine 8.0
// probe: "=A" is accepted; cmd.exe keeps its "=C:" variables that way).
// Names are case-insensitive.
func (k *Kernel) SetEnvironmentVariable(tid TID, name, value string, remove bool) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	if name == "" || strings.ContainsRune(name[1:], '=') {
		return k.fail(t, ERROR_INVALID_PARAMETER)
	}
	env := withEnv(p.Proc.Env, name, value, remove)
	k.work += int64(len(env)) * int64(4+16*bits.Len(uint(len(env))))
	for _, kv := range env {
		k.work += workBytes(len(kv))
	}
	p.Proc.Env = env
	ev := Event{Kind: EvEnvChanged, PID: p.Proc.PID, Name: name, Change: ChangeEnvSet, Detail: value}
	if remove {
		ev.Change, ev.Detail = ChangeEnvRemoved, ""
	}
	k.emit(ev)
	return true
}

// GetEnvironmentVariable reads a variable of the calling process. With a
// buffer of size characters it returns the value's length when it fits, or
// the size needed (length + 1) when it does not; a missing variable returns 0
// with ERROR_ENVVAR_NOT_FOUND. Source: "GetEnvironmentVariableW function".
func (k *Kernel) GetEnvironmentVariable(tid TID, name string, size uint32) (value string, ret uint32) {
	t, p, running := k.caller(tid)
	if !running {
		return "", 0
	}
	k.work += 4 * int64(len(p.Proc.Env)) // the search
	v, ok := p.Proc.Getenv(name)
	if !ok || name == "" { // Wine environ.c: GetEnvironmentVariable("") is not found
		k.setLastError(t, ERROR_ENVVAR_NOT_FOUND)
		return "", 0
	}
	// Sizes count TCHARs (UTF-16 units), not bytes ("GetEnvironmentVariable
	// function": nSize is "in characters").
	if n := uint32(UTF16Len(v)); n >= size {
		return "", n + 1
	}
	return v, uint32(UTF16Len(v))
}

// ---- Toolhelp ----

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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
