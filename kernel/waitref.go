package kernel

// A blocked wait holds a reference on the object it waits on, as Windows
// does: NtWaitForSingleObject takes the object by ObReferenceObjectByHandle
// before KeWaitForSingleObject and drops it with ObDereferenceObject when
// the wait ends (WRK base/ntos/ob/obwait.c; "WaitForSingleObject function":
// "If this handle is closed while the wait is still pending, the
// function's behavior is undefined" — the object itself lives on). So a
// handle closed under a waiter, even the last one (another process's
// DuplicateHandle with DUPLICATE_CLOSE_SOURCE), does not destroy the object:
// a mutex whose owner then exits is abandoned, and the waiter gets
// WAIT_ABANDONED instead of waiting forever on a destroyed object.
//
// The reference is a pointer reference, not a handle: the textbook's usage
// count (handles plus the running reference) that the viewer shows does not
// count it, so Object.WaitRefs keeps it apart. When the last handle goes
// while a wait holds the object, the object's name leaves the namespace
// (ObpDeleteNameCheck runs when the handle count reaches 0), and the object
// is destroyed when the last wait on it ends.

// dropWaitRef drops w's reference, if it holds one, and reports whether
// its object is now dead: marked destroyed, for the caller to report (after
// the event that ends the wait) with waitObjectGone.
func (k *Kernel) dropWaitRef(w waiter) bool {
	if !w.ref {
		return false
	}
	o := k.Object(w.object)
	o.WaitRefs--
	return k.markDead(o)
}

// goneEvent is the destruction of an object only a wait held: no usage
// change goes with it (the wait's reference was never counted).
func goneEvent(o *Object, pid PID) Event {
	return Event{Kind: EvObjectDestroyed, PID: pid, Object: o.ID, ObjType: o.Type, Name: o.Name}
}

// unnameIfHandleless takes o out of the namespace when only waits hold it.
func (k *Kernel) unnameIfHandleless(o *Object) {
	if o.HandleCount == 0 && o.WaitRefs > 0 && o.nsKey != "" {
		if k.names[o.nsKey] == o.ID {
			delete(k.names, o.nsKey)
		}
		o.nsKey = ""
	}
}

// applyWaitRefs replays the wait references (State.Apply): a
// WaitForSingleObject that blocks takes one, its return or its thread's
// exit drops it, and a handleless object that only waits hold leaves the
// namespace with its last handle, as in the kernel.
func (s *State) applyWaitRefs(e Event) {
	switch e.Kind {
	case EvWaitStarted:
		if e.Detail == "WaitForSingleObject" {
			if o := s.Object(e.Object); o != nil {
				o.WaitRefs++
			}
		}
	case EvWaitSatisfied, EvThreadExited:
		t := s.thread(e.TID)
		if t == nil || t.Thread.WaitingIn != "WaitForSingleObject" {
			return
		}
		if o := s.Object(t.Thread.WaitObject); o != nil && o.WaitRefs > 0 {
			o.WaitRefs--
		}
	case EvHandleRemoved:
		// After the switch's count change: the count is about to drop.
		if o := s.Object(e.Object); o != nil && o.HandleCount == 1 && o.WaitRefs > 0 && o.nsKey != "" {
			if s.Names[o.Name] == o.ID {
				delete(s.Names, o.Name)
			}
			o.nsKey = ""
		}
	}
}
