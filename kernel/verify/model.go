package verify

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/scenario"
	"handleviz/kernel/syntax"
)

// This file is the one adapter between the runner's trace and the oracle:
// everything the comparison needs from the model is read here into plain
// values, so a change in the trace's shape touches only this file.

// Entry is one handle-table row, in the model's or in Wine's terms.
type Entry struct {
	Handle      uint64
	Object      uint32 // model only: the object's ID
	Access      uint32
	Flags       uint32
	HandleCount int
	Type        string // model type name (Event, Mutex, …) or Wine's (Event, Mutant, …)
}

// ModelStep is one step of one process, as the comparison sees it.
type ModelStep struct {
	Index      int
	Process    string
	Line, Col  int
	Offset     int
	Section    int
	Call       string
	HasRet     bool
	Ret        uint64
	Err        uint32
	Exit       bool // return / ExitProcess: the process ends in this step
	Waiting    bool // the call waits; CompletedAt is the step that ends it (-1: never)
	Completed  int
	Table      []Entry           // the process's table after the step (or after the completion)
	Vars       map[string]uint64 // HANDLE variables (and pi.hProcess/pi.hThread) after the step
	Expects    []bool
	ParentName string
}

// ModelSnap is a process's table at the end of a section.
type ModelSnap struct {
	Section  int
	LastStep int // trace index of the section's last step
	Line     int // its line
	Process  string
	Table    []Entry
}

// Model is the model's run of a scenario, prepared for the oracle.
type Model struct {
	Path  string // the scenario file, for the known differences
	File  *syntax.File
	Plan  *Plan
	Steps []ModelStep // in trace order, process steps only
	// Snaps are every live process's table when a section ends (Wine's
	// idle processes log theirs then).
	Snaps  []ModelSnap
	PIDs   map[uint64]bool
	Parent map[string]string
	// Objects at each step: (process, handle) -> object, to check that an
	// inherited handle names its parent's object.
	trace *scenario.Trace
}

var piField = regexp.MustCompile(`(hProcess|hThread)=([^,}]+)`)

// parseHandleText reads a HANDLE as the runner formats it.
func parseHandleText(s string) (uint64, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "NULL":
		return 0, true
	case strings.HasPrefix(s, "(HANDLE)"):
		n, err := strconv.ParseInt(s[len("(HANDLE)"):], 10, 64)
		return uint64(n), err == nil
	case strings.HasPrefix(s, "0x"):
		n, err := strconv.ParseUint(s[2:], 16, 64)
		return n, err == nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// LoadModel runs a scenario in the model and prepares what the translation
// and the comparison need.
func LoadModel(src string, opt scenario.Options) (*Model, error) {
	f, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	tr, err := scenario.Run(src, opt)
	if err != nil {
		return nil, err
	}
	if tr.Err != nil {
		return nil, fmt.Errorf("the model stops: %s", tr.Err.Text("en"))
	}
	m := &Model{File: f, trace: tr, PIDs: map[uint64]bool{}, Parent: map[string]string{}}
	plan := &Plan{Waits: map[int]bool{}}
	for _, p := range tr.Processes {
		plan.Roles = append(plan.Roles, p.Name)
		m.PIDs[uint64(p.PID)] = true
		m.PIDs[uint64(p.TID)] = true
		m.Parent[p.Name] = p.Parent
	}
	plan.Sections, err = Sections(f, plan.Roles)
	if err != nil {
		return nil, err
	}
	maxH := uint64(0)
	// Where each waiting call is completed: (process, line) -> step.
	type waitKey struct {
		proc string
		line int
	}
	pending := map[waitKey]int{}
	secOf := stepSections(tr, plan.Sections)
	for i, s := range tr.Steps {
		for _, c := range s.Completed {
			k := waitKey{c.Process, c.Line}
			if j, ok := pending[k]; ok {
				ms := &m.Steps[j]
				ms.Completed = i
				if c.Return != nil {
					ms.HasRet, ms.Ret = true, c.Return.Value
				} else {
					ms.HasRet = false
				}
				ms.Err = uint32(c.LastError)
				ms.Table = tableOf(tr.StateAt(i), tr, s.Process, ms.Process)
				delete(pending, k)
			}
		}
		if s.Process == "" {
			continue
		}
		ms := ModelStep{Index: i, Process: s.Process, Line: s.Span.Start.Line, Col: s.Span.Start.Col,
			Offset: s.Span.Start.Offset, Call: s.Call, Err: uint32(s.LastError), Completed: -1,
			ParentName: m.Parent[s.Process]}
		ms.Section = secOf[i]
		if s.Return != nil {
			ms.HasRet, ms.Ret = true, s.Return.Value
		}
		ms.Exit = s.Call == "ExitProcess" && s.Waiting == ""
		if s.Waiting != "" {
			ms.Waiting = true
			ms.HasRet = false
			plan.Waits[ms.Section] = true
			pending[waitKey{s.Process, ms.Line}] = len(m.Steps)
		}
		ms.Table = tableOf(tr.StateAt(i), tr, s.Process, s.Process)
		for _, e := range ms.Table {
			if e.Handle > maxH {
				maxH = e.Handle
			}
		}
		ms.Vars = map[string]uint64{}
		for _, pv := range s.Vars {
			if pv.Process != s.Process {
				continue
			}
			for _, v := range pv.Vars {
				switch v.Type {
				case "HANDLE":
					if n, ok := parseHandleText(v.Value); ok {
						ms.Vars[v.Name] = n
					}
				case "PROCESS_INFORMATION":
					for _, mt := range piField.FindAllStringSubmatch(v.Value, -1) {
						if n, ok := parseHandleText(mt[2]); ok {
							ms.Vars[v.Name+"."+mt[1]] = n
						}
					}
				}
			}
		}
		for _, e := range s.Expects {
			ms.Expects = append(ms.Expects, e.OK)
		}
		m.Steps = append(m.Steps, ms)
	}
	// The end of each section: its last step.
	last := map[int]int{}
	for i := range tr.Steps {
		last[secOf[i]] = i
	}
	for k := range plan.Sections {
		i, ok := last[k]
		if !ok {
			continue
		}
		st := tr.StateAt(i)
		for _, p := range tr.Processes {
			o := st.Process(p.PID)
			if p.First > i || o == nil || o.Proc == nil || o.Proc.Exited {
				continue
			}
			m.Snaps = append(m.Snaps, ModelSnap{Section: k, LastStep: i, Line: tr.Steps[i].Span.Start.Line, Process: p.Name, Table: tableOf(st, tr, "", p.Name)})
		}
	}
	// Wine's processes hold about 16 handles of their own below the
	// scenario's: probe well past the model's highest.
	plan.ProbeMax = int(maxH) + 0x200
	m.Plan = plan
	return m, nil
}

// tableOf is a process's handle table in a state.
func tableOf(st *kernel.State, tr *scenario.Trace, _ string, proc string) []Entry {
	var pid kernel.PID
	for _, p := range tr.Processes {
		if p.Name == proc {
			pid = p.PID
		}
	}
	o := st.Process(pid)
	if o == nil || o.Proc == nil {
		return nil
	}
	var out []Entry
	for _, e := range o.Proc.Entries() {
		obj := st.Object(e.Object)
		en := Entry{Handle: uint64(e.Handle), Object: uint32(e.Object), Access: e.Access, Flags: uint32(e.Flags)}
		if obj != nil {
			en.HandleCount = obj.HandleCount
			en.Type = obj.Type.String()
		}
		out = append(out, en)
	}
	return out
}

// stepSections is the section each step runs in. The driver hands the
// turn from section to section in file order, so a step runs in the
// latest section reached so far, with two kinds of steps that lie in no
// later section: a helper function's statements (at file scope) run in
// the section where their process next shows up, when that is the one
// starting now (its process's turn has come), else in the section under
// way; and a main function's statements after a wait (in an earlier
// section: the process woke while another section ran) run in the
// section under way.
func stepSections(tr *scenario.Trace, secs []Section) []int {
	out := make([]int, len(tr.Steps))
	cur := -1
	for i, s := range tr.Steps {
		k := SectionAt(secs, s.Span.Start.Offset)
		if k < 0 && s.Process != "" {
			for j := i + 1; j < len(tr.Steps); j++ {
				if tr.Steps[j].Process != s.Process {
					continue
				}
				if kj := SectionAt(secs, tr.Steps[j].Span.Start.Offset); kj >= 0 {
					k = kj
					break
				}
			}
		}
		if k > cur {
			cur = k
		}
		out[i] = cur
	}
	return out
}
