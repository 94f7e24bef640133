package scenario

import "handleviz/kernel/syntax"

// resolveStopped carries E_STOPPED out of the resolver's recursion.
type resolveStopped struct{ err *syntax.Error }

// tick counts one statement or expression checked; when the pause hook
// says stop, the resolver ends with E_STOPPED at n.
func (r *resolver) tick(n syntax.Node) {
	if !r.pc.Tick() {
		p := n.Start()
		panic(resolveStopped{syntax.Errorf("E_STOPPED", p, p, "0")})
	}
}

// recoverStop turns a stop into the resolver's only error.
func (r *resolver) recoverStop(errs *syntax.ErrorList) {
	if v := recover(); v != nil {
		s, ok := v.(resolveStopped)
		if !ok {
			panic(v)
		}
		*errs = syntax.ErrorList{s.err}
	}
}
