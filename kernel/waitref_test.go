package kernel

import "testing"

// A blocked wait keeps its object alive (WRK ob/obwait.c
// NtWaitForSingleObject: ObReferenceObjectByHandle before
// KeWaitForSingleObject, ObDereferenceObject after it). Another process
// closes the waiter's handle with DUPLICATE_CLOSE_SOURCE and the owner
// closes its own: the mutex lives on with no handle, and when its owner
// exits the waiter gets WAIT_ABANDONED ("WaitForSingleObject function",
// WAIT_ABANDONED) instead of waiting forever on a destroyed object.
func TestWaitKeepsObjectAlive(t *testing.T) {
	setup := func(t *testing.T, name string) (f *fx, m, hB, mb Handle) {
		f = newFx(t)
		k := f.k
		m = k.CreateMutex(f.ta, nil, true, name)
		hB = k.OpenProcess(f.ta, PROCESS_DUP_HANDLE, false, f.b)
		mb, ok := k.DuplicateHandle(f.ta, CurrentProcess, m, hB, true, 0, false, DUPLICATE_SAME_ACCESS)
		if !ok {
			t.Fatal("duplicate into B failed")
		}
		if _, pending := k.WaitForSingleObject(f.tb, mb, INFINITE); !pending {
			t.Fatal("B's wait did not block")
		}
		if _, ok := k.DuplicateHandle(f.ta, hB, mb, 0, false, 0, false, DUPLICATE_CLOSE_SOURCE); !ok {
			t.Fatal("closing B's handle failed")
		}
		return f, m, hB, mb
	}
	t.Run("owner exits: WAIT_ABANDONED", func(t *testing.T) {
		f, m, _, _ := setup(t, "")
		k := f.k
		o := f.obj(f.a, m)
		k.CloseHandle(f.ta, m)
		if o.Destroyed || o.HandleCount != 0 || o.WaitRefs != 1 {
			t.Fatalf("mutex with no handle under a wait: destroyed %v, handles %d, wait refs %d", o.Destroyed, o.HandleCount, o.WaitRefs)
		}
		k.ExitProcess(f.ta, 0)
		c := k.TakeCompletions()
		if len(c) != 1 || c[0].TID != f.tb || c[0].Ret != uint64(WAIT_ABANDONED) {
			t.Fatalf("completions %+v, want B's WAIT_ABANDONED", c)
		}
		if !o.Destroyed {
			t.Error("the mutex outlived the last wait on it with no handle")
		}
	})
	t.Run("named: the name goes with the last handle", func(t *testing.T) {
		f, m, _, _ := setup(t, "M")
		k := f.k
		k.CloseHandle(f.ta, m)
		if h := k.OpenMutex(f.ta, SYNCHRONIZE, false, "M"); h != 0 || f.lastErr(f.ta) != ERROR_FILE_NOT_FOUND {
			t.Errorf("OpenMutex of a name whose last handle closed: %#x, %v", h, f.lastErr(f.ta))
		}
		if h := k.CreateMutex(f.ta, nil, false, "M"); h == 0 || f.lastErr(f.ta) == ERROR_ALREADY_EXISTS {
			t.Errorf("CreateMutex did not make a new M")
		}
	})
	t.Run("the waiter exits: the object goes", func(t *testing.T) {
		f, m, _, _ := setup(t, "")
		k := f.k
		o := f.obj(f.a, m)
		k.CloseHandle(f.ta, m)
		k.ExitProcess(f.tb, 0)
		if !o.Destroyed {
			t.Error("the mutex outlived its last wait")
		}
	})
}
