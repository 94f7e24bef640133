package kernel

import (
	"fmt"
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

// ---- ReadFile, WriteFile ----

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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
