package scene

import (
	"handleviz/kernel/scenario"
	"handleviz/kernel/syntax"
)

// CompileWith is Compile for a page that must stay responsive while the
// scenario runs: pause is called between the phases (parse, resolve, run,
// trace to scene) and, inside the run, about every millisecond of work
// (scenario.Options.Pause); the caller yields to its event loop there and
// returns false to stop the run (E_STOPPED, the steps so far kept). The
// result is Compile's whenever pause returns true.
func CompileWith(src string, pause func(Progress) bool) *Trace {
	opt := scenario.Interactive
	opt.Pause = pause
	between := func() bool { return pause(scenario.Progress{MaxWork: opt.MaxWork}) }
	between()
	// The parse and the resolver pause too (the 40,000-term sum and the
	// 5,000-line scenarios held the page there); they get no figures.
	f, err := syntax.ParseWith(src, between)
	if err != nil {
		return &Trace{Source: src, Err: diag(err)}
	}
	between()
	if errs := scenario.ResolveWith(f, between); len(errs) > 0 {
		return &Trace{Source: src, Err: diag(errs)}
	}
	between()
	tr := scenario.Exec(f, opt)
	between()
	return convertTrace(tr, src, func() { between() })
}

// pauseEvery is the work (variables and events converted or grouped)
// between calls of the pause hook after the run: about a millisecond of
// wasm, as the interpreter's own.
const pauseEvery = 1000

// Progress is how far a run has got (scenario.Progress), for the page's
// progress line.
type Progress = scenario.Progress
