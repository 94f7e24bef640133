// Package scenario runs scenarios: it resolves names, interprets statements
// in per-process contexts against the kernel model, and records a Trace of
// steps from which the state at any step can be rebuilt.
//
// A viewer uses it like this:
//
//	tr, err := scenario.Run(src, scenario.Options{})
//	if err != nil { // syntax or resolution errors: err.(syntax.ErrorList)
//		for _, e := range err.(syntax.ErrorList) { show(e.Pos, e.Message(lang)) }
//		return
//	}
//	for i, st := range tr.Steps {
//		caption, auto := tr.Caption(i) // the author's, or generated (auto)
//		state := tr.StateAt(i)         // *kernel.State after the step
//		// st.Span, st.Process, st.Events (micro-steps), st.Vars, st.Expects …
//	}
//	if tr.Err != nil { /* the runtime error that stopped the run, after the last step */ }
//
// The language is described in docs/scenario-language.md and the JSON form
// of a trace in docs/trace-format.md.
package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// Options are the run's limits and model parameters. Zero values take the
// defaults.
type Options struct {
	MaxSteps     int // default 100,000
	MaxProcesses int // default 64
	HandleLimit  int // kernel.Config.HandleLimit
	// MaxWork bounds the work of the run (expression nodes, calls, string
	// bytes, kernel events…; see budget.go); default 200 × MaxSteps.
	MaxWork int64
	// MaxEvents bounds the kernel events the trace keeps (default
	// 500,000): they are most of its memory.
	MaxEvents int
	// CheckpointEvery, when set, puts a full snapshot every that many
	// steps. By default a snapshot is taken when the changes recorded since
	// the last one outweigh the state's size (see recorder), so memory stays
	// proportional to the events and StateAt to the state.
	CheckpointEvery int
	// Pause, when set, is called about every pauseEvery units of work with
	// the run's progress (budget.go): a viewer lets its page answer input
	// there, and returning false stops the run with E_STOPPED. The runner
	// passes none; the run's result does not depend on it.
	Pause func(Progress) bool

	onStep func(step int, k *kernel.Kernel) // tests: called after each step
	onCall func(name string)                // tests: called for each Win32 call that returns
	onUse  func(name string)                // tests: called for each builtin called, by the name written
}

// Interactive are the budgets for a viewer that runs the scenario while its
// user waits (the browser, where the interpreter runs about 20 times slower
// than natively): every worst case of worst_test.go stops within about a
// second there (docs/performance.md), and lessons (hundreds of steps) and
// a 1,000-handle scene stay far inside them.
//
// Issue 15 measured the old budgets (2,000,000 units, 100,000 events) at
// 1.4-3.1 s of wasm for 100,000 mutexes and ping-pong waits: an event costs
// far more in wasm than its 8 units say (its record, checkpoints and the
// view's replay). Halving the work and cutting events to 40,000 brings every
// worst case near a second (docs/performance.md, "Worst cases").
var Interactive = Options{MaxWork: 1_000_000, MaxEvents: 40_000}

const (
	DefaultMaxSteps = 100_000
	MaxProcesses    = 64
	maxConsole      = 64 << 10
)

// Run parses, resolves and runs a scenario. Syntax and resolution errors
// are returned as a syntax.ErrorList (all resolution errors at once) and no
// trace; a runtime error stops the run and is in
// Trace.Err, after the steps that ran.
func Run(src string, opt Options) (*Trace, error) {
	f, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	if errs := Resolve(f); len(errs) > 0 {
		return nil, errs
	}
	return Exec(f, opt), nil
}

type proc struct {
	name    string
	pid     kernel.PID
	tid     kernel.TID
	thread  kernel.ObjectID
	scopes  []*scope
	w       *worker
	waitIn  string
	waitPos syntax.Pos
	waitObj kernel.ObjectID // what the waiting call waits on (its WaitStarted event)
	dirty   bool
	view    []VarView
	console int
	stdin   string // the C runtime's stdin buffer: read, not yet returned (builtins_stdio.go)
	// pendingCap is the caption of an if/while/for being entered: the first
	// step inside it shows it, so a loop's narration is not lost when its
	// condition makes no step.
	pendingCap syntax.Caption
	loop       syntax.Stmt // the innermost loop running, for E_WORK_LIMIT
	spare      *unit       // a silent condition's unit, for reuse
	calls      []*call     // call records for reuse
	frames     []frame     // helper function calls in progress (functions.go)
	// callCap is a calling statement's caption, for its helper's first
	// step (functions.go).
	callCap syntax.Caption
}

type scope struct {
	vars  map[string]*Var
	order []*Var
}

// unit is one statement (or condition) being executed: what its step will
// show.
type unit struct {
	p       *proc
	node    syntax.Node
	cap     syntax.Caption
	cond    bool // a condition: a step only when it made a call
	call    string
	failed  string // the last Win32 call that set a non-zero last error
	failErr kernel.Errno
	ret     Value // the last Win32 call's result, when hasRet
	hasRet  bool
	console strings.Builder
	expects []Expect
	woken   bool
	fault   string // what an access violation touched: the process died
	comp    kernel.Completion
	touched []kernel.ObjectID
}

// result is the unit's Win32 result for its step.
func (u *unit) result() *Result {
	if !u.hasRet {
		return nil
	}
	return &Result{Value: u.ret.N, Text: u.ret.format()}
}

type interp struct {
	k      *kernel.Kernel
	f      *syntax.File
	opt    Options
	tr     *Trace
	procs  []*proc
	byName map[string]*proc
	byTID  map[kernel.TID]*proc
	lits   map[*syntax.StringLit]Value // string literals' bytes (memory.go)
	cur    *proc
	work   int64
	events int // kernel events so far, weighted by their text (budget.go)
	// nev counts events; failAt is the count at the last failing
	// LastError event, of thread failTID with failErr (for captions).
	nev, failAt int
	failTID     kernel.TID
	failErr     kernel.Errno
	kworkSeen   int64 // the kernel's Work already charged
	nextPause   int64 // work at which Options.Pause is called next
	u           *unit
	at          syntax.Node // the statement or condition running, for errors
	atP         *proc       // and its process
	open        *Step
	vars        []ProcVars
	// Steps are built in chunks so that appending never copies the
	// whole trace; Exec joins them once at the end.
	chunks [][]Step
	nsteps int
	arena  []kernel.Event
	mark   int
	fs     fileScope // globals and helper functions (functions.go)
}

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

// Exec runs a parsed scenario.
func Exec(f *syntax.File, opt Options) *Trace {
	if opt.MaxSteps <= 0 {
		opt.MaxSteps = DefaultMaxSteps
	}
	if opt.MaxProcesses <= 0 || opt.MaxProcesses > MaxProcesses {
		opt.MaxProcesses = MaxProcesses
	}
	if opt.MaxWork <= 0 {
		opt.MaxWork = workPerStep * int64(opt.MaxSteps)
	}
	if opt.MaxEvents <= 0 {
		opt.MaxEvents = DefaultMaxEvents
	}
	if opt.CheckpointEvery < 0 {
		opt.CheckpointEvery = 0
	}
	if opt.HandleLimit == 0 {
		// "// handle-limit: 16" lets a lesson about the limit run with a
		// small one.
		if n, err := strconv.Atoi(f.Meta["handle-limit"]); err == nil && n > 0 {
			opt.HandleLimit = n
		}
	}
	k := kernel.New(kernel.Config{HandleLimit: opt.HandleLimit})
	in := &interp{k: k, f: f, opt: opt, byName: map[string]*proc{}, byTID: map[kernel.TID]*proc{}, fs: scanFileScope(f)}
	k.OnEvent = in.onEvent
	in.tr = &Trace{file: f}
	in.tr.Lesson = Lesson{
		Title:   syntax.Caption{En: f.Meta["title.en"], Ko: f.Meta["title.ko"]},
		Summary: syntax.Caption{En: f.Meta["summary.en"], Ko: f.Meta["summary.ko"]},
		Source:  syntax.Caption{En: f.Meta["source.en"], Ko: f.Meta["source.ko"]},
	}
	in.tr.rec = recorder{every: opt.CheckpointEvery, pidObj: map[kernel.PID]kernel.ObjectID{}}
	in.tr.rec.cps = []checkpoint{{step: -1, state: k.Snapshot()}}
	in.tr.rec.size = stateSize(in.tr.rec.cps[0].state)
	in.run()
	in.tr.Waiting = in.stillWaiting()
	in.tr.Steps = make([]*Step, 0, in.nsteps)
	names := in.tr.names()
	memo := map[uint64]syntax.Caption{}
	for _, c := range in.chunks {
		for i := range c {
			st := &c[i]
			if st.Caption == (syntax.Caption{}) {
				key := captionKey(st)
				cp, ok := memo[key]
				if !ok {
					cp = autoCaption(names, st)
					memo[key] = cp
				}
				st.Caption, st.Auto = cp, true
			}
			in.tr.Steps = append(in.tr.Steps, st)
		}
	}
	if in.tr.Err != nil && in.mark < len(in.arena) {
		// The run stopped inside a statement that had already changed the
		// kernel (a limit hit mid-call): its events are in no step, so the
		// final state is the one after the last step.
		in.tr.Final = in.tr.StateAt(len(in.tr.Steps) - 1)
	} else {
		in.tr.Final = k.Snapshot()
	}
	in.tr.work = in.work
	return in.tr
}

// Control flow signals carried by panics through the tree walk: a process
// that exits, a run that is over. break and continue are return values of
// exec (a panic per loop iteration would cost more than the iteration).
type exitSignal struct{}
type abortSignal struct{}

type ctl uint8

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
)

func (in *interp) run() {
	defer in.abortAll()
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*syntax.Error)
			if !ok {
				// A bug here or in the kernel must not take the page down:
				// the run stops with an error that says so. Tests and the
				// fuzzer treat E_INTERNAL as a failure.
				pos := syntax.Pos{}
				if in.u != nil && in.u.node != nil {
					pos = in.u.node.Start()
				}
				e = syntax.Errorf("E_INTERNAL", pos, pos, fmt.Sprint(r))
			}
			in.tr.Err = e
		}
	}()
	for _, s := range in.f.Stmts {
		switch s := s.(type) {
		case *syntax.ProcessStmt:
			in.processStmt(s)
		case *syntax.MarkerStmt:
			p := in.byName[s.Name]
			if p == nil {
				in.fail("E_UNKNOWN_PROCESS", s, s.Name, syntax.Suggest(s.Name, in.procNames()))
			}
			in.cur = p
		default:
			if in.fs.isDef[s] {
				continue // globals and helpers: each process gets them as it starts
			}
			p := in.cur
			if p == nil {
				in.fail("E_NO_PROCESS", s)
			}
			if p.w != nil && p.waitIn != "" {
				in.fail("E_PROCESS_WAITING", s, p.name, p.waitIn, strconv.Itoa(p.waitPos.Line))
			}
			if in.exited(p) {
				in.fail("E_PROCESS_EXITED", s, p.name)
			}
			in.runTop(p, s)
		}
	}
}

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

func (in *interp) procNames() []string {
	var out []string
	for _, p := range in.procs {
		out = append(out, p.name)
	}
	return out
}

func (in *interp) exited(p *proc) bool {
	o := in.k.Object(p.thread)
	return o == nil || o.Thread == nil || o.Thread.Exited
}

// fail stops the run with a runtime error at node n.
func (in *interp) fail(code string, n syntax.Node, args ...string) {
	panic(syntax.Errorf(code, n.Start(), n.End(), args...))
}

func (in *interp) processStmt(s *syntax.ProcessStmt) {
	u := &unit{node: s, cap: s.Cap}
	in.u = u
	for _, id := range s.Names {
		if in.byName[id.Name] != nil {
			in.fail("E_PROCESS_EXISTS", id, id.Name)
		}
		if len(in.procs) >= in.opt.MaxProcesses {
			in.fail("E_TOO_MANY_PROCESSES", id, strconv.Itoa(in.opt.MaxProcesses))
		}
		image := id.Name + ".exe"
		pid, tid := in.k.StartProcess(image, image, nil)
		in.addProc(id.Name, pid, tid, "", image)
	}
	in.finishUnit(u)
	in.u = nil
}

func (in *interp) addProc(name string, pid kernel.PID, tid kernel.TID, parent, cmdLine string) *proc {
	p := &proc{name: name, pid: pid, tid: tid, dirty: true}
	if t := in.k.ThreadByTID(tid); t != nil {
		p.thread = t.ID
	}
	in.procs = append(in.procs, p)
	in.byName[name] = p
	in.byTID[tid] = p
	g := &scope{vars: map[string]*Var{}}
	p.scopes = []*scope{g}
	args := splitArgs(cmdLine)
	argc := &Var{Name: "argc", T: tInt, V: intVal(tInt, uint64(len(args)))}
	argv := &Var{Name: "argv", T: tArgv, V: Value{T: tArgv, S: strings.Join(args, "\x00")}}
	for _, v := range []*Var{argc, argv} {
		g.vars[v.Name] = v
		g.order = append(g.order, v)
	}
	image := kernel.ImageName("", cmdLine)
	if o := in.k.ProcessByPID(pid); o != nil {
		image = o.Proc.Image // from lpApplicationName when it is given
	}
	in.tr.Processes = append(in.tr.Processes, ProcessRef{Name: name, PID: pid, TID: tid, Parent: parent, Image: image, First: in.nsteps})
	in.initGlobals(p)
	in.typeConsoleInput(name, pid)
	return p
}

// splitArgs splits a command line the way the C runtime builds argv:
// whitespace separates, double quotes group.
func splitArgs(s string) []string {
	var out []string
	var b strings.Builder
	inQ, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQ = !inQ
			have = true
		case (r == ' ' || r == '\t') && !inQ:
			if have {
				out = append(out, b.String())
				b.Reset()
				have = false
			}
		default:
			b.WriteRune(r)
			have = true
		}
	}
	if have {
		out = append(out, b.String())
	}
	return out
}

// ---- workers: a process's statement that may wait ----

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

// ---- steps ----

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

func (in *interp) snapshotVars() []ProcVars {
	changed := len(in.vars) != len(in.procs)
	for _, p := range in.procs {
		if p.dirty {
			changed = true
		}
	}
	if !changed {
		return in.vars
	}
	// A step's Vars are its own copy: their cost is charged as work, so
	// that many variables times many steps cannot fill the memory.
	in.charge(costView * len(in.procs))
	out := make([]ProcVars, len(in.procs))
	for i, p := range in.procs {
		if p.dirty || p.view == nil {
			n := 0
			for _, sc := range p.scopes {
				n += len(sc.order)
			}
			vs := make([]VarView, 0, n)
			for _, sc := range p.scopes {
				in.charge(costView * len(sc.order))
				for _, v := range sc.order {
					vs = append(vs, VarView{Name: v.Name, Type: v.T.Name, Value: in.shown(v)})
				}
			}
			p.view = vs
			p.dirty = false
		}
		out[i] = ProcVars{Process: p.name, Vars: p.view}
	}
	in.vars = out
	return out
}

// ---- statements ----

// exec runs a statement; it returns ctlBreak or ctlContinue when a break or
// continue leaves it.
func (in *interp) exec(p *proc, s syntax.Stmt) ctl {
	in.at, in.atP = s, p
	in.charge(costNode)
	switch s := s.(type) {
	case *syntax.DeclStmt, *syntax.ExprStmt:
		u := &unit{p: p, node: s, cap: s.Caption()}
		prev := in.u
		in.u = u
		if d, ok := s.(*syntax.DeclStmt); ok {
			in.declare(p, d)
		} else {
			in.evalDiscard(p, s.(*syntax.ExprStmt).X)
		}
		in.finishUnit(u)
		in.u = prev
	case *syntax.ReturnStmt:
		if len(p.frames) > 0 {
			in.returnFromFunc(p, s)
		}
		u := &unit{p: p, node: s, cap: s.Cap}
		prev := in.u
		in.u = u
		code := uint64(0)
		if s.X != nil {
			code = in.intOf(in.eval(p, s.X), s.X, "return")
		}
		u.call = "ExitProcess"
		in.reserveTable(p.pid, 4)
		in.k.ExitProcess(p.tid, uint32(code))
		in.finishUnit(u)
		in.u = prev
		panic(exitSignal{})
	case *syntax.BlockStmt:
		in.push(p)
		for _, x := range s.List {
			if c := in.exec(p, x); c != ctlNone {
				in.pop(p)
				return c
			}
		}
		in.pop(p)
	case *syntax.FuncStmt:
		if !s.IsMain() || s.Body == nil {
			return ctlNone // a helper runs when called
		}
		in.push(p)
		in.bindParams(p, s)
		c := in.exec(p, s.Body)
		in.pop(p)
		in.mainEnded(p, s)
		return c
	case *syntax.IfStmt:
		// An else-if chain is walked in a loop, not by recursion: the
		// parser allows any number of links.
		var c ctl
		for link := s; ; {
			p.pendingCap = link.Cap
			if in.cond(p, link.Cond, link.Cap) {
				c = in.exec(p, link.Then)
				break
			}
			next, ok := link.Else.(*syntax.IfStmt)
			if !ok {
				if link.Else != nil {
					c = in.exec(p, link.Else)
				}
				break
			}
			link = next
			in.at, in.atP = link, p
			in.charge(costNode)
		}
		in.clearCap(p)
		return c
	case *syntax.WhileStmt:
		p.pendingCap = s.Cap
		outer := p.loop
		p.loop = s
		first := s.Do
		for first || in.cond(p, s.Cond, s.Cap) {
			first = false
			if in.exec(p, s.Body) == ctlBreak {
				break
			}
		}
		p.loop = outer
		in.clearCap(p)
	case *syntax.ForStmt:
		p.pendingCap = s.Cap
		outer := p.loop
		p.loop = s
		in.push(p)
		if s.Init != nil {
			in.exec(p, s.Init)
		}
		for s.Cond == nil || in.cond(p, s.Cond, s.Cap) {
			if in.exec(p, s.Body) == ctlBreak {
				break
			}
			if s.Post != nil {
				in.silent(p, s.Post)
			}
		}
		p.loop = outer
		in.pop(p)
		in.clearCap(p)
	case *syntax.BranchStmt:
		if s.Tok == "break" {
			return ctlBreak
		}
		return ctlContinue
	case *syntax.EmptyStmt:
	case *syntax.ProcessStmt:
		in.fail("E_PROCESS_IN_BLOCK", s)
	case *syntax.MarkerStmt:
		in.fail("E_MARKER_IN_BLOCK", s, s.Name)
	}
	return ctlNone
}

// cond evaluates a condition as its own unit: it becomes a step only when
// it made a Win32 call.
func (in *interp) cond(p *proc, x syntax.Expr, cap syntax.Caption) bool {
	u := in.condUnit(p, x, cap)
	prev := in.u
	in.u, in.at, in.atP = u, x, p
	v := in.eval(p, x)
	in.finishUnit(u)
	in.u = prev
	in.spareUnit(u)
	return v.truth()
}

func (in *interp) silent(p *proc, x syntax.Expr) {
	u := in.condUnit(p, x, syntax.Caption{})
	prev := in.u
	in.u, in.at, in.atP = u, x, p
	in.evalDiscard(p, x)
	in.finishUnit(u)
	in.u = prev
	in.spareUnit(u)
}

// condUnit returns a unit for a condition, reusing the last silent one: a
// loop of plain arithmetic evaluates millions of them.
func (in *interp) condUnit(p *proc, x syntax.Expr, cap syntax.Caption) *unit {
	u := p.spare
	if u == nil {
		return &unit{p: p, node: x, cap: cap, cond: true}
	}
	p.spare = nil
	*u = unit{p: p, node: x, cap: cap, cond: true}
	return u
}

// spareUnit keeps u for reuse when it made no step (nothing refers to it).
func (in *interp) spareUnit(u *unit) {
	if u.call == "" && !u.woken && u.console.Len() == 0 && u.expects == nil {
		u.p.spare = u
	}
}

// clearCap drops a compound statement's caption that no step took (a loop
// that never ran), so it does not land on an unrelated statement.
func (in *interp) clearCap(p *proc) { p.pendingCap = syntax.Caption{} }

// shown is v's text for a step's Vars, its formatting charged as work.
func (in *interp) shown(v *Var) string {
	if !v.cached() {
		switch v.V.T.Kind {
		case kStr:
			in.chargeBytes(min(len(v.V.S), 4*maxShown))
		case kArr:
			in.chargeElems(v.T.Len)
		case kStruct:
			in.charge(len(v.T.Fields))
		}
	}
	return v.shown()
}

func (in *interp) push(p *proc) {
	// Scopes are reused (a loop body enters one per iteration); the map of
	// vars is made on the first declaration.
	n := len(p.scopes)
	if n < cap(p.scopes) && p.scopes[:n+1][n] != nil {
		p.scopes = p.scopes[:n+1]
		sc := p.scopes[n]
		sc.vars, sc.order = nil, sc.order[:0]
		return
	}
	p.scopes = append(p.scopes, &scope{})
}

func (in *interp) pop(p *proc) {
	top := p.scopes[len(p.scopes)-1]
	if len(top.order) > 0 {
		p.dirty = true
	}
	p.scopes = p.scopes[:len(p.scopes)-1]
}

func (in *interp) lookup(p *proc, name string) *Var {
	for i := len(p.scopes) - 1; i >= 0; i-- {
		if v := p.scopes[i].vars[name]; v != nil {
			return v
		}
	}
	return nil
}

// ---- declarations ----

func (in *interp) declare(p *proc, d *syntax.DeclStmt) {
	sc := p.scopes[len(p.scopes)-1]
	if sc.vars == nil {
		sc.vars = map[string]*Var{}
	}
	for _, dc := range d.Decls {
		if old := sc.vars[dc.Name.Name]; old != nil {
			in.fail("E_REDECLARED", dc.Name, dc.Name.Name, strconv.Itoa(old.Pos.Line))
		}
		t := in.declType(d.Type, dc)
		if t.Kind == kArr {
			in.chargeElems(t.Len)
		}
		v := &Var{Name: dc.Name.Name, T: t, Pos: dc.Name.Pos, V: zeroValue(t)}
		// As in C, the name is in scope in its own initializer:
		// "SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };".
		sc.vars[v.Name] = v
		sc.order = append(sc.order, v)
		p.dirty = true
		if dc.Init != nil {
			in.initVar(p, v, dc.Init)
		}
	}
}

func (in *interp) declType(tn *syntax.TypeName, dc *syntax.Declarator) *Type {
	ptr := tn.Ptr + dc.Ptr
	base := tn.Name
	var t *Type
	switch {
	case (base == "TCHAR" || base == "char") && (ptr == 1 || ptr == 0 && dc.Array):
		// A character array or pointer holds a string.
		t = &Type{Name: base + "*", Kind: kStr, Size: 8, Wide: base == "TCHAR"}
		if dc.Array {
			n := in.arraySize(dc)
			t = &Type{Name: base + "[" + strconv.Itoa(n) + "]", Kind: kStr, Len: n, Wide: base == "TCHAR"}
			t.Size = n
			if t.Wide {
				t.Size = 2 * n
			}
		}
		return t
	case (base == "TCHAR" || base == "char") && ptr == 1 && dc.Array:
		return tArgv
	case ptr > 0:
		return &Type{Name: base + strings.Repeat("*", ptr), Kind: kPtr, Size: 8, Elem: in.baseType(base)}
	}
	t = in.baseType(base)
	if t == nil || t.Kind == kVoid {
		in.fail("E_BAD_CAST", tn, "a variable", tn.Name)
	}
	if dc.Array {
		if t.Kind != kInt {
			in.fail("E_BAD_ARRAY_SIZE", dc.Name, strconv.Itoa(syntax.MaxArraySize))
		}
		n := in.arraySize(dc)
		return &Type{Name: t.Name + "[" + strconv.Itoa(n) + "]", Kind: kArr, Elem: t, Len: n, Size: n * t.Size}
	}
	return t
}

func (in *interp) baseType(name string) *Type {
	if t := scalarTypes[name]; t != nil {
		return t
	}
	if t := structTypes[name]; t != nil {
		return t
	}
	if name == "void" {
		return tVoid
	}
	return nil
}

// arraySize is the declared size, or the initializer's length for "[]".
func (in *interp) arraySize(dc *syntax.Declarator) int {
	if dc.Size == nil {
		switch x := dc.Init.(type) {
		case *syntax.InitList:
			return len(x.Elems)
		case *syntax.StringLit:
			// The literal's elements and its terminator: code page 949
			// bytes for char, UTF-16 units for TCHAR.
			return units(in.literal(x).S, x.Wide)
		case *syntax.CallExpr: // TEXT("...")
			if len(x.Args) == 1 {
				if s, ok := x.Args[0].(*syntax.StringLit); ok {
					return units(in.literal(s).S, s.Wide)
				}
			}
		}
		return syntax.MaxString
	}
	v := in.eval(in.u.p, dc.Size)
	if !v.isInt() || int64(v.N) <= 0 || int64(v.N) > syntax.MaxArraySize {
		in.fail("E_BAD_ARRAY_SIZE", dc.Size, strconv.Itoa(syntax.MaxArraySize))
	}
	return int(v.N)
}

func (in *interp) initVar(p *proc, v *Var, init syntax.Expr) {
	if il, ok := init.(*syntax.InitList); ok {
		switch v.T.Kind {
		case kStruct:
			// Brace initializers fill fields in order; the rest are zero.
			if len(il.Elems) > len(v.T.Fields) {
				in.fail("E_TOO_MANY_INIT", il, v.T.Name, strconv.Itoa(len(v.T.Fields)), strconv.Itoa(len(il.Elems)))
			}
			for i, e := range il.Elems {
				v.V.F[i] = in.convert(in.eval(p, e), v.T.Fields[i].T, e, v.T.Fields[i].Name)
			}
		case kArr:
			if len(il.Elems) > v.T.Len {
				in.fail("E_INDEX_RANGE", il, strconv.Itoa(len(il.Elems)-1), v.Name, strconv.Itoa(v.T.Len))
			}
			for i, e := range il.Elems {
				v.V.A[i] = in.convert(in.eval(p, e), v.T.Elem, e, v.Name).N
			}
		case kStr:
			// TCHAR buf[64] = { 0 }; or { 'a', 'b' }: elements in order,
			// the rest zero.
			if len(il.Elems) > v.T.Len {
				in.fail("E_INDEX_RANGE", il, strconv.Itoa(len(il.Elems)-1), v.Name, strconv.Itoa(v.T.Len))
			}
			for i, e := range il.Elems {
				n := in.intOf(in.eval(p, e), e, v.Name)
				v.V.S = setUnit(v.V.S, v.T.Wide, i, n)
			}
		default:
			if len(il.Elems) != 1 {
				in.fail("E_TYPE", il, v.Name, v.T.Name, "a list")
			}
			v.V = in.convert(in.eval(p, il.Elems[0]), v.T, il.Elems[0], v.Name)
		}
		return
	}
	if lit := literalOf(init); lit != nil && v.T.Kind == kStr && v.T.Len > 0 {
		// char a[8] = "ab\0cd": C copies the whole literal (embedded NULs
		// too) and zero-fills the rest; the terminator only if it fits.
		val := in.convert(in.eval(p, init), v.T, init, v.Name)
		src := in.literal(lit).S
		if lit.Wide == v.T.Wide {
			src = src[:len(src)-unitSize(v.T)]
			if units(src, v.T.Wide) > v.T.Len {
				in.fail("E_BUFFER_OVERFLOW", init, strconv.Quote(truncate(lit.Value)), strconv.Itoa(units(src, v.T.Wide)+1), v.Name, strconv.Itoa(v.T.Len))
			}
			val.S = src + v.V.S[len(src):]
		}
		v.V = val
		return
	}
	in.store(v, in.eval(p, init), init)
}

// literalOf is the string literal x is ("…", TEXT("…") in parentheses), or nil.
func literalOf(x syntax.Expr) *syntax.StringLit {
	switch x := x.(type) {
	case *syntax.StringLit:
		return x
	case *syntax.ParenExpr:
		return literalOf(x.X)
	}
	return nil
}

// store assigns to a variable, converting as C would.
func (in *interp) store(v *Var, val Value, at syntax.Node) {
	if v.T.Kind == kStr && val.T.Kind == kStr {
		in.chargeBytes(len(val.S) + len(v.V.S))
		s, need := strInto(v.T, v.V.S, val)
		if units(s, v.T.Wide) > 2*syntax.MaxString {
			in.fail("E_STRING_TOO_LONG", at, strconv.Itoa(syntax.MaxString))
		}
		if v.T.Len > 0 && need > v.T.Len {
			in.fail("E_BUFFER_OVERFLOW", at, strconv.Quote(truncate(cText(val))), strconv.Itoa(need), v.Name, strconv.Itoa(v.T.Len))
		}
		v.V = Value{T: v.T, S: s}
		return
	}
	v.V = in.convert(val, v.T, at, v.Name)
}

func truncate(s string) string {
	if head, cut := cutRunes(s, 32); cut {
		return head + "…"
	}
	return s
}

// convert converts val to type t (assignment, initialisation, argument).
func (in *interp) convert(val Value, t *Type, at syntax.Node, what string) Value {
	switch t.Kind {
	case kInt:
		switch val.T.Kind {
		case kInt:
			return intVal(t, val.N)
		case kPtr:
			if val.Ref == nil {
				return intVal(t, 0)
			}
		}
	case kStr:
		switch val.T.Kind {
		case kStr:
			s, _ := strInto(t, zeroStr(t).S, val)
			return Value{T: t, S: s}
		case kInt:
			if val.N == 0 { // NULL
				return zeroStr(t)
			}
		}
	case kStruct:
		if val.T == t {
			return val.clone()
		}
	case kPtr:
		switch val.T.Kind {
		case kPtr:
			return Value{T: t, Ref: val.Ref}
		case kInt:
			if val.N == 0 {
				return Value{T: t}
			}
		case kStr:
			return Value{T: t, Ref: val.Ref}
		}
	case kArr:
		if val.T.Kind == kArr && val.T.Elem == t.Elem && val.T.Len == t.Len {
			in.chargeElems(t.Len)
			return val.clone()
		}
	case kArgv:
		if val.T.Kind == kArgv {
			return val
		}
	}
	in.fail("E_TYPE", at, what, t.Name, describe(val))
	return Value{}
}
