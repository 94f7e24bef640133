package scene

import (
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
func NewTimeline(t *Trace) *Timeline { return newTimeline(t, nil) }

// NewTimelineWith is NewTimeline for a page that must stay responsive
// (CompileWith): pause is called about every pauseEvery events grouped.
// It cannot stop the work, which the run's budget bounds.
func NewTimelineWith(t *Trace, pause func(Progress) bool) *Timeline {
	return newTimeline(t, func() { pause(Progress{}) })
}

func newTimeline(t *Trace, pause func()) *Timeline {
	tl := &Timeline{Trace: t}
	work := 0
	for s, st := range t.Steps {
		if work += 1 + len(st.Events); pause != nil && work >= pauseEvery {
			pause()
			work = 0
		}
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
// derived by applying the events to an earlier state (kernel.State.Apply:
// the kernel's own rules). Derived states are
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
	st := base.Clone()
	for ; k <= m; k++ {
		for _, e := range tl.Micros[k].Events {
			st.Apply(e)
		}
		if k < m && (k-first+1)%checkpointEvery == 0 {
			tl.states[k] = st.Clone()
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
			e.Rows[p.Proc.PID] = p.Proc.Table().Slots() - 1
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
