package kernel

import (
	"slices"
	"sort"
	"strings"
)

// Clone returns a copy of the object that shares nothing mutable with it:
// its table, thread list, thread, pipe and Toolhelp state are copied (the
// environment block and a pipe's buffer slice are replaced, never changed
// in place, so they are shared).
func (o *Object) Clone() Object {
	c := *o
	if o.Proc != nil {
		pi := *o.Proc
		pi.table = o.Proc.table.Clone()
		pi.exiting = false // the kernel's own bookkeeping during an exit
		pi.Threads = slices.Clone(o.Proc.Threads)
		c.Proc = &pi
	}
	if o.Thread != nil {
		ti := *o.Thread
		c.Thread = &ti
	}
	if o.Pipe != nil {
		ps := *o.Pipe
		c.Pipe = &ps
	}
	if o.Toolhelp != nil {
		th := *o.Toolhelp
		c.Toolhelp = &th
	}
	return c
}

// Clone returns a copy of the state that shares nothing mutable with it.
func (s *State) Clone() *State {
	c := &State{Objects: make([]Object, len(s.Objects)), Names: make(map[string]ObjectID, len(s.Names))}
	for i := range s.Objects {
		c.Objects[i] = s.Objects[i].Clone()
	}
	for n, id := range s.Names {
		c.Names[n] = id
	}
	return c
}

// Apply changes the state the way the kernel changed when it reported e.
// Replaying a call's events in order on the state before the call gives the
// kernel's snapshot after it, except for what the model changes without an
// event: a Toolhelp snapshot's cursor (Process32Next). Viewers replay events
// one by one to show the states between a statement's start and end.
func (s *State) Apply(e Event) {
	s.applyWaitRefs(e) // before the switch clears a thread's wait
	switch e.Kind {
	case EvObjectCreated:
		s.applyCreated(e)
	case EvHandleAdded:
		if p := s.proc(e.PID); p != nil {
			p.Proc.table.insertAt(e.Index, Entry{Object: e.Object, Access: e.Access, Flags: e.Flags})
			if o := s.Object(e.Object); o != nil {
				o.HandleCount++
			}
		}
	case EvHandleRemoved:
		if p := s.proc(e.PID); p != nil && p.Proc.table.remove(e.Index).Object != 0 {
			if o := s.Object(e.Object); o != nil {
				o.HandleCount--
			}
		}
	case EvFlagsChanged:
		if p := s.proc(e.PID); p != nil {
			p.Proc.table.setFlags(e.Index, e.Flags)
		}
	case EvUsageChanged:
		// Handle counts move with their entries; this is a kernel reference.
		if o := s.Object(e.Object); o != nil && (e.Cause == CauseRunning || e.Cause == CauseMapping) {
			o.KernelRefs += e.To - e.From
		}
	case EvObjectDestroyed:
		s.applyDestroyed(e.Object)
	case EvProcessExited:
		if o := s.Object(e.Object); o != nil && o.Proc != nil {
			o.Proc.Exited, o.Proc.ExitCode, o.Signaled = true, e.Code, true
			o.Proc.table.clear()
		}
	case EvThreadExited:
		if o := s.Object(e.Object); o != nil && o.Thread != nil {
			o.Thread.Exited, o.Thread.ExitCode, o.Signaled = true, e.Code, true
			o.Thread.WaitingIn, o.Thread.WaitObject, o.Thread.WaitHandle = "", 0, 0
		}
	case EvStateChanged:
		if o := s.Object(e.Object); o != nil {
			e.Change.apply(o, e)
		}
	case EvWaitStarted:
		if t := s.thread(e.TID); t != nil {
			t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = e.Detail, e.Object, e.Handle
		}
	case EvWaitSatisfied:
		if t := s.thread(e.TID); t != nil {
			t.Thread.WaitingIn, t.Thread.WaitObject, t.Thread.WaitHandle = "", 0, 0
		}
	case EvLastError:
		if t := s.thread(e.TID); t != nil {
			t.Thread.LastError = e.Err
		}
	case EvDataWritten:
		if o := s.Object(e.Object); o != nil {
			if o.Pipe == nil {
				o.Offset += uint64(e.Bytes) // a plain file
				break
			}
			ps := o.Pipe.Appended(e.Data, e.Unit)
			o.Pipe = &ps
		}
	case EvDataRead:
		if o := s.Object(e.Object); o != nil {
			if o.Pipe == nil {
				o.Offset += uint64(e.Bytes)
				break
			}
			ps := o.Pipe.AfterRead(int(e.Bytes))
			o.Pipe = &ps
		}
	case EvPipeConnected:
		if o := s.Object(e.Object); o != nil && o.Pipe != nil {
			ps := *o.Pipe
			ps.Conn, ps.Peer = ConnConnected, e.Peer
			o.Pipe = &ps
		}
	case EvPipeDisconnected:
		if o := s.Object(e.Object); o != nil && o.Pipe != nil {
			if c := s.Object(o.Pipe.Peer); c != nil && c.Pipe != nil && c.Pipe.Peer == o.ID {
				cs := c.Pipe.Disconnected()
				c.Pipe = &cs
			}
			ps := o.Pipe.Disconnected()
			o.Pipe = &ps
		}
	case EvNamespaceLookup:
		if e.Lookup == LookupNew {
			s.Names[e.Name] = e.Object
		}
	case EvEnvChanged:
		if p := s.proc(e.PID); p != nil {
			p.Proc.Env = withEnv(p.Proc.Env, e.Name, e.Detail, e.Change == ChangeEnvRemoved)
		}
	case EvStdHandleSet:
		if p := s.proc(e.PID); p != nil && e.Index >= 0 && e.Index < len(p.Proc.Std) {
			p.Proc.Std[e.Index] = e.Handle
		}
	case EvProcessCreated, EvInheritScan, EvCloseRefused:
		// Reports only: the changes come in their own events.
	}
}

func (s *State) applyCreated(e Event) {
	if s.Object(e.Object) != nil {
		return
	}
	var o Object
	if e.Init != nil {
		o = e.Init.Clone()
	} else {
		o = Object{ID: e.Object, Type: e.ObjType, Name: e.Name, Addr: e.Addr}
	}
	// Counts and table entries come with their own events.
	o.HandleCount, o.KernelRefs, o.Destroyed = 0, 0, false
	if o.Proc != nil {
		o.Proc.table = HandleTable{firstFree: 1}
		o.Proc.Threads = nil
	}
	if o.Thread != nil {
		if p := s.Object(o.Thread.Process); p != nil && p.Proc != nil {
			p.Proc.Threads = append(slices.Clip(p.Proc.Threads), o.ID)
		}
	}
	if o.Pipe != nil && o.Pipe.End == EndWrite {
		// CreatePipe makes the read end first and links it to the write
		// end when it makes that one.
		if r := s.Object(o.Pipe.Peer); r != nil && r.Pipe != nil {
			ps := *r.Pipe
			ps.Peer = o.ID
			r.Pipe = &ps
		}
	}
	i := sort.Search(len(s.Objects), func(i int) bool { return s.Objects[i].ID >= o.ID })
	s.Objects = slices.Insert(s.Objects, i, o)
	if o.Proc != nil && s.byPID != nil {
		s.byPID[o.Proc.PID] = o.ID
	}
	if o.Thread != nil && s.byTID != nil {
		s.byTID[o.Thread.TID] = o.ID
	}
	// A name enters the namespace by its lookup event.
}

// applyDestroyed marks an object destroyed; like the kernel's snapshots, the
// state keeps a destroyed process (a viewer keeps its column) and drops any
// other destroyed object.
func (s *State) applyDestroyed(id ObjectID) {
	o := s.Object(id)
	if o == nil {
		return
	}
	o.Destroyed = true
	if o.Name != "" && s.Names[o.Name] == o.ID {
		delete(s.Names, o.Name)
	}
	if o.Type != TypeProcess {
		i := sort.Search(len(s.Objects), func(i int) bool { return s.Objects[i].ID >= id })
		s.Objects = slices.Delete(s.Objects, i, i+1)
	}
}

// Thread returns the thread object with that TID, or nil.
func (s *State) Thread(tid TID) *Object {
	for i := range s.Objects {
		if o := &s.Objects[i]; o.Thread != nil && o.Thread.TID == tid && !o.Destroyed {
			return o
		}
	}
	return nil
}

// proc and thread are Process and Thread for Apply, through maps built on
// first use (a replay looks a process up for every event; the state can
// hold thousands of objects). PIDs and TIDs are never reused, and a State's
// objects change only through Apply once it replays, so an entry stays
// right; a miss falls back to the scan.
func (s *State) proc(pid PID) *Object {
	if s.byPID == nil {
		s.byPID = map[PID]ObjectID{}
		for i := range s.Objects {
			if o := &s.Objects[i]; o.Proc != nil {
				s.byPID[o.Proc.PID] = o.ID
			}
		}
	}
	if o := s.Object(s.byPID[pid]); o != nil && o.Proc != nil && o.Proc.PID == pid {
		return o
	}
	return s.Process(pid)
}

func (s *State) thread(tid TID) *Object {
	if s.byTID == nil {
		s.byTID = map[TID]ObjectID{}
		for i := range s.Objects {
			if o := &s.Objects[i]; o.Thread != nil {
				s.byTID[o.Thread.TID] = o.ID
			}
		}
	}
	if o := s.Object(s.byTID[tid]); o != nil && o.Thread != nil && o.Thread.TID == tid {
		return o
	}
	return s.Thread(tid)
}

// withEnv is an environment block with one variable set (or removed): a new
// slice, sorted the way Windows keeps the block (case-insensitively).
func withEnv(old []string, name, value string, remove bool) []string {
	env := make([]string, 0, len(old)+1)
	for _, kv := range old {
		if len(kv) > len(name) && kv[len(name)] == '=' && equalFoldASCII(kv[:len(name)], name) {
			continue
		}
		env = append(env, kv)
	}
	if !remove {
		env = append(env, name+"="+value)
	}
	sort.SliceStable(env, func(i, j int) bool { return strings.ToUpper(env[i]) < strings.ToUpper(env[j]) })
	return env
}
