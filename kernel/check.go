package kernel

import "fmt"

// checkTypes checks the rules of each type's state and of waiting, which
// Check's counting rules do not see:
//   - a semaphore's count lies in [0, max] and it is signaled when > 0;
//   - a mutex is owned exactly when its recursion count is > 0, signaled
//     exactly when unowned, and its owner is a running thread;
//   - a process is signaled exactly when it has exited, and a running one
//     has the exit code STILL_ACTIVE;
//   - a waiting thread runs, in a running process, and waits on an object
//     that is alive; a WaitForSingleObject holds the wait's reference on its
//     object, and every object's WaitRefs is the number of such waits;
//   - pipe ends are symmetric: a live end's live peer is a pipe end of the
//     other side that names it back (a mailslot's clients name the server,
//     which names none).
func (s *State) checkTypes() error {
	threads := map[TID]*Object{}
	waitRefs := map[ObjectID]int{}
	for i := range s.Objects {
		o := &s.Objects[i]
		if o.Type != TypeThread || o.Destroyed {
			continue
		}
		threads[o.Thread.TID] = o
		ti := o.Thread
		if ti.WaitingIn == "" {
			if ti.WaitObject != 0 || ti.WaitHandle != 0 {
				return fmt.Errorf("thread %d waits in nothing, but on object #%d through 0x%X", ti.TID, ti.WaitObject, ti.WaitHandle)
			}
			continue
		}
		if ti.Exited {
			return fmt.Errorf("thread %d exited while waiting in %s", ti.TID, ti.WaitingIn)
		}
		if p := s.Object(ti.Process); p == nil || p.Proc.Exited {
			return fmt.Errorf("thread %d waits in %s, but its process is gone", ti.TID, ti.WaitingIn)
		}
		if ti.WaitingIn != "WaitForSingleObject" {
			// A pipe wait (ReadFile, ConnectNamedPipe, WaitNamedPipe by
			// name) holds no reference: when its end goes, pipeGone ends
			// it within the same call.
			continue
		}
		w := s.Object(ti.WaitObject)
		if w == nil || w.Destroyed {
			return fmt.Errorf("thread %d waits in %s on object #%d, which is destroyed", ti.TID, ti.WaitingIn, ti.WaitObject)
		}
		waitRefs[w.ID]++
	}
	for i := range s.Objects {
		o := &s.Objects[i]
		if o.Destroyed {
			continue
		}
		if o.WaitRefs != waitRefs[o.ID] {
			return fmt.Errorf("object #%d %s: WaitRefs %d, but %d waits hold it", o.ID, o.Label(), o.WaitRefs, waitRefs[o.ID])
		}
		switch o.Type {
		case TypeSemaphore:
			if o.Count < 0 || o.Count > o.Max || o.Signaled != (o.Count > 0) {
				return fmt.Errorf("semaphore #%d: count %d max %d signaled %v", o.ID, o.Count, o.Max, o.Signaled)
			}
		case TypeMutex:
			if (o.OwnerTID == 0) != (o.Recursion == 0) || o.Recursion < 0 || o.Signaled != (o.OwnerTID == 0) {
				return fmt.Errorf("mutex #%d: owner %d recursion %d signaled %v", o.ID, o.OwnerTID, o.Recursion, o.Signaled)
			}
			if o.OwnerTID != 0 {
				if th := threads[o.OwnerTID]; th == nil || th.Thread.Exited {
					return fmt.Errorf("mutex #%d owned by thread %d, which is not running", o.ID, o.OwnerTID)
				}
			}
			if o.Abandoned && o.OwnerTID != 0 {
				return fmt.Errorf("mutex #%d is abandoned and owned by thread %d", o.ID, o.OwnerTID)
			}
		case TypeProcess:
			if o.Proc.Exited != o.Signaled {
				return fmt.Errorf("process %d: exited %v signaled %v", o.Proc.PID, o.Proc.Exited, o.Signaled)
			}
			if !o.Proc.Exited && o.Proc.ExitCode != STILL_ACTIVE {
				return fmt.Errorf("running process %d has exit code %d", o.Proc.PID, o.Proc.ExitCode)
			}
		}
		if o.Pipe != nil && o.Pipe.Peer != 0 && o.Pipe.End != EndMailslotClient {
			// A peer being destroyed is cut off after its destruction is
			// reported (pipeGone): only live pairs must agree.
			peer := s.Object(o.Pipe.Peer)
			if peer == nil || peer.Destroyed {
				continue
			}
			if peer.Pipe == nil {
				return fmt.Errorf("pipe #%d: peer #%d is a %v", o.ID, o.Pipe.Peer, peer.Type)
			}
			if peer.Pipe.Peer != o.ID {
				return fmt.Errorf("pipe #%d: peer #%d names #%d as its peer", o.ID, peer.ID, peer.Pipe.Peer)
			}
			if peer.Pipe.End == o.Pipe.End {
				return fmt.Errorf("pipe #%d and its peer #%d are both %v ends", o.ID, peer.ID, o.Pipe.End)
			}
		}
	}
	return nil
}

// checkQueue checks the kernel's wait queue against the threads: each
// queued wait is a live, waiting thread's, in the call and on the object
// the thread records, once; each waiting thread is queued; a wait holds a
// reference exactly when it is a WaitForSingleObject.
func (k *Kernel) checkQueue() error {
	queued := map[TID]bool{}
	for _, w := range k.waiters {
		if queued[w.tid] {
			return fmt.Errorf("thread %d is queued twice", w.tid)
		}
		queued[w.tid] = true
		t := k.ThreadByTID(w.tid)
		if t == nil || t.Thread.Exited {
			return fmt.Errorf("queued wait of thread %d, which is not running", w.tid)
		}
		if t.Thread.WaitingIn != w.call || t.Thread.WaitObject != w.object {
			return fmt.Errorf("thread %d is queued in %s on #%d but records %q on #%d", w.tid, w.call, w.object, t.Thread.WaitingIn, t.Thread.WaitObject)
		}
		if w.ref != (w.call == "WaitForSingleObject") {
			return fmt.Errorf("thread %d's wait in %s: holds a reference %v", w.tid, w.call, w.ref)
		}
	}
	for id := range k.live {
		if o := k.Object(id); o.Type == TypeThread && o.Thread.WaitingIn != "" && !queued[o.Thread.TID] {
			return fmt.Errorf("thread %d waits in %s but is not queued", o.Thread.TID, o.Thread.WaitingIn)
		}
	}
	return nil
}
