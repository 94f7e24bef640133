package scene

import "handleviz/kernel"

// StdView is one standard handle of a process column whose standard
// handles are not simply its console's (kernel/console.go): a redirected
// child's stdout naming a pipe's write end, or a SetStdHandle. A process
// on its console with the console's own handles shows none, so lessons
// that never touch standard handles look as before.
type StdView struct {
	Which   string // "stdin", "stdout", "stderr"
	Handle  kernel.Handle
	Console bool            // a console handle value (0x3, 0x7, 0xB): the process's console
	Obj     kernel.ObjectID // the object the value names in the process's table (0: none)
	Type    string
	Role    string
	Name    string
}

var stdNames = [3]string{"stdin", "stdout", "stderr"}

var consoleStd = [3]kernel.Handle{kernel.ConsoleInput, kernel.ConsoleOutput, kernel.ConsoleError}

// stdViews lists a process's standard handles when any of them is not its
// console's default; nil otherwise.
func stdViews(st *kernel.State, pi *kernel.ProcessInfo, names map[kernel.PID]string) []StdView {
	if pi.Exited || pi.Console != 0 && pi.Std == consoleStd {
		return nil
	}
	out := make([]StdView, 0, 3)
	for i, h := range pi.Std {
		v := StdView{Which: stdNames[i], Handle: h, Console: kernel.IsConsoleHandle(h) && pi.Console != 0}
		if !v.Console && h != 0 {
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
