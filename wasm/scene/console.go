package scene

import (
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/scenario"
)

// The console, drawn only for a scenario about standard handles.
//
// A console process's standard handles are the values 0x3, 0x7 and 0xB
// (kernel/console.go): not entries of its handle table but names of its
// console, which the console server keeps. A lesson that only prints
// (printf on the console it started with) keeps the column's console text
// as before; a scenario that asks for its standard handles
// (GetStdHandle, SetStdHandle), redirects them (STARTF_USESTDHANDLES),
// gives a child a console of its own or none, or types console input, gets
// every column's three standard handles and a card per console listing who
// is attached and what its screen shows.

// ConsoleView is one console's card.
type ConsoleView struct {
	N      int      // 1, 2, … in creation order
	Procs  []string // the processes attached to it, in column order
	Screen []string // what they printed to it, process by process
	Rect   Rect
}

// StdLink is a dashed arrow from a column's standard handle (Which: 0
// stdin, 1 stdout, 2 stderr) to its console's card.
type StdLink struct {
	PID     kernel.PID
	Which   int
	Console int
	D       string
}

// StdLines is how many lines a column's standard-handle section holds.
const StdLines = 3

// usesStdIO reports whether a scenario is about its standard handles (see
// the comment above). Only the states after the first few process
// creations are looked at (each is a snapshot to rebuild; a loop starting
// hundreds of processes would pay for every one).
func usesStdIO(tr *scenario.Trace, src string) bool {
	if strings.HasPrefix(src, "// stdin.") || strings.Contains(src, "\n// stdin.") {
		return true
	}
	checks := 32
	for i, s := range tr.Steps {
		// Call is a statement's last call: WriteFile(GetStdHandle(…), …)
		// names it in its text only.
		if s.Call == "GetStdHandle" || s.Call == "SetStdHandle" || strings.Contains(s.Text, "StdHandle(") {
			return true
		}
		for _, e := range s.Events {
			if e.Kind == kernel.EvStdHandleSet {
				return true
			}
			if e.Kind == kernel.EvProcessCreated && checks > 0 {
				checks--
				if stdChanged(tr.StateAt(i), e.TargetPID) {
					return true
				}
			}
		}
	}
	return false
}

// stdChanged reports whether a new process's standard handles or console
// differ from what a console child of a console parent gets by default.
func stdChanged(st *kernel.State, pid kernel.PID) bool {
	p := st.Process(pid)
	if p == nil {
		return false
	}
	pi := p.Proc
	if pi.Console == 0 || pi.Std != consoleStd {
		return true
	}
	if par := st.Process(pi.ParentPID); par != nil && par.Proc.Console != pi.Console {
		return true
	}
	return false
}

// consoleCards lays out one card per console in use, after the other cards.
func (b *builder) consoleCards() {
	if !b.stdIO {
		return
	}
	byN := map[int]int{} // console number → index in sc.Consoles
	for i, p := range b.procs {
		n := p.Proc.Console
		if n == 0 {
			continue
		}
		k, ok := byN[n]
		if !ok {
			k = len(b.sc.Consoles)
			byN[n] = k
			b.sc.Consoles = append(b.sc.Consoles, ConsoleView{N: n})
		}
		cv := &b.sc.Consoles[k]
		cv.Procs = append(cv.Procs, b.names[p.Proc.PID])
		cv.Screen = append(cv.Screen, b.sc.Procs[i].Console...)
	}
	cards := map[int]Rect{}
	for i := range b.sc.Consoles {
		b.sc.Consoles[i].Rect = b.sc.Kernel.Card(b.nCards)
		cards[b.sc.Consoles[i].N] = b.sc.Consoles[i].Rect
		b.nCards++
	}
	for _, pv := range b.sc.Procs {
		for k, v := range pv.Std {
			to, ok := cards[v.Console]
			if !ok || v.Console == 0 {
				continue
			}
			line := StdLineRect(pv, k)
			if !b.win.Has(line) && !b.win.Has(to) {
				continue
			}
			d, _, _ := ArrowPath(line, to, Lanes-1-k, b.sc.Kernel.Top)
			b.sc.StdLinks = append(b.sc.StdLinks, StdLink{PID: pv.PID, Which: k, Console: v.Console, D: d})
		}
	}
}

// StdLineRect is the box of standard handle k's line in a column: the
// standard-handle section is the column's last.
func StdLineRect(pv ProcView, k int) Rect {
	top := pv.Rect.Y + pv.Rect.H - float64(StdLines)*ConsoleH
	return Rect{X: pv.Rect.X, Y: top + float64(k)*ConsoleH, W: pv.Rect.W, H: ConsoleH}
}
