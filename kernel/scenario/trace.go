package scenario

import (
	"sort"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// Trace is the run of a scenario: one Step per executed statement, and the
// kernel state after any step through StateAt.
type Trace struct {
	Lesson Lesson
	// Steps point into chunks allocated a few thousand at a time, so a long
	// run never copies its steps.
	Steps     []*Step
	Processes []ProcessRef
	// Err is the runtime error that stopped the run, or nil. Steps holds the
	// steps before it.
	Err *syntax.Error
	// Final is the kernel state at the end of the run.
	Final *kernel.State
	// Waiting lists the processes still waiting in a call at the end: no
	// statement was left to wake them (a deadlock when Deadlock).
	Waiting []Waiting

	file    *syntax.File
	work    int64 // the work the run did (budget.go), for benchmarks
	rec     recorder
	pidName map[kernel.PID]string
}

// Waiting is a process that waits in a call when the scenario ends.
type Waiting struct {
	Process string
	Call    string
	Pos     syntax.Pos // the waiting statement
	Object  kernel.ObjectID
	ObjType kernel.ObjectType
	Name    string // the object's name, if any
}

// Deadlock reports whether every process still running waits (none of
// them can ever run again), as opposed to some waiting while others are
// simply done.
func (t *Trace) Deadlock() bool {
	if len(t.Waiting) == 0 {
		return false
	}
	running := 0
	for _, p := range t.Final.Processes() {
		if !p.Proc.Exited {
			running++
		}
	}
	return running == len(t.Waiting)
}

// Lesson is the metadata a scenario's top comments set.
type Lesson struct {
	Title, Summary syntax.Caption
	// Source names what a bundled lesson retells (seed file and section,
	// book chapter); the lesson picker shows it.
	Source syntax.Caption
}

// ProcessRef names a process of the scenario.
type ProcessRef struct {
	Name   string
	PID    kernel.PID
	TID    kernel.TID
	Parent string // "" for a process started by the shell
	Image  string
	First  int // the step that created it
}

// Step is one executed statement (or a loop or if condition that made a
// Win32 call).
type Step struct {
	Index   int
	Process string
	PID     kernel.PID
	Span    syntax.Span
	Text    string
	// Caption is the author's narration (//en: //ko:) or, when the
	// statement has none, one generated from its events (Auto).
	Caption syntax.Caption
	Auto    bool
	// Call is the last Win32 call the statement made and Return its result.
	Call      string
	Return    *Result
	LastError kernel.Errno
	Events    []kernel.Event
	Console   string
	// Vars are the variables of every process after the step. Steps that
	// change no variable share the previous step's slice.
	Vars    []ProcVars
	Expects []Expect
	// Waiting is the call the step's process now waits in ("" when the
	// statement finished).
	Waiting string
	// Completed lists the waiting calls this step satisfied.
	Completed []Completed

	// failed is the last Win32 call of the step that set a non-zero last
	// error, and failedErr that error: the generated caption names it.
	failed    string
	failedErr kernel.Errno
}

// Result is a call's return value, formatted for its type.
type Result struct {
	Value uint64
	Text  string
}

// ProcVars are one process's variables.
type ProcVars struct {
	Process string
	Vars    []VarView
}

// VarView is one variable as the UI shows it.
type VarView struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Expect is the outcome of one expect(...).
type Expect struct {
	Span syntax.Span
	Text string
	OK   bool
}

// Completed is a waiting call that returned in this step.
type Completed struct {
	Process   string
	Line      int
	Call      string
	Return    *Result
	LastError kernel.Errno
	// Waiting is set when the statement, once resumed, waits again.
	Waiting string
}

// Caption is the caption of step i and whether it was generated.
func (t *Trace) Caption(i int) (c syntax.Caption, auto bool) {
	return t.Steps[i].Caption, t.Steps[i].Auto
}

// names maps PIDs to scenario names.
func (t *Trace) names() map[kernel.PID]string {
	if t.pidName == nil {
		t.pidName = map[kernel.PID]string{}
		for _, p := range t.Processes {
			t.pidName[p.PID] = p.Name
		}
	}
	return t.pidName
}

// Failed reports whether any expect failed.
func (t *Trace) Failed() []Expect {
	var out []Expect
	for _, s := range t.Steps {
		for _, e := range s.Expects {
			if !e.OK {
				out = append(out, e)
			}
		}
	}
	return out
}

// ---- state at any step ----

// recorder keeps what StateAt needs: a full snapshot now and then (see
// checkpointFactor) and,
// for each step, copies of the objects it touched. Handle-table entries are
// not copied per step: the step's own events say which entries changed.
type recorder struct {
	every  int
	cps    []checkpoint
	deltas []delta
	since  int // changes recorded since the last checkpoint
	size   int // the last checkpoint's stateSize
	pidObj map[kernel.PID]kernel.ObjectID
	tidObj map[kernel.TID]kernel.ObjectID
	peers  map[kernel.ObjectID]kernel.ObjectID
	// threads holds the last copy recorded of each thread object.
	threads map[kernel.ObjectID]*kernel.Object
	// Copies are carved out of shared arenas; scratch slices are reused.
	objArena      []kernel.Object
	newArena      []bool
	seen, newProc []kernel.ObjectID
}

func sameThread(a, b *kernel.Object) bool {
	return a.HandleCount == b.HandleCount && a.KernelRefs == b.KernelRefs && a.Destroyed == b.Destroyed &&
		a.Signaled == b.Signaled && *a.Thread == *b.Thread
}

type checkpoint struct {
	step  int // the state after this step; -1 is before the first
	state *kernel.State
}

type delta struct {
	objs   []kernel.Object // copies; a process copy's Proc.Table is nil unless new
	newTab []bool          // per objs: the copy carries its whole table
	gone   []kernel.ObjectID
	names  []nameChange // the namespace entries the step changed
}

// nameChange is a name's object after a step; 0: the name left the
// namespace.
type nameChange struct {
	name string
	id   kernel.ObjectID
}

// record notes what step changed; extra lists objects changed without an
// event (a Toolhelp snapshot's cursor).
func (r *recorder) record(k *kernel.Kernel, step int, events []kernel.Event, extra []kernel.ObjectID) {
	var d delta
	seen, newProc := r.seen[:0], r.newProc[:0] // a step touches few objects: slices beat maps
	defer func() { r.seen, r.newProc = seen, newProc }()
	var seenMap map[kernel.ObjectID]bool // …until it touches many (one statement, 500 calls)
	if len(r.objArena)+64 > cap(r.objArena) {
		r.objArena = make([]kernel.Object, 0, 4096)
		r.newArena = make([]bool, 0, 4096)
	}
	start := len(r.objArena)
	has := func(list []kernel.ObjectID, id kernel.ObjectID) bool {
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	}
	var named []string
	var touch func(id kernel.ObjectID)
	touch = func(id kernel.ObjectID) {
		if id == 0 {
			return
		}
		if seenMap != nil {
			if seenMap[id] {
				return
			}
			seenMap[id] = true
		} else {
			if has(seen, id) {
				return
			}
			seen = append(seen, id)
			if len(seen) > 32 {
				seenMap = map[kernel.ObjectID]bool{}
				for _, x := range seen {
					seenMap[x] = true
				}
			}
		}
		o := k.Object(id)
		if o == nil {
			return
		}
		if o.Destroyed && o.Type != kernel.TypeProcess {
			d.gone = append(d.gone, id)
			return
		}
		if o.Thread != nil {
			// Most steps leave the caller's thread as it was (its last
			// error already 0): keep no copy then.
			if last := r.threads[id]; last != nil && sameThread(last, o) {
				return
			}
		}
		c := *o
		full := false
		if o.Proc != nil {
			pi := *o.Proc
			pi.Threads = append([]kernel.ObjectID(nil), o.Proc.Threads...)
			pi.Table = nil
			if has(newProc, id) {
				pi.Table = append([]kernel.Entry(nil), o.Proc.Table...)
				full = true
			}
			c.Proc = &pi
		}
		if o.Thread != nil {
			ti := *o.Thread
			c.Thread = &ti
			cc := c
			r.threads[id] = &cc
		}
		if o.Toolhelp != nil {
			th := *o.Toolhelp
			c.Toolhelp = &th
		}
		r.objArena = append(r.objArena, c)
		r.newArena = append(r.newArena, full)
		if o.Pipe != nil {
			ps := *o.Pipe
			r.objArena[len(r.objArena)-1].Pipe = &ps
			// A pipe end's change can change its peer without an event
			// of its own (DisconnectNamedPipe): take the old and new peer.
			old := r.peers[id]
			r.peers[id] = o.Pipe.Peer
			touch(old)
			touch(o.Pipe.Peer)
		}
	}
	proc := func(pid kernel.PID) kernel.ObjectID {
		if pid == 0 {
			return 0
		}
		if id, ok := r.pidObj[pid]; ok {
			return id
		}
		if o := k.ProcessByPID(pid); o != nil {
			r.pidObj[pid] = o.ID
			for _, th := range o.Proc.Threads {
				if t := k.Object(th); t != nil && t.Thread != nil {
					r.tidObj[t.Thread.TID] = th
				}
			}
			return o.ID
		}
		return 0
	}
	for _, e := range events {
		if e.Kind == kernel.EvProcessCreated {
			newProc = append(newProc, proc(e.TargetPID))
		}
		if (e.Kind == kernel.EvObjectCreated || e.Kind == kernel.EvObjectDestroyed) && e.Name != "" {
			named = append(named, e.Name)
		}
	}
	for _, e := range events {
		touch(e.Object)
		touch(proc(e.PID))
		touch(proc(e.TargetPID))
		touch(proc(e.SrcPID))
		if e.TID != 0 {
			id, ok := r.tidObj[e.TID]
			if !ok {
				if t := k.ThreadByTID(e.TID); t != nil {
					id = t.ID
					r.tidObj[e.TID] = id
				}
			}
			touch(id)
		}
	}
	for _, id := range extra {
		touch(id)
	}
	if len(r.objArena) > start {
		d.objs = r.objArena[start:len(r.objArena):len(r.objArena)]
		d.newTab = r.newArena[start:len(r.newArena):len(r.newArena)]
	}
	// Only the names the step's events mention can have changed: record
	// what each names now (copying the whole namespace per step was
	// quadratic in a loop that creates named objects).
	for _, n := range named {
		var id kernel.ObjectID
		if o := k.NamedObject(n); o != nil {
			id = o.ID
		}
		d.names = append(d.names, nameChange{n, id})
	}
	r.deltas = append(r.deltas, d)
	r.since += 1 + len(events) + len(d.objs) + len(d.names)
	if r.every > 0 && (step+1)%r.every == 0 || r.every == 0 && r.since >= max(minCheckpoint, checkpointFactor*r.size) {
		cp := checkpoint{step: step, state: k.Snapshot()}
		r.cps = append(r.cps, cp)
		r.since, r.size = 0, stateSize(cp.state)
	}
}

// A checkpoint is taken when the changes recorded since the last one (one
// per step, event, object copy and name) pass checkpointFactor times the
// state's size (objects, table entries and names), and at least
// minCheckpoint: the snapshots then cost at most 1/checkpointFactor of the
// events in memory, and StateAt copies one snapshot and replays at most
// about checkpointFactor times its size. (A fixed spacing of 256 steps kept
// 390 snapshots of a growing 100,000-handle table: 395 MiB.)
const (
	checkpointFactor = 4
	minCheckpoint    = 1024
)

func stateSize(st *kernel.State) int {
	n := len(st.Objects) + len(st.Names)
	for i := range st.Objects {
		if p := st.Objects[i].Proc; p != nil {
			n += len(p.Table)
		}
	}
	return n
}

// StateAt returns the kernel state after step i (i = -1: before the first
// step). The result is the caller's to keep.
func (t *Trace) StateAt(i int) *kernel.State {
	if i >= len(t.Steps) {
		i = len(t.Steps) - 1
	}
	if i < -1 {
		i = -1
	}
	r := &t.rec
	c := sort.Search(len(r.cps), func(j int) bool { return r.cps[j].step > i }) - 1
	if c < 0 {
		c = 0
	}
	cp := r.cps[c]
	objs := map[kernel.ObjectID]*kernel.Object{}
	tables := map[kernel.ObjectID][]kernel.Entry{}
	for j := range cp.state.Objects {
		o := copyObject(&cp.state.Objects[j])
		objs[o.ID] = o
		if o.Proc != nil {
			tables[o.ID] = append([]kernel.Entry(nil), o.Proc.Table...)
		}
	}
	names := make(map[string]kernel.ObjectID, len(cp.state.Names))
	for n, id := range cp.state.Names {
		names[n] = id
	}
	for s := cp.step + 1; s <= i; s++ {
		d := &r.deltas[s]
		var fresh map[kernel.ObjectID]bool // processes whose whole table the step copied
		for j := range d.objs {
			if d.newTab[j] {
				if fresh == nil {
					fresh = map[kernel.ObjectID]bool{}
				}
				fresh[d.objs[j].ID] = true
			}
		}
		for _, e := range t.Steps[s].Events {
			id := r.pidObj[e.PID]
			if fresh[id] {
				continue
			}
			switch e.Kind {
			case kernel.EvHandleAdded:
				tb := tables[id]
				for len(tb) <= e.Index {
					tb = append(tb, kernel.Entry{})
				}
				tb[e.Index] = kernel.Entry{Object: e.Object, Access: e.Access, Flags: e.Flags}
				tables[id] = tb
			case kernel.EvHandleRemoved:
				tb := tables[id]
				if e.Index < len(tb) {
					tb[e.Index] = kernel.Entry{}
				}
				// The kernel drops trailing free slots; so do we.
				n := len(tb)
				for n > 1 && tb[n-1].Object == 0 {
					n--
				}
				tables[id] = tb[:n]
			case kernel.EvFlagsChanged:
				if tb := tables[id]; e.Index < len(tb) {
					tb[e.Index].Flags = e.Flags
				}
			}
		}
		for j := range d.objs {
			o := copyObject(&d.objs[j])
			if o.Proc != nil && d.newTab[j] {
				tables[o.ID] = append([]kernel.Entry(nil), o.Proc.Table...)
			}
			if o.Proc != nil && o.Proc.Exited {
				tables[o.ID] = nil // an exited process's table is gone
			}
			objs[o.ID] = o
		}
		for _, id := range d.gone {
			delete(objs, id)
		}
		for _, c := range d.names {
			if c.id == 0 {
				delete(names, c.name)
			} else {
				names[c.name] = c.id
			}
		}
	}
	st := &kernel.State{Objects: make([]kernel.Object, 0, len(objs)), Names: names}
	ids := make([]kernel.ObjectID, 0, len(objs))
	for id := range objs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	for _, id := range ids {
		o := objs[id]
		if o.Proc != nil {
			o.Proc.Table = tables[id]
		}
		st.Objects = append(st.Objects, *o)
	}
	return st
}

func copyObject(src *kernel.Object) *kernel.Object {
	o := *src
	if o.Proc != nil {
		pi := *o.Proc
		pi.Threads = append([]kernel.ObjectID(nil), o.Proc.Threads...)
		o.Proc = &pi
	}
	if o.Thread != nil {
		ti := *o.Thread
		o.Thread = &ti
	}
	if o.Pipe != nil {
		ps := *o.Pipe
		o.Pipe = &ps
	}
	if o.Toolhelp != nil {
		th := *o.Toolhelp
		o.Toolhelp = &th
	}
	return &o
}
