package kernel

// MAXIMUM_WAIT_OBJECTS is the most handles one WaitForMultipleObjects
// takes ("WaitForMultipleObjects function", nCount).
const MAXIMUM_WAIT_OBJECTS = 64

// WAIT_ABANDONED_0 is WAIT_ABANDONED: WAIT_ABANDONED_0 + i names handle i.
const WAIT_ABANDONED_0 = WAIT_ABANDONED

// WaitForMultipleObjects waits on several objects at once.
//
// Source: "WaitForMultipleObjects function":
//   - nCount is 1 to MAXIMUM_WAIT_OBJECTS (64); otherwise WAIT_FAILED with
//     ERROR_INVALID_PARAMETER (WRK base/ntos/ob/obwait.c
//     NtWaitForMultipleObjects: STATUS_INVALID_PARAMETER_1);
//   - every handle must be valid, waitable and have SYNCHRONIZE, checked in
//     array order (ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED), before any
//     object changes;
//   - with bWaitAll the array may not hold the same object twice
//     (obwait.c: STATUS_INVALID_PARAMETER_MIX, ERROR_INVALID_PARAMETER);
//   - bWaitAll FALSE: the first object, in array order, whose wait is
//     satisfied wins: WAIT_OBJECT_0 + i (WAIT_ABANDONED_0 + i for an
//     abandoned mutex), and only its state changes ("If more than one
//     object became signaled during the call, this is the array index of
//     the signaled object with the smallest index value");
//   - bWaitAll TRUE: nothing changes until every object is satisfied at
//     once; then all of them are acquired and the result is WAIT_OBJECT_0,
//     or WAIT_ABANDONED_0 itself when any of them is an abandoned mutex
//     (the kernel ORs STATUS_ABANDONED into the wait status, with no
//     index; Wine 8 probe, docs/wine-probes/stdio: 0x80 for an abandoned
//     mutex at index 1);
//   - a finite timeout gives WAIT_TIMEOUT at once (time is not modelled, as
//     for WaitForSingleObject); INFINITE blocks: pending is true and a
//     later call completes it (TakeCompletions).
//
// The blocked thread is shown waiting on the first object. Unlike
// WaitForSingleObject's, this wait takes no reference on its objects
// (waitref.go): closing the last handle to one of them under the waiter
// destroys it, and the waiter then waits on the others.
func (k *Kernel) WaitForMultipleObjects(tid TID, hs []Handle, waitAll bool, timeout uint32) (result uint32, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return WAIT_FAILED, false
	}
	if len(hs) == 0 || len(hs) > MAXIMUM_WAIT_OBJECTS {
		k.setLastError(t, ERROR_INVALID_PARAMETER)
		return WAIT_FAILED, false
	}
	objs := make([]*Object, len(hs))
	for i, h := range hs {
		o, access, ok := k.resolve(p, t, h)
		err := ERROR_SUCCESS
		switch {
		case !ok:
			err = ERROR_INVALID_HANDLE
		case access&SYNCHRONIZE == 0:
			err = ERROR_ACCESS_DENIED
		case !waitable(o.Type):
			err = ERROR_INVALID_HANDLE
		}
		if err != ERROR_SUCCESS {
			k.setLastError(t, err)
			return WAIT_FAILED, false
		}
		objs[i] = o
	}
	if waitAll {
		seen := map[ObjectID]bool{}
		for _, o := range objs {
			if seen[o.ID] {
				k.setLastError(t, ERROR_INVALID_PARAMETER)
				return WAIT_FAILED, false
			}
			seen[o.ID] = true
		}
	}
	waiter := t.Thread.TID
	try := func() (uint32, bool) {
		if !waitAll {
			for i, o := range objs {
				if satisfied(o, waiter) {
					return k.acquire(p, o, waiter) + uint32(i), true
				}
			}
			return 0, false
		}
		for _, o := range objs {
			if !satisfied(o, waiter) {
				return 0, false
			}
		}
		res := WAIT_OBJECT_0
		for _, o := range objs {
			if k.acquire(p, o, waiter) == WAIT_ABANDONED {
				res = WAIT_ABANDONED_0
			}
		}
		return res, true
	}
	if r, done := try(); done {
		return r, false
	}
	if timeout != INFINITE {
		return WAIT_TIMEOUT, false
	}
	k.block(t, p, objs[0], hs[0], "WaitForMultipleObjects", func() (Completion, bool) {
		r, done := try()
		return Completion{Ret: uint64(r)}, done
	})
	return 0, true
}

// FlushFileBuffers writes a file's buffered data out; on a pipe it waits
// until the other end has read everything this end wrote.
//
// Source: "FlushFileBuffers function": the handle needs GENERIC_WRITE
// (FILE_WRITE_DATA here; ERROR_ACCESS_DENIED), and "If hFile is a handle to
// the server end of a named pipe, the function does not return until the
// client has read all buffered data from the pipe" (the book's named pipe
// server calls it before DisconnectNamedPipe, which discards what is
// unread: "DisconnectNamedPipe function"). The model makes every pipe end
// wait the same way (an anonymous pipe is a named pipe inside Windows).
// A plain file has nothing buffered: TRUE at once. An end whose other end
// is gone has nobody left to wait for: TRUE (Wine 8 probe,
// docs/wine-probes/stdio), also when the reader closes while the flush
// waits. A named pipe end that is not connected fails as WriteFile would
// (ERROR_PIPE_LISTENING, ERROR_PIPE_NOT_CONNECTED). A mailslot client
// returns TRUE at once (a mailslot writer never waits for a reader). Wine 8
// also flushes a read end (TRUE); the model keeps the documented
// GENERIC_WRITE requirement (ReactOS NtFlushBuffersFile references the
// handle for FILE_WRITE_DATA).
func (k *Kernel) FlushFileBuffers(tid TID, h Handle) (ok, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return false, false
	}
	o, access, found := k.resolve(p, t, h)
	switch {
	case !found:
		return k.fail(t, ERROR_INVALID_HANDLE), false
	case access&(FILE_WRITE_DATA|FILE_APPEND_DATA) == 0:
		return k.fail(t, ERROR_ACCESS_DENIED), false
	case o.Type == TypeFile:
		return true, false
	case o.Pipe == nil:
		return k.fail(t, ERROR_INVALID_HANDLE), false
	case o.Pipe.End == EndMailslotClient:
		return true, false
	case o.Pipe.Conn == ConnListening:
		return k.fail(t, ERROR_PIPE_LISTENING), false
	case o.Pipe.Conn == ConnDisconnected:
		return k.fail(t, ERROR_PIPE_NOT_CONNECTED), false
	}
	try := func() (Completion, bool) {
		peer := k.Object(o.Pipe.Peer)
		if o.Pipe.Conn != ConnConnected || peer == nil || peer.Destroyed || len(peer.Pipe.Buffer) == 0 {
			return Completion{Ret: 1}, true
		}
		return Completion{}, false
	}
	if c, done := try(); done {
		if c.Err != ERROR_SUCCESS {
			return k.fail(t, c.Err), false
		}
		return true, false
	}
	k.block(t, p, o, h, "FlushFileBuffers", try)
	return false, true
}
