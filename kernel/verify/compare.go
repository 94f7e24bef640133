package verify

import (
	"fmt"
	"sort"
	"strings"
)

// Difference is one step where Wine does not do what the model says.
type Difference struct {
	Step    int    // the model's step index
	Line    int    // the statement's line
	Process string // the process that ran it
	What    string // what differs
	Model   string
	Wine    string
	Known   *Known // set when this is a documented Wine-vs-Windows (or model) difference
}

// Renaming maps one process's model handle values to Wine's, both ways:
// Wine's processes hold handles of their own, so absolute values differ
// while the relations (same slot, lowest free slot, same value in the
// child) must agree.
type Renaming struct {
	toWine, toModel map[uint64]uint64
}

func newRenaming() *Renaming {
	return &Renaming{toWine: map[uint64]uint64{}, toModel: map[uint64]uint64{}}
}

// slot drops the two low bits, which Windows ignores in a handle value.
func slot(h uint64) uint64 { return h &^ 3 }

// pair records m <-> w; it returns a description of the clash when either
// value is already paired with another.
func (r *Renaming) pair(m, w uint64) string {
	m, w = slot(m), slot(w)
	if pw, ok := r.toWine[m]; ok && pw != w {
		return fmt.Sprintf("model slot 0x%X was Wine's 0x%X before, now Wine uses 0x%X", m, pw, w)
	}
	if pm, ok := r.toModel[w]; ok && pm != m {
		return fmt.Sprintf("Wine slot 0x%X was the model's 0x%X before, now the model uses 0x%X", w, pm, m)
	}
	r.toWine[m], r.toModel[w] = w, m
	return ""
}

// special values are the same in both: NULL and the pseudo handles.
func special(h uint64) bool {
	return h == 0 || h >= 0xFFFFFFFFFFFFFF00
}

// wineType is the Wine (NT) type name of a model object type.
var wineType = map[string]string{
	"Process": "Process", "Thread": "Thread", "Event": "Event", "Mutex": "Mutant",
	"Semaphore": "Semaphore", "File": "File", "Section": "Section", "Timer": "Timer",
	"Job": "Job", "Pipe": "File", "NamedPipe": "File", "Mailslot": "File",
}

// Compare matches the Wine logs with the model's steps, process by process.
func Compare(m *Model, logs map[string]*WineLog) []Difference {
	var diffs []Difference
	seen := map[string]bool{}
	add := func(ms *ModelStep, what, model, wine string) {
		plain := what
		if i := strings.Index(what, ": "); strings.HasPrefix(what, "after ") && i >= 0 {
			plain = what[i+2:]
		}
		key := ms.Process + "\x00" + plain + "\x00" + model + "\x00" + wine
		if seen[key] {
			return // a lasting difference is reported where it starts
		}
		seen[key] = true
		diffs = append(diffs, Difference{Step: ms.Index, Line: ms.Line, Process: ms.Process, What: what, Model: model, Wine: wine})
	}
	names := map[string]*Renaming{}
	for _, r := range m.Plan.Roles {
		names[r] = newRenaming()
	}
	// Steps of each process, in order.
	byProc := map[string][]int{}
	for i, s := range m.Steps {
		byProc[s.Process] = append(byProc[s.Process], i)
	}
	// Processes are compared in the order they first run, so that a
	// parent's renaming exists when its child inherits.
	var order []string
	for _, s := range m.Steps {
		if len(order) == 0 || !contains(order, s.Process) {
			order = append(order, s.Process)
		}
	}
	// The comparison walks all processes' steps in trace order (a child's
	// inherited handles are checked against its parent's renaming then).
	next := map[string]int{}
	prevModel := map[string]map[uint64]Entry{}
	prevWine := map[string]map[uint64]Entry{}
	stopped := map[string]bool{}
	checkTable := func(ms *ModelStep, p, label string, mtab, wtab []Entry) {
		ren := names[p]
		mt, wt := map[uint64]Entry{}, map[uint64]Entry{}
		for _, e := range mtab {
			mt[slot(e.Handle)] = e
		}
		for _, e := range wtab {
			wt[slot(e.Handle)] = e
		}
		var newM, newW []uint64
		for h, e := range mt {
			if pe, ok := prevModel[p][h]; !ok || pe.Object != e.Object {
				newM = append(newM, h)
			}
		}
		for h := range wt {
			if _, ok := prevWine[p][h]; !ok {
				newW = append(newW, h)
			} else if w, ok := ren.toModel[h]; ok {
				// A slot closed and reused within one step looks
				// unchanged in Wine; the model says a new object.
				if pe, ok := prevModel[p][w]; ok && mt[w].Object != pe.Object && mt[w].Object != 0 {
					newW = append(newW, h)
				}
			}
		}
		sort.Slice(newM, func(a, b int) bool { return newM[a] < newM[b] })
		sort.Slice(newW, func(a, b int) bool { return newW[a] < newW[b] })
		if len(newM) != len(newW) {
			add(ms, label+"new handles", hexList(newM), hexList(newW))
		} else {
			for j := range newM {
				if clash := ren.pair(newM[j], newW[j]); clash != "" {
					add(ms, label+"handle value", fmt.Sprintf("0x%X", newM[j]), clash)
				}
				// An inherited handle has its parent's value.
				if par := ms.ParentName; par != "" && prevModel[p] == nil && prevModel[par][newM[j]].Object == mt[newM[j]].Object {
					if pw, ok := names[par].toWine[newM[j]]; ok && pw != newW[j] {
						add(ms, label+"inherited handle value", fmt.Sprintf("0x%X, as in %s", newM[j], par), fmt.Sprintf("0x%X, %s has 0x%X", newW[j], par, pw))
					}
				}
			}
		}
		for h, e := range mt {
			w, ok := ren.toWine[h]
			if !ok {
				continue
			}
			we, ok := wt[w]
			if !ok {
				add(ms, label+fmt.Sprintf("handle 0x%X", h), "open", "closed")
				continue
			}
			if e.Flags != we.Flags {
				add(ms, label+fmt.Sprintf("flags of handle 0x%X", h), fmt.Sprint(e.Flags), fmt.Sprint(we.Flags))
			}
			if e.Access != we.Access {
				add(ms, label+fmt.Sprintf("access of handle 0x%X (%s)", h, e.Type), fmt.Sprintf("0x%X", e.Access), fmt.Sprintf("0x%X", we.Access))
			}
			if e.HandleCount != we.HandleCount {
				add(ms, label+fmt.Sprintf("handle count of 0x%X (%s)", h, e.Type), fmt.Sprint(e.HandleCount), fmt.Sprint(we.HandleCount))
			}
			if t := wineType[e.Type]; t != "" && t != we.Type {
				add(ms, label+fmt.Sprintf("type of handle 0x%X", h), e.Type, we.Type)
			}
		}
		for w := range wt {
			if h, ok := ren.toModel[w]; !ok || mt[h].Object == 0 {
				if _, isNew := indexOf(newW, w); !isNew || len(newM) == len(newW) {
					if !ok {
						add(ms, label+"handle table", "no such handle", fmt.Sprintf("0x%X open (%s)", w, wt[w].Type))
					} else {
						add(ms, label+fmt.Sprintf("handle 0x%X", h), "closed", "open")
					}
				}
			}
		}
		prevModel[p], prevWine[p] = mt, wt
	}
	snaps := 0
	// doSnaps compares idle processes' tables at the end of the sections
	// that end before trace step limit.
	doSnaps := func(limit int) {
		for ; snaps < len(m.Snaps) && m.Snaps[snaps].LastStep < limit; snaps++ {
			sn := &m.Snaps[snaps]
			log := logs[sn.Process]
			if log == nil || stopped[sn.Process] {
				continue
			}
			wtab, ok := log.Snaps[sn.Section]
			if !ok {
				continue // it was running or waiting in a call
			}
			at := &ModelStep{Index: sn.LastStep, Line: sn.Line, Process: sn.Process, ParentName: m.Parent[sn.Process]}
			checkTable(at, sn.Process, "after "+m.sectionText(sn.Section)+": ", sn.Table, wtab)
		}
	}
	// A handle value another process's table holds (DuplicateHandle's
	// target) is resolved once that table has been seen.
	type later struct {
		ms     *ModelStep
		what   string
		mv, wv uint64
		want   bool
	}
	var deferred []later
	for i := range m.Steps {
		ms := &m.Steps[i]
		doSnaps(ms.Index)
		p := ms.Process
		if stopped[p] {
			continue
		}
		log := logs[p]
		if log == nil {
			add(ms, "process", "runs", "no log (the process did not start)")
			stopped[p] = true
			continue
		}
		k := next[p]
		next[p]++
		if k >= len(log.Steps) {
			wine := "not reached"
			if ms.Waiting || (k > 0 && log.Steps[k-1].Section != m.Steps[byProc[p][k-1]].Section) {
				wine = "still waiting"
			}
			if ms.Waiting && ms.Completed < 0 {
				// Waits for ever in both: the run ended it.
				stopped[p] = true
				continue
			}
			add(ms, "step", "returns", wine)
			stopped[p] = true
			continue
		}
		ws := &log.Steps[k]
		if ws.Line != ms.Line {
			add(ms, "control flow", fmt.Sprintf("line %d", ms.Line), fmt.Sprintf("line %d", ws.Line))
			stopped[p] = true
			continue
		}
		// When the call returns: in its own section, or in the section of
		// the step that completes the wait.
		wantSec := ms.Section
		if ms.Waiting {
			if ms.Completed < 0 {
				add(ms, "waiting", "waits for ever", "returned in section "+fmt.Sprint(ws.Section))
				stopped[p] = true
				continue
			}
			wantSec = m.sectionOfStep(ms.Completed)
		}
		if ws.Section != wantSec {
			add(ms, "returns in section", m.sectionText(wantSec), m.sectionText(ws.Section))
		}
		// Handle table: new rows pair up in slot order.
		if !ms.Exit && ws.Called != 3 && !ms.Waiting {
			checkTable(ms, p, "", ms.Table, ws.Table)
		}
		// The call's result and the last error.
		if ms.HasRet && ws.Called == 1 {
			k := win32[baseName(ms.Call)]
			switch {
			case pidCall[baseName(ms.Call)]:
			case k == retHandle:
				if same, _ := m.sameHandle(names, p, ms.Ret, ws.Ret); !same {
					add(ms, ms.Call+" returns", fmt.Sprintf("0x%X", ms.Ret), fmt.Sprintf("0x%X", ws.Ret))
				}
			default:
				if uint32(ms.Ret) != uint32(ws.Ret) {
					add(ms, ms.Call+" returns", fmt.Sprint(uint32(ms.Ret)), fmt.Sprint(uint32(ws.Ret)))
				}
			}
		}
		if ms.Err != ws.Err {
			add(ms, "GetLastError", errName(ms.Err), errName(ws.Err))
		}
		// HANDLE variables, through the renaming.
		if !ms.Waiting && ws.Called != 3 {
			for name, mv := range ms.Vars {
				wv, ok := ws.Vars[name]
				if !ok {
					continue
				}
				if same, _ := m.sameHandle(names, p, mv, wv); !same {
					deferred = append(deferred, later{ms, "variable " + name, mv, wv, true})
				}
			}
		}
		// expects: a handle compared with a number is checked through
		// the renaming.
		if len(ms.Expects) != len(ws.Expects) {
			add(ms, "expects", fmt.Sprint(len(ms.Expects)), fmt.Sprint(len(ws.Expects)))
		} else {
			absOK := true
			for _, a := range ws.Abs {
				if same, _ := m.sameHandle(names, p, a.Literal, a.Wine); same != a.Equal {
					deferred = append(deferred, later{ms, "handle compared with a number", a.Literal, a.Wine, a.Equal})
				}
			}
			for j := range ms.Expects {
				w := ws.Expects[j] && absOK
				if ms.Expects[j] != w {
					add(ms, "expect", okText(ms.Expects[j]), okText(w))
				}
			}
		}
	}
	doSnaps(1 << 62)
	for _, d := range deferred {
		same, known := m.sameHandle(names, d.ms.Process, d.mv, d.wv)
		if !known {
			add(d.ms, d.what, fmt.Sprintf("0x%X", d.mv), fmt.Sprintf("0x%X (no handle of Wine's seen for it)", d.wv))
		} else if same != d.want {
			add(d.ms, d.what, fmt.Sprintf("0x%X", d.mv), fmt.Sprintf("0x%X", d.wv))
		}
	}
	sort.SliceStable(diffs, func(a, b int) bool { return diffs[a].Step < diffs[b].Step })
	return diffs
}

// pidCall are calls returning PIDs and TIDs: the model numbers from 1000,
// Wine from its own counter; not comparable.
var pidCall = map[string]bool{"GetProcessId": true, "GetCurrentProcessId": true, "GetCurrentThreadId": true}

// sameHandle says whether the model's value m and Wine's w name the same
// slot: in the step's process, else in any process (a value handed to
// another process's table by DuplicateHandle). known is false when no
// process has a pairing for m yet.
func (m *Model) sameHandle(names map[string]*Renaming, proc string, mv, wv uint64) (same, known bool) {
	if special(mv) || special(wv) {
		return mv == wv, true
	}
	if w, ok := names[proc].toWine[slot(mv)]; ok && w == slot(wv) {
		return true, true
	}
	for _, r := range names {
		if w, ok := r.toWine[slot(mv)]; ok {
			known = true
			if w == slot(wv) {
				return true, true
			}
		}
	}
	return false, known
}

func (m *Model) sectionOfStep(traceIndex int) int {
	for _, s := range m.Steps {
		if s.Index == traceIndex {
			return s.Section
		}
	}
	return -1
}

func (m *Model) sectionText(k int) string {
	if k < 0 || k >= len(m.Plan.Sections) {
		return fmt.Sprintf("section %d", k)
	}
	s := m.Plan.Sections[k]
	name := "process statement"
	if s.Role >= 0 {
		name = "@" + m.Plan.Roles[s.Role]
	}
	line := 0
	for i := 0; i < len(m.File.Src) && i < s.Begin; i++ {
		if m.File.Src[i] == '\n' {
			line++
		}
	}
	return fmt.Sprintf("%s at line %d", name, line+1)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func indexOf(xs []uint64, x uint64) (int, bool) {
	for i, y := range xs {
		if y == x {
			return i, true
		}
	}
	return -1, false
}

func hexList(xs []uint64) string {
	if len(xs) == 0 {
		return "none"
	}
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("0x%X", x)
	}
	return s
}

func okText(b bool) string {
	if b {
		return "holds"
	}
	return "fails"
}

var errNames = map[uint32]string{0: "ERROR_SUCCESS", 2: "ERROR_FILE_NOT_FOUND", 5: "ERROR_ACCESS_DENIED",
	6: "ERROR_INVALID_HANDLE", 87: "ERROR_INVALID_PARAMETER", 109: "ERROR_BROKEN_PIPE", 183: "ERROR_ALREADY_EXISTS",
	231: "ERROR_PIPE_BUSY", 232: "ERROR_NO_DATA", 233: "ERROR_PIPE_NOT_CONNECTED",
	535: "ERROR_PIPE_CONNECTED", 536: "ERROR_PIPE_LISTENING", 203: "ERROR_ENVVAR_NOT_FOUND", 24: "ERROR_BAD_LENGTH",
	18: "ERROR_NO_MORE_FILES", 288: "ERROR_NOT_OWNER", 298: "ERROR_TOO_MANY_POSTS", 1: "ERROR_INVALID_FUNCTION",
	123: "ERROR_INVALID_NAME", 161: "ERROR_BAD_PATHNAME", 3: "ERROR_PATH_NOT_FOUND", 32: "ERROR_SHARING_VIOLATION",
	80: "ERROR_FILE_EXISTS", 258: "WAIT_TIMEOUT", 1400: "ERROR_INVALID_WINDOW_HANDLE", 4: "ERROR_TOO_MANY_OPEN_FILES",
	6118: "ERROR_NO_BROWSER_SERVERS_FOUND", 8: "ERROR_NOT_ENOUGH_MEMORY", 1450: "ERROR_NO_SYSTEM_RESOURCES",
	2404: "ERROR_DEVICE_IN_USE", 121: "ERROR_SEM_TIMEOUT", 234: "ERROR_MORE_DATA", 998: "ERROR_NOACCESS",
	1168: "ERROR_NOT_FOUND"}

func errName(e uint32) string {
	if n, ok := errNames[e]; ok {
		return fmt.Sprintf("%s (%d)", n, e)
	}
	return fmt.Sprint(e)
}
