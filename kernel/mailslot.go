package kernel

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
