package scenario

import (
	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// stillWaiting lists the processes that wait in a call when the scenario
// ends: no statement is left to wake them.
func (in *interp) stillWaiting() []Waiting {
	var out []Waiting
	for _, p := range in.procs {
		if p.waitIn == "" || in.exited(p) {
			continue
		}
		w := Waiting{Process: p.name, Call: p.waitIn, Pos: p.waitPos, Object: p.waitObj}
		if o := in.k.Object(p.waitObj); o != nil {
			w.ObjType, w.Name = o.Type, o.Name
		}
		out = append(out, w)
	}
	return out
}

// A top-level statement runs on its own goroutine so that a call that
// cannot complete can park it mid-expression and let the scenario go on.
// Exactly one goroutine runs at a time: control passes by channel handoff,
// so the run stays deterministic.
type worker struct {
	resume chan resumeMsg
	yield  chan yieldMsg
}

type resumeMsg struct {
	c kernel.Completion
}

type yieldKind uint8

const (
	yDone yieldKind = iota
	yBlocked
	yWoke
)

type yieldMsg struct {
	kind yieldKind
	err  any
	// A statement that starts to wait: its step, emitted by the goroutine
	// that takes the yield, once this worker is parked (emitting settles
	// completions, and one may be this worker's own).
	blocked *unit
}

func (in *interp) runTop(p *proc, s syntax.Stmt) {
	w := &worker{resume: make(chan resumeMsg), yield: make(chan yieldMsg)}
	p.w = w
	go func() {
		msg := yieldMsg{kind: yDone}
		defer func() {
			if r := recover(); r != nil {
				switch r.(type) {
				case abortSignal:
					return // nobody is listening any more
				case exitSignal:
				default:
					msg.err = r
				}
			}
			w.yield <- msg
		}()
		in.exec(p, s)
	}()
	in.await(p)
}

// await waits for p's worker to hand control back.
func (in *interp) await(p *proc) yieldKind {
	w := p.w
	msg := <-w.yield
	switch msg.kind {
	case yDone:
		p.w = nil
		p.waitIn = ""
		if msg.err != nil {
			panic(msg.err)
		}
	case yBlocked:
		if u := msg.blocked; u != nil {
			in.emit(u, u.call)
		}
	}
	return msg.kind
}

// block parks the current unit's process until a completion for its thread
// arrives; it returns that completion.
func (in *interp) block(call string) kernel.Completion {
	u := in.u
	p := u.p
	if p.w == nil {
		in.fail("E_SELF_WAIT", u.node, p.name)
	}
	p.waitIn = call
	p.waitPos = u.node.Start()
	u.call = call
	msg := yieldMsg{kind: yBlocked}
	if u.woken {
		// Resumed and waiting again within one statement: the step being
		// built shows it.
		if in.open != nil {
			in.open.Completed = append(in.open.Completed, Completed{Process: p.name, Line: u.node.Start().Line, Call: call, Waiting: call})
		}
	} else {
		msg.blocked = u
	}
	w := p.w
	w.yield <- msg
	m, ok := <-w.resume
	if !ok {
		panic(abortSignal{})
	}
	in.u, in.at, in.atP = u, u.node, u.p
	u.woken = true
	u.comp = m.c
	p.waitIn = ""
	return m.c
}

// abortAll ends every parked worker when the run is over.
func (in *interp) abortAll() {
	for _, p := range in.procs {
		if p.w != nil {
			close(p.w.resume)
			p.w = nil
		}
	}
}

// finishUnit ends a statement: it becomes a step, unless it was a silent
// condition, or the tail of a woken call (which belongs to the step that
// woke it).
func (in *interp) finishUnit(u *unit) {
	if u.woken {
		if in.open != nil {
			in.open.Completed = append(in.open.Completed, Completed{
				Process: u.p.name, Line: u.node.Start().Line, Call: u.call, Return: u.result(),
				LastError: in.lastError(u.p),
			})
			in.open.Console += u.console.String()
		}
		u.woken = false
		w := u.p.w
		w.yield <- yieldMsg{kind: yWoke}
		if _, ok := <-w.resume; !ok {
			panic(abortSignal{})
		}
		in.u, in.at, in.atP = u, u.node, u.p
		return
	}
	if u.cond && u.call == "" {
		return // silent: its work was charged as it ran
	}
	in.emit(u, "")
	if u.p != nil && in.exited(u.p) && u.p.w != nil {
		panic(exitSignal{})
	}
}

// settle hands each completion to its parked worker, which finishes the
// statement it was waiting in (into st) and parks again.
func (in *interp) settle(st *Step) []*proc {
	var woken []*proc
	for {
		cs := in.k.TakeCompletions()
		if len(cs) == 0 {
			return woken
		}
		for _, c := range cs {
			q := in.byTID[c.TID]
			if q == nil || q.w == nil {
				continue
			}
			q.w.resume <- resumeMsg{c: c}
			if in.await(q) == yWoke {
				woken = append(woken, q)
			}
			if more := in.takeEvents(); len(more) > 0 {
				st.Events = append(append([]kernel.Event(nil), st.Events...), more...)
			}
		}
	}
}

// reapTerminated ends the parked statements of processes that another
// process terminated.
func (in *interp) reapTerminated() {
	for _, p := range in.procs {
		if p.w != nil && p.waitIn != "" && in.exited(p) {
			close(p.w.resume)
			p.w = nil
			p.waitIn = ""
		}
	}
}
