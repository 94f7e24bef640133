package kernel

// DuplicateHandle copies an entry of the source process's table into the
// target process's table.
//
// Source: "DuplicateHandle function"; Richter, Windows via C/C++ ch. 3
// "Duplicating Object Handles" (seed 003's S/C/T example); semantics.md.
//   - hSourceProcess and hTargetProcess must name process objects (or be the
//     pseudo handle) with PROCESS_DUP_HANDLE, else ERROR_INVALID_HANDLE /
//     ERROR_ACCESS_DENIED. hSource is read in the source process.
//   - The duplicate takes the lowest free index in the target; its access is
//     the source's with DUPLICATE_SAME_ACCESS, else dwDesiredAccess; its
//     inherit flag is bInheritHandle; HANDLE_FLAG_PROTECT_FROM_CLOSE is never
//     copied. Usage +1.
//   - DUPLICATE_CLOSE_SOURCE closes the source entry too (a move: net 0), even
//     when the duplication itself fails. Inside one process the duplicate then
//     takes the source's own value. A source with
//     HANDLE_FLAG_PROTECT_FROM_CLOSE is not closed (Wine 8.0 probe).
//   - hTargetProcess may be NULL with DUPLICATE_CLOSE_SOURCE: only the close
//     happens. A target process that has exited: ERROR_ACCESS_DENIED.
//   - wantTarget false is lpTargetHandle == NULL: the duplicate is made but its
//     value is not returned.
func (k *Kernel) DuplicateHandle(tid TID, hSourceProcess, hSource, hTargetProcess Handle, wantTarget bool, access uint32, inherit bool, options uint32) (Handle, bool) {
	t, p, running := k.caller(tid)
	if !running {
		return 0, false
	}
	src := k.processHandle(t, p, hSourceProcess, PROCESS_DUP_HANDLE)
	if src == nil {
		return 0, false
	}
	closeSource := options&DUPLICATE_CLOSE_SOURCE != 0
	// What hSource names, in the source process. GetCurrentProcess() there
	// means the source process; GetCurrentThread() means the calling thread
	// whatever the source process (Wine 8.0 probe: DuplicateHandle(hChild,
	// GetCurrentThread(), ...) gives the caller's thread; the source's
	// thread may have exited and its object be gone).
	obj, srcAccess, ok := k.resolve(src, t, hSource)
	srcIndex := 0
	if ok && hSource != CurrentProcess && hSource != CurrentThread {
		_, srcIndex, _ = src.Proc.Lookup(hSource)
	}
	srcProtected := srcIndex != 0 && uint32(src.Proc.Table[srcIndex].Flags)&HANDLE_FLAG_PROTECT_FROM_CLOSE != 0
	// closeSrc closes the source entry for DUPLICATE_CLOSE_SOURCE. A
	// protected entry stays, as with CloseHandle (Wine 8.0 probe: the
	// duplicate is made and the protected source is kept). It reports
	// whether the entry was closed.
	closeSrc := func() bool {
		if !closeSource || srcIndex == 0 || src.Proc.Table[srcIndex].Object == 0 {
			return false
		}
		if srcProtected {
			e := src.Proc.Table[srcIndex]
			k.emit(Event{Kind: EvCloseRefused, PID: src.Proc.PID, Index: srcIndex, Handle: Handle(srcIndex * 4), Object: e.Object, ObjType: k.Object(e.Object).Type, Flags: e.Flags})
			return false
		}
		k.removeEntry(src, srcIndex, CauseCloseSource)
		return true
	}
	if hTargetProcess == 0 && closeSource {
		if !ok {
			return 0, k.fail(t, ERROR_INVALID_HANDLE)
		}
		if srcIndex != 0 && !closeSrc() {
			// Only the close was asked for, and a protected handle
			// refuses it as CloseHandle does.
			return 0, k.fail(t, ERROR_INVALID_HANDLE)
		}
		return 0, true
	}
	tgt := k.processHandle(t, p, hTargetProcess, PROCESS_DUP_HANDLE)
	if tgt == nil {
		closeSrc()
		return 0, false
	}
	if !ok {
		return 0, k.fail(t, ERROR_INVALID_HANDLE)
	}
	if tgt.Proc.Exited {
		closeSrc()
		return 0, k.fail(t, ERROR_ACCESS_DENIED)
	}
	newAccess := mapGenericAccess(obj.Type, access)
	if options&DUPLICATE_SAME_ACCESS != 0 {
		newAccess = srcAccess
	}
	flags := inheritFlag(inherit)
	from := &Event{SrcPID: src.Proc.PID, SrcIndex: srcIndex}
	if closeSource && tgt == src && srcIndex != 0 && !srcProtected {
		// A move inside one process keeps the value: the entry is replaced
		// in place and the count does not change.
		old := src.Proc.Table[srcIndex]
		src.Proc.Table[srcIndex] = Entry{Object: obj.ID, Access: newAccess, Flags: flags}
		h := Handle(srcIndex * 4)
		k.emit(Event{Kind: EvHandleRemoved, PID: src.Proc.PID, Index: srcIndex, Handle: h, Object: obj.ID, ObjType: obj.Type, Access: old.Access, Flags: old.Flags, Cause: CauseCloseSource})
		k.emit(Event{Kind: EvHandleAdded, PID: src.Proc.PID, Index: srcIndex, Handle: h, Object: obj.ID, ObjType: obj.Type, Access: newAccess, Flags: flags, Cause: CauseDuplicate, SrcPID: from.SrcPID, SrcIndex: from.SrcIndex})
		return retIf(wantTarget, h), true
	}
	i := k.freeIndex(tgt.Proc)
	if i == 0 {
		closeSrc()
		return 0, k.fail(t, ERROR_NO_SYSTEM_RESOURCES)
	}
	h := k.addEntryAt(tgt, i, obj, newAccess, flags, CauseDuplicate, from)
	closeSrc()
	return retIf(wantTarget, h), true
}

func retIf(want bool, h Handle) Handle {
	if want {
		return h
	}
	return 0
}
