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
	c := newComparer(m, logs)
	for i := range m.Steps {
		ms := &m.Steps[i]
		c.compareSnaps(ms.Index)
		c.compareStep(ms)
	}
	c.compareSnaps(1 << 62)
	c.resolveDeferred()
	sort.SliceStable(c.diffs, func(a, b int) bool { return c.diffs[a].Step < c.diffs[b].Step })
	return c.diffs
}

// comparer walks all processes' steps in trace order (a child's inherited
// handles are checked against its parent's renaming then), keeping one
// renaming per process and what each table held at its last step.
type comparer struct {
	m        *Model
	logs     map[string]*WineLog
	diffs    []Difference
	seen     map[string]bool // differences already reported
	names    map[string]*Renaming
	byProc   map[string][]int // trace indexes of each process's steps
	next     map[string]int   // each process's next Wine step
	prevM    map[string]map[uint64]Entry
	prevW    map[string]map[uint64]Entry
	stopped  map[string]bool // no further comparison makes sense
	snaps    int             // m.Snaps compared so far
	deferred []laterCheck
}

// laterCheck is a handle value another process's table holds
// (DuplicateHandle's target), resolved once that table has been seen.
type laterCheck struct {
	ms     *ModelStep
	what   string
	mv, wv uint64
	want   bool
}

func newComparer(m *Model, logs map[string]*WineLog) *comparer {
	c := &comparer{m: m, logs: logs, seen: map[string]bool{}, names: map[string]*Renaming{},
		byProc: map[string][]int{}, next: map[string]int{}, stopped: map[string]bool{},
		prevM: map[string]map[uint64]Entry{}, prevW: map[string]map[uint64]Entry{}}
	for _, r := range m.Plan.Roles {
		c.names[r] = newRenaming()
	}
	for i, s := range m.Steps {
		c.byProc[s.Process] = append(c.byProc[s.Process], i)
	}
	return c
}

// add records a difference once: a lasting difference is reported where
// it starts.
func (c *comparer) add(ms *ModelStep, what, model, wine string) {
	plain := what
	if i := strings.Index(what, ": "); strings.HasPrefix(what, "after ") && i >= 0 {
		plain = what[i+2:]
	}
	key := ms.Process + "\x00" + plain + "\x00" + model + "\x00" + wine
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.diffs = append(c.diffs, Difference{Step: ms.Index, Line: ms.Line, Process: ms.Process, What: what, Model: model, Wine: wine})
}

// compareStep compares one model step with the process's next Wine step.
func (c *comparer) compareStep(ms *ModelStep) {
	p := ms.Process
	if c.stopped[p] {
		return
	}
	ws := c.wineStep(ms)
	if ws == nil {
		return
	}
	if !c.checkTiming(ms, ws) {
		return
	}
	// Handle table: new rows pair up in slot order.
	if !ms.Exit && ws.Called != 3 && !ms.Waiting {
		c.checkTable(ms, p, "", ms.Table, ws.Table)
	}
	c.checkResult(ms, ws)
	if !ms.Waiting && ws.Called != 3 {
		c.checkVars(ms, ws)
	}
	c.checkExpects(ms, ws)
}

// wineStep returns the Wine step that matches ms, or nil (after reporting
// why) when the process did not start, did not get there or went
// elsewhere.
func (c *comparer) wineStep(ms *ModelStep) *WineStep {
	p := ms.Process
	log := c.logs[p]
	if log == nil {
		c.add(ms, "process", "runs", "no log (the process did not start)")
		c.stopped[p] = true
		return nil
	}
	k := c.next[p]
	c.next[p]++
	if k >= len(log.Steps) {
		wine := "not reached"
		if ms.Waiting || (k > 0 && log.Steps[k-1].Section != c.m.Steps[c.byProc[p][k-1]].Section) {
			wine = "still waiting"
		}
		c.stopped[p] = true
		if ms.Waiting && ms.Completed < 0 {
			return nil // waits for ever in both: the run ended it
		}
		c.add(ms, "step", "returns", wine)
		return nil
	}
	ws := &log.Steps[k]
	if ws.Line != ms.Line {
		c.add(ms, "control flow", fmt.Sprintf("line %d", ms.Line), fmt.Sprintf("line %d", ws.Line))
		c.stopped[p] = true
		return nil
	}
	return ws
}

// checkTiming checks when the call returned: in its own section, or in the
// section of the step that completes the wait. It returns false when the
// rest of the process cannot be compared.
func (c *comparer) checkTiming(ms *ModelStep, ws *WineStep) bool {
	wantSec := ms.Section
	if ms.Waiting {
		if ms.Completed < 0 {
			c.add(ms, "waiting", "waits for ever", "returned in section "+fmt.Sprint(ws.Section))
			c.stopped[ms.Process] = true
			return false
		}
		wantSec = c.m.sectionOfStep(ms.Completed)
	}
	if ws.Section != wantSec {
		c.add(ms, "returns in section", c.m.sectionText(wantSec), c.m.sectionText(ws.Section))
	}
	return true
}

// checkResult compares the call's result and the last error.
func (c *comparer) checkResult(ms *ModelStep, ws *WineStep) {
	if ms.HasRet && ws.Called == 1 {
		k := win32[baseName(ms.Call)]
		switch {
		case pidCall[baseName(ms.Call)]:
		case k == retHandle:
			if same, _ := c.m.sameHandle(c.names, ms.Process, ms.Ret, ws.Ret); !same {
				c.add(ms, ms.Call+" returns", fmt.Sprintf("0x%X", ms.Ret), fmt.Sprintf("0x%X", ws.Ret))
			}
		default:
			if uint32(ms.Ret) != uint32(ws.Ret) {
				c.add(ms, ms.Call+" returns", fmt.Sprint(uint32(ms.Ret)), fmt.Sprint(uint32(ws.Ret)))
			}
		}
	}
	if ms.Err != ws.Err {
		c.add(ms, "GetLastError", errName(ms.Err), errName(ws.Err))
	}
}

// checkVars compares HANDLE variables through the renaming.
func (c *comparer) checkVars(ms *ModelStep, ws *WineStep) {
	for name, mv := range ms.Vars {
		wv, ok := ws.Vars[name]
		if !ok {
			continue
		}
		if same, _ := c.m.sameHandle(c.names, ms.Process, mv, wv); !same {
			c.deferred = append(c.deferred, laterCheck{ms, "variable " + name, mv, wv, true})
		}
	}
}

// checkExpects compares the expects; a handle compared with a number is
// checked through the renaming.
func (c *comparer) checkExpects(ms *ModelStep, ws *WineStep) {
	if len(ms.Expects) != len(ws.Expects) {
		c.add(ms, "expects", fmt.Sprint(len(ms.Expects)), fmt.Sprint(len(ws.Expects)))
		return
	}
	for _, a := range ws.Abs {
		if same, _ := c.m.sameHandle(c.names, ms.Process, a.Literal, a.Wine); same != a.Equal {
			c.deferred = append(c.deferred, laterCheck{ms, "handle compared with a number", a.Literal, a.Wine, a.Equal})
		}
	}
	for j := range ms.Expects {
		if ms.Expects[j] != ws.Expects[j] {
			c.add(ms, "expect", okText(ms.Expects[j]), okText(ws.Expects[j]))
		}
	}
}

// compareSnaps compares idle processes' tables at the end of the sections
// that end before trace step limit.
func (c *comparer) compareSnaps(limit int) {
	m := c.m
	for ; c.snaps < len(m.Snaps) && m.Snaps[c.snaps].LastStep < limit; c.snaps++ {
		sn := &m.Snaps[c.snaps]
		log := c.logs[sn.Process]
		if log == nil || c.stopped[sn.Process] {
			continue
		}
		wtab, ok := log.Snaps[sn.Section]
		if !ok {
			continue // it was running or waiting in a call
		}
		at := &ModelStep{Index: sn.LastStep, Line: sn.Line, Process: sn.Process, ParentName: m.Parent[sn.Process]}
		c.checkTable(at, sn.Process, "after "+m.sectionText(sn.Section)+": ", sn.Table, wtab)
	}
}

// resolveDeferred checks the handle values that had to wait for another
// process's table.
func (c *comparer) resolveDeferred() {
	for _, d := range c.deferred {
		same, known := c.m.sameHandle(c.names, d.ms.Process, d.mv, d.wv)
		if !known {
			c.add(d.ms, d.what, fmt.Sprintf("0x%X", d.mv), fmt.Sprintf("0x%X (no handle of Wine's seen for it)", d.wv))
		} else if same != d.want {
			c.add(d.ms, d.what, fmt.Sprintf("0x%X", d.mv), fmt.Sprintf("0x%X", d.wv))
		}
	}
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
