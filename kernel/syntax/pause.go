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

// pacer counts work and calls the pause hook; a nil pacer never pauses.
type pacer struct {
	pause   func() bool
	left    int
	stopped bool
}

func newPacer(pause func() bool) *pacer {
	if pause == nil {
		return nil
	}
	return &pacer{pause: pause, left: pauseEvery}
}

// tick counts one unit of work; it reports false once the hook has asked
// to stop (and from then on, without asking again).
func (pc *pacer) tick() bool {
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
