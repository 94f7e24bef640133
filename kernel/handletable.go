package kernel

import "iter"

// HandleTable is one process's handle table. Index i holds the handle value
// i*4; index 0 is never used (a NULL handle names nothing). The table owns
// its entries: only the kernel changes them (a live kernel through its calls,
// a State through Apply), so a viewer holding a snapshot can never change a
// process's handles behind the model's back.
//
// The slice is trimmed after the last live entry, so a table's memory follows
// its size; firstFree remembers that no index below it is free, so the
// search for the lowest free index does not rescan the used prefix.
type HandleTable struct {
	slots     []Entry
	used      int
	firstFree int
}

// Lookup returns the entry a handle value names (the low two bits are
// ignored, as Windows does), its index, and whether it is live.
func (t *HandleTable) Lookup(h Handle) (Entry, int, bool) {
	if h == 0 || h >= Handle(len(t.slots))*4 {
		return Entry{}, 0, false
	}
	i := int(h >> 2)
	e := t.slots[i]
	return e, i, e.Object != 0
}

// At returns the entry at index i (the zero Entry for a free or missing slot).
func (t *HandleTable) At(i int) Entry {
	if i <= 0 || i >= len(t.slots) {
		return Entry{}
	}
	return t.slots[i]
}

// Len is the number of live entries.
func (t *HandleTable) Len() int { return t.used }

// Slots is one past the highest index the table holds (live or free): the
// rows a viewer draws. An empty table has 0.
func (t *HandleTable) Slots() int { return len(t.slots) }

// All yields the live entries in ascending index order.
func (t *HandleTable) All() iter.Seq2[int, Entry] {
	return func(yield func(int, Entry) bool) {
		for i, e := range t.slots {
			if e.Object != 0 && !yield(i, e) {
				return
			}
		}
	}
}

// Entries returns the live entries, ascending by index.
func (t *HandleTable) Entries() []IndexedEntry {
	out := make([]IndexedEntry, 0, t.used)
	for i, e := range t.All() {
		out = append(out, IndexedEntry{Index: i, Handle: Handle(i * 4), Entry: e})
	}
	return out
}

// LowestFree returns the lowest free index (never 0) and how many used
// slots the search walked past (the kernel counts them as work). It does
// not change the table's contents, only where the next search starts.
func (t *HandleTable) LowestFree() (index, walked int) {
	i := max(t.firstFree, 1)
	start := i
	for i < len(t.slots) && t.slots[i].Object != 0 {
		i++
	}
	t.firstFree = i // every index below i is in use: the next search starts here
	return i, i - start
}

// Clone returns a copy that shares nothing with t. Its next search starts
// at the lowest free index itself, so two tables with the same entries
// clone alike however they got there.
func (t *HandleTable) Clone() HandleTable {
	c := *t
	c.slots = append([]Entry(nil), t.slots...)
	c.firstFree = max(c.firstFree, 1)
	for c.firstFree < len(c.slots) && c.slots[c.firstFree].Object != 0 {
		c.firstFree++
	}
	return c
}

// insertAt stores e at index i, which must be free (i >= 1).
func (t *HandleTable) insertAt(i int, e Entry) {
	for len(t.slots) <= i {
		t.slots = append(t.slots, Entry{})
	}
	if t.slots[i].Object == 0 {
		t.used++
	}
	t.slots[i] = e
	if i == t.firstFree {
		t.firstFree = i + 1
	}
}

// replace overwrites the live entry at i (DuplicateHandle moving a handle
// inside one process keeps its value) and returns the old one.
func (t *HandleTable) replace(i int, e Entry) Entry {
	old := t.slots[i]
	t.slots[i] = e
	return old
}

// remove frees index i and returns the entry it held (the zero Entry when
// it was free). Trailing free slots are dropped.
func (t *HandleTable) remove(i int) Entry {
	if i <= 0 || i >= len(t.slots) || t.slots[i].Object == 0 {
		return Entry{}
	}
	e := t.slots[i]
	t.slots[i] = Entry{}
	t.used--
	if i < t.firstFree {
		t.firstFree = i
	}
	n := len(t.slots)
	for n > 1 && t.slots[n-1].Object == 0 {
		n--
	}
	t.slots = t.slots[:n]
	return e
}

// setFlags changes the flags of the live entry at i.
func (t *HandleTable) setFlags(i int, f uint8) {
	if i > 0 && i < len(t.slots) && t.slots[i].Object != 0 {
		t.slots[i].Flags = f
	}
}

// clear drops every entry (a process that exited has no table).
func (t *HandleTable) clear() { *t = HandleTable{firstFree: 1} }
