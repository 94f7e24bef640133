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
	// crtStd are the standard handles as the C runtime took them when the
	// process started: printf and fgets use these, whatever SetStdHandle
	// does later (builtins_stdio.go, writeStd).
	crtStd [3]kernel.Handle
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
	for i := range p.crtStd {
		p.crtStd[i] = in.k.StdHandle(pid, i)
	}
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

// ---- steps ----

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

// ---- declarations ----
