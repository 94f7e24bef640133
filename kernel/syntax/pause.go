package syntax

// A page that parses on its only thread (Go's wasm in the browser) must be
// able to answer keys and a Stop button during a long parse (issue 15):
// ParseWith calls the caller's pause hook every pauseEvery units of work
// (tokens lexed, expanded and parsed). The hook decides when to yield;
// this package keeps no clock. The native runner passes none.

// pauseEvery is the work between calls of the pause hook: about a
// millisecond of wasm at most, so that a caller that yields every 10 ms
// asks its clock often enough and not much more.
const pauseEvery = 1024

// Pacer counts work and calls a pause hook every pauseEvery units; a nil
// Pacer never pauses. The resolver (kernel/scenario) counts with one too.
type Pacer struct {
	pause   func() bool
	left    int
	stopped bool
}

// NewPacer is a Pacer calling pause, or nil when pause is nil.
func NewPacer(pause func() bool) *Pacer {
	if pause == nil {
		return nil
	}
	return &Pacer{pause: pause, left: pauseEvery}
}

// Tick counts one unit of work; it reports false once the hook has asked
// to stop (and from then on, without asking again).
func (pc *Pacer) Tick() bool {
	if pc == nil {
		return true
	}
	if pc.stopped {
		return false
	}
	if pc.left--; pc.left > 0 {
		return true
	}
	pc.left = pauseEvery
	pc.stopped = !pc.pause()
	return !pc.stopped
}

// stopped is E_STOPPED at p: the user stopped the run before its first
// step.
func stopped(p Pos) *Error { return Errorf("E_STOPPED", p, p, "0") }
