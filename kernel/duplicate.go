package kernel

// reservedAccessBits are the access bits no request may carry: the two
// reserved bits and the three undefined standard rights (WRK
// base/ntos/ob/obhandle.c ObpValidateDesiredAccess: 0x0CE00000).
const reservedAccessBits uint32 = 0x0CE00000

// DuplicateHandle copies an entry of the source process's table into the
// target process's table.
//
// Source: "DuplicateHandle function"; Richter, Windows via C/C++ ch. 3
// "Duplicating Object Handles" (seed 003's S/C/T example); semantics.md; the
// order of the checks and their codes follow the WRK (base/ntos/ob/obhandle.c
// NtDuplicateObject and ObDuplicateObject; NTSTATUS to Win32 codes as in
// base/ntos/rtl/generr.c):
//   - hSourceProcess must name a process (or be the pseudo handle) with
//     PROCESS_DUP_HANDLE, else ERROR_INVALID_HANDLE / ERROR_ACCESS_DENIED, and
//     nothing else happens. hTargetProcess is checked the same way, but a bad
//     one still lets DUPLICATE_CLOSE_SOURCE close the source; its error is the
//     call's error.
//   - Without DUPLICATE_SAME_ACCESS, a desired access with a reserved bit
//     (0x0CE00000) fails with ERROR_ACCESS_DENIED and closes nothing.
//   - A source process that has exited has no handle table any more:
//     STATUS_PROCESS_IS_TERMINATING (ERROR_ACCESS_DENIED) before hSource is
//     looked at, pseudo handles included, and nothing is closed.
//   - hSource is read in the source process; GetCurrentProcess() there means
//     the source process, GetCurrentThread() the calling thread.
//   - hTargetProcess NULL: with DUPLICATE_CLOSE_SOURCE only the close
//     happens and the call succeeds (the close's own result is ignored, so a
//     protected source stays and the call still succeeds); without it,
//     ERROR_INVALID_PARAMETER.
//   - A target process that has exited: ERROR_ACCESS_DENIED, and
//     DUPLICATE_CLOSE_SOURCE still closes the source.
//   - The duplicate takes the lowest free index in the target; its access is
//     the source's with DUPLICATE_SAME_ACCESS, else dwDesiredAccess with
//     generic rights mapped and masked by the type's valid rights (an event
//     asked for 0xFFFF gets 0x3; MAXIMUM_ALLOWED adds nothing); its
//     inherit flag is bInheritHandle; HANDLE_FLAG_PROTECT_FROM_CLOSE is never
//     copied. Usage +1.
//   - DUPLICATE_CLOSE_SOURCE closes the source entry too (a move: net 0), even
//     when the duplication itself fails. The source is closed before the new
//     entry is made, so inside one process the duplicate takes the source's
//     own value. A source with HANDLE_FLAG_PROTECT_FROM_CLOSE is not closed.
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
	var tgt *Object
	tgtErr := ERROR_SUCCESS
	if hTargetProcess != 0 {
		tgt, _, tgtErr = k.typedObject(t, p, hTargetProcess, TypeProcess, PROCESS_DUP_HANDLE)
	}
	h, err := k.duplicate(t, src, hSource, tgt, access, inherit, options)
	if tgtErr != ERROR_SUCCESS {
		err = tgtErr
	}
	if err != ERROR_SUCCESS {
		return 0, k.fail(t, err)
	}
	return retIf(wantTarget, h), true
}

// duplicate is ObDuplicateObject: tgt nil is a NULL (or unusable) target
// process. It returns the new handle, or the error.
func (k *Kernel) duplicate(t, src *Object, hSource Handle, tgt *Object, access uint32, inherit bool, options uint32) (Handle, Errno) {
	if options&DUPLICATE_SAME_ACCESS == 0 && access&reservedAccessBits != 0 {
		return 0, ERROR_ACCESS_DENIED
	}
	if src.Proc.Exited {
		return 0, ERROR_ACCESS_DENIED
	}
	closeSource := options&DUPLICATE_CLOSE_SOURCE != 0
	obj, srcAccess, ok := k.resolve(src, t, hSource)
	if !ok {
		return 0, ERROR_INVALID_HANDLE
	}
	srcIndex := 0
	if hSource != CurrentProcess && hSource != CurrentThread {
		_, srcIndex, _ = src.Proc.Lookup(hSource)
	}
	srcProtected := srcIndex != 0 && uint32(src.Proc.Table[srcIndex].Flags)&HANDLE_FLAG_PROTECT_FROM_CLOSE != 0
	// closeSrc closes the source entry for DUPLICATE_CLOSE_SOURCE. A
	// protected entry stays, as with CloseHandle (Wine 8.0 probe: the
	// duplicate is made and the protected source is kept).
	closeSrc := func() {
		if !closeSource || srcIndex == 0 || src.Proc.Table[srcIndex].Object == 0 {
			return
		}
		if srcProtected {
			e := src.Proc.Table[srcIndex]
			k.emit(Event{Kind: EvCloseRefused, PID: src.Proc.PID, Index: srcIndex, Handle: Handle(srcIndex * 4), Object: e.Object, ObjType: k.Object(e.Object).Type, Flags: e.Flags})
			return
		}
		k.removeEntry(src, srcIndex, CauseCloseSource)
	}
	if tgt == nil {
		if !closeSource {
			return 0, ERROR_INVALID_PARAMETER
		}
		closeSrc()
		return 0, ERROR_SUCCESS
	}
	if tgt.Proc.Exited {
		closeSrc()
		return 0, ERROR_ACCESS_DENIED
	}
	// RtlMapGenericMask maps only the GENERIC_* bits; MAXIMUM_ALLOWED is not
	// one, and the valid-rights mask then drops it (WRK ObDuplicateObject).
	newAccess := grantAccess(obj.Type, access&^MAXIMUM_ALLOWED)
	if options&DUPLICATE_SAME_ACCESS != 0 {
		newAccess = srcAccess
	}
	flags := inheritFlag(inherit)
	from := &Event{SrcPID: src.Proc.PID, SrcIndex: int32(srcIndex)}
	if closeSource && tgt == src && srcIndex != 0 && !srcProtected {
		// A move inside one process keeps the value: the entry is replaced
		// in place and the count does not change.
		old := src.Proc.Table[srcIndex]
		src.Proc.Table[srcIndex] = Entry{Object: obj.ID, Access: newAccess, Flags: flags}
		h := Handle(srcIndex * 4)
		k.emit(Event{Kind: EvHandleRemoved, PID: src.Proc.PID, Index: srcIndex, Handle: h, Object: obj.ID, ObjType: obj.Type, Access: old.Access, Flags: old.Flags, Cause: CauseCloseSource})
		k.emit(Event{Kind: EvHandleAdded, PID: src.Proc.PID, Index: srcIndex, Handle: h, Object: obj.ID, ObjType: obj.Type, Access: newAccess, Flags: flags, Cause: CauseDuplicate, SrcPID: from.SrcPID, SrcIndex: from.SrcIndex})
		return h, ERROR_SUCCESS
	}
	i := k.freeIndex(tgt.Proc)
	if i == 0 {
		closeSrc()
		return 0, ERROR_NO_SYSTEM_RESOURCES
	}
	h := k.addEntryAt(tgt, i, obj, newAccess, flags, CauseDuplicate, from)
	closeSrc()
	return h, ERROR_SUCCESS
}

func retIf(want bool, h Handle) Handle {
	if want {
		return h
	}
	return 0
}
