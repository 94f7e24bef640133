package scenario

import (
	"strconv"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

const stepChunk = 4096

func (in *interp) appendStep(st Step) {
	if len(in.chunks) == 0 || len(in.chunks[len(in.chunks)-1]) == stepChunk {
		in.chunks = append(in.chunks, make([]Step, 0, stepChunk))
	}
	c := &in.chunks[len(in.chunks)-1]
	*c = append(*c, st)
	in.nsteps++
}

// onEvent collects the kernel's events into a shared arena as they
// happen: one allocation per many steps instead of several per step.
// takeEvents hands out the ones since the last call.
func (in *interp) onEvent(e kernel.Event) {
	// A runaway scenario stops here, inside the kernel call that went too
	// far; Exec then reports the state after the last whole step.
	in.events += 1 + (len(e.Name)+len(e.Detail)+len(e.Data))/eventBytes
	if in.events > in.opt.MaxEvents {
		in.failHere("E_EVENT_LIMIT", strconv.Itoa(in.opt.MaxEvents), strconv.Itoa(in.nsteps))
	}
	in.charge(costEvent)
	in.chargeKernel()
	in.nev++
	if e.Kind == kernel.EvWaitStarted {
		if p := in.byTID[e.TID]; p != nil {
			p.waitObj = e.Object
		}
	}
	// ERROR_ALREADY_EXISTS comes with a handle: the call succeeded.
	if e.Kind == kernel.EvLastError && e.Err != 0 && e.Err != kernel.ERROR_ALREADY_EXISTS {
		in.failAt, in.failTID, in.failErr = in.nev, e.TID, e.Err
	}
	if len(in.arena) == cap(in.arena) {
		in.reserveEvents(1)
	}
	in.arena = append(in.arena, e)
}

// reserveEvents makes room for n more events of the current step: a call
// that will make many (CreateProcess inheriting a big table) reserves them
// at once rather than copying the step's events on every regrowth.
func (in *interp) reserveEvents(n int) {
	if cap(in.arena)-len(in.arena) >= n {
		return
	}
	// Keep the current step's events contiguous in the new chunk.
	part := in.arena[in.mark:]
	in.arena = make([]kernel.Event, 0, max(8192, 2*len(part), len(part)+n))
	in.arena = append(in.arena, part...)
	in.mark = 0
}

// chargeKernel charges the kernel's own work that makes no event (a table
// scan, an environment sort, pipe copies: kernel.Work), one unit per
// kernelPerUnit of its operations.
func (in *interp) chargeKernel() {
	if w := in.k.Work(); w != in.kworkSeen {
		in.charge(int(w/kernelPerUnit - in.kworkSeen/kernelPerUnit))
		in.kworkSeen = w
	}
}

func (in *interp) takeEvents() []kernel.Event {
	in.k.DiscardEvents() // onEvent has them already
	if in.mark == len(in.arena) {
		return nil
	}
	ev := in.arena[in.mark:len(in.arena):len(in.arena)]
	in.mark = len(in.arena)
	return ev
}

func (in *interp) lastError(p *proc) kernel.Errno {
	if o := in.k.Object(p.thread); o != nil && o.Thread != nil {
		return o.Thread.LastError
	}
	return 0
}

// emit records a step for u; waiting names the call it now waits in.
func (in *interp) emit(u *unit, waiting string) {
	if in.nsteps >= in.opt.MaxSteps {
		in.fail("E_STEP_LIMIT", u.node, strconv.Itoa(in.opt.MaxSteps))
	}
	in.charge(costStep)
	st := Step{
		Index:   in.nsteps,
		Span:    syntax.Span{Start: u.node.Start(), End: u.node.End()},
		Text:    in.f.Text(u.node),
		Caption: u.cap,
		Call:    u.call,
		Return:  u.result(),
		Console: u.console.String(),
		Expects: u.expects,
		Waiting: waiting,
		Fault:   u.fault,
		failed:  u.failed, failedErr: u.failErr,
	}
	if u.fault != "" && st.Caption == (syntax.Caption{}) {
		st.Caption, st.Auto = faultCaption(u.fault), true
	}
	u.console.Reset()
	u.expects = nil
	in.takeCallCap(u, &st)
	if u.p != nil && u.p.pendingCap != (syntax.Caption{}) {
		if st.Caption == (syntax.Caption{}) {
			st.Caption = u.p.pendingCap
		}
		u.p.pendingCap = syntax.Caption{}
	}
	if u.p != nil {
		st.Process, st.PID = u.p.name, u.p.pid
		st.LastError = in.lastError(u.p)
	}
	st.Events = in.takeEvents()
	prevOpen := in.open
	in.open = &st
	woken := in.settle(&st)
	in.open = prevOpen
	st.Vars = in.snapshotVars()
	in.appendStep(st)
	in.tr.rec.record(in.k, st.Index, st.Events, u.touched)
	u.touched = nil
	if in.opt.onStep != nil {
		in.opt.onStep(st.Index, in.k)
	}
	in.reapTerminated()
	for _, q := range woken {
		if q.w == nil {
			continue
		}
		q.w.resume <- resumeMsg{}
		in.await(q)
		in.u, in.at, in.atP = u, u.node, u.p
	}
	in.u, in.at, in.atP = u, u.node, u.p
}
