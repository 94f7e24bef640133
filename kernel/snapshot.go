package kernel

import (
	"fmt"
	"sort"
)

// State is a snapshot of the whole model: every live object and every
// process ever started (a destroyed process stays, marked Destroyed, so a
// viewer can keep its column), each with its own copy of the process's table
// and threads. It does not change when the kernel does.
type State struct {
	Objects []Object            // ascending ID
	Names   map[string]ObjectID // the namespace, by each object's name as given

	byPID map[PID]ObjectID // Apply's lookups (see proc)
	byTID map[TID]ObjectID
}

// Snapshot copies the state. The cost is proportional to the live objects
// and handle entries; immutable parts (environment blocks) are shared.
func (k *Kernel) Snapshot() *State {
	s := &State{Objects: make([]Object, 0, len(k.live)+len(k.pidsEver)), Names: make(map[string]ObjectID, len(k.names))}
	ids := make([]ObjectID, 0, len(k.live)+len(k.pidsEver))
	for id := range k.live {
		ids = append(ids, id)
	}
	for _, id := range k.pidsEver {
		if k.Object(id).Destroyed {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		s.Objects = append(s.Objects, k.Object(id).Clone())
	}
	for _, id := range k.names {
		if o := k.Object(id); o != nil { // a broken namespace is Check's to report
			s.Names[o.Name] = id
		}
	}
	return s
}

// Object returns the object with that ID, or nil if the snapshot does not
// hold it (destroyed objects other than processes are not kept).
func (s *State) Object(id ObjectID) *Object {
	i := sort.Search(len(s.Objects), func(i int) bool { return s.Objects[i].ID >= id })
	if i < len(s.Objects) && s.Objects[i].ID == id {
		return &s.Objects[i]
	}
	return nil
}

// Processes returns the process objects in creation order (destroyed ones
// included).
func (s *State) Processes() []*Object {
	var out []*Object
	for i := range s.Objects {
		if s.Objects[i].Type == TypeProcess {
			out = append(out, &s.Objects[i])
		}
	}
	return out
}

// Process returns the process object with that PID, or nil.
func (s *State) Process(pid PID) *Object {
	for i := range s.Objects {
		if o := &s.Objects[i]; o.Type == TypeProcess && o.Proc.PID == pid {
			return o
		}
	}
	return nil
}

// Live returns the objects that are not destroyed, ascending ID.
func (s *State) Live() []*Object {
	out := make([]*Object, 0, len(s.Objects))
	for i := range s.Objects {
		if !s.Objects[i].Destroyed {
			out = append(out, &s.Objects[i])
		}
	}
	return out
}

// HandlesTo lists, for an object, every table entry that points to it:
// "why is this object still alive?".
func (s *State) HandlesTo(id ObjectID) []HandleRef {
	var out []HandleRef
	for _, p := range s.Processes() {
		for i, e := range p.Proc.table.All() {
			if e.Object == id {
				out = append(out, HandleRef{PID: p.Proc.PID, Index: i, Handle: Handle(i * 4), Entry: e})
			}
		}
	}
	return out
}

// HandleRef is one handle-table entry and where it is.
type HandleRef struct {
	PID    PID
	Index  int
	Handle Handle
	Entry
}

// Check verifies the model's invariants on this snapshot:
//   - every object's HandleCount equals the entries pointing to it, and its
//     KernelRefs equal its running reference plus the mappings over it;
//   - no entry points to a destroyed or missing object;
//   - live objects have usage > 0; the namespace holds only live objects,
//     under their own names;
//   - handle values are unique and aligned (index*4, index >= 1) per table,
//     and each table's count of live entries matches.
func (s *State) Check() error {
	handles := map[ObjectID]int{}
	mappings := map[ObjectID]int{}
	for _, o := range s.Objects {
		if o.Type == TypeFileMapping && o.BackingID != 0 && !o.Destroyed {
			mappings[o.BackingID]++
		}
	}
	for _, p := range s.Processes() {
		pi := p.Proc
		if len(pi.table.slots) > 0 && pi.table.slots[0].Object != 0 {
			return fmt.Errorf("PID %d: index 0 is in use", pi.PID)
		}
		n := 0
		for i, e := range pi.table.All() {
			n++
			o := s.Object(e.Object)
			if o == nil || o.Destroyed {
				return fmt.Errorf("PID %d: handle 0x%X points to destroyed object #%d", pi.PID, i*4, e.Object)
			}
			handles[e.Object]++
		}
		if n != pi.table.used {
			return fmt.Errorf("PID %d: table has %d entries, count says %d", pi.PID, n, pi.table.used)
		}
		if pi.Exited && n != 0 {
			return fmt.Errorf("PID %d exited with %d handles open", pi.PID, n)
		}
	}
	for _, o := range s.Objects {
		if o.Destroyed {
			if handles[o.ID] != 0 {
				return fmt.Errorf("destroyed object #%d still has handles", o.ID)
			}
			continue
		}
		if o.HandleCount != handles[o.ID] {
			return fmt.Errorf("object #%d %s: HandleCount %d, but %d entries point to it", o.ID, o.Label(), o.HandleCount, handles[o.ID])
		}
		running := 0
		switch {
		case o.Type == TypeProcess && !o.Proc.Exited, o.Type == TypeThread && !o.Thread.Exited:
			running = 1
		}
		if o.KernelRefs != running+mappings[o.ID] {
			return fmt.Errorf("object #%d %s: KernelRefs %d, want %d", o.ID, o.Label(), o.KernelRefs, running+mappings[o.ID])
		}
		if o.UsageCount() <= 0 && o.WaitRefs <= 0 {
			return fmt.Errorf("object #%d %s is alive with usage %d", o.ID, o.Label(), o.UsageCount())
		}
	}
	for name, id := range s.Names {
		o := s.Object(id)
		if o == nil || o.Destroyed || o.Name != name {
			return fmt.Errorf("namespace entry %q names a dead or renamed object #%d", name, id)
		}
	}
	return s.checkTypes()
}

// Check runs the invariant check on the kernel's current state, and checks
// the namespace itself (which a snapshot rebuilds from the objects' names):
// every key names a live object that knows it lives there, and every live
// named object is in it.
func (k *Kernel) Check() error {
	if err := k.Snapshot().Check(); err != nil {
		return err
	}
	if err := k.checkQueue(); err != nil {
		return err
	}
	for key, id := range k.names {
		if o := k.Object(id); o == nil || o.Destroyed || o.nsKey != key {
			return fmt.Errorf("namespace key %q names a dead or moved object #%d", key, id)
		}
	}
	for id := range k.live {
		if o := k.Object(id); o.nsKey != "" && k.names[o.nsKey] != id {
			return fmt.Errorf("object #%d %s is missing from the namespace at %q", id, o.Label(), o.nsKey)
		}
	}
	return nil
}
