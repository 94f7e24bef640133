package kernel

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// stateText prints a state for comparison: every object with its type
// state and its live table entries, and the namespace. Where the next
// search for a free index starts is the table's own business and is left
// out, and so is a Toolhelp snapshot's cursor (Process32Next moves it
// without an event: State.Apply's one documented gap).
func stateText(s *State) string {
	var b strings.Builder
	for _, o := range s.Objects {
		c := o
		c.Proc, c.Thread, c.Pipe, c.Toolhelp = nil, nil, nil, nil
		fmt.Fprintf(&b, "%+v", c)
		if o.Proc != nil {
			pi := *o.Proc
			pi.table, pi.exiting = HandleTable{}, false // the kernel's own bookkeeping
			fmt.Fprintf(&b, " proc=%+v table=%v", pi, o.Proc.Entries())
		}
		if o.Thread != nil {
			fmt.Fprintf(&b, " thread=%+v", *o.Thread)
		}
		if o.Pipe != nil {
			fmt.Fprintf(&b, " pipe=%+v", *o.Pipe)
		}
		if o.Toolhelp != nil {
			fmt.Fprintf(&b, " toolhelp=%+v", o.Toolhelp.Processes)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%v", s.Names)
	return b.String()
}

// checkReplay applies the events of the last call to the driver's replayed
// state and compares it with the kernel's own snapshot: a viewer that
// replays events sees exactly the model's state.
func (d *driver) checkReplay(evs []Event) {
	d.t.Helper()
	if d.replay == nil {
		d.replay = &State{Names: map[string]ObjectID{}}
	}
	for _, e := range evs {
		d.replay.Apply(e)
	}
	// Comparing costs a snapshot and two printouts of a state that grows to
	// hundreds of processes: every few calls is enough to catch a
	// difference (it stays until the object changes again).
	if d.calls%16 != 0 {
		return
	}
	if got, want := stateText(d.replay), stateText(d.k.Snapshot()); got != want {
		d.fail("replaying the events does not give the kernel's state:\nreplay: %s\nkernel: %s", firstDiff(got, want), firstDiff(want, got))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return la[i]
		}
	}
	return "(same lines, more of them on the other side)"
}

// TestApplyReplaysEveryEventKind: the random driver checks the replay after
// every call (checkReplay); this makes sure every kind of event is among
// the ones it replays.
func TestApplyReplaysEveryEventKind(t *testing.T) {
	kinds := map[EventKind]bool{}
	for seed := uint64(11); seed < 14; seed++ {
		d := newDriver(t, randChooser{rand.New(rand.NewPCG(seed, seed))}, 0)
		d.k.OnEvent = func(e Event) { kinds[e.Kind] = true }
		for i := 0; i < 3000; i++ {
			d.step()
		}
	}
	for k := EvObjectCreated; k <= EvEnvChanged; k++ {
		if !kinds[k] {
			t.Errorf("the random calls never produced %s, so its replay is untested", k)
		}
	}
}

// TestObjectCloneSharesNothing: changing a clone's table, threads, thread,
// pipe and Toolhelp state leaves the original as it was.
func TestObjectCloneSharesNothing(t *testing.T) {
	o := Object{ID: 1, Type: TypeProcess, Proc: &ProcessInfo{PID: 1000, Threads: []ObjectID{2}, table: HandleTable{firstFree: 1}},
		Thread: &ThreadInfo{TID: 1004}, Pipe: &PipeState{Buffer: []string{"a"}}, Toolhelp: &ToolhelpState{Cursor: 1}}
	o.Proc.table.insertAt(1, Entry{Object: 5})
	c := o.Clone()
	c.Proc.table.insertAt(2, Entry{Object: 6})
	c.Proc.table.remove(1)
	c.Proc.Threads[0] = 9
	c.Thread.TID, c.Pipe.Conn, c.Toolhelp.Cursor = 1, ConnClosing, 7
	if o.Proc.table.Len() != 1 || o.Proc.table.At(1).Object != 5 || o.Proc.Threads[0] != 2 || o.Thread.TID != 1004 || o.Pipe.Conn != 0 || o.Toolhelp.Cursor != 1 {
		t.Errorf("changing the clone changed the original: %+v %+v", *o.Proc, o)
	}
}
