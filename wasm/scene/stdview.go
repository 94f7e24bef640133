package scene

import "handleviz/kernel"

// StdView is one standard handle of a process column, drawn in a scenario
// about standard handles (console.go): a console handle value naming the
// process's console, or a handle naming an entry of its table (a
// redirected child's stdout naming a pipe's write end, a SetStdHandle).
type StdView struct {
	Which   string // "stdin", "stdout", "stderr"
	Handle  kernel.Handle
	Console int             // the console a console handle value (0x3, 0x7, 0xB) names (0: not one)
	Obj     kernel.ObjectID // the object the value names in the process's table (0: none)
	Type    string
	Role    string
	Name    string
}

var stdNames = [3]string{"stdin", "stdout", "stderr"}

var consoleStd = [3]kernel.Handle{kernel.ConsoleInput, kernel.ConsoleOutput, kernel.ConsoleError}

// stdViews lists a live process's three standard handles and what each
// names; nil for an exited process.
func stdViews(st *kernel.State, pi *kernel.ProcessInfo, names map[kernel.PID]string) []StdView {
	if pi.Exited {
		return nil
	}
	out := make([]StdView, 0, 3)
	for i, h := range pi.Std {
		v := StdView{Which: stdNames[i], Handle: h}
		switch {
		case kernel.IsConsoleHandle(h) && pi.Console != 0:
			v.Console = pi.Console
		case h != 0:
			if e, _, ok := pi.Lookup(h); ok {
				if o := st.Object(e.Object); o != nil {
					v.Obj, v.Type, v.Role, v.Name = o.ID, o.Type.String(), Role(o), ObjName(o, names)
				}
			}
		}
		out = append(out, v)
	}
	return out
}
