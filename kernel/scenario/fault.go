package scenario

import (
	"handleviz/kernel/syntax"
)

// StatusAccessViolation is the exit code of a process killed by an access
// violation it did not handle (STATUS_ACCESS_VIOLATION, ntstatus.h): what
// GetExitCodeProcess returns for it.
const StatusAccessViolation = 0xC0000005

// accessViolation ends process p the way an unhandled access violation
// does on Windows: the faulting thread never returns, and the process exits
// with 0xC0000005 (its handles closed, owned mutexes abandoned, as for any
// exit). what says what was touched ("*p", "CreatePipe's hReadPipe"); the
// step shows it. Reading or writing through NULL in the scenario's own code,
// or a NULL out-parameter that kernel32 writes in user mode (CreatePipe
// stores its handles after NtCreateNamedPipeFile returns), faults this way;
// a NULL buffer that the kernel probes is an error return instead (ReadFile:
// ERROR_NOACCESS, see builtins).
func (in *interp) accessViolation(p *proc, what string) {
	u := in.u
	if u == nil {
		in.failHere("E_INTERNAL", "access violation outside a statement")
	}
	u.fault = what
	u.call = ""
	u.hasRet = false
	in.reserveTable(p.pid, 4)
	in.k.ExitProcess(p.tid, StatusAccessViolation)
	in.finishUnit(u)
	panic(exitSignal{})
}

// faultCaption narrates a step that faulted, when its author did not.
func faultCaption(what string) syntax.Caption {
	return syntax.Caption{
		En: "Access violation (0xC0000005) at " + what + ": a NULL pointer; the process dies with exit code 0xC0000005 and its handles are closed.",
		Ko: what + "에서 접근 위반(0xC0000005): NULL 포인터입니다. 프로세스가 종료 코드 0xC0000005로 죽고 핸들이 닫힌다.",
	}
}
