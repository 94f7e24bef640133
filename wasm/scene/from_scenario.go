package scene

import (
	"strconv"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/scenario"
)

// FromScenario converts the interpreter's trace to the player's.
func FromScenario(tr *scenario.Trace, src string) *Trace { return convertTrace(tr, src, nil) }

// convertTrace is FromScenario calling pause (if not nil) about every
// pauseEvery variables and events converted (CompileWith).
func convertTrace(tr *scenario.Trace, src string, pause func()) *Trace {
	out := &Trace{
		Title:   Text{En: tr.Lesson.Title.En, Ko: tr.Lesson.Title.Ko},
		Source:  src,
		StateAt: tr.StateAt,
	}
	if tr.Err != nil {
		out.Err = diag(tr.Err)
	}
	out.StdIO = usesStdIO(tr, src)
	pids := map[string]kernel.PID{}
	for _, p := range tr.Processes {
		pids[p.Name] = p.PID
	}
	// The interpreter shares a process's variable list between the steps
	// that do not change it, and charges its budget only for the lists it
	// builds; converting every list on every step made the view's cost
	// steps × variables, outside any budget (200 variables and an endless
	// loop froze the page). A list seen before is converted once.
	converted := map[*scenario.VarView][]Var{}
	console := map[kernel.PID][]string{}
	var partial = map[kernel.PID]bool{} // last console line not ended by \n
	work := 0
	for i := range tr.Steps {
		s := tr.Steps[i]
		if work += 1 + len(s.Events); pause != nil && work >= pauseEvery {
			pause()
			work = 0
		}
		st := Step{
			Process: s.Process, PID: s.PID,
			Line: s.Span.Start.Line, Col: s.Span.Start.Col, EndLine: s.Span.End.Line, EndCol: s.Span.End.Col,
			Text:         s.Text,
			Caption:      Text{En: s.Caption.En, Ko: s.Caption.Ko},
			LastError:    s.LastError,
			HasLastError: s.Call != "",
			Events:       s.Events,
		}
		if s.Span.End.Col == 1 && st.EndLine > st.Line {
			st.EndLine-- // [Start, End) ending at the start of a line
		}
		if s.Return != nil {
			st.Result = s.Call + " → " + s.Return.Text
		}
		st.WaitingIn = s.Waiting
		if len(s.Expects) > 0 {
			ok := true
			for _, e := range s.Expects {
				ok = ok && e.OK
			}
			st.Expect = &ok
		}
		if s.Console != "" {
			pid := s.PID
			lines := strings.Split(s.Console, "\n")
			for j, l := range lines {
				if j == len(lines)-1 && l == "" {
					partial[pid] = false
					break
				}
				if j == 0 && partial[pid] && len(console[pid]) > 0 {
					console[pid][len(console[pid])-1] += l
				} else {
					console[pid] = append(console[pid], l)
				}
				partial[pid] = j == len(lines)-1
			}
		}
		st.Console = map[kernel.PID][]string{}
		for pid, c := range console {
			st.Console[pid] = c[:len(c):len(c)]
		}
		st.Vars = map[kernel.PID][]Var{}
		for _, pv := range s.Vars {
			if len(pv.Vars) > 0 {
				if vs, ok := converted[&pv.Vars[len(pv.Vars)-1]]; ok && len(vs) == len(pv.Vars) {
					st.Vars[pids[pv.Process]] = vs
					continue
				}
			}
			work += len(pv.Vars)
			vs := make([]Var, 0, len(pv.Vars))
			for _, v := range pv.Vars {
				sv := Var{Name: v.Name, Type: v.Type, Value: v.Value}
				if v.Type == "HANDLE" {
					if n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(v.Value), "0x"), 16, 64); err == nil {
						sv.IsHandle, sv.Handle = true, kernel.Handle(n)
					}
				}
				vs = append(vs, sv)
			}
			if len(pv.Vars) > 0 {
				converted[&pv.Vars[len(pv.Vars)-1]] = vs
			}
			st.Vars[pids[pv.Process]] = vs
		}
		out.Steps = append(out.Steps, st)
	}
	return out
}
