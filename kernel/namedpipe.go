package kernel

import (
	"strings"
)

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
