package scene

import (
	"handleviz/kernel"
)

// The leak report is what a student checks at the end of a lesson: which
// handles are still open, which objects are still alive and what keeps
// each one, and, for every open handle, the statement that made it — the
// question WinDbg's `!htrace -diff` answers for a real process.

// Origin is where a handle-table entry was made: the statement (step,
// process, line, text) and how (create, open, inherit, duplicate).
type Origin struct {
	Step    int
	Process string
	Line    int
	Text    string
	Cause   string // kernel.Cause's name: "create", "open", "inherit", "duplicate"
	// From is, for an inherited or duplicated entry, the process it was
	// copied from ("" otherwise).
	From string
}

// LeakHandle is one entry still open.
type LeakHandle struct {
	Index  int
	Handle kernel.Handle
	Object kernel.ObjectID
	Type   string
	Name   string
	Role   string
	Access uint32
	Flags  uint8
	Origin *Origin // nil when the entry predates the trace
}

// LeakProc is a process with the entries still open in its table.
type LeakProc struct {
	PID      kernel.PID
	Name     string
	Exited   bool
	ExitCode uint32
	Handles  []LeakHandle
}

// Keeper is one reference that keeps an object alive: a handle in a
// process, or the kernel's own (Handle 0, Kernel set: a running process
// or thread, a mapping over a file, a blocked wait).
type Keeper struct {
	PID     kernel.PID
	Process string
	Handle  kernel.Handle
	Kernel  string // "running", "mapping", "wait" for the kernel's references
	N       int    // kernel references of that kind
}

// LeakObject is an object still alive and what keeps it.
type LeakObject struct {
	ID          kernel.ObjectID
	Type        string
	Name        string
	Role        string
	Addr        uint64
	Usage       int
	HandleCount int
	KernelRefs  int
	Keepers     []Keeper
	// OnlyKernel is set when no handle keeps the object: the kernel holds
	// it only while the process or thread runs (not a leak).
	OnlyKernel bool
}

// LeakReport is the state at one micro-step, seen as a leak check.
type LeakReport struct {
	Procs   []LeakProc   // processes with open handles, in creation order
	Objects []LeakObject // live objects, ascending ID
	// AtExit are the handles the kernel closed when their process ended,
	// which the program itself never closed.
	AtExit []ExitClose
	// Handles is the number of open entries in all tables; Leaked the
	// number of live objects some handle keeps (what CloseHandle would
	// free).
	Handles, Leaked int
}

// Clean says that no handle is left open.
func (r *LeakReport) Clean() bool { return r.Handles == 0 }

// Origins replays the handle events up to micro-step m and returns, for
// every entry open after it, the statement that made it, by PID and index.
func Origins(tl *Timeline, m int) map[kernel.PID]map[int]*Origin {
	out, _ := replayHandles(tl, m)
	return out
}

// ExitClose is a handle the program never closed: the kernel closed it when
// its process ended (the leak a long-running process would keep).
type ExitClose struct {
	PID     kernel.PID
	Process string
	LeakHandle
}

// replayHandles walks the handle events up to micro-step m: the origin of every
// entry open after it, and the entries the kernel closed at process exit.
func replayHandles(tl *Timeline, m int) (map[kernel.PID]map[int]*Origin, []ExitClose) {
	var atExit []ExitClose
	out := map[kernel.PID]map[int]*Origin{}
	created := map[kernel.ObjectID]*kernel.Object{}
	names := map[kernel.PID]string{}
	if tl.Len() > 0 {
		for _, p := range tl.State(min(m, tl.Len()-1)).Processes() {
			names[p.Proc.PID] = ProcName(p.Proc)
		}
	}
	for i := 0; i <= m && i < tl.Len(); i++ {
		mi := tl.Micros[i]
		st := &tl.Trace.Steps[mi.Step]
		for _, e := range mi.Events {
			switch e.Kind {
			case kernel.EvObjectCreated:
				if e.Init != nil {
					created[e.Object] = e.Init
				}
			case kernel.EvHandleAdded:
				if out[e.PID] == nil {
					out[e.PID] = map[int]*Origin{}
				}
				o := &Origin{Step: mi.Step, Process: st.Process, Line: st.Line, Text: st.Text, Cause: e.Cause.String()}
				if e.Cause == kernel.CauseInherit || e.Cause == kernel.CauseDuplicate {
					o.From = names[e.SrcPID]
				}
				out[e.PID][e.Index] = o
			case kernel.EvHandleRemoved:
				if e.Cause == kernel.CauseExit {
					lh := LeakHandle{Index: e.Index, Handle: e.Handle, Object: e.Object, Origin: out[e.PID][e.Index]}
					if o := created[e.Object]; o != nil {
						lh.Type, lh.Name, lh.Role = o.Type.String(), o.Name, Role(o)
					}
					atExit = append(atExit, ExitClose{PID: e.PID, Process: names[e.PID], LeakHandle: lh})
				}
				delete(out[e.PID], e.Index)
			}
		}
	}
	return out, atExit
}

// Leaks reports the open handles and live objects after micro-step m.
func Leaks(tl *Timeline, m int) *LeakReport {
	r := &LeakReport{}
	if tl.Len() == 0 {
		return r
	}
	m = min(max(m, 0), tl.Len()-1)
	st := tl.State(m)
	origins, atExit := replayHandles(tl, m)
	r.AtExit = atExit
	names := map[kernel.PID]string{}
	for _, p := range st.Processes() {
		names[p.Proc.PID] = ProcName(p.Proc)
	}
	for _, p := range st.Processes() {
		lp := LeakProc{PID: p.Proc.PID, Name: names[p.Proc.PID], Exited: p.Proc.Exited, ExitCode: p.Proc.ExitCode}
		for _, e := range p.Proc.Entries() {
			lh := LeakHandle{Index: e.Index, Handle: e.Handle, Object: e.Object, Access: e.Access, Flags: e.Flags, Origin: origins[p.Proc.PID][e.Index]}
			if o := st.Object(e.Object); o != nil {
				lh.Type, lh.Name, lh.Role = o.Type.String(), o.Name, Role(o)
			}
			lp.Handles = append(lp.Handles, lh)
		}
		if len(lp.Handles) > 0 {
			r.Handles += len(lp.Handles)
			r.Procs = append(r.Procs, lp)
		}
	}
	// Every object's handles in one pass over the tables (HandlesTo per
	// object would be quadratic in a table of thousands).
	keepers := map[kernel.ObjectID][]Keeper{}
	for _, lp := range r.Procs {
		for _, h := range lp.Handles {
			keepers[h.Object] = append(keepers[h.Object], Keeper{PID: lp.PID, Process: lp.Name, Handle: h.Handle})
		}
	}
	for _, o := range st.Live() {
		lo := LeakObject{ID: o.ID, Type: o.Type.String(), Name: o.Name, Role: Role(o), Addr: o.Addr, Usage: o.UsageCount(), HandleCount: o.HandleCount, KernelRefs: o.KernelRefs}
		refs := keepers[o.ID] // in process creation order, then by index
		lo.Keepers = append(lo.Keepers, refs...)
		if o.KernelRefs > 0 {
			kind := "running"
			if o.Type != kernel.TypeProcess && o.Type != kernel.TypeThread {
				kind = "mapping"
			}
			lo.Keepers = append(lo.Keepers, Keeper{Kernel: kind, N: o.KernelRefs})
		}
		if o.WaitRefs > 0 {
			lo.Keepers = append(lo.Keepers, Keeper{Kernel: "wait", N: o.WaitRefs})
		}
		lo.OnlyKernel = len(refs) == 0
		if !lo.OnlyKernel {
			r.Leaked++
		}
		r.Objects = append(r.Objects, lo)
	}
	return r
}
