package scene

import (
	"fmt"
	"strings"

	"handleviz/kernel"
)

// Change marks what the current micro-step did to a row, a card or a
// process. The UI shows each with a text badge as well as a style, so
// nothing relies on colour alone.
type Change string

const (
	ChNone       Change = ""
	ChCreated    Change = "created"    // Create* made a new object / row
	ChOpened     Change = "opened"     // Open* or Create* of an existing name
	ChInherited  Change = "inherited"  // copied by CreateProcess
	ChDuplicated Change = "duplicated" // DuplicateHandle's new entry
	ChClosed     Change = "closed"     // removed (CloseHandle, exit, close-source)
	ChMoved      Change = "moved"      // removed by DUPLICATE_CLOSE_SOURCE together with its duplicate
	ChScanCopy   Change = "scan-copy"  // CreateProcess scan: this parent row is copied
	ChScanSkip   Change = "scan-skip"  // CreateProcess scan: this parent row is skipped
	ChRefused    Change = "refused"    // CloseHandle refused (protected)
	ChFlags      Change = "flags"      // SetHandleInformation changed the flags
	ChCount      Change = "count"      // usage count changed
	ChDestroyed  Change = "destroyed"  // object destroyed at 0
	ChState      Change = "state"      // type state changed (signaled, owner, count)
	ChExited     Change = "exited"     // process exited
	ChNew        Change = "new"        // process created
	ChWait       Change = "wait"       // started or finished waiting
	ChData       Change = "data"       // data written into or read from its buffer (the card's flow badges say how much)
)

// Scene is everything drawn for one position of the player.
type Scene struct {
	W, H    float64
	Procs   []ProcView
	Kernel  KernelLayout
	Objects []ObjView
	Arrows  []Arrow
	Travel  []Traveller
	Lookups []LookupView
	Names   []NameView
	// Joints link the two ends of each pipe (and a mailslot's clients to
	// it), drawn between their cards.
	Joints []Joint
	// NObjects is the number of object cards (Objects holds those inside
	// the window only).
	NObjects int
	// Focus is the first row the current step changed (nil: none), for the
	// UI to bring into view.
	Focus *Rect
	// NamesRect is the box of the namespace card (zero when no names).
	NamesRect Rect
	// Consoles are drawn only for a scenario about standard handles
	// (console.go).
	Consoles []ConsoleView
	// StdLinks run from each console handle value in a column to the card
	// of the console it names.
	StdLinks []StdLink
}

// ProcView is one process column.
type ProcView struct {
	PID, ParentPID kernel.PID
	Name, Parent   string
	Exited         bool
	ExitCode       uint32
	Wait           *WaitView // where it waits (nil: not waiting)
	Change         Change
	Rect           Rect // the whole column
	NRows          int  // table rows (Rows holds those inside the window)
	Rows           []RowView
	Vars           []Var
	Console        []string
	Std            []StdView // only in a scenario about standard handles (console.go)
}

// RowView is one handle-table row (a live entry, a free slot, or a ghost
// of an entry the current micro-step removed).
type RowView struct {
	Index  int
	Handle kernel.Handle
	Free   bool
	Ghost  bool // removed in this micro-step: drawn fading
	Obj    kernel.ObjectID
	Type   string
	Name   string
	Role   string // a pipe or mailslot end: see Role
	Addr   uint64
	Access uint32
	Flags  uint8
	Change Change
	Rect   Rect
}

// ObjView is one kernel object card.
type ObjView struct {
	ID          kernel.ObjectID
	Type        string
	Name        string
	Addr        uint64
	Usage       int
	HandleCount int
	KernelRefs  int
	Breakdown   []string // handles per process: "Parent 1", "Child 1" (the UI adds the kernel's references)
	Role        string   // a pipe or mailslot end: see Role
	Lines       []Line   // type state lines (translated by the UI)
	Pipe        *PipeView
	Waiters     []Line // who waits on the object: "❙❙ Parent waits in ReadFile"
	Flows       []Flow // data moved in this micro-step
	Change      Change
	Deltas      []Delta // usage changes in this micro-step
	Ghost       bool    // destroyed in this micro-step
	Rect        Rect
	Ord         int // the card's place in the kernel area's grid (0, 1, …)
}

// WaitView says where a process waits: the call, the handle it passed
// (0 when it waits on a name, as WaitNamedPipe does), and the object.
type WaitView struct {
	Call   string
	Handle kernel.Handle
	Type   string
	Role   string // pipe end, see Role
	Name   string
}

// PipeView is the data a pipe or mailslot end holds.
type PipeView struct {
	Holds    bool    // data waits at this end (false: a write end, a mailslot client)
	Messages bool    // kept as messages (message pipes, mailslots); else one byte stream
	Buffer   []Chunk // oldest first
	Gone     []Chunk // taken by a read in this micro-step (drawn leaving)
	Hidden   int     // chunks beyond what the card shows
}

// Chunk is one write's data (a message, or a piece of a byte stream).
type Chunk struct {
	Data string          // the bytes, exactly
	Unit kernel.DataUnit // how they are text (the writer's element type); see bytes.go
	New  bool            // written in this micro-step
}

// Flow is data that moved in this micro-step: written into this end's
// buffer (In), read out of it (Out), or sent by this end (Sent).
type Flow struct {
	Dir   string // "in", "out", "sent"
	Bytes int
	Who   string // the process that wrote or read
	More  bool   // a message read in part (ERROR_MORE_DATA)
}

// Joint links two cards: a pipe's write end to its read end, a named pipe's
// client to its server, a mailslot client to its mailslot. The arrow points
// where the data goes (for a named pipe, both ways).
type Joint struct {
	From, To kernel.ObjectID
	D        string
	Both     bool // a named pipe: data goes both ways
	Hot      bool // data went through it in this micro-step
}

// Delta is one usage-count change and its cause.
type Delta struct {
	From, To int
	Cause    kernel.Cause
	PID      kernel.PID
}

// Arrow links a row to its object card.
type Arrow struct {
	PID        kernel.PID
	Index      int
	Obj        kernel.ObjectID
	D          string
	Start, End Point
	Changed    bool
	Ghost      bool
}

// Traveller is a copy of a row that moves from From to To (inherit,
// duplicate) while the micro-step plays.
type Traveller struct {
	From, To Rect
	Handle   kernel.Handle
	Label    string
	Kind     Change // ChData for a data chip
	Dir      string // for data: "in" (writer → buffer) or "out" (buffer → reader)
}

// LookupView is a named-object lookup of this micro-step.
type LookupView struct {
	PID    kernel.PID
	Name   string
	Result kernel.Lookup
	Type   string
	Obj    kernel.ObjectID
}

// NameView is one entry of the object namespace.
type NameView struct {
	Name   string
	Type   string
	Addr   uint64
	Change Change
}

// Build lays out the scene after micro-step `to`, with the changes of
// micro-steps from..to highlighted (from == to for one micro-step; the
// statement's first micro-step when stepping by statement).
func Build(tl *Timeline, from, to int, win *Window) *Scene {
	if tl.Len() == 0 {
		return buildState(tl.Before(0), nil, nil, Step{}, nil, win, tl.Trace.StdIO)
	}
	if from > to {
		from = to
	}
	var evs []kernel.Event
	for m := from; m <= to; m++ {
		evs = append(evs, tl.Micros[m].Events...)
	}
	st := tl.State(to)
	return buildState(st, tl.Before(from), evs, tl.Trace.Steps[tl.Micros[to].Step], tl.Extent(), win, tl.Trace.StdIO)
}

// Window is the vertical band of the scene (in scene coordinates) whose
// rows, cards and arrows Build fills in; nil is the whole scene. Positions
// and sizes are computed for everything either way: a big scene costs only
// what is on screen.
type Window struct{ Top, Bottom float64 }

// Has reports whether a box is (partly) inside the window.
func (w *Window) Has(r Rect) bool { return w == nil || (r.Y+r.H >= w.Top && r.Y <= w.Bottom) }

// ProcName is a process's display name: its image without ".exe".
func ProcName(p *kernel.ProcessInfo) string {
	n := p.Image
	if i := strings.LastIndexByte(n, '.'); i > 0 && strings.EqualFold(n[i:], ".exe") {
		n = n[:i]
	}
	if n == "" {
		n = fmt.Sprintf("PID %d", p.PID)
	}
	return n
}

// ObjName is what a card or row shows as an object's name: its namespace
// name, or for a process its image, for a thread "TID n (Process)".
func ObjName(o *kernel.Object, names map[kernel.PID]string) string {
	switch {
	case o.Name != "":
		return o.Name
	case o.Proc != nil:
		return names[o.Proc.PID]
	case o.Thread != nil:
		return fmt.Sprintf("TID %d", o.Thread.TID)
	}
	return ""
}
