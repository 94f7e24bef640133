package scene

import (
	"sort"

	"handleviz/kernel"
)

// Micro is one micro-step: a group of kernel events that show as one
// animation (a row travelling and the count ticking, a row fading, an
// object dissolving …). A statement without kernel events is one micro-step
// with no events.
type Micro struct {
	Step   int
	Events []kernel.Event
}

// Timeline is a trace cut into micro-steps, with the kernel state at each.
type Timeline struct {
	Trace  *Trace
	Micros []Micro
	// First[s] is the index of step s's first micro-step; First[len(Steps)]
	// is len(Micros).
	First  []int
	states []*kernel.State // lazily filled, index = micro
	recent []int           // derived states most recently used
	ext    *Extent
}

// NewTimeline cuts the trace's steps into micro-steps.
func NewTimeline(t *Trace) *Timeline {
	tl := &Timeline{Trace: t}
	for s, st := range t.Steps {
		tl.First = append(tl.First, len(tl.Micros))
		groups := Group(st.Events)
		if len(groups) == 0 {
			groups = [][]kernel.Event{nil}
		}
		for _, g := range groups {
			tl.Micros = append(tl.Micros, Micro{Step: s, Events: g})
		}
	}
	tl.First = append(tl.First, len(tl.Micros))
	tl.states = make([]*kernel.State, len(tl.Micros))
	return tl
}

// Len is the number of micro-steps.
func (tl *Timeline) Len() int { return len(tl.Micros) }

// StepOf returns the step a micro-step belongs to.
func (tl *Timeline) StepOf(m int) int {
	if m < 0 || m >= len(tl.Micros) {
		return -1
	}
	return tl.Micros[m].Step
}

// LastOf returns the last micro-step of step s.
func (tl *Timeline) LastOf(s int) int { return tl.First[s+1] - 1 }

// Before returns the state before micro-step m.
func (tl *Timeline) Before(m int) *kernel.State {
	if m <= 0 {
		if st := tl.Trace.after(-1); st != nil {
			return st
		}
		return &kernel.State{Names: map[string]kernel.ObjectID{}}
	}
	return tl.State(m - 1)
}

// State returns the kernel state after micro-step m. The last micro-step of
// a statement is the interpreter's own snapshot; the ones before it are
// derived by applying the events to an earlier state. Derived states are
// kept at checkpoints (every checkpointEvery micro-steps of a statement) and
// for the few most recently shown, so memory stays bounded when a statement
// has thousands of micro-steps (CreateProcess over a large table).
func (tl *Timeline) State(m int) *kernel.State {
	if m < 0 {
		return tl.Before(0)
	}
	if s := tl.states[m]; s != nil {
		tl.touch(m)
		return s
	}
	mi := tl.Micros[m]
	after := tl.Trace.after(mi.Step)
	if m == tl.LastOf(mi.Step) && after != nil {
		tl.states[m] = after
		tl.touch(m)
		return after
	}
	first := tl.First[mi.Step]
	k := first
	var base *kernel.State
	for j := m - 1; j >= first; j-- {
		if tl.states[j] != nil {
			base, k = tl.states[j], j+1
			break
		}
	}
	if base == nil {
		base = tl.Before(first)
	}
	st := cloneState(base)
	for ; k <= m; k++ {
		applyInPlace(st, tl.Micros[k].Events, after)
		if k < m && (k-first+1)%checkpointEvery == 0 {
			tl.states[k] = cloneState(st)
		}
	}
	tl.states[m] = st
	tl.touch(m)
	return st
}

const (
	checkpointEvery = 32
	keepRecent      = 8
)

// touch records that micro-step m's state was used, and forgets the oldest
// derived state beyond the few kept (checkpoints and statement ends stay).
func (tl *Timeline) touch(m int) {
	for i, r := range tl.recent {
		if r == m {
			copy(tl.recent[i:], tl.recent[i+1:])
			tl.recent = tl.recent[:len(tl.recent)-1]
			break
		}
	}
	tl.recent = append(tl.recent, m)
	for len(tl.recent) > keepRecent {
		old := tl.recent[0]
		tl.recent = tl.recent[1:]
		s := tl.Micros[old].Step
		switch {
		case old == tl.LastOf(s):
			// A statement's end state can be asked for again (StateAt):
			// keep it only when it cannot.
			if tl.Trace.StateAt != nil {
				tl.states[old] = nil
				tl.Trace.Steps[s].After = nil
			}
		case (old-tl.First[s]+1)%checkpointEvery != 0:
			tl.states[old] = nil
		}
	}
}

// Group cuts a statement's events into micro-steps. A micro-step starts at
// a "primary" event and takes the events that belong to the same visible
// action: count changes and last-error updates, a process's primary thread,
// the new handle of a Create*/Open*/inherit copy, and the source entry that
// DUPLICATE_CLOSE_SOURCE removes.
func Group(evs []kernel.Event) [][]kernel.Event {
	var out [][]kernel.Event
	var cur []kernel.Event
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, e := range evs {
		if len(cur) > 0 && absorbs(cur, e) {
			cur = append(cur, e)
			continue
		}
		if len(cur) == 0 || !onlyQuiet(cur) {
			flush()
		}
		cur = append(cur, e)
	}
	flush()
	return out
}

// onlyQuiet reports whether a group holds nothing visible yet (a lone
// last-error update), so the next event can join it.
func onlyQuiet(g []kernel.Event) bool {
	for _, e := range g {
		if e.Kind != kernel.EvLastError {
			return false
		}
	}
	return true
}

func absorbs(g []kernel.Event, e kernel.Event) bool {
	switch e.Kind {
	case kernel.EvUsageChanged, kernel.EvLastError, kernel.EvObjectDestroyed:
		// A count change, and the destruction at 0, belong to the action
		// that caused them.
		return true
	}
	head := g[0]
	for _, h := range g {
		if h.Kind != kernel.EvLastError {
			head = h
			break
		}
	}
	has := func(k kernel.EventKind) bool {
		for _, x := range g {
			if x.Kind == k {
				return true
			}
		}
		return false
	}
	switch head.Kind {
	case kernel.EvObjectCreated:
		if head.ObjType == kernel.TypeProcess {
			return (e.Kind == kernel.EvObjectCreated && e.ObjType == kernel.TypeThread) || e.Kind == kernel.EvProcessCreated
		}
		if e.Kind == kernel.EvPipeConnected && head.ObjType == kernel.TypeNamedPipe && !has(kernel.EvPipeConnected) {
			// a client end is made connected: one action
			return true
		}
		if e.Kind == kernel.EvWaitSatisfied {
			// the connection completes the server's ConnectNamedPipe
			for _, x := range g {
				if x.Kind == kernel.EvPipeConnected && x.Object == e.Object {
					return true
				}
			}
			return false
		}
		return (e.Kind == kernel.EvNamespaceLookup || e.Kind == kernel.EvHandleAdded) && e.Object == head.Object && !has(kernel.EvHandleAdded)
	case kernel.EvDataRead:
		// A waiting ReadFile that takes the data returns with it.
		return e.Kind == kernel.EvWaitSatisfied && e.PID == head.PID && e.Object == head.Object && !has(kernel.EvWaitSatisfied)
	case kernel.EvNamespaceLookup:
		return e.Kind == kernel.EvHandleAdded && e.Object == head.Object && !has(kernel.EvHandleAdded)
	case kernel.EvInheritScan:
		return head.Copied && e.Kind == kernel.EvHandleAdded && e.Cause == kernel.CauseInherit && e.Index == head.Index && !has(kernel.EvHandleAdded)
	case kernel.EvHandleAdded:
		return head.Cause == kernel.CauseDuplicate && e.Kind == kernel.EvHandleRemoved && e.Cause == kernel.CauseCloseSource && !has(kernel.EvHandleRemoved)
	case kernel.EvHandleRemoved:
		return head.Cause == kernel.CauseCloseSource && e.Kind == kernel.EvHandleAdded && e.Cause == kernel.CauseDuplicate && e.PID == head.PID && e.Index == head.Index
	case kernel.EvThreadExited, kernel.EvProcessExited:
		return false
	}
	return false
}

// Apply returns a copy of st with the events applied. after is the state at
// the end of the statement: it supplies what events do not carry (a new
// object's address and type state, a changed object's new state).
func Apply(st *kernel.State, evs []kernel.Event, after *kernel.State) *kernel.State {
	ns := cloneState(st)
	applyInPlace(ns, evs, after)
	return ns
}

func applyInPlace(ns *kernel.State, evs []kernel.Event, after *kernel.State) {
	find := func(id kernel.ObjectID) *kernel.Object { return ns.Object(id) }
	fromAfter := func(id kernel.ObjectID) *kernel.Object {
		if after == nil {
			return nil
		}
		return after.Object(id)
	}
	// copyTypeState takes the type state (not counts, tables or identity)
	// from the statement's final state.
	copyTypeState := func(o *kernel.Object) {
		a := fromAfter(o.ID)
		if a == nil {
			return
		}
		o.Signaled, o.ManualReset = a.Signaled, a.ManualReset
		o.OwnerTID, o.Recursion, o.Abandoned = a.OwnerTID, a.Recursion, a.Abandoned
		o.Count, o.Max = a.Count, a.Max
		o.Toolhelp, o.Offset = a.Toolhelp, a.Offset
		switch {
		case o.Pipe != nil && a.Pipe != nil:
			// A pipe end keeps its buffer, which the data events move
			// micro-step by micro-step; the rest (a read mode set by
			// SetNamedPipeHandleState, a server listening again) is the
			// statement's.
			ps := *a.Pipe
			ps.Buffer = o.Pipe.Buffer
			o.Pipe = &ps
		default:
			o.Pipe = a.Pipe
		}
		if o.Thread != nil && a.Thread != nil {
			o.Thread.WaitingIn, o.Thread.WaitObject, o.Thread.WaitHandle, o.Thread.LastError = a.Thread.WaitingIn, a.Thread.WaitObject, a.Thread.WaitHandle, a.Thread.LastError
		}
	}
	for _, e := range evs {
		switch e.Kind {
		case kernel.EvObjectCreated:
			if find(e.Object) != nil {
				continue
			}
			var o kernel.Object
			if a := fromAfter(e.Object); a != nil {
				o = *a
				o.Destroyed = false
				if a.Proc != nil {
					pi := *a.Proc
					pi.Table, pi.Exited, pi.ExitCode = nil, false, kernel.STILL_ACTIVE
					o.Proc = &pi
				}
				if a.Thread != nil {
					ti := *a.Thread
					ti.Exited, ti.ExitCode = false, kernel.STILL_ACTIVE
					o.Thread = &ti
				}
			} else {
				o = kernel.Object{ID: e.Object, Type: e.ObjType, Name: e.Name, Addr: e.Addr}
				if e.ObjType == kernel.TypeProcess {
					o.Name = ""
					o.Proc = &kernel.ProcessInfo{PID: e.TargetPID, ParentPID: e.PID, Image: e.Name, ExitCode: kernel.STILL_ACTIVE}
				}
				if e.ObjType == kernel.TypeThread {
					o.Thread = &kernel.ThreadInfo{TID: e.TID, ExitCode: kernel.STILL_ACTIVE}
				}
			}
			o.HandleCount, o.KernelRefs = 0, 0
			if o.Pipe != nil {
				// A new end starts empty (the statement may write to it
				// later) and a new server instance listens.
				ps := *o.Pipe
				ps.Buffer = nil
				if ps.End == kernel.EndServer {
					ps.Conn, ps.Peer = kernel.ConnListening, 0
				}
				o.Pipe = &ps
			}
			insertObject(ns, o) // a name enters the namespace by its lookup event
		case kernel.EvHandleAdded:
			p := ns.Process(e.PID)
			if p == nil {
				continue
			}
			for len(p.Proc.Table) <= e.Index {
				p.Proc.Table = append(p.Proc.Table, kernel.Entry{})
			}
			p.Proc.Table[e.Index] = kernel.Entry{Object: e.Object, Access: e.Access, Flags: e.Flags}
			if o := find(e.Object); o != nil {
				o.HandleCount++
			}
		case kernel.EvHandleRemoved:
			p := ns.Process(e.PID)
			if p == nil || e.Index >= len(p.Proc.Table) {
				continue
			}
			p.Proc.Table[e.Index] = kernel.Entry{}
			t := p.Proc.Table
			for len(t) > 1 && t[len(t)-1].Object == 0 {
				t = t[:len(t)-1]
			}
			p.Proc.Table = t
			if o := find(e.Object); o != nil {
				o.HandleCount--
			}
		case kernel.EvFlagsChanged:
			if p := ns.Process(e.PID); p != nil && e.Index < len(p.Proc.Table) {
				p.Proc.Table[e.Index].Flags = e.Flags
			}
		case kernel.EvUsageChanged:
			if o := find(e.Object); o != nil && (e.Cause == kernel.CauseRunning || e.Cause == kernel.CauseMapping) {
				o.KernelRefs += int(e.To - e.From)
			}
		case kernel.EvObjectDestroyed:
			if o := find(e.Object); o != nil {
				o.Destroyed = true
				if o.Name != "" && ns.Names[o.Name] == o.ID {
					delete(ns.Names, o.Name)
				}
			}
		case kernel.EvProcessExited:
			if o := find(e.Object); o != nil && o.Proc != nil {
				o.Proc.Exited, o.Proc.ExitCode, o.Signaled = true, e.Code, true
			}
		case kernel.EvThreadExited:
			if o := find(e.Object); o != nil && o.Thread != nil {
				o.Thread.Exited, o.Thread.ExitCode, o.Signaled = true, e.Code, true
				o.Thread.WaitingIn = ""
			}
		case kernel.EvStateChanged:
			if o := find(e.Object); o != nil {
				copyTypeState(o)
			}
		case kernel.EvWaitStarted, kernel.EvWaitSatisfied:
			// The object's type state (a mutex's owner, a semaphore's
			// count) as the statement leaves it; the waiting thread's own
			// state from the event, since a wait can start and end within
			// one statement.
			if o := find(e.Object); o != nil && o.Pipe == nil {
				copyTypeState(o)
			}
			for i := range ns.Objects {
				if t := &ns.Objects[i]; t.Thread != nil && t.Thread.TID == e.TID {
					if e.Kind == kernel.EvWaitStarted {
						t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = e.Detail, e.Object, e.Handle
					} else {
						t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = "", 0, 0
					}
				}
			}
		case kernel.EvDataWritten:
			if o := find(e.Object); o != nil {
				if o.Pipe == nil {
					copyTypeState(o) // a plain file: its offset
					continue
				}
				ps := o.Pipe.Appended(e.Data, e.Unit)
				o.Pipe = &ps
			}
		case kernel.EvDataRead:
			if o := find(e.Object); o != nil {
				if o.Pipe == nil {
					copyTypeState(o)
					continue
				}
				ps := o.Pipe.AfterRead(int(e.Bytes))
				o.Pipe = &ps
			}
		case kernel.EvPipeConnected:
			if o := find(e.Object); o != nil && o.Pipe != nil {
				ps := *o.Pipe
				ps.Conn = kernel.ConnConnected
				if a := fromAfter(e.Object); a != nil && a.Pipe != nil && a.Pipe.Peer != 0 {
					ps.Peer = a.Pipe.Peer
				}
				o.Pipe = &ps
			}
		case kernel.EvPipeDisconnected:
			if o := find(e.Object); o != nil && o.Pipe != nil {
				if c := find(o.Pipe.Peer); c != nil && c.Pipe != nil && c.Pipe.Peer == o.ID {
					cs := c.Pipe.Disconnected()
					c.Pipe = &cs
				}
				ps := o.Pipe.Disconnected()
				o.Pipe = &ps
			}
		case kernel.EvNamespaceLookup:
			if e.Lookup == kernel.LookupNew {
				ns.Names[e.Name] = e.Object
			}
		case kernel.EvProcessCreated, kernel.EvInheritScan, kernel.EvCloseRefused, kernel.EvLastError:
			// Nothing in the state changes (or nothing the picture shows).
		}
	}
	// Destroyed objects other than processes leave the state, as in the
	// kernel's own snapshots.
	live := ns.Objects[:0]
	for _, o := range ns.Objects {
		if o.Destroyed && o.Type != kernel.TypeProcess {
			continue
		}
		live = append(live, o)
	}
	ns.Objects = live
}

func insertObject(s *kernel.State, o kernel.Object) {
	i := sort.Search(len(s.Objects), func(i int) bool { return s.Objects[i].ID >= o.ID })
	s.Objects = append(s.Objects, kernel.Object{})
	copy(s.Objects[i+1:], s.Objects[i:])
	s.Objects[i] = o
}

func cloneState(st *kernel.State) *kernel.State {
	ns := &kernel.State{Objects: make([]kernel.Object, len(st.Objects)), Names: make(map[string]kernel.ObjectID, len(st.Names))}
	copy(ns.Objects, st.Objects)
	for i := range ns.Objects {
		o := &ns.Objects[i]
		if o.Proc != nil {
			pi := *o.Proc
			pi.Table = append([]kernel.Entry(nil), o.Proc.Table...)
			o.Proc = &pi
		}
		if o.Thread != nil {
			ti := *o.Thread
			o.Thread = &ti
		}
	}
	for k, v := range st.Names {
		ns.Names[k] = v
	}
	return ns
}

// Extent is the most each process column ever holds over the whole trace:
// the kernel area sits below the tallest column it will ever need, so
// object cards keep their places while tables grow and shrink.
type Extent struct {
	Rows, Vars, Console map[kernel.PID]int
	Pipes               bool // a pipe or mailslot exists at some point (taller cards)
}

// Extent computes (once) the columns' largest sizes from the trace's events
// and variables, without making any snapshot.
func (tl *Timeline) Extent() *Extent {
	if tl.ext != nil {
		return tl.ext
	}
	e := &Extent{Rows: map[kernel.PID]int{}, Vars: map[kernel.PID]int{}, Console: map[kernel.PID]int{}}
	if init := tl.Before(0); init != nil {
		for _, p := range init.Processes() {
			e.Rows[p.Proc.PID] = len(p.Proc.Table) - 1
		}
	}
	for _, st := range tl.Trace.Steps {
		for _, ev := range st.Events {
			switch ev.Kind {
			case kernel.EvHandleAdded:
				e.Rows[ev.PID] = max(e.Rows[ev.PID], ev.Index)
			case kernel.EvProcessCreated:
				if _, ok := e.Rows[ev.TargetPID]; !ok {
					e.Rows[ev.TargetPID] = 0
				}
			case kernel.EvObjectCreated:
				switch ev.ObjType {
				case kernel.TypePipe, kernel.TypeNamedPipe, kernel.TypeMailslot:
					e.Pipes = true
				}
			}
		}
		for pid, v := range st.Vars {
			e.Vars[pid] = max(e.Vars[pid], len(v))
		}
		for pid, c := range st.Console {
			e.Console[pid] = max(e.Console[pid], len(c))
		}
	}
	tl.ext = e
	return e
}
