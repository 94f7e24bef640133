// Package scene turns a scenario's trace into what the visualizer draws:
// micro-steps (one per kernel action), the kernel state at each of them, and
// a laid-out scene (process columns, handle-table rows, object cards, arrows)
// with every coordinate computed here, in pure Go, so that it can be tested
// without a browser.
package scene

import "handleviz/kernel"

// Text is a string in the UI's two languages.
type Text struct{ En, Ko string }

// In returns the text in lang ("ko" or anything else for English), falling
// back to the other language when one is missing.
func (t Text) In(lang string) string {
	if lang == "ko" && t.Ko != "" {
		return t.Ko
	}
	if t.En != "" {
		return t.En
	}
	return t.Ko
}

// Trace is what the visualizer plays: the interpreter's run of a scenario,
// reduced to what the UI needs (see the adapter in package ui).
type Trace struct {
	Title   Text
	Source  string
	Initial *kernel.State // the state before the first step (nil: empty)
	Steps   []Step
	// Err is a parse error (no steps) or a runtime error (after the steps
	// that ran).
	Err *Diag
	// StateAt, when set, supplies Step.After (and Initial, for -1) lazily:
	// a long scenario's snapshots are only made for the steps shown.
	StateAt func(step int) *kernel.State
	// StdIO: the scenario is about standard handles, so the scene draws
	// them and the consoles (console.go).
	StdIO bool
}

// after returns the state after step s (s = -1: the initial state).
func (t *Trace) after(s int) *kernel.State {
	if s < 0 {
		if t.Initial == nil && t.StateAt != nil {
			t.Initial = t.StateAt(-1)
		}
		return t.Initial
	}
	if t.Steps[s].After == nil && t.StateAt != nil {
		t.Steps[s].After = t.StateAt(s)
	}
	return t.Steps[s].After
}

// Diag is an error in the scenario text, at a 1-based line and column.
type Diag struct {
	Line, Col int
	Msg       Text
}

// Step is one executed statement.
type Step struct {
	Process string // the process that ran it
	PID     kernel.PID
	// Source span, 1-based; EndLine/EndCol inclusive-exclusive as the
	// interpreter reports them (0 when unknown: the whole line).
	Line, Col, EndLine, EndCol int
	Text                       string // the statement's source text
	Caption                    Text   // narration (//en: //ko:), may be empty
	Result                     string // e.g. "hMutex = 0x4", "TRUE", "" for none
	WaitingIn                  string // the call the statement waits in ("ReadFile"): see ResultText
	LastError                  kernel.Errno
	HasLastError               bool // the statement called Win32 (LastError is meaningful)
	Events                     []kernel.Event
	Vars                       map[kernel.PID][]Var    // every process's variables after the step
	Console                    map[kernel.PID][]string // every process's console after the step
	Expect                     *bool                   // nil unless the statement is expect(...)
	After                      *kernel.State           // the state after the step
}

// Var is a variable of a process.
type Var struct {
	Name, Type, Value string
	IsHandle          bool
	Handle            kernel.Handle
}
