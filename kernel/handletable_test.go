package kernel

import "testing"

// Table tests in the style of gVisor's pkg/sentry/kernel/fd_table_test.go
// (TestFDTableMany, TestFDTable, TestDescriptorFlags): fill, free, refill,
// and check what lookups see. The rule under test is the model's: a new
// handle takes the lowest free index (Richter, Windows via C/C++ ch. 3;
// Wine's alloc_handle_entry scans from the lowest free slot), index 0 is
// never handed out.

func newTable() *HandleTable { return &HandleTable{firstFree: 1} }

// alloc adds an entry at the lowest free index, as the kernel's addEntry.
func alloc(t *HandleTable, obj ObjectID) int {
	i, _ := t.LowestFree()
	t.insertAt(i, Entry{Object: obj})
	return i
}

func TestHandleTableMany(t *testing.T) {
	tb := newTable()
	for i := 1; i <= 100; i++ {
		if got := alloc(tb, ObjectID(i)); got != i {
			t.Fatalf("allocation %d got index %d, want %d", i, got, i)
		}
	}
	// Free one in the middle: the next handle reuses it, then continues
	// after the end.
	if e := tb.remove(50); e.Object != 50 {
		t.Fatalf("remove(50) returned %+v", e)
	}
	if got := alloc(tb, 500); got != 50 {
		t.Errorf("after freeing index 50 the next handle got %d", got)
	}
	if got := alloc(tb, 501); got != 101 {
		t.Errorf("with no hole the next handle got %d, want 101", got)
	}
	if tb.Len() != 101 {
		t.Errorf("Len %d, want 101", tb.Len())
	}
}

func TestHandleTableLookup(t *testing.T) {
	tb := newTable()
	alloc(tb, 7) // index 1, handle 0x4
	alloc(tb, 8) // index 2, handle 0x8
	tb.remove(1) // a hole at 0x4
	for _, c := range []struct {
		h    Handle
		obj  ObjectID
		idx  int
		live bool
	}{
		{0, 0, 0, false},   // NULL
		{0x4, 0, 1, false}, // freed
		{0x8, 8, 2, true},  // live
		{0xB, 8, 2, true},  // the low two bits are ignored ("Kernel object handles": multiples of 4)
		{0xC, 0, 0, false}, // past the end
		{^Handle(0), 0, 0, false},
	} {
		e, i, ok := tb.Lookup(c.h)
		if ok != c.live || e.Object != c.obj || (ok && i != c.idx) {
			t.Errorf("Lookup(0x%X) = %+v, %d, %v; want object %d at %d, live %v", uint64(c.h), e, i, ok, c.obj, c.idx, c.live)
		}
	}
}

// Removing the last entries trims the table (its memory follows its size);
// a removed slot in the middle stays as a free row.
func TestHandleTableTrimsTrailingFreeSlots(t *testing.T) {
	tb := newTable()
	for i := 1; i <= 4; i++ {
		alloc(tb, ObjectID(i))
	}
	tb.remove(2)
	if tb.Slots() != 5 {
		t.Errorf("a hole in the middle: Slots %d, want 5", tb.Slots())
	}
	tb.remove(4)
	tb.remove(3)
	if tb.Slots() != 2 {
		t.Errorf("after freeing the tail: Slots %d, want 2 (index 0 and 1)", tb.Slots())
	}
	if e := tb.remove(3); e.Object != 0 || tb.Len() != 1 {
		t.Errorf("removing a free index changed something: %+v, Len %d", e, tb.Len())
	}
}

// An entry placed at a given index (inheritance copies each entry to the
// same index in the child) does not disturb the lowest-free search.
func TestHandleTableInsertAt(t *testing.T) {
	tb := newTable()
	tb.insertAt(3, Entry{Object: 9, Flags: 1})
	if tb.Len() != 1 || tb.Slots() != 4 {
		t.Fatalf("Len %d Slots %d", tb.Len(), tb.Slots())
	}
	if got := alloc(tb, 10); got != 1 {
		t.Errorf("the next handle got %d, want 1 (below the inherited entry)", got)
	}
	alloc(tb, 11)
	if got := alloc(tb, 12); got != 4 {
		t.Errorf("the next handle got %d, want 4 (3 is taken)", got)
	}
	var order []ObjectID
	for _, e := range tb.All() {
		order = append(order, e.Object)
	}
	if len(order) != 4 || order[0] != 10 || order[1] != 11 || order[2] != 9 || order[3] != 12 {
		t.Errorf("entries in index order: %v", order)
	}
}

func TestHandleTableFlagsAndReplace(t *testing.T) {
	tb := newTable()
	i := alloc(tb, 5)
	tb.setFlags(i, uint8(HANDLE_FLAG_INHERIT))
	tb.setFlags(7, 1) // a free index: nothing happens
	if tb.At(i).Flags != uint8(HANDLE_FLAG_INHERIT) || tb.Slots() != 2 {
		t.Errorf("flags %d, Slots %d", tb.At(i).Flags, tb.Slots())
	}
	old := tb.replace(i, Entry{Object: 6, Access: 3})
	if old.Object != 5 || tb.At(i).Object != 6 || tb.Len() != 1 {
		t.Errorf("replace: old %+v, now %+v, Len %d", old, tb.At(i), tb.Len())
	}
}

// A clone is independent, and two tables with the same entries clone
// alike whatever order of operations built them.
func TestHandleTableClone(t *testing.T) {
	a := newTable()
	alloc(a, 1)
	alloc(a, 2)
	c := a.Clone()
	c.remove(1)
	alloc(&c, 3)
	if a.At(1).Object != 1 || a.Len() != 2 {
		t.Errorf("changing the clone changed the original: %v", a.Entries())
	}
	b := newTable()
	b.insertAt(2, Entry{Object: 2})
	b.insertAt(1, Entry{Object: 1})
	if ac, bc := a.Clone(), b.Clone(); ac.firstFree != bc.firstFree || ac.Len() != bc.Len() {
		t.Errorf("same entries, different clones: %+v vs %+v", ac, bc)
	}
	e := newTable()
	e.clear()
	if i, _ := e.LowestFree(); i != 1 {
		t.Errorf("a cleared table's lowest free index is %d", i)
	}
}
