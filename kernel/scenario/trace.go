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
	// Fault is what the statement touched through a NULL pointer ("*p",
	// "CreatePipe's hReadPipe"): an access violation killed its process
	// with exit code 0xC0000005 (StatusAccessViolation).
	Fault string

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
// checkpointFactor); between them the steps' own events, which
// kernel.State.Apply replays, and copies of the few objects a step changed
// without an event (a Toolhelp snapshot's cursor).
type recorder struct {
	every  int
	cps    []checkpoint
	since  int // changes recorded since the last checkpoint
	size   int // the last checkpoint's stateSize
	pidObj map[kernel.PID]kernel.ObjectID
	quiet  map[int][]kernel.Object // step → objects it changed without an event
}

type checkpoint struct {
	step  int // the state after this step; -1 is before the first
	state *kernel.State
}

// record notes what step changed; quiet lists objects changed without an
// event.
func (r *recorder) record(k *kernel.Kernel, step int, events []kernel.Event, quiet []kernel.ObjectID) {
	for _, id := range quiet {
		if o := k.Object(id); o != nil && !o.Destroyed {
			if r.quiet == nil {
				r.quiet = map[int][]kernel.Object{}
			}
			r.quiet[step] = append(r.quiet[step], o.Clone())
		}
	}
	r.since += 1 + len(events) + len(quiet)
	if r.every > 0 && (step+1)%r.every == 0 || r.every == 0 && r.since >= max(minCheckpoint, checkpointFactor*r.size) {
		cp := checkpoint{step: step, state: k.Snapshot()}
		r.cps = append(r.cps, cp)
		r.since, r.size = 0, stateSize(cp.state)
	}
}

// A checkpoint is taken when the changes recorded since the last one (one
// per step and per event) pass checkpointFactor times the state's size
// (objects, table entries and names), and at least minCheckpoint: the
// snapshots then cost at most 1/checkpointFactor of the events in memory,
// and StateAt copies one snapshot and replays at most about
// checkpointFactor times its size. (A fixed spacing of 256 steps kept 390
// snapshots of a growing 100,000-handle table: 395 MiB.)
const (
	checkpointFactor = 4
	minCheckpoint    = 1024
)

func stateSize(st *kernel.State) int {
	n := len(st.Objects) + len(st.Names)
	for i := range st.Objects {
		if p := st.Objects[i].Proc; p != nil {
			n += p.Table().Slots()
		}
	}
	return n
}

// StateAt returns the kernel state after step i (i = -1: before the first
// step): the nearest checkpoint before it with the later steps' events
// applied by the kernel's own rules. The result is the caller's to keep.
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
	st := cp.state.Clone()
	for s := cp.step + 1; s <= i; s++ {
		for _, e := range t.Steps[s].Events {
			st.Apply(e)
		}
		for _, q := range r.quiet[s] {
			if o := st.Object(q.ID); o != nil {
				o.Toolhelp = q.Toolhelp // Process32Next's cursor: no event moves it
			}
		}
	}
	return st
}
