package scenario

import (
	"strings"

	"handleviz/kernel/syntax"
)

// bindParams gives a main function's parameters their values: main's
// name the process's argc and argv (and envp its environment), whatever
// they are called; WinMain's get the image base, NULL, the command line
// without the program name ("WinMain function", lpCmdLine) and
// SW_SHOWDEFAULT.
func (in *interp) bindParams(p *proc, s *syntax.FuncStmt) {
	sc := p.scopes[len(p.scopes)-1]
	sc.vars = map[string]*Var{}
	roles := syntax.MainFuncs[s.Name.Name]
	for i, prm := range s.Params {
		if prm.Name == nil {
			continue
		}
		var v *Var
		switch roles[i] {
		case "argc", "argv":
			v = p.scopes[0].vars[roles[i]] // the same variable, under the author's name
			sc.vars[prm.Name.Name] = v
			continue
		case "envp":
			var env []string
			if o := in.k.ProcessByPID(p.pid); o != nil {
				env = o.Proc.Env
			}
			v = &Var{T: tArgv, V: Value{T: tArgv, S: strings.Join(env, "\x00")}}
		case "hInstance":
			v = &Var{T: tHANDLE, V: intVal(tHANDLE, 0x140000000)} // the x64 default image base
		case "hPrevInstance":
			v = &Var{T: tHANDLE, V: intVal(tHANDLE, 0)}
		case "lpCmdLine":
			line := ""
			if o := in.k.ProcessByPID(p.pid); o != nil {
				line = cmdTail(o.Proc.CommandLine)
			}
			v = &Var{T: tStr, V: strValue(tStr, line)}
		case "nCmdShow":
			v = &Var{T: tInt, V: intVal(tInt, 10)} // SW_SHOWDEFAULT
		}
		v.Name, v.Pos = prm.Name.Name, prm.Name.Pos
		sc.vars[v.Name] = v
		sc.order = append(sc.order, v)
		p.dirty = true
	}
}

// cmdTail is a command line without its program name, as WinMain's
// lpCmdLine.
func cmdTail(line string) string {
	s := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(s, `"`) {
		if i := strings.IndexByte(s[1:], '"'); i >= 0 {
			s = s[i+2:]
		} else {
			s = ""
		}
	} else if i := strings.IndexAny(s, " \t"); i >= 0 {
		s = s[i:]
	} else {
		s = ""
	}
	return strings.TrimLeft(s, " \t")
}
