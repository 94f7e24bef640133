package kernel

import (
	"fmt"
	"strings"
	"testing"
)

// Shared test helpers: a kernel whose invariants are checked after every
// event, a two-process fixture, and compact event formatting.

// untouched is a last-error sentinel: tests set it before a call to see
// whether the call changed the last error at all.
const untouched Errno = 0xDEAD

// newKernel returns a kernel that runs the invariant check (State.Check plus
// the type-state checks in checkTypeState) after every event.
func newKernel(t testing.TB, cfg Config) *Kernel {
	t.Helper()
	k := New(cfg)
	k.OnEvent = func(e Event) {
		if err := k.Check(); err != nil {
			t.Fatalf("invariant broken right after event %q: %v", e, err)
		}
	}
	return k
}

// fx is two unrelated processes A and B, started by the shell.
type fx struct {
	t      testing.TB
	k      *Kernel
	a, b   PID
	ta, tb TID
}

func newFx(t testing.TB) *fx {
	t.Helper()
	f := &fx{t: t, k: newKernel(t, Config{})}
	f.a, f.ta = f.k.StartProcess("A.exe", "A.exe", []string{"PATH=C:\\Windows"})
	f.b, f.tb = f.k.StartProcess("B.exe", "B.exe", nil)
	f.k.TakeEvents()
	return f
}

// obj returns the object a handle of process pid names (nil if none).
func (f *fx) obj(pid PID, h Handle) *Object {
	p := f.k.ProcessByPID(pid)
	if p == nil {
		return nil
	}
	e, _, ok := p.Proc.Lookup(h)
	if !ok {
		return nil
	}
	return f.k.Object(e.Object)
}

// entry returns a process's table entry for h.
func (f *fx) entry(pid PID, h Handle) (Entry, bool) {
	e, _, ok := f.k.ProcessByPID(pid).Proc.Lookup(h)
	return e, ok
}

// usage returns the usage count of the object h names in pid.
func (f *fx) usage(pid PID, h Handle) int {
	f.t.Helper()
	o := f.obj(pid, h)
	if o == nil {
		f.t.Fatalf("PID %d: handle %#x names no object", pid, h)
	}
	return o.UsageCount()
}

// lastErr reads the thread's last error.
func (f *fx) lastErr(tid TID) Errno { return f.k.GetLastError(tid) }

// spawn is CreateProcess from tid with the common arguments.
func (f *fx) spawn(tid TID, cmd string, inherit bool) ProcessInformation {
	f.t.Helper()
	pi, ok := f.k.CreateProcess(tid, "", cmd, nil, nil, inherit, 0, nil)
	if !ok {
		f.t.Fatalf("CreateProcess(%q): %v", cmd, f.k.GetLastError(tid))
	}
	return pi
}

func inheritable() *SecurityAttributes {
	return &SecurityAttributes{Length: 24, InheritHandle: true}
}

// short formats an event compactly for sequence assertions; kinds a test
// does not care about are filtered out by only().
func short(e Event) string {
	switch e.Kind {
	case EvObjectCreated:
		return fmt.Sprintf("created #%d %s %s", e.Object, e.ObjType, e.Name)
	case EvObjectDestroyed:
		return fmt.Sprintf("destroyed #%d", e.Object)
	case EvHandleAdded:
		s := fmt.Sprintf("add %d:%#x #%d acc=%#x fl=%d %s", e.PID, uint64(e.Handle), e.Object, e.Access, e.Flags, e.Cause)
		if e.SrcPID != 0 {
			s += fmt.Sprintf(" from %d[%d]", e.SrcPID, e.SrcIndex)
		}
		return s
	case EvHandleRemoved:
		return fmt.Sprintf("remove %d:%#x #%d %s", e.PID, uint64(e.Handle), e.Object, e.Cause)
	case EvCloseRefused:
		return fmt.Sprintf("refused %d:%#x", e.PID, uint64(e.Handle))
	case EvUsageChanged:
		return fmt.Sprintf("usage #%d %d->%d %s", e.Object, e.From, e.To, e.Cause)
	case EvFlagsChanged:
		return fmt.Sprintf("flags %d:%#x %d->%d", e.PID, uint64(e.Handle), e.OldFlags, e.Flags)
	case EvInheritScan:
		if e.Copied {
			return fmt.Sprintf("scan %d[%d] fl=%d copied->%d", e.PID, e.Index, e.Flags, e.TargetPID)
		}
		return fmt.Sprintf("scan %d[%d] fl=%d skipped", e.PID, e.Index, e.Flags)
	case EvProcessCreated:
		return fmt.Sprintf("process %d by %d", e.TargetPID, e.PID)
	case EvProcessExited:
		return fmt.Sprintf("exited %d code=%d", e.TargetPID, e.Code)
	case EvThreadExited:
		return fmt.Sprintf("thread-exited %d code=%d", e.TID, e.Code)
	case EvNamespaceLookup:
		return fmt.Sprintf("lookup %q %s", e.Name, e.Lookup)
	case EvLastError:
		return fmt.Sprintf("lasterror %d=%s", e.TID, e.Err.Name())
	case EvStateChanged:
		return fmt.Sprintf("state #%d %s", e.Object, e.ChangeText())
	case EvWaitStarted:
		return fmt.Sprintf("wait %d on #%d", e.TID, e.Object)
	case EvWaitSatisfied:
		return fmt.Sprintf("woken %d on #%d %#x", e.TID, e.Object, e.Code)
	}
	return e.Kind.String()
}

// only keeps the events of the given kinds (all when none), formatted.
func only(evs []Event, kinds ...EventKind) []string {
	var out []string
	for _, e := range evs {
		keep := len(kinds) == 0
		for _, k := range kinds {
			keep = keep || e.Kind == k
		}
		if keep {
			out = append(out, short(e))
		}
	}
	return out
}

func wantEvents(t testing.TB, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n  got:\n    %s\n  want:\n    %s", strings.Join(got, "\n    "), strings.Join(want, "\n    "))
	}
}

// checkTypeState is the whole invariant check after a call: the type-state
// and waiting rules live in State.Check (check.go) now, so every event is
// checked by them too.
func checkTypeState(k *Kernel) error { return k.Check() }

// modeOf is SetNamedPipeHandleState's lpMode pointing at m.
func modeOf(m uint32) *uint32 { return &m }
