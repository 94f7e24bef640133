package kernel

// CreateEvent creates (or opens, for an existing name) an event.
// Source: "CreateEventW function"; access EVENT_ALL_ACCESS.
func (k *Kernel) CreateEvent(tid TID, sa *SecurityAttributes, manualReset, initialState bool, name string) Handle {
	return k.CreateEventEx(tid, sa, name, boolFlag(manualReset, CREATE_EVENT_MANUAL_RESET)|boolFlag(initialState, CREATE_EVENT_INITIAL_SET), EVENT_ALL_ACCESS)
}

// CreateEventEx is CreateEventExW: flags CREATE_EVENT_MANUAL_RESET and
// CREATE_EVENT_INITIAL_SET; other bits are ERROR_INVALID_PARAMETER.
func (k *Kernel) CreateEventEx(tid TID, sa *SecurityAttributes, name string, flags, access uint32) Handle {
	if flags&^(CREATE_EVENT_MANUAL_RESET|CREATE_EVENT_INITIAL_SET) != 0 {
		return k.failHandle(tid, ERROR_INVALID_PARAMETER)
	}
	return k.createNamed(tid, TypeEvent, sa, access, name, func(o *Object) {
		o.ManualReset = flags&CREATE_EVENT_MANUAL_RESET != 0
		o.Signaled = flags&CREATE_EVENT_INITIAL_SET != 0
	})
}

// CreateMutex creates (or opens) a mutex; bInitialOwner makes the calling
// thread its owner (ignored when the name exists). Source: "CreateMutexW".
func (k *Kernel) CreateMutex(tid TID, sa *SecurityAttributes, initialOwner bool, name string) Handle {
	return k.CreateMutexEx(tid, sa, name, boolFlag(initialOwner, CREATE_MUTEX_INITIAL_OWNER), MUTEX_ALL_ACCESS)
}

// CreateMutexEx is CreateMutexExW.
func (k *Kernel) CreateMutexEx(tid TID, sa *SecurityAttributes, name string, flags, access uint32) Handle {
	if flags&^CREATE_MUTEX_INITIAL_OWNER != 0 {
		return k.failHandle(tid, ERROR_INVALID_PARAMETER)
	}
	return k.createNamed(tid, TypeMutex, sa, access, name, func(o *Object) {
		if flags&CREATE_MUTEX_INITIAL_OWNER != 0 {
			o.OwnerTID, o.Recursion = tid, 1
		} else {
			o.Signaled = true
		}
	})
}

// CreateSemaphore creates (or opens) a semaphore.
// Source: "CreateSemaphoreW function": lInitialCount must be >= 0 and <=
// lMaximumCount, lMaximumCount > 0, else ERROR_INVALID_PARAMETER.
func (k *Kernel) CreateSemaphore(tid TID, sa *SecurityAttributes, initial, maximum int32, name string) Handle {
	return k.CreateSemaphoreEx(tid, sa, initial, maximum, name, 0, SEMAPHORE_ALL_ACCESS)
}

// CreateSemaphoreEx is CreateSemaphoreExW (dwFlags is reserved and must be 0).
func (k *Kernel) CreateSemaphoreEx(tid TID, sa *SecurityAttributes, initial, maximum int32, name string, flags, access uint32) Handle {
	if maximum <= 0 || initial < 0 || initial > maximum || flags != 0 {
		return k.failHandle(tid, ERROR_INVALID_PARAMETER)
	}
	return k.createNamed(tid, TypeSemaphore, sa, access, name, func(o *Object) {
		o.Count, o.Max = int(initial), int(maximum)
		o.Signaled = initial > 0
	})
}

// CreateWaitableTimer creates (or opens) a waitable timer, not signaled.
// Time is not modelled, so the timer never becomes due by itself.
// Source: "CreateWaitableTimerW function".
func (k *Kernel) CreateWaitableTimer(tid TID, sa *SecurityAttributes, manualReset bool, name string) Handle {
	return k.CreateWaitableTimerEx(tid, sa, name, boolFlag(manualReset, CREATE_WAITABLE_TIMER_MANUAL_RESET), TIMER_ALL_ACCESS)
}

// CreateWaitableTimerEx is CreateWaitableTimerExW.
func (k *Kernel) CreateWaitableTimerEx(tid TID, sa *SecurityAttributes, name string, flags, access uint32) Handle {
	if flags&^(CREATE_WAITABLE_TIMER_MANUAL_RESET|0x2) != 0 {
		return k.failHandle(tid, ERROR_INVALID_PARAMETER)
	}
	return k.createNamed(tid, TypeWaitableTimer, sa, access, name, func(o *Object) {
		o.ManualReset = flags&CREATE_WAITABLE_TIMER_MANUAL_RESET != 0
	})
}

// CreateJobObject creates (or opens) a job object.
// Source: "CreateJobObjectW function" (access JOB_OBJECT_ALL_ACCESS).
func (k *Kernel) CreateJobObject(tid TID, sa *SecurityAttributes, name string) Handle {
	return k.createNamed(tid, TypeJob, sa, JOB_OBJECT_ALL_ACCESS, name, nil)
}

// OpenEvent opens a named event. Source: "OpenEventW function".
func (k *Kernel) OpenEvent(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeEvent, access, inherit, name)
}

// OpenMutex opens a named mutex. Source: "OpenMutexW function".
func (k *Kernel) OpenMutex(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeMutex, access, inherit, name)
}

// OpenSemaphore opens a named semaphore. Source: "OpenSemaphoreW function".
func (k *Kernel) OpenSemaphore(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeSemaphore, access, inherit, name)
}

// OpenWaitableTimer opens a named timer. Source: "OpenWaitableTimerW".
func (k *Kernel) OpenWaitableTimer(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeWaitableTimer, access, inherit, name)
}

// OpenJobObject opens a named job. Source: "OpenJobObjectW function".
func (k *Kernel) OpenJobObject(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeJob, access, inherit, name)
}

// OpenFileMapping opens a named file mapping. Source: "OpenFileMappingW".
func (k *Kernel) OpenFileMapping(tid TID, access uint32, inherit bool, name string) Handle {
	return k.openNamed(tid, TypeFileMapping, access, inherit, name)
}

func boolFlag(b bool, f uint32) uint32 {
	if b {
		return f
	}
	return 0
}

func (k *Kernel) failHandle(tid TID, e Errno) Handle {
	t, _, running := k.caller(tid)
	if !running {
		return 0
	}
	k.setLastError(t, e)
	return 0
}

// typedHandle resolves h in the caller's process, requiring type typ and the
// access bits need. It sets the last error and returns nil on failure.
func (k *Kernel) typedHandle(t, p *Object, h Handle, typ ObjectType, need uint32) *Object {
	o, _, err := k.typedObject(t, p, h, typ, need)
	if err != ERROR_SUCCESS {
		k.setLastError(t, err)
	}
	return o
}

// typedObject is typedHandle without the last error: the object, the
// handle's granted access, or nil and ERROR_INVALID_HANDLE (an unknown
// handle, another type) or ERROR_ACCESS_DENIED (a right of need missing).
func (k *Kernel) typedObject(t, p *Object, h Handle, typ ObjectType, need uint32) (*Object, uint32, Errno) {
	o, access, ok := k.resolve(p, t, h)
	if !ok || o.Type != typ {
		return nil, 0, ERROR_INVALID_HANDLE
	}
	if access&need != need {
		return nil, 0, ERROR_ACCESS_DENIED
	}
	return o, access, ERROR_SUCCESS
}

// stateChanged reports a change already made to o's type state; e carries
// the change's values (From, To, TID).
func (k *Kernel) stateChanged(pid PID, o *Object, c StateChange, e Event) {
	e.Kind, e.PID, e.Object, e.ObjType, e.Name, e.Change = EvStateChanged, pid, o.ID, o.Type, o.Name, c
	k.emit(e)
}

// SetEvent signals an event. Source: "SetEvent function" (needs
// EVENT_MODIFY_STATE). Waiters are released at once: all of them for a
// manual-reset event, one for an auto-reset event (which resets again).
func (k *Kernel) SetEvent(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	o := k.typedHandle(t, p, h, TypeEvent, EVENT_MODIFY_STATE)
	if o == nil {
		return false
	}
	if !o.Signaled {
		o.Signaled = true
		k.stateChanged(p.Proc.PID, o, ChangeSignaled, Event{})
	}
	k.wakeWaiters()
	return true
}

// ResetEvent makes an event nonsignaled. Source: "ResetEvent function".
func (k *Kernel) ResetEvent(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	o := k.typedHandle(t, p, h, TypeEvent, EVENT_MODIFY_STATE)
	if o == nil {
		return false
	}
	if o.Signaled {
		o.Signaled = false
		k.stateChanged(p.Proc.PID, o, ChangeReset, Event{})
	}
	return true
}

// ReleaseMutex releases one level of ownership.
// Source: "ReleaseMutex function": a thread that does not own the mutex gets
// FALSE, ERROR_NOT_OWNER (288).
func (k *Kernel) ReleaseMutex(tid TID, h Handle) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	o := k.typedHandle(t, p, h, TypeMutex, 0)
	if o == nil {
		return false
	}
	if o.OwnerTID != t.Thread.TID {
		return k.fail(t, ERROR_NOT_OWNER)
	}
	o.Recursion--
	if o.Recursion == 0 {
		o.OwnerTID = 0
		o.Signaled = true
		k.stateChanged(p.Proc.PID, o, ChangeReleased, Event{})
		k.wakeWaiters()
	} else {
		k.stateChanged(p.Proc.PID, o, ChangeRecursion, Event{From: o.Recursion + 1, To: o.Recursion})
	}
	return true
}

// ReleaseSemaphore adds to a semaphore's count and returns the previous one.
// Source: "ReleaseSemaphore function": needs SEMAPHORE_MODIFY_STATE; a
// release count <= 0 is ERROR_INVALID_PARAMETER; going past the maximum
// changes nothing and fails with ERROR_TOO_MANY_POSTS (298). The count is
// checked before the handle (WRK base/ntos/ex/semphore.c NtReleaseSemaphore:
// ReleaseCount <= 0 returns STATUS_INVALID_PARAMETER before
// ObReferenceObjectByHandle).
func (k *Kernel) ReleaseSemaphore(tid TID, h Handle, release int32) (previous int32, ok bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, false
	}
	if release <= 0 {
		return 0, k.fail(t, ERROR_INVALID_PARAMETER)
	}
	o := k.typedHandle(t, p, h, TypeSemaphore, SEMAPHORE_MODIFY_STATE)
	if o == nil {
		return 0, false
	}
	if int64(o.Count)+int64(release) > int64(o.Max) {
		return 0, k.fail(t, ERROR_TOO_MANY_POSTS)
	}
	prev := o.Count
	o.Count += int(release)
	o.Signaled = o.Count > 0
	k.stateChanged(p.Proc.PID, o, ChangeCount, Event{From: prev, To: o.Count})
	k.wakeWaiters()
	return int32(prev), true
}

// ---- waiting ----

// waitable reports whether WaitForSingleObject accepts an object of type t.
// File mappings are not waitable ("Synchronization Objects" lists the ones
// that are).
func waitable(t ObjectType) bool { return t != TypeFileMapping }

// satisfied reports whether thread tid's wait on o can complete now.
func satisfied(o *Object, tid TID) bool {
	if o.Type == TypeMutex {
		return o.OwnerTID == 0 || o.OwnerTID == tid
	}
	if o.Type == TypeSemaphore {
		return o.Count > 0
	}
	return o.Signaled
}

// acquire applies a satisfied wait's side effect and returns the wait result.
func (k *Kernel) acquire(p, o *Object, tid TID) uint32 {
	switch o.Type {
	case TypeMutex:
		res := WAIT_OBJECT_0
		if o.Abandoned {
			res, o.Abandoned = WAIT_ABANDONED, false
		}
		o.OwnerTID = tid
		o.Recursion++
		o.Signaled = false
		k.stateChanged(p.Proc.PID, o, ChangeOwned, Event{TID: tid, From: o.Recursion - 1, To: o.Recursion})
		return res
	case TypeSemaphore:
		o.Count--
		o.Signaled = o.Count > 0
		k.stateChanged(p.Proc.PID, o, ChangeCount, Event{From: o.Count + 1, To: o.Count})
	case TypeEvent, TypeWaitableTimer:
		if !o.ManualReset {
			o.Signaled = false
			k.stateChanged(p.Proc.PID, o, ChangeAutoReset, Event{})
		}
	}
	return WAIT_OBJECT_0
}

// waiter is a thread blocked in a call; queue order is wait order. try is
// asked, after every change that could satisfy the call, whether it can
// complete now; when it can, it has already applied the call's effects.
type waiter struct {
	tid    TID
	object ObjectID
	call   string
	try    func() (Completion, bool)
	ref    bool // the wait holds a reference on object (waitref.go)
}

// Completion is a blocked call that has returned: its thread can run again.
// Ret is the call's return value; Err, when not ERROR_SUCCESS, is the last
// error it set (the call failed); Data is what a ReadFile read.
type Completion struct {
	TID  TID
	Call string
	Ret  uint64
	Err  Errno
	Data string
}

// WaitForSingleObject waits on an object.
//
// Source: "WaitForSingleObject function": needs SYNCHRONIZE; a signaled
// object gives WAIT_OBJECT_0 (an abandoned mutex WAIT_ABANDONED) and the
// wait's side effect (auto-reset, semaphore -1, mutex ownership); otherwise a
// zero or finite timeout gives WAIT_TIMEOUT at once (time is not modelled),
// and INFINITE blocks: pending is true, the thread is waiting, and a later
// call that signals the object completes it (collect with TakeCompletions).
// An invalid handle gives WAIT_FAILED with ERROR_INVALID_HANDLE.
func (k *Kernel) WaitForSingleObject(tid TID, h Handle, timeout uint32) (result uint32, pending bool) {
	t, p, running := k.caller(tid)
	if !running {
		return WAIT_FAILED, false
	}
	o, access, ok := k.resolve(p, t, h)
	if !ok {
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return WAIT_FAILED, false
	}
	// The handle's access is checked before the object's type (Wine 8.0
	// probe: a file mapping handle with FILE_MAP_ALL_ACCESS, which lacks
	// SYNCHRONIZE, gives ERROR_ACCESS_DENIED; one with SYNCHRONIZE gives
	// ERROR_INVALID_HANDLE).
	if access&SYNCHRONIZE == 0 {
		k.setLastError(t, ERROR_ACCESS_DENIED)
		return WAIT_FAILED, false
	}
	if !waitable(o.Type) {
		k.setLastError(t, ERROR_INVALID_HANDLE)
		return WAIT_FAILED, false
	}
	if satisfied(o, t.Thread.TID) {
		return k.acquire(p, o, t.Thread.TID), false
	}
	if timeout != INFINITE {
		return WAIT_TIMEOUT, false
	}
	waiterTID := t.Thread.TID
	k.block(t, p, o, h, "WaitForSingleObject", func() (Completion, bool) {
		if !satisfied(o, waiterTID) {
			return Completion{}, false
		}
		return Completion{Ret: uint64(k.acquire(p, o, waiterTID))}, true
	})
	return 0, true
}

// block makes thread t wait in call on object o, reached through handle h
// (0 for a wait by name), until try succeeds.
func (k *Kernel) block(t, p, o *Object, h Handle, call string, try func() (Completion, bool)) {
	t.Thread.WaitingIn = call
	t.Thread.WaitObject = o.ID
	t.Thread.WaitHandle = h
	// Only a wait on a dispatcher object through a handle holds the
	// object (waitref.go); pipe I/O that blocks keeps no reference in the
	// model, so a pipe end closed under a reader still breaks its read.
	ref := call == "WaitForSingleObject"
	if ref {
		o.WaitRefs++
	}
	k.waiters = append(k.waiters, waiter{tid: t.Thread.TID, object: o.ID, call: call, try: try, ref: ref})
	k.emit(Event{Kind: EvWaitStarted, PID: p.Proc.PID, TID: t.Thread.TID, Object: o.ID, ObjType: o.Type, Name: o.Name, Handle: h, Detail: call})
}

// wakeWaiters completes, in wait order, every blocked call that can now
// complete. Completing one can change what the next sees (an auto-reset
// event resets, a mutex gets an owner, a pipe's buffer empties), so the scan
// restarts after each completion.
func (k *Kernel) wakeWaiters() {
	for again := true; again; {
		again = false
		for i, w := range k.waiters {
			c, done := w.try()
			if !done {
				continue
			}
			k.waiters = append(k.waiters[:i:i], k.waiters[i+1:]...)
			t := k.ThreadByTID(w.tid)
			p := k.Object(t.Thread.Process)
			t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = "", 0, 0
			// The wait's reference goes as the wait ends; an object only
			// the wait held is marked dead now and reported destroyed
			// right after the return.
			dying := k.dropWaitRef(w)
			c.TID, c.Call = w.tid, w.call
			k.completions = append(k.completions, c)
			k.emit(Event{Kind: EvWaitSatisfied, PID: p.Proc.PID, TID: w.tid, Object: w.object, ObjType: k.Object(w.object).Type, Code: uint32(c.Ret), Err: c.Err, Detail: w.call})
			if o := k.Object(w.object); dying {
				k.emit(goneEvent(o, p.Proc.PID))
				if o.Pipe != nil {
					k.pipeGone(o)
				}
			}
			if c.Err != ERROR_SUCCESS {
				k.setLastError(t, c.Err)
			}
			again = true
			break
		}
	}
}

// cancelWait removes an exiting thread from the wait queue and returns its
// wait, whose reference the caller drops (releaseWait) once the thread's
// exit is reported: a viewer replaying the events sees the thread stop
// waiting before the object it waited on goes.
func (k *Kernel) cancelWait(t *Object) (w waiter) {
	for i, q := range k.waiters {
		if q.tid == t.Thread.TID {
			k.waiters = append(k.waiters[:i:i], k.waiters[i+1:]...)
			w = q
			break
		}
	}
	t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = "", 0, 0
	return w
}

// TakeCompletions returns the blocked calls completed since the last call.
func (k *Kernel) TakeCompletions() []Completion {
	c := k.completions
	k.completions = nil
	return c
}
