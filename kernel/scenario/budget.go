package scenario

import (
	"strconv"

	"handleviz/kernel/syntax"
)

// The step limit alone does not bound a run: one statement can make
// thousands of calls on 4,096-character strings, and a loop whose condition
// calls nothing records no step at all. So the interpreter also counts work
// and stops with E_WORK_LIMIT past Options.MaxWork. A unit is meant to be a
// few tens of nanoseconds and a few tens of bytes of trace, so that the
// default budget keeps any source within the size limit well under a
// second and a few hundred MiB (docs/performance.md, "Worst cases").
const (
	costNode      = 1  // an expression node evaluated, a statement executed
	costCall      = 2  // a builtin call, on top of its arguments
	costEvent     = 8  // a kernel event: the kernel's work, its copy, its record
	costStep      = 20 // a step recorded: its record, vars, caption, checkpoint share
	costView      = 8  // one variable (or one process's list) in a step's Vars
	costConv      = 6  // one printf conversion (%d, %s, %%…: a fmt call of its own)
	bytesPerUnit  = 16 // bytes of strings read, written, compared or formatted
	elemsPerUnit  = 16 // elements of integer arrays zeroed, copied or formatted
	kernelPerUnit = 4  // operations of the kernel's own (kernel.Work) per unit

	// Kernel events are also counted on their own: they are most of a
	// trace's memory. Event text (pipe data, names) counts one event per
	// eventBytes bytes.
	DefaultMaxEvents = 500_000
	eventBytes       = 64
	workPerStep      = 200 // default MaxWork is this times MaxSteps
)

// Progress is how far a run has got, for Options.Pause.
type Progress struct {
	Work, MaxWork int64 // units of work spent, and the budget
	Steps         int   // steps recorded
	Line          int   // the statement running (1-based; 0 before the first)
}

// pauseEvery is the work between calls of Options.Pause: about a
// millisecond of wasm (a unit is a few tens of nanoseconds natively, about
// 20 times that in the browser), so a viewer that yields every 10 ms
// checks its clock often enough and not much more.
const pauseEvery = 1000

// pause reports the progress to Options.Pause and stops the run when it
// says so.
func (in *interp) pause() {
	in.nextPause = in.work + pauseEvery
	pr := Progress{Work: in.work, MaxWork: in.opt.MaxWork, Steps: in.nsteps}
	if in.at != nil {
		pr.Line = in.at.Start().Line
	}
	if !in.opt.Pause(pr) {
		in.failHere("E_STOPPED", strconv.Itoa(in.nsteps))
	}
}

// charge spends n units of work.
func (in *interp) charge(n int) {
	in.work += int64(n)
	if in.opt.Pause != nil && in.work >= in.nextPause {
		in.pause()
	}
	if in.work > in.opt.MaxWork {
		// The innermost loop running is what to look at; a statement that
		// is not in a loop is itself the culprit.
		// Many variables and no loop at all can pass the limit too: that is
		// no endless loop, and the message says what to cut instead.
		code := "E_WORK_LIMIT_TOTAL"
		if in.atP != nil && in.atP.loop != nil {
			in.at, code = in.atP.loop, "E_WORK_LIMIT"
		}
		in.failHere(code, strconv.FormatInt(in.opt.MaxWork, 10), strconv.Itoa(in.nsteps))
	}
}

// chargeBytes spends the work of handling n bytes of string.
func (in *interp) chargeBytes(n int) {
	if n >= bytesPerUnit {
		in.charge(n / bytesPerUnit)
	}
}

// chargeElems spends the work of handling an integer array of n elements.
func (in *interp) chargeElems(n int) {
	if n >= elemsPerUnit {
		in.charge(n / elemsPerUnit)
	}
}

// failHere stops the run at the statement (or condition) being executed.
func (in *interp) failHere(code string, args ...string) {
	var pos, end syntax.Pos
	n := in.at
	if n == nil && in.u != nil {
		n = in.u.node
	}
	if n != nil {
		pos, end = n.Start(), n.End()
	}
	panic(syntax.Errorf(code, pos, end, args...))
}
