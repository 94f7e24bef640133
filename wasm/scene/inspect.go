package scene

import (
	"fmt"
	"strings"

	"handleviz/kernel"
)

// The inspector shows what Process Explorer's handle properties and WinDbg's
// `!handle h f` show for one handle or one object: the granted access
// decoded into names, the entry's attributes, the object's HandleCount and
// the model's usage count with its breakdown, the name and the state.

// Pipes, named pipes and mailslots are file objects to the I/O manager:
// their access rights are the file rights (Microsoft, "File Security and
// Access Rights"; "Pipe Security and Access Rights").
func init() {
	for _, t := range []kernel.ObjectType{kernel.TypePipe, kernel.TypeNamedPipe, kernel.TypeMailslot} {
		specificRights[t] = specificRights[kernel.TypeFile]
	}
}

// The generic file masks, as winnt.h defines them.
const (
	fileGenericRead  = kernel.FILE_GENERIC_READ
	fileGenericWrite = kernel.FILE_GENERIC_WRITE
)

func fileLike(t kernel.ObjectType) bool {
	switch t {
	case kernel.TypeFile, kernel.TypePipe, kernel.TypeNamedPipe, kernel.TypeMailslot:
		return true
	}
	return false
}

// AccessSummary names an access mask as a programmer writes it: the type's
// *_ALL_ACCESS, FILE_GENERIC_READ / FILE_GENERIC_WRITE with the bits beyond
// them, or the single rights. Every bit is named (DecodeAccess leaves only
// bits no right of the type has, in hex).
func AccessSummary(t kernel.ObjectType, mask uint32) []string {
	if tr, ok := specificRights[t]; ok && mask == tr.all {
		return []string{tr.allStr}
	}
	if !fileLike(t) {
		return DecodeAccess(t, mask)
	}
	var out []string
	rest := mask
	if rest&fileGenericRead == fileGenericRead {
		out = append(out, "FILE_GENERIC_READ")
		rest &^= fileGenericRead
	}
	if mask&fileGenericWrite == fileGenericWrite {
		out = append(out, "FILE_GENERIC_WRITE")
		rest &^= fileGenericWrite
	}
	if len(out) == 0 {
		return DecodeAccess(t, mask)
	}
	if rest != 0 {
		out = append(out, DecodeAccess(t, rest)...)
	}
	return out
}

// ShortAccess is the Access column's few characters: ALL_ACCESS, READ,
// WRITE, READ|WRITE for the generic file masks (a pipe's read end is
// FILE_GENERIC_READ with FILE_WRITE_ATTRIBUTES: READ+), else the rights
// without their type's prefix ("DUP_HANDLE", "SYNCHRONIZE+1").
func ShortAccess(t kernel.ObjectType, mask uint32) string {
	if tr, ok := specificRights[t]; ok && mask == tr.all {
		return "ALL_ACCESS"
	}
	if fileLike(t) {
		var s string
		covered := uint32(0)
		if mask&fileGenericRead == fileGenericRead {
			s, covered = "READ", fileGenericRead
		}
		if mask&fileGenericWrite == fileGenericWrite {
			s, covered = strings.TrimPrefix(s+"|WRITE", "|"), covered|fileGenericWrite
		}
		if s != "" {
			if mask&^covered != 0 {
				s += "+" // more rights than the generic mask: the inspector names them
			}
			return s
		}
	}
	names := DecodeAccess(t, mask)
	first := names[0]
	for _, p := range []string{"PROCESS_", "THREAD_", "EVENT_", "MUTEX_", "SEMAPHORE_", "TIMER_", "FILE_MAP_", "FILE_", "JOB_OBJECT_"} {
		first = strings.TrimPrefix(first, p)
	}
	if len(names) > 1 {
		return fmt.Sprintf("%s+%d", first, len(names)-1)
	}
	return first
}

// Inspection is the inspector's view model of a handle (HasHandle) or an
// object.
type Inspection struct {
	HasHandle bool
	PID       kernel.PID
	Process   string
	Index     int
	Handle    kernel.Handle
	Access    uint32
	// AccessNames are the single rights, AccessSummary the mask as a
	// programmer writes it (MUTEX_ALL_ACCESS, FILE_GENERIC_READ | …).
	AccessNames   []string
	AccessSummary []string
	Inherit       bool
	Protect       bool
	Origin        *Origin

	Object      kernel.ObjectID
	Type        string
	Name        string
	Role        string
	Addr        uint64
	HandleCount int
	KernelRefs  int
	WaitRefs    int
	Usage       int
	Keepers     []Keeper
	State       []Text // the object's state in words
}

// InspectHandle inspects entry index of process pid after micro-step m;
// ok is false when the entry is free.
func InspectHandle(tl *Timeline, m int, pid kernel.PID, index int) (*Inspection, bool) {
	if tl.Len() == 0 {
		return nil, false
	}
	m = min(max(m, 0), tl.Len()-1)
	st := tl.State(m)
	p := st.Process(pid)
	if p == nil {
		return nil, false
	}
	for _, e := range p.Proc.Entries() {
		if e.Index != index {
			continue
		}
		in, ok := InspectObject(tl, m, e.Object)
		if !ok {
			return nil, false
		}
		o := st.Object(e.Object)
		in.HasHandle, in.PID, in.Process, in.Index, in.Handle = true, pid, ProcName(p.Proc), index, e.Handle
		in.Access = e.Access
		in.AccessNames = DecodeAccess(o.Type, e.Access)
		in.AccessSummary = AccessSummary(o.Type, e.Access)
		in.Inherit = uint32(e.Flags)&kernel.HANDLE_FLAG_INHERIT != 0
		in.Protect = uint32(e.Flags)&kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE != 0
		in.Origin = Origins(tl, m)[pid][index]
		return in, true
	}
	return nil, false
}

// InspectObject inspects object id after micro-step m; ok is false when it
// is not alive.
func InspectObject(tl *Timeline, m int, id kernel.ObjectID) (*Inspection, bool) {
	if tl.Len() == 0 {
		return nil, false
	}
	m = min(max(m, 0), tl.Len()-1)
	st := tl.State(m)
	o := st.Object(id)
	if o == nil || o.Destroyed {
		return nil, false
	}
	in := &Inspection{Object: o.ID, Type: o.Type.String(), Name: o.Name, Role: Role(o), Addr: o.Addr,
		HandleCount: o.HandleCount, KernelRefs: o.KernelRefs, WaitRefs: o.WaitRefs, Usage: o.UsageCount()}
	for _, lo := range Leaks(tl, m).Objects {
		if lo.ID == id {
			in.Keepers = lo.Keepers
		}
	}
	in.State = objectState(st, o)
	return in, true
}

// objectState says in words what the object's type holds now.
func objectState(st *kernel.State, o *kernel.Object) []Text {
	var out []Text
	sig := func() {
		if o.Signaled {
			out = append(out, Text{"Signaled", "Signaled 상태"})
		} else {
			out = append(out, Text{"Non-signaled", "Non-Signaled 상태"})
		}
	}
	switch o.Type {
	case kernel.TypeEvent:
		sig()
		if o.ManualReset {
			out = append(out, Text{"manual reset", "수동 리셋"})
		} else {
			out = append(out, Text{"auto reset", "자동 리셋"})
		}
	case kernel.TypeMutex:
		if o.OwnerTID != 0 {
			out = append(out, Text{fmt.Sprintf("owned by thread TID %d (recursion %d)", o.OwnerTID, o.Recursion), fmt.Sprintf("스레드(TID %d)가 소유 (재귀 %d)", o.OwnerTID, o.Recursion)})
		} else {
			out = append(out, Text{"not owned (Signaled)", "소유자 없음 (Signaled 상태)"})
		}
		if o.Abandoned {
			out = append(out, Text{"abandoned", "버려진 뮤텍스(abandoned)"})
		}
	case kernel.TypeSemaphore:
		out = append(out, Text{fmt.Sprintf("count %d of %d", o.Count, o.Max), fmt.Sprintf("카운트 %d / 최대 %d", o.Count, o.Max)})
	case kernel.TypeProcess:
		if o.Proc != nil {
			if o.Proc.Exited {
				out = append(out, Text{fmt.Sprintf("exited, exit code %d", o.Proc.ExitCode), fmt.Sprintf("종료됨, 종료 코드 %d", o.Proc.ExitCode)})
			} else {
				out = append(out, Text{fmt.Sprintf("running, PID %d (exit code STILL_ACTIVE)", o.Proc.PID), fmt.Sprintf("실행 중, PID %d (종료 코드 STILL_ACTIVE)", o.Proc.PID)})
			}
		}
	case kernel.TypeThread:
		if o.Thread != nil {
			if o.Thread.Exited {
				out = append(out, Text{fmt.Sprintf("TID %d exited, exit code %d", o.Thread.TID, o.Thread.ExitCode), fmt.Sprintf("TID %d 종료됨, 종료 코드 %d", o.Thread.TID, o.Thread.ExitCode)})
			} else if o.Thread.WaitingIn != "" {
				out = append(out, Text{fmt.Sprintf("TID %d waiting in %s", o.Thread.TID, o.Thread.WaitingIn), fmt.Sprintf("TID %d, %s 호출에서 대기 중", o.Thread.TID, o.Thread.WaitingIn)})
			} else {
				out = append(out, Text{fmt.Sprintf("TID %d running", o.Thread.TID), fmt.Sprintf("TID %d 실행 중", o.Thread.TID)})
			}
		}
	case kernel.TypePipe, kernel.TypeNamedPipe, kernel.TypeMailslot:
		if o.Pipe != nil {
			n, msgs := 0, len(o.Pipe.Buffer)
			for _, b := range o.Pipe.Buffer {
				n += len(b)
			}
			if o.Pipe.Messages {
				out = append(out, Text{fmt.Sprintf("%d messages, %d bytes buffered", msgs, n), fmt.Sprintf("메시지 %d개, 버퍼에 %d바이트", msgs, n)})
			} else {
				out = append(out, Text{fmt.Sprintf("%d bytes buffered", n), fmt.Sprintf("버퍼에 %d바이트", n)})
			}
			if p := st.Object(o.Pipe.Peer); o.Pipe.Peer != 0 && p != nil && !p.Destroyed {
				out = append(out, Text{fmt.Sprintf("other end: %s at 0x%08X", ObjectLabel("en", p.Type.String(), "", Role(p)), p.Addr), fmt.Sprintf("상대 쪽: %s 0x%08X", ObjectLabel("ko", p.Type.String(), "", Role(p)), p.Addr)})
			}
		}
	case kernel.TypeWaitableTimer, kernel.TypeJob:
		sig()
	}
	return out
}
