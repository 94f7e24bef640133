package kernel

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func hex(v uint32) string { return fmt.Sprintf("%#x", v) }

func itoa(n int) string { return strconv.Itoa(n) }

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// Table-driven tests of every call's success and of every failure listed in
// /work/shared/docs/semantics.md. Each case names its source: a Microsoft
// documentation page (learn.microsoft.com, by its title), a seed, or
// docs/semantics.md; "Wine 8.0 probe" records what Wine 8.0 answered to the same
// call (a Go 1.20 program run under wine64, see notes/wine-oracle.md).

// callCase is one call made by process A's thread in a fresh fixture.
type callCase struct {
	name string
	src  string                            // where the expected result comes from
	run  func(f *fx) (ret uint64, ok bool) // the call; ok is the Win32 success
	ok   bool
	err  Errno                   // last error after the call; untouched = not set
	more func(f *fx, ret uint64) // further checks, may be nil
}

// arm sets A's last error to the sentinel without an event, right before
// the call under test (after its setup calls, which set their own).
func (f *fx) arm() { f.k.ThreadByTID(f.ta).Thread.LastError = untouched }

func runCases(t *testing.T, cases []callCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.src == "" {
				t.Fatal("case has no source")
			}
			f := newFx(t)
			f.k.SetLastError(f.ta, untouched)
			ret, ok := c.run(f)
			if ok != c.ok {
				t.Fatalf("%s: ok = %v (ret %#x, last error %v), want %v", c.src, ok, ret, f.lastErr(f.ta), c.ok)
			}
			if got := f.lastErr(f.ta); got != c.err {
				t.Errorf("%s: last error = %v, want %v", c.src, got, c.err)
			}
			if c.more != nil {
				c.more(f, ret)
			}
			if err := checkTypeState(f.k); err != nil {
				t.Error(err)
			}
		})
	}
}

func handleOK(h Handle) (uint64, bool) { return uint64(h), h != 0 }

func fileOK(h Handle) (uint64, bool) { return uint64(h), h != INVALID_HANDLE_VALUE }

// ---- Create* of the nameable objects ----

func TestCreateNamedObjects(t *testing.T) {
	// Every creator, unnamed and named: a new object at usage 1, handle 4
	// (the lowest free index of an empty table), last error 0.
	type creator struct {
		name string
		src  string
		typ  ObjectType
		acc  uint32
		mk   func(f *fx, sa *SecurityAttributes, name string) Handle
	}
	creators := []creator{
		{"CreateEvent", "CreateEventW function", TypeEvent, EVENT_ALL_ACCESS, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateEvent(f.ta, sa, true, false, n)
		}},
		{"CreateEventEx", "CreateEventExW function", TypeEvent, EVENT_MODIFY_STATE | SYNCHRONIZE, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateEventEx(f.ta, sa, n, CREATE_EVENT_MANUAL_RESET, EVENT_MODIFY_STATE|SYNCHRONIZE)
		}},
		{"CreateMutex", "CreateMutexW function", TypeMutex, MUTEX_ALL_ACCESS, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateMutex(f.ta, sa, false, n)
		}},
		{"CreateMutexEx", "CreateMutexExW function", TypeMutex, SYNCHRONIZE, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateMutexEx(f.ta, sa, n, 0, SYNCHRONIZE)
		}},
		{"CreateSemaphore", "CreateSemaphoreW function", TypeSemaphore, SEMAPHORE_ALL_ACCESS, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateSemaphore(f.ta, sa, 1, 3, n)
		}},
		{"CreateSemaphoreEx", "CreateSemaphoreExW function", TypeSemaphore, SYNCHRONIZE, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateSemaphoreEx(f.ta, sa, 0, 1, n, 0, SYNCHRONIZE)
		}},
		{"CreateWaitableTimer", "CreateWaitableTimerW function", TypeWaitableTimer, TIMER_ALL_ACCESS, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateWaitableTimer(f.ta, sa, true, n)
		}},
		{"CreateWaitableTimerEx", "CreateWaitableTimerExW function", TypeWaitableTimer, 0x020001, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateWaitableTimerEx(f.ta, sa, n, 0, GENERIC_READ) // generic rights are mapped ("Generic Access Rights")
		}},
		{"CreateJobObject", "CreateJobObjectW function", TypeJob, JOB_OBJECT_ALL_ACCESS, func(f *fx, sa *SecurityAttributes, n string) Handle {
			return f.k.CreateJobObject(f.ta, sa, n)
		}},
		{"CreateFileMapping", "CreateFileMappingW function", TypeFileMapping, 0xF0007, // PAGE_READWRITE: TestFileMappingAccess
			func(f *fx, sa *SecurityAttributes, n string) Handle {
				return f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, sa, PAGE_READWRITE, 0, 4096, n)
			}},
	}
	for _, c := range creators {
		for _, name := range []string{"", "Obj"} {
			for _, inh := range []bool{false, true} {
				t.Run(c.name+"/"+name+map[bool]string{true: "/inherit", false: ""}[inh], func(t *testing.T) {
					// Source: c.src (Return value: a handle; last error 0 for a
					// new object — Wine 8.0 probe: CreateEventW presets 1234 →
					// 0 after success, named or not); "SECURITY_ATTRIBUTES
					// structure" (bInheritHandle → HANDLE_FLAG_INHERIT).
					f := newFx(t)
					var sa *SecurityAttributes
					if inh {
						sa = inheritable()
					}
					f.k.SetLastError(f.ta, untouched)
					f.k.TakeEvents()
					h := c.mk(f, sa, name)
					if h != 4 {
						t.Fatalf("%s: handle %#x, want 0x4", c.src, h)
					}
					if e := f.lastErr(f.ta); e != ERROR_SUCCESS {
						t.Errorf("%s: last error %v, want 0", c.src, e)
					}
					o := f.obj(f.a, h)
					if o.Type != c.typ || o.Name != name || o.UsageCount() != 1 || o.HandleCount != 1 {
						t.Errorf("object %+v", o)
					}
					e, _ := f.entry(f.a, h)
					wantFlags := uint8(0)
					if inh {
						wantFlags = 1
					}
					if e.Access != c.acc || e.Flags != wantFlags {
						t.Errorf("entry access %#x flags %d, want %#x %d", e.Access, e.Flags, c.acc, wantFlags)
					}
					evs := f.k.TakeEvents()
					want := []string{"created #5 " + c.typ.String() + " " + name}
					if name != "" {
						want = append(want, `lookup "Obj" new`)
					}
					want = append(want,
						"add 1000:0x4 #5 acc="+hex(c.acc)+" fl="+itoa(int(wantFlags))+" create",
						"usage #5 0->1 create",
						"lasterror 1004=ERROR_SUCCESS")
					wantEvents(t, only(evs), want...)
					if name != "" && f.k.NamedObject(name) != o {
						t.Error("name not in the namespace")
					}
				})
			}
		}
	}
}

func TestCreateEventArguments(t *testing.T) {
	// Source: "CreateEventW function" (bManualReset, bInitialState),
	// "CreateEventExW function" (dwFlags CREATE_EVENT_MANUAL_RESET,
	// CREATE_EVENT_INITIAL_SET; other bits are invalid).
	runCases(t, []callCase{
		{name: "auto reset, nonsignaled", src: "CreateEventW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateEvent(f.ta, nil, false, false, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.ManualReset || o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "manual reset, signaled", src: "CreateEventW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateEvent(f.ta, nil, true, true, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); !o.ManualReset || !o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "Ex flags", src: "CreateEventExW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateEventEx(f.ta, nil, "", CREATE_EVENT_MANUAL_RESET|CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); !o.ManualReset || !o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "Ex unknown flag", src: "CreateEventExW function", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateEventEx(f.ta, nil, "", 0x4, EVENT_ALL_ACCESS)) }},
		{name: "existing name ignores the initial state", src: "CreateEventW function (Return value: ERROR_ALREADY_EXISTS)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "E")
				return handleOK(f.k.CreateEvent(f.ta, nil, true, true, "E"))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.ManualReset || o.Signaled || o.UsageCount() != 2 {
					f.t.Errorf("existing event changed: %+v", o)
				}
			}},
		{name: "name held by a mutex", src: "docs/semantics.md Named objects; seed 003 (CreateMutex then CreateSemaphore \"MyObj\")", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateMutex(f.tb, nil, false, "X")
				return handleOK(f.k.CreateEvent(f.ta, nil, false, false, "X"))
			}},
	})
}

func TestCreateMutexArguments(t *testing.T) {
	runCases(t, []callCase{
		{name: "initial owner", src: "CreateMutexW function (bInitialOwner)", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateMutex(f.ta, nil, true, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.OwnerTID != f.ta || o.Recursion != 1 || o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "no owner", src: "CreateMutexW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateMutex(f.ta, nil, false, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.OwnerTID != 0 || !o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "Ex initial owner flag", src: "CreateMutexExW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateMutexEx(f.ta, nil, "", CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.OwnerTID != f.ta {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "Ex unknown flag", src: "CreateMutexExW function", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateMutexEx(f.ta, nil, "", 0x2, MUTEX_ALL_ACCESS)) }},
		{name: "existing name: bInitialOwner ignored", src: "CreateMutexW function (Remarks: bInitialOwner is ignored for an existing mutex); Wine 8.0 probe: ReleaseMutex after it fails with ERROR_NOT_OWNER", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateMutex(f.tb, nil, false, "M")
				return handleOK(f.k.CreateMutex(f.ta, nil, true, "M"))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.OwnerTID != 0 || o.UsageCount() != 2 {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "name held by an event", src: "docs/semantics.md Named objects; Wine 8.0 probe: CreateMutexW on an event's name gives NULL, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "X")
				return handleOK(f.k.CreateMutex(f.ta, nil, false, "X"))
			}},
	})
}

func TestCreateSemaphoreArguments(t *testing.T) {
	// Source: "CreateSemaphoreW function": lInitialCount >= 0 and <=
	// lMaximumCount, lMaximumCount > 0. Wine 8.0 probe: (3,2), (-1,2) and
	// (0,0) all give NULL, ERROR_INVALID_PARAMETER; with a bad count and a
	// name held by a mutex, ERROR_INVALID_PARAMETER wins.
	bad := func(initial, max int32, name string) func(f *fx) (uint64, bool) {
		return func(f *fx) (uint64, bool) {
			f.k.CreateMutex(f.tb, nil, false, "M")
			return handleOK(f.k.CreateSemaphore(f.ta, nil, initial, max, name))
		}
	}
	runCases(t, []callCase{
		{name: "counts", src: "CreateSemaphoreW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateSemaphore(f.ta, nil, 2, 5, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Count != 2 || o.Max != 5 || !o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "zero initial", src: "CreateSemaphoreW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateSemaphore(f.ta, nil, 0, 1, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Count != 0 || o.Signaled {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "initial > max", src: "CreateSemaphoreW function", ok: false, err: ERROR_INVALID_PARAMETER, run: bad(3, 2, "")},
		{name: "negative initial", src: "CreateSemaphoreW function", ok: false, err: ERROR_INVALID_PARAMETER, run: bad(-1, 2, "")},
		{name: "zero max", src: "CreateSemaphoreW function", ok: false, err: ERROR_INVALID_PARAMETER, run: bad(0, 0, "")},
		{name: "negative max", src: "CreateSemaphoreW function", ok: false, err: ERROR_INVALID_PARAMETER, run: bad(-5, -1, "")},
		{name: "bad counts beat type clash", src: "Wine 8.0 probe", ok: false, err: ERROR_INVALID_PARAMETER, run: bad(5, 1, "M")},
		{name: "type clash", src: "seed 003 (CreateMutex \"MyObj\" then CreateSemaphore \"MyObj\": ERROR_INVALID_HANDLE)", ok: false, err: ERROR_INVALID_HANDLE, run: bad(0, 1, "M")},
		{name: "Ex reserved flags", src: "CreateSemaphoreExW function (dwFlags reserved, must be 0)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateSemaphoreEx(f.ta, nil, 0, 1, "", 1, SEMAPHORE_ALL_ACCESS))
			}},
		{name: "existing name keeps its counts", src: "CreateSemaphoreW function (Return value: ERROR_ALREADY_EXISTS)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateSemaphore(f.tb, nil, 1, 1, "S")
				return handleOK(f.k.CreateSemaphore(f.ta, nil, 0, 9, "S"))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Count != 1 || o.Max != 1 {
					f.t.Errorf("state %+v", o)
				}
			}},
	})
}

func TestCreateTimerJobMapping(t *testing.T) {
	runCases(t, []callCase{
		{name: "timer starts nonsignaled", src: "CreateWaitableTimerW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.CreateWaitableTimer(f.ta, nil, false, "")) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Signaled || o.ManualReset {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "timer Ex high resolution flag accepted", src: "CreateWaitableTimerExW function (CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2)", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateWaitableTimerEx(f.ta, nil, "", CREATE_WAITABLE_TIMER_MANUAL_RESET|0x2, TIMER_ALL_ACCESS))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); !o.ManualReset {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "timer Ex unknown flag", src: "CreateWaitableTimerExW function", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateWaitableTimerEx(f.ta, nil, "", 0x4, TIMER_ALL_ACCESS))
			}},
		{name: "timer name held by a job", src: "docs/semantics.md Named objects", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateJobObject(f.tb, nil, "J")
				return handleOK(f.k.CreateWaitableTimer(f.ta, nil, false, "J"))
			}},
		{name: "job existing name", src: "CreateJobObjectW function (Return value: ERROR_ALREADY_EXISTS)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateJobObject(f.tb, nil, "J")
				return handleOK(f.k.CreateJobObject(f.ta, nil, "J"))
			}},
		{name: "job name held by a timer", src: "docs/semantics.md Named objects", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateWaitableTimer(f.tb, nil, false, "T")
				return handleOK(f.k.CreateJobObject(f.ta, nil, "T"))
			}},
		{name: "mapping of the paging file", src: "CreateFileMappingW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE|SEC_COMMIT, 1, 0, ""))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Size != 1<<32 || o.BackingID != 0 || o.Path != "" {
					f.t.Errorf("state %+v", o)
				}
			}},
		{name: "mapping of the paging file, size 0", src: "CreateFileMappingW function; Wine 8.0 probe: NULL, 87", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 0, ""))
			}},
		{name: "mapping with PAGE_NOACCESS", src: "CreateFileMappingW function (flProtect); Wine 8.0 probe: NULL, 87", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_NOACCESS, 0, 4096, ""))
			}},
		{name: "mapping of a handle that is not a file", src: "CreateFileMappingW function (hFile)", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				return handleOK(f.k.CreateFileMapping(f.ta, h, nil, PAGE_READONLY, 0, 4096, ""))
			}},
		{name: "mapping of an unknown handle", src: "CreateFileMappingW function (hFile)", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				return handleOK(f.k.CreateFileMapping(f.ta, 0x40, nil, PAGE_READONLY, 0, 4096, ""))
			}},
		{name: "mapping of an empty file, size 0", src: "CreateFileMappingW function (a file of length 0 with dwMaximumSize 0: ERROR_FILE_INVALID); Wine 8.0 probe: NULL, 1006 (model fixed to match)", ok: false, err: ERROR_FILE_INVALID,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READWRITE, 0, 0, ""))
			}},
		{name: "mapping of a file with data, size 0 = the file's size", src: "CreateFileMappingW function (dwMaximumSizeHigh/Low 0: the current size of the file)", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
				f.k.WriteFile(f.ta, hf, "12345")
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READONLY, 0, 0, ""))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Size != 5 || o.Path != `C:\m.bin` {
					f.t.Errorf("mapping %+v", o)
				}
			}},
		{name: "writable mapping larger than the file extends it", src: "CreateFileMappingW function (Remarks: the file on disk is increased to match); Wine 8.0 probe: a later size-0 mapping of the grown file succeeds", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
				f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READWRITE, 0, 100, "")
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READONLY, 0, 0, ""))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Size != 100 {
					f.t.Errorf("size %d", o.Size)
				}
			}},
		{name: "read-only mapping larger than the file", src: "CreateFileMappingW function (only a writable mapping extends the file); Wine 8.0 probe: PAGE_READONLY or PAGE_WRITECOPY of 100 bytes over a 5-byte file gives NULL, ERROR_NOT_ENOUGH_MEMORY (model fixed to match); 3 bytes succeeds", ok: false, err: ERROR_NOT_ENOUGH_MEMORY,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
				f.k.WriteFile(f.ta, hf, "hello")
				if f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READONLY, 0, 3, "") == 0 {
					f.t.Error("3-byte read-only mapping of a 5-byte file failed")
				}
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_WRITECOPY, 0, 100, ""))
			}},
		{name: "PAGE_READWRITE over a read-only file handle", src: "CreateFileMappingW function (flProtect: GENERIC_READ and GENERIC_WRITE); Wine 8.0 probe: NULL, 5 (model fixed to match)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ, 0, nil, CREATE_ALWAYS, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READWRITE, 0, 10, ""))
			}},
		{name: "PAGE_READONLY over a write-only file handle", src: "CreateFileMappingW function (flProtect: GENERIC_READ); Wine 8.0 probe: NULL, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_WRITE, 0, nil, CREATE_ALWAYS, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_READONLY, 0, 10, ""))
			}},
		{name: "PAGE_WRITECOPY over a read-only file handle", src: "CreateFileMappingW function (PAGE_WRITECOPY: GENERIC_READ); Wine 8.0 probe: succeeds", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				hw := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_WRITE, FILE_SHARE_READ, nil, CREATE_ALWAYS, 0)
				f.k.WriteFile(f.ta, hw, "0123456789")
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_WRITECOPY, 0, 10, ""))
			}},
		{name: "PAGE_EXECUTE_READ needs execute access", src: "CreateFileMappingW function (PAGE_EXECUTE_READ: GENERIC_READ and GENERIC_EXECUTE)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_READ, 0, nil, CREATE_ALWAYS, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_EXECUTE_READ, 0, 10, ""))
			}},
		{name: "PAGE_EXECUTE_READWRITE with every right", src: "CreateFileMappingW function (PAGE_EXECUTE_READWRITE)", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				hf := f.k.CreateFile(f.ta, `C:\m.bin`, GENERIC_ALL, 0, nil, CREATE_ALWAYS, 0)
				return handleOK(f.k.CreateFileMapping(f.ta, hf, nil, PAGE_EXECUTE_READWRITE, 0, 10, ""))
			}},
		{name: "mapping name held by an event", src: "docs/semantics.md Named objects", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "X")
				return handleOK(f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 4096, "X"))
			}},
		{name: "mapping existing name", src: "CreateFileMappingW function (Return value: ERROR_ALREADY_EXISTS)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateFileMapping(f.tb, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 4096, "FM")
				return handleOK(f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, "FM"))
			},
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, Handle(r)); o.Size != 4096 || o.UsageCount() != 2 {
					f.t.Errorf("state %+v", o)
				}
			}},
	})
}

// TestFileMappingKeepsItsFile: the mapping holds a kernel reference on its
// file object, so CloseHandle(hFile) leaves the file alive until the mapping
// goes. Source: "CreateFileMappingW function" (Remarks: the file stays open
// until the mapping object is closed); Richter, Windows via C/C++ ch. 17.
// This sequence found a model bug: the file's reference was released after
// the mapping's destruction had been reported, so the invariant check failed
// in between (fixed in kernel.go, reportDrop).
func TestFileMappingKeepsItsFile(t *testing.T) {
	f := newFx(t)
	k := f.k
	hf := k.CreateFile(f.ta, `C:\data.bin`, GENERIC_READ|GENERIC_WRITE, 0, nil, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL)
	hm := k.CreateFileMapping(f.ta, hf, nil, PAGE_READWRITE, 0, 4096, "Map")
	file := f.obj(f.a, hf)
	if file.UsageCount() != 2 || file.KernelRefs != 1 {
		t.Fatalf("file usage %d (kernel refs %d), want 2 (1)", file.UsageCount(), file.KernelRefs)
	}
	// A second Create of the same name opens the mapping: no new reference.
	hm2 := k.CreateFileMapping(f.tb, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, "Map")
	if k.GetLastError(f.tb) != ERROR_ALREADY_EXISTS || file.KernelRefs != 1 {
		t.Fatalf("reopen: %v, file refs %d", k.GetLastError(f.tb), file.KernelRefs)
	}
	k.CloseHandle(f.tb, hm2)
	k.CloseHandle(f.ta, hf)
	if file.Destroyed || file.UsageCount() != 1 {
		t.Fatalf("file destroyed with the mapping alive: %+v", file)
	}
	k.TakeEvents()
	k.CloseHandle(f.ta, hm)
	wantEvents(t, only(k.TakeEvents()),
		"remove 1000:0x8 #6 close",
		"usage #6 1->0 close",
		"destroyed #6",
		"usage #5 1->0 mapping",
		"destroyed #5")
	if !file.Destroyed || k.NamedObject("Map") != nil {
		t.Error("file or name left behind")
	}
}

// ---- Open* ----

func TestOpenNamed(t *testing.T) {
	type opener struct {
		name   string
		src    string
		create func(f *fx, name string) Handle // by B
		open   func(f *fx, acc uint32, inh bool, name string) Handle
		other  func(f *fx, name string) Handle // another type, by B
	}
	ev := func(f *fx, n string) Handle { return f.k.CreateEvent(f.tb, nil, false, false, n) }
	mu := func(f *fx, n string) Handle { return f.k.CreateMutex(f.tb, nil, false, n) }
	openers := []opener{
		{"OpenEvent", "OpenEventW function", ev, func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenEvent(f.ta, a, i, n) }, mu},
		{"OpenMutex", "OpenMutexW function", mu, func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenMutex(f.ta, a, i, n) }, ev},
		{"OpenSemaphore", "OpenSemaphoreW function", func(f *fx, n string) Handle { return f.k.CreateSemaphore(f.tb, nil, 0, 1, n) },
			func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenSemaphore(f.ta, a, i, n) }, ev},
		{"OpenFileMapping", "OpenFileMappingW function", func(f *fx, n string) Handle {
			return f.k.CreateFileMapping(f.tb, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, n)
		}, func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenFileMapping(f.ta, a, i, n) }, ev},
		{"OpenWaitableTimer", "OpenWaitableTimerW function", func(f *fx, n string) Handle { return f.k.CreateWaitableTimer(f.tb, nil, false, n) },
			func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenWaitableTimer(f.ta, a, i, n) }, ev},
		{"OpenJobObject", "OpenJobObjectW function", func(f *fx, n string) Handle { return f.k.CreateJobObject(f.tb, nil, n) },
			func(f *fx, a uint32, i bool, n string) Handle { return f.k.OpenJobObject(f.ta, a, i, n) }, ev},
	}
	for _, o := range openers {
		o := o
		runCases(t, []callCase{
			{name: o.name + "/existing", src: o.src + "; seed 003 (Open* adds an entry, usage +1, bInheritHandle makes it inheritable); Wine 8.0 probe: OpenEventW success leaves the last error as it was", ok: true, err: untouched,
				run: func(f *fx) (uint64, bool) {
					o.create(f, "N")
					f.k.TakeEvents()
					return handleOK(o.open(f, SYNCHRONIZE|0x1, true, "N"))
				},
				more: func(f *fx, r uint64) {
					obj := f.obj(f.a, Handle(r))
					e, _ := f.entry(f.a, Handle(r))
					want := SYNCHRONIZE | 0x1
					if o.name == "OpenFileMapping" {
						// A section's valid rights (SECTION_ALL_ACCESS,
						// WRK mm/mminit.c) have no SYNCHRONIZE, so
						// ObpCreateHandle drops it.
						want = 0x1
					}
					if r != 4 || obj.UsageCount() != 2 || e.Flags != 1 || e.Access != want {
						f.t.Errorf("handle %#x usage %d entry %+v", r, obj.UsageCount(), e)
					}
					wantEvents(f.t, only(f.k.TakeEvents()),
						`lookup "N" existing`,
						sprintf("add 1000:0x4 #5 acc=%#x fl=1 open", want),
						"usage #5 1->2 open")
				}},
			{name: o.name + "/missing", src: o.src + " (ERROR_FILE_NOT_FOUND); seed 003; Wine 8.0 probe: OpenEventW of a missing name gives NULL, 2", ok: false, err: ERROR_FILE_NOT_FOUND,
				run: func(f *fx) (uint64, bool) {
					f.k.TakeEvents()
					h := o.open(f, SYNCHRONIZE, false, "Nope")
					wantEvents(f.t, only(f.k.TakeEvents(), EvNamespaceLookup), `lookup "Nope" not-found`)
					return handleOK(h)
				}},
			{name: o.name + "/case sensitive", src: "docs/semantics.md (names are case sensitive); Wine 8.0 probe: OpenEventW(\"probemu2\") after CreateEventW(\"probeMu2\") gives ERROR_FILE_NOT_FOUND", ok: false, err: ERROR_FILE_NOT_FOUND,
				run: func(f *fx) (uint64, bool) {
					o.create(f, "Name")
					return handleOK(o.open(f, SYNCHRONIZE, false, "name"))
				}},
			{name: o.name + "/type mismatch", src: "docs/semantics.md; seed 003 (ERROR_INVALID_HANDLE); Wine 8.0 probe: OpenMutexW of an event's name gives NULL, 6", ok: false, err: ERROR_INVALID_HANDLE,
				run: func(f *fx) (uint64, bool) {
					o.other(f, "N")
					f.k.TakeEvents()
					h := o.open(f, SYNCHRONIZE, false, "N")
					wantEvents(f.t, only(f.k.TakeEvents(), EvNamespaceLookup), `lookup "N" type-mismatch`)
					return handleOK(h)
				}},
			{name: o.name + "/NULL name", src: o.src + " (lpName must not be NULL: seed 003); Wine 8.0 probe: OpenEventW(NULL) and OpenMutexW(NULL) give NULL, ERROR_INVALID_PARAMETER", ok: false, err: ERROR_INVALID_PARAMETER,
				run: func(f *fx) (uint64, bool) { return handleOK(o.open(f, SYNCHRONIZE, false, NullName)) }},
			{name: o.name + "/empty name", src: o.src + "; Wine 8 differential run of the lessons: the empty name is the object directory, ERROR_INVALID_HANDLE", ok: false, err: ERROR_INVALID_HANDLE,
				run: func(f *fx) (uint64, bool) { return handleOK(o.open(f, SYNCHRONIZE, false, "")) }},
			{name: o.name + "/after the object died", src: "docs/semantics.md (a destroyed object's name leaves the namespace at once)", ok: false, err: ERROR_FILE_NOT_FOUND,
				run: func(f *fx) (uint64, bool) {
					h := o.create(f, "Gone")
					f.k.CloseHandle(f.tb, h)
					return handleOK(o.open(f, SYNCHRONIZE, false, "Gone"))
				}},
			{name: o.name + "/generic access mapped", src: "Generic Access Rights (the object manager maps GENERIC_ALL)", ok: true, err: untouched,
				run: func(f *fx) (uint64, bool) {
					o.create(f, "G")
					return handleOK(o.open(f, GENERIC_ALL, false, "G"))
				},
				more: func(f *fx, r uint64) {
					e, _ := f.entry(f.a, Handle(r))
					if e.Access&GENERIC_ALL != 0 || e.Access == 0 {
						f.t.Errorf("access %#x", e.Access)
					}
				}},
		})
	}
}

// ---- CreateFile ----

func TestCreateFile(t *testing.T) {
	const path = `C:\Temp\log.txt`
	rw := GENERIC_READ | GENERIC_WRITE
	mk := func(f *fx, disp uint32) Handle {
		return f.k.CreateFile(f.tb, path, rw, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, disp, FILE_ATTRIBUTE_NORMAL)
	}
	// Source: "CreateFileW function" (dwCreationDisposition table, Return
	// value: INVALID_HANDLE_VALUE on failure); "Creating and Opening Files"
	// (sharing). Wine 8.0 probe: CREATE_NEW on an existing file 80,
	// OPEN_ALWAYS / CREATE_ALWAYS on an existing file succeed with 183,
	// OPEN_EXISTING of a missing file 2, an open against share mode 0 gives
	// 32, disposition 9 gives 87, TRUNCATE_EXISTING with GENERIC_READ only
	// succeeds.
	runCases(t, []callCase{
		{name: "CREATE_NEW missing", src: "CreateFileW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, CREATE_NEW, 0)) },
			more: func(f *fx, r uint64) {
				o := f.obj(f.a, Handle(r))
				if o.Type != TypeFile || o.Path != path || o.UsageCount() != 1 || !o.Signaled {
					f.t.Errorf("file %+v", o)
				}
			}},
		{name: "CREATE_NEW existing", src: "CreateFileW function (ERROR_FILE_EXISTS)", ok: false, err: ERROR_FILE_EXISTS,
			run: func(f *fx) (uint64, bool) {
				mk(f, CREATE_NEW)
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, CREATE_NEW, 0))
			}},
		{name: "CREATE_ALWAYS missing", src: "CreateFileW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, CREATE_ALWAYS, 0)) }},
		{name: "CREATE_ALWAYS existing", src: "CreateFileW function (ERROR_ALREADY_EXISTS on success)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CloseHandle(f.tb, mk(f, CREATE_NEW))
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, CREATE_ALWAYS, 0))
			}},
		{name: "OPEN_ALWAYS missing", src: "CreateFileW function", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, OPEN_ALWAYS, 0)) }},
		{name: "OPEN_ALWAYS existing", src: "CreateFileW function (ERROR_ALREADY_EXISTS on success)", ok: true, err: ERROR_ALREADY_EXISTS,
			run: func(f *fx) (uint64, bool) {
				f.k.CloseHandle(f.tb, mk(f, CREATE_NEW))
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, OPEN_ALWAYS, 0))
			}},
		{name: "OPEN_EXISTING missing", src: "CreateFileW function (ERROR_FILE_NOT_FOUND)", ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, OPEN_EXISTING, 0)) }},
		{name: "TRUNCATE_EXISTING missing", src: "CreateFileW function (ERROR_FILE_NOT_FOUND)", ok: false, err: ERROR_FILE_NOT_FOUND,
			run: func(f *fx) (uint64, bool) {
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, TRUNCATE_EXISTING, 0))
			}},
		{name: "OPEN_EXISTING case-insensitive path", src: "Naming Files, Paths, and Namespaces (NTFS names are case-insensitive)", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				f.k.CloseHandle(f.tb, mk(f, CREATE_NEW))
				return fileOK(f.k.CreateFile(f.ta, `c:\temp\LOG.TXT`, GENERIC_READ, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			}},
		{name: "bad disposition", src: "CreateFileW function; Wine 8.0 probe: disposition 9 gives 87", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, 9, 0)) }},
		{name: "empty path", src: "CreateFileW function", ok: false, err: ERROR_PATH_NOT_FOUND,
			run: func(f *fx) (uint64, bool) { return fileOK(f.k.CreateFile(f.ta, "", rw, 0, nil, OPEN_ALWAYS, 0)) }},
		{name: "wildcard in the name", src: "Naming Files, Paths, and Namespaces (reserved characters)", ok: false, err: ERROR_INVALID_NAME,
			run: func(f *fx) (uint64, bool) {
				return fileOK(f.k.CreateFile(f.ta, `C:\a*.txt`, rw, 0, nil, OPEN_ALWAYS, 0))
			}},
		{name: "control character in the name", src: "Naming Files, Paths, and Namespaces (characters 1 through 31 and NUL are not allowed)", ok: false, err: ERROR_INVALID_NAME,
			run: func(f *fx) (uint64, bool) {
				return fileOK(f.k.CreateFile(f.ta, "C:\\a\tb.txt", rw, 0, nil, OPEN_ALWAYS, 0))
			}},
		{name: "sharing violation: open without share", src: "Creating and Opening Files; Wine 8.0 probe: 32", ok: false, err: ERROR_SHARING_VIOLATION,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateFile(f.tb, path, rw, 0, nil, CREATE_NEW, 0)
				return fileOK(f.k.CreateFile(f.ta, path, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0))
			}},
		{name: "sharing violation: new open denies the existing writer", src: "Creating and Opening Files (each open's share mode must allow the other's access)", ok: false, err: ERROR_SHARING_VIOLATION,
			run: func(f *fx) (uint64, bool) {
				mk(f, CREATE_NEW)
				return fileOK(f.k.CreateFile(f.ta, path, GENERIC_READ, FILE_SHARE_READ, nil, OPEN_EXISTING, 0))
			}},
		{name: "sharing violation: delete access", src: "Creating and Opening Files (FILE_SHARE_DELETE)", ok: false, err: ERROR_SHARING_VIOLATION,
			run: func(f *fx) (uint64, bool) {
				mk(f, CREATE_NEW)
				return fileOK(f.k.CreateFile(f.ta, path, DELETE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0))
			}},
		{name: "compatible shares: each open is a new object", src: "CreateFileW function; Wine 8.0 probe: two opens of one file are two objects", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				mk(f, CREATE_NEW)
				return fileOK(f.k.CreateFile(f.ta, path, GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, nil, OPEN_EXISTING, 0))
			},
			more: func(f *fx, r uint64) {
				a := f.obj(f.a, Handle(r))
				b := f.obj(f.b, 4)
				if a == b || a.UsageCount() != 1 || b.UsageCount() != 1 {
					f.t.Errorf("two opens share an object: %+v %+v", a, b)
				}
			}},
		{name: "closed open no longer conflicts", src: "Creating and Opening Files", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				f.k.CloseHandle(f.tb, f.k.CreateFile(f.tb, path, rw, 0, nil, CREATE_NEW, 0))
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, nil, OPEN_EXISTING, 0))
			}},
		{name: "inheritable", src: "SECURITY_ATTRIBUTES structure", ok: true, err: 0,
			run: func(f *fx) (uint64, bool) {
				return fileOK(f.k.CreateFile(f.ta, path, rw, 0, inheritable(), CREATE_NEW, 0))
			},
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); e.Flags != 1 || e.Access != FILE_GENERIC_READ|FILE_GENERIC_WRITE {
					f.t.Errorf("entry %+v", e)
				}
			}},
	})
}

// ---- CloseHandle ----

func TestCloseHandle(t *testing.T) {
	// Source: "CloseHandle function"; docs/semantics.md CloseHandle. Wine 8.0
	// probe: CloseHandle(-1) and (-2) return TRUE; CloseHandle(NULL) FALSE, 6;
	// a protected handle FALSE, 6 (notes/wine-oracle.md).
	runCases(t, []callCase{
		{name: "valid", src: "CloseHandle function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "E")
				f.k.OpenEvent(f.tb, SYNCHRONIZE, false, "E")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.CloseHandle(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "remove 1000:0x4 #5 close", "usage #5 2->1 close")
				if _, ok := f.entry(f.a, 4); ok {
					f.t.Error("entry still there")
				}
			}},
		{name: "last handle destroys the object and frees the name", src: "CloseHandle function (Remarks); docs/semantics.md", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateMutex(f.ta, nil, false, "M")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.CloseHandle(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "remove 1000:0x4 #5 close", "usage #5 1->0 close", "destroyed #5")
				if f.k.NamedObject("M") != nil || len(f.k.Names()) != 0 {
					f.t.Error("name kept")
				}
			}},
		{name: "already closed", src: "CloseHandle function (ERROR_INVALID_HANDLE)", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.k.CloseHandle(f.ta, h)
				f.arm()
				return 0, f.k.CloseHandle(f.ta, h)
			}},
		{name: "never opened", src: "CloseHandle function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.CloseHandle(f.ta, 0x1234) }},
		{name: "NULL", src: "CloseHandle function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.CloseHandle(f.ta, 0) }},
		{name: "huge value", src: "CloseHandle function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.CloseHandle(f.ta, 0xFFFFFFFF0) }},
		{name: "another process's value", src: "seed 002 (handles are per process)", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "")
				return 0, f.k.CloseHandle(f.ta, 4)
			}},
		{name: "low two bits ignored", src: "docs/semantics.md Handle tables", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.ta, nil, false, false, "")
				f.arm()
				return 0, f.k.CloseHandle(f.ta, 4|1) // 4|3 is a console handle (console.go)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 4); ok {
					f.t.Error("entry still there")
				}
			}},
		{name: "protected", src: "SetHandleInformation function; seed 003 (CloseHandle returns FALSE); docs/semantics.md", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.k.SetHandleInformation(f.ta, h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE)
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.CloseHandle(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "refused 1000:0x4", "lasterror 1004=ERROR_INVALID_HANDLE")
				if f.usage(f.a, 4) != 1 {
					f.t.Error("protected entry closed")
				}
			}},
		{name: "pseudo process handle", src: "GetCurrentProcess function (closing the pseudo handle has no effect); Wine 8.0 probe: TRUE", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return 0, f.k.CloseHandle(f.ta, f.k.GetCurrentProcess()) }},
		{name: "pseudo thread handle", src: "GetCurrentThread function; Wine 8.0 probe: TRUE", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return 0, f.k.CloseHandle(f.ta, f.k.GetCurrentThread()) },
			more: func(f *fx, _ uint64) {
				if !f.k.CanCall(f.ta) || f.k.ProcessByPID(f.a).UsageCount() != 1 {
					f.t.Error("closing a pseudo handle changed something")
				}
			}},
	})
}

// TestLowestFreeIndex: a new handle takes the lowest free index; a freed
// slot is reused. Source: docs/semantics.md Handle tables (Windows via C/C++,
// Wine).
func TestLowestFreeIndex(t *testing.T) {
	f := newFx(t)
	k := f.k
	var hs []Handle
	for i := 0; i < 5; i++ {
		hs = append(hs, k.CreateEvent(f.ta, nil, false, false, ""))
	}
	for i, h := range hs {
		if h != Handle(4*(i+1)) {
			t.Fatalf("handle %d = %#x", i, h)
		}
	}
	k.CloseHandle(f.ta, hs[3])
	k.CloseHandle(f.ta, hs[1])
	if h := k.CreateMutex(f.ta, nil, false, ""); h != hs[1] {
		t.Errorf("got %#x, want the lowest free %#x", h, hs[1])
	}
	if h := k.CreateMutex(f.ta, nil, false, ""); h != hs[3] {
		t.Errorf("got %#x, want %#x", h, hs[3])
	}
	if h := k.CreateMutex(f.ta, nil, false, ""); h != 24 {
		t.Errorf("got %#x, want 0x18", h)
	}
	// Closing the top entries and reopening still counts from the lowest.
	for _, h := range []Handle{24, 20, 16} {
		k.CloseHandle(f.ta, h)
	}
	if h := k.CreateMutex(f.ta, nil, false, ""); h != 16 {
		t.Errorf("got %#x, want 0x10", h)
	}
	if n := k.ProcessByPID(f.a).Proc.HandleCountInTable(); n != 4 {
		t.Errorf("table count %d", n)
	}
}

// TestHandleLimit: past the per-process limit creation fails with
// ERROR_NO_SYSTEM_RESOURCES. Source: docs/semantics.md Handle tables ("Pushing
// the Limits of Windows: Handles"), with a small limit as the model
// parameter allows.
func TestHandleLimit(t *testing.T) {
	k := newKernel(t, Config{HandleLimit: 3})
	if k.Config().HandleLimit != 3 || New(Config{}).Config().HandleLimit != DefaultHandleLimit {
		t.Fatal("config")
	}
	pa, ta := k.StartProcess("A.exe", "A.exe", nil)
	_, tb := k.StartProcess("B.exe", "B.exe", nil)
	hEv := k.CreateEvent(ta, nil, false, false, "E")
	k.CreateEvent(ta, nil, false, false, "")
	k.CreateEvent(ta, nil, false, false, "")
	full := []struct {
		src  string
		call func() bool
	}{
		{"CreateEventW function", func() bool { return k.CreateEvent(ta, nil, false, false, "") != 0 }},
		{"CreateMutexW function (existing name)", func() bool { k.CreateMutex(tb, nil, false, "M"); return k.CreateMutex(ta, nil, false, "M") != 0 }},
		{"OpenEventW function", func() bool { return k.OpenEvent(ta, SYNCHRONIZE, false, "E") != 0 }},
		{"OpenProcess function", func() bool { return k.OpenProcess(ta, SYNCHRONIZE, false, pa) != 0 }},
		{"CreateFileW function", func() bool {
			return k.CreateFile(ta, `C:\x`, GENERIC_READ, 0, nil, CREATE_ALWAYS, 0) != INVALID_HANDLE_VALUE
		}},
		{"CreateFileMappingW function", func() bool {
			return k.CreateFileMapping(ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, "") != 0
		}},
		{"DuplicateHandle function", func() bool {
			_, ok := k.DuplicateHandle(ta, CurrentProcess, hEv, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
			return ok
		}},
		{"CreateProcessW function (hProcess and hThread need two slots)", func() bool {
			_, ok := k.CreateProcess(ta, "", "C.exe", nil, nil, false, 0, nil)
			return ok
		}},
	}
	for _, c := range full {
		k.SetLastError(ta, untouched)
		if c.call() {
			t.Errorf("%s: succeeded past the limit", c.src)
		}
		if e := k.GetLastError(ta); e != ERROR_NO_SYSTEM_RESOURCES {
			t.Errorf("%s: last error %v", c.src, e)
		}
	}
	// A same-process move needs no new slot.
	if h, ok := k.DuplicateHandle(ta, CurrentProcess, hEv, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE); !ok || h != hEv {
		t.Errorf("move at the limit: %#x %v", h, ok)
	}
	// A full target: the duplicate fails, and DUPLICATE_CLOSE_SOURCE still
	// closes the source (DuplicateHandle function: "regardless of any error").
	hA := k.OpenProcess(tb, PROCESS_DUP_HANDLE, false, pa) // B: M, hA
	k.CreateEvent(tb, nil, false, false, "")               // B is now full too
	if k.CreateEvent(tb, nil, false, false, "") != 0 || hA == 0 {
		t.Fatal("B not full")
	}
	hSrc := Handle(4)
	if _, ok := k.DuplicateHandle(tb, hA, hSrc, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE); ok || k.GetLastError(tb) != ERROR_NO_SYSTEM_RESOURCES {
		t.Errorf("dup into a full table: %v", k.GetLastError(tb))
	}
	if _, _, ok := k.ProcessByPID(pa).Proc.Lookup(hSrc); ok {
		t.Error("source not closed after a failed duplicate with DUPLICATE_CLOSE_SOURCE")
	}
}

// ---- DuplicateHandle ----

func TestDuplicateHandle(t *testing.T) {
	// Source: "DuplicateHandle function"; seed 003 (S/C/T); docs/semantics.md
	// DuplicateHandle. Wine 8.0 probe results are quoted per case.
	type dupSetup struct {
		hEv  Handle // A's event, index 1
		hB   Handle // A's handle to B (PROCESS_ALL_ACCESS), index 2
		hEv2 Handle // A's second event, protected, index 3
	}
	setup := func(f *fx) dupSetup {
		s := dupSetup{}
		s.hEv = f.k.CreateEvent(f.ta, nil, false, false, "")
		s.hB = f.k.OpenProcess(f.ta, PROCESS_ALL_ACCESS, false, f.b)
		s.hEv2 = f.k.CreateEvent(f.ta, nil, false, false, "")
		f.k.SetHandleInformation(f.ta, s.hEv2, HANDLE_FLAG_PROTECT_FROM_CLOSE|HANDLE_FLAG_INHERIT, HANDLE_FLAG_PROTECT_FROM_CLOSE|HANDLE_FLAG_INHERIT)
		f.k.TakeEvents()
		return s
	}
	dup := func(f *fx, sp, h, tp Handle, acc uint32, inh bool, opt uint32) (uint64, bool) {
		f.arm()
		r, ok := f.k.DuplicateHandle(f.ta, sp, h, tp, true, acc, inh, opt)
		return uint64(r), ok
	}
	runCases(t, []callCase{
		{name: "same access into another process", src: "DuplicateHandle function (DUPLICATE_SAME_ACCESS); seed 002 (usage +1, same object, new value)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, s.hB, 0, false, DUPLICATE_SAME_ACCESS)
			},
			more: func(f *fx, r uint64) {
				if r != 4 || f.obj(f.b, 4) != f.obj(f.a, 4) || f.usage(f.a, 4) != 2 {
					f.t.Errorf("dup %#x", r)
				}
				if e, _ := f.entry(f.b, 4); e.Access != EVENT_ALL_ACCESS || e.Flags != 0 {
					f.t.Errorf("entry %+v", e)
				}
				wantEvents(f.t, only(f.k.TakeEvents()), "add 1008:0x4 #5 acc=0x1f0003 fl=0 duplicate from 1000[1]", "usage #5 1->2 duplicate")
			}},
		{name: "desired access and inherit flag", src: "DuplicateHandle function (dwDesiredAccess, bInheritHandle); Wine 8.0 probe: bInheritHandle TRUE gives flags 1", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, CurrentProcess, SYNCHRONIZE, true, 0)
			},
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); r != 16 || e.Access != SYNCHRONIZE || e.Flags != 1 {
					f.t.Errorf("dup %#x entry %+v", r, e)
				}
			}},
		{name: "generic access mapped", src: "DuplicateHandle function; Generic Access Rights", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, CurrentProcess, GENERIC_READ, false, 0)
			},
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); e.Access != 0x020001 {
					f.t.Errorf("entry %+v", e)
				}
			}},
		{name: "protect flag never copied", src: "docs/semantics.md; Wine 8.0 probe: duplicating an inherit|protect handle with bInheritHandle FALSE gives flags 0", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv2, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			},
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); e.Flags != 0 {
					f.t.Errorf("entry %+v", e)
				}
			}},
		{name: "close source: a move to another process", src: "DuplicateHandle function (DUPLICATE_CLOSE_SOURCE); seed 003 (the count does not change)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, s.hB, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, r uint64) {
				if _, ok := f.entry(f.a, 4); ok || f.usage(f.b, Handle(r)) != 1 {
					f.t.Error("not a move")
				}
				wantEvents(f.t, only(f.k.TakeEvents()),
					"add 1008:0x4 #5 acc=0x1f0003 fl=0 duplicate from 1000[1]", "usage #5 1->2 duplicate",
					"remove 1000:0x4 #5 close-source", "usage #5 2->1 close-source")
			}},
		{name: "close source in one process: unprotected", src: "docs/semantics.md; Wine 8.0 probe: same value", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.CloseHandle(f.ta, s.hB)
				f.k.TakeEvents()
				return dup(f, CurrentProcess, s.hEv, CurrentProcess, SYNCHRONIZE, true, DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, r uint64) {
				if r != 4 || f.usage(f.a, 4) != 1 {
					f.t.Errorf("moved to %#x", r)
				}
				if e, _ := f.entry(f.a, 4); e.Access != SYNCHRONIZE || e.Flags != 1 {
					f.t.Errorf("entry %+v", e)
				}
				wantEvents(f.t, only(f.k.TakeEvents()),
					"remove 1000:0x4 #5 close-source",
					"add 1000:0x4 #5 acc=0x100000 fl=1 duplicate from 1000[1]")
			}},
		{name: "close source of a protected handle: source kept", src: "Wine 8.0 probe: same-process DUPLICATE_CLOSE_SOURCE of a protected handle gives TRUE, a new value, and the source stays with flags 2 (model fixed to match)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv2, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, r uint64) {
				e, ok := f.entry(f.a, 12)
				if r != 16 || !ok || e.Flags != 3 || f.usage(f.a, 12) != 3-1 {
					f.t.Errorf("dup %#x source %+v %v usage %d", r, e, ok, f.usage(f.a, 12))
				}
				wantEvents(f.t, only(f.k.TakeEvents()),
					"add 1000:0x10 #6 acc=0x1f0003 fl=0 duplicate from 1000[3]", "usage #6 1->2 duplicate", "refused 1000:0xc")
			}},
		{name: "close source of a protected handle into another process", src: "Wine 8.0 probe: TRUE, the duplicate is made, the source stays", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv2, s.hB, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, r uint64) {
				if _, ok := f.entry(f.a, 12); !ok || f.usage(f.b, Handle(r)) != 2 {
					f.t.Error("protected source closed")
				}
			}},
		{name: "NULL target with close source: only the close", src: "DuplicateHandle function (hTargetProcessHandle NULL with DUPLICATE_CLOSE_SOURCE closes the source); WRK obhandle.c ObDuplicateObject (no target: NtClose in the source process, STATUS_SUCCESS); Wine 8.0 probe: the source is closed but Wine returns FALSE, 6 — the WRK, real Windows, wins", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.OpenProcess(f.tb, PROCESS_ALL_ACCESS, false, f.a) // B holds A
				f.k.CreateEvent(f.tb, nil, false, false, "")
				f.k.TakeEvents()
				// A closes B's second handle (index 2) from outside.
				f.arm()
				r, ok := f.k.DuplicateHandle(f.ta, s.hB, 8, 0, false, 0, false, DUPLICATE_CLOSE_SOURCE)
				return uint64(r), ok
			},
			more: func(f *fx, r uint64) {
				if _, ok := f.entry(f.b, 8); ok || r != 0 {
					f.t.Error("not closed")
				}
				wantEvents(f.t, only(f.k.TakeEvents()), "remove 1008:0x8 #7 close-source", "usage #7 1->0 close-source", "destroyed #7")
			}},
		{name: "NULL target with close source of a protected handle", src: "WRK obhandle.c ObDuplicateObject (no target: the result of NtClose is ignored, the call returns STATUS_SUCCESS; NtClose refuses a protected handle with STATUS_HANDLE_NOT_CLOSABLE); Wine 8.0 probe gives FALSE, 6 — the WRK, real Windows, wins: TRUE, the source stays", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv2, 0, 0, false, DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 12); !ok {
					f.t.Error("protected handle closed")
				}
				wantEvents(f.t, only(f.k.TakeEvents()), "refused 1000:0xc")
			}},
		{name: "NULL target with close source of a pseudo handle", src: "DuplicateHandle function (nothing to close)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				return dup(f, CurrentProcess, CurrentProcess, 0, 0, false, DUPLICATE_CLOSE_SOURCE)
			}},
		{name: "NULL target with close source of an unknown handle", src: "DuplicateHandle function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return dup(f, CurrentProcess, 0x7FF0, 0, 0, false, DUPLICATE_CLOSE_SOURCE) }},
		{name: "NULL target without close source", src: "WRK obhandle.c ObDuplicateObject (no target process and no DUPLICATE_CLOSE_SOURCE: STATUS_INVALID_PARAMETER); Wine 8.0 probe gives FALSE, 6 — the WRK, real Windows, wins", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, 0, 0, false, DUPLICATE_SAME_ACCESS)
			},
			more: func(f *fx, _ uint64) {
				if f.usage(f.a, 4) != 1 || len(f.k.TakeEvents()) != 1 { // the last error only
					f.t.Error("something was duplicated")
				}
			}},
		{name: "NULL target, unknown source handle", src: "WRK obhandle.c ObDuplicateObject (the source handle is referenced before the target is looked at: STATUS_INVALID_HANDLE); Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return dup(f, CurrentProcess, 0x7FF0, 0, 0, false, 0) }},
		{name: "reserved access bits", src: "WRK obhandle.c ObpValidateDesiredAccess (0x0CE00000 without DUPLICATE_SAME_ACCESS: STATUS_ACCESS_DENIED, before anything else); Wine 8.0 probe succeeds (Wine does not check) — the WRK, real Windows, wins", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, CurrentProcess, 0x00200000, false, DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 4); !ok || f.usage(f.a, 4) != 1 {
					f.t.Error("the source was closed or duplicated")
				}
			}},
		{name: "reserved access bits ignored with DUPLICATE_SAME_ACCESS", src: "WRK obhandle.c ObDuplicateObject (dwDesiredAccess is validated only without DUPLICATE_SAME_ACCESS)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, CurrentProcess, 0x04000000, false, DUPLICATE_SAME_ACCESS)
			},
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); e.Access != EVENT_ALL_ACCESS {
					f.t.Errorf("access %#x", e.Access)
				}
			}},
		{name: "target handle is not a process, close source still closes", src: "DuplicateHandle function (DUPLICATE_CLOSE_SOURCE: regardless of any error); Wine 8.0 probe: FALSE, 6, source closed", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, CurrentProcess, s.hEv, s.hEv2, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 4); ok {
					f.t.Error("source not closed")
				}
			}},
		{name: "source process handle is not a process", src: "docs/semantics.md; seed 003; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				return dup(f, s.hEv, s.hEv, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 4); !ok {
					f.t.Error("closed a handle of an unknown source process")
				}
			}},
		{name: "unknown source handle", src: "DuplicateHandle function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				return dup(f, CurrentProcess, 0x7FF0, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "source handle read in the source process", src: "DuplicateHandle function (hSourceHandle is valid in the source process); seed 003", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				// B's table is empty: A's values mean nothing there.
				return dup(f, s.hB, s.hEv, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "source process handle without PROCESS_DUP_HANDLE", src: "DuplicateHandle function (PROCESS_DUP_HANDLE); Wine 8.0 probe: FALSE, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				hp := f.k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.a)
				return dup(f, hp, s.hEv, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "target process handle without PROCESS_DUP_HANDLE", src: "DuplicateHandle function (PROCESS_DUP_HANDLE)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				hp := f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b)
				return dup(f, CurrentProcess, s.hEv, hp, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "target exited", src: "Wine 8.0 probe: DuplicateHandle into an exited process gives FALSE, ERROR_ACCESS_DENIED; with DUPLICATE_CLOSE_SOURCE the source is closed", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.ExitProcess(f.tb, 0)
				return dup(f, CurrentProcess, s.hEv, s.hB, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				if _, ok := f.entry(f.a, 4); ok {
					f.t.Error("source not closed")
				}
			}},
		{name: "from an exited process", src: "WRK obhandle.c ObDuplicateObject (the source process has no handle table: STATUS_PROCESS_IS_TERMINATING; generr.c maps it to ERROR_ACCESS_DENIED); Wine 8.0 probe gives FALSE, 6 — the WRK, real Windows, wins", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.CreateEvent(f.tb, nil, false, false, "")
				f.k.ExitProcess(f.tb, 0)
				return dup(f, s.hB, 4, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "from an exited process with close source and no target", src: "WRK obhandle.c ObDuplicateObject (STATUS_PROCESS_IS_TERMINATING is returned before the source handle is looked up or closed); Wine 8.0 probe gives FALSE, 6", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.ExitProcess(f.tb, 0)
				f.k.TakeEvents()
				return dup(f, s.hB, 4, 0, 0, false, DUPLICATE_CLOSE_SOURCE)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "lasterror 1004=ERROR_ACCESS_DENIED")
			}},
		{name: "an exited process's pseudo handle", src: "WRK obhandle.c ObDuplicateObject (the handle-table check comes before the pseudo handle is resolved); Wine 8.0 probe: DuplicateHandle(exited, -1, ...) and (exited, -2, ...) succeed — the WRK, real Windows, wins", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.ExitProcess(f.tb, 0)
				return dup(f, s.hB, CurrentProcess, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "an exited process's pseudo thread handle", src: "WRK obhandle.c ObDuplicateObject", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.k.ExitProcess(f.tb, 0)
				return dup(f, s.hB, CurrentThread, CurrentProcess, 0, false, DUPLICATE_SAME_ACCESS)
			}},
		{name: "lpTargetHandle NULL: made but not returned", src: "DuplicateHandle function (lpTargetHandle); Wine 8.0 probe: TRUE, HandleCount 2", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.arm()
				r, ok := f.k.DuplicateHandle(f.ta, CurrentProcess, s.hEv, CurrentProcess, false, 0, false, DUPLICATE_SAME_ACCESS)
				return uint64(r), ok
			},
			more: func(f *fx, r uint64) {
				if r != 0 || f.usage(f.a, 4) != 2 {
					f.t.Errorf("ret %#x usage %d", r, f.usage(f.a, 4))
				}
			}},
		{name: "same-process move with lpTargetHandle NULL", src: "DuplicateHandle function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				s := setup(f)
				f.arm()
				r, ok := f.k.DuplicateHandle(f.ta, CurrentProcess, s.hEv, CurrentProcess, false, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
				return uint64(r), ok
			},
			more: func(f *fx, r uint64) {
				if r != 0 || f.usage(f.a, 4) != 1 {
					f.t.Errorf("ret %#x", r)
				}
			}},
	})
}

// TestDuplicatePseudoHandles: GetCurrentProcess()/GetCurrentThread()
// duplicated become real handles. Source: "DuplicateHandle function"
// (Remarks: pseudo handles are converted to real handles); seed 002 ("Pseudo
// 핸들과 핸들의 중복"); Wine 8.0 probe: the duplicate of GetCurrentProcess()
// is a real handle and GetProcessId on it is the caller's PID.
func TestDuplicatePseudoHandles(t *testing.T) {
	f := newFx(t)
	k := f.k
	proc := k.ProcessByPID(f.a)
	thr := k.ThreadByTID(f.ta)
	hp, ok := k.DuplicateHandle(f.ta, k.GetCurrentProcess(), k.GetCurrentProcess(), k.GetCurrentProcess(), true, 0, false, DUPLICATE_SAME_ACCESS)
	if !ok || hp != 4 || f.obj(f.a, hp) != proc || proc.UsageCount() != 2 {
		t.Fatalf("process: %#x %v usage %d", hp, ok, proc.UsageCount())
	}
	if e, _ := f.entry(f.a, hp); e.Access != PROCESS_ALL_ACCESS {
		t.Errorf("access %#x", e.Access)
	}
	if pid := k.GetProcessId(f.ta, hp); pid != f.a {
		t.Errorf("GetProcessId = %d", pid)
	}
	ht, ok := k.DuplicateHandle(f.ta, CurrentProcess, CurrentThread, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
	if !ok || f.obj(f.a, ht) != thr || thr.UsageCount() != 2 {
		t.Fatalf("thread: %#x %v", ht, ok)
	}
	// The pseudo handle given to another process names that process there:
	// B duplicates its own pseudo handle into A.
	hBinA := k.OpenProcess(f.ta, PROCESS_ALL_ACCESS, false, f.b)
	hAinB := k.OpenProcess(f.tb, PROCESS_ALL_ACCESS, false, f.a)
	h, ok := k.DuplicateHandle(f.tb, CurrentProcess, CurrentProcess, hAinB, true, 0, false, DUPLICATE_SAME_ACCESS)
	if !ok || f.obj(f.a, h).Proc.PID != f.b {
		t.Errorf("B's pseudo handle in A: %v", ok)
	}
	// A reads B's pseudo handle in B's context: B itself.
	h, ok = k.DuplicateHandle(f.ta, hBinA, CurrentProcess, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
	if !ok || f.obj(f.a, h).Proc.PID != f.b {
		t.Errorf("B's pseudo handle read by A: %v", ok)
	}
	// The real handle keeps the process object after the process exits.
	k.ExitProcess(f.tb, 9)
	if code, ok := k.GetExitCodeProcess(f.ta, h); !ok || code != 9 {
		t.Errorf("exit code %d %v", code, ok)
	}
}

// ---- Get/SetHandleInformation ----

func TestHandleInformation(t *testing.T) {
	// Source: "GetHandleInformation function", "SetHandleInformation
	// function"; seed 003 (핸들 플래그를 변경하는 방법).
	getf := func(f *fx, h Handle) (uint64, bool) {
		f.arm()
		fl, ok := f.k.GetHandleInformation(f.ta, h)
		return uint64(fl), ok
	}
	runCases(t, []callCase{
		{name: "get inheritable", src: "GetHandleInformation function; seed 003 (flags 0x00000001)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				return getf(f, f.k.CreateEvent(f.ta, inheritable(), false, false, ""))
			},
			more: func(f *fx, r uint64) {
				if r != 1 {
					f.t.Errorf("flags %d", r)
				}
			}},
		{name: "get low bits ignored", src: "docs/semantics.md; Wine 8.0 probe: GetHandleInformation(h|1) succeeds", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return getf(f, f.k.CreateEvent(f.ta, nil, false, false, "")|1) }},
		{name: "get unknown", src: "GetHandleInformation function; Wine 8.0 probe: NULL gives FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return getf(f, 0) }},
		{name: "get closed", src: "GetHandleInformation function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.k.CloseHandle(f.ta, h)
				return getf(f, h)
			}},
		{name: "get pseudo process handle", src: "Wine 8.0 probe: GetHandleInformation(-1) gives TRUE, flags 0 (model was ERROR_INVALID_HANDLE; fixed to match)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return getf(f, CurrentProcess) },
			more: func(f *fx, r uint64) {
				if r != 0 {
					f.t.Errorf("flags %d", r)
				}
			}},
		{name: "get pseudo thread handle", src: "Wine 8.0 probe: GetHandleInformation(-2) gives TRUE, flags 0", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return getf(f, CurrentThread) }},
		{name: "set protect", src: "SetHandleInformation function; seed 003", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, inheritable(), false, false, "")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.SetHandleInformation(f.ta, h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "flags 1000:0x4 1->3")
				if fl, _ := f.k.GetHandleInformation(f.ta, 4); fl != 3 {
					f.t.Errorf("flags %d", fl)
				}
			}},
		{name: "set clears only the masked bit", src: "SetHandleInformation function (dwMask); seed 003 (SetHandleInformation(hObj, HANDLE_FLAG_INHERIT, 0))", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, inheritable(), false, false, "")
				f.k.SetHandleInformation(f.ta, h, 3, 3)
				f.arm()
				return 0, f.k.SetHandleInformation(f.ta, h, HANDLE_FLAG_INHERIT, 0)
			},
			more: func(f *fx, _ uint64) {
				if fl, _ := f.k.GetHandleInformation(f.ta, 4); fl != 2 {
					f.t.Errorf("flags %d", fl)
				}
			}},
		{name: "set with no change reports nothing", src: "SetHandleInformation function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.SetHandleInformation(f.ta, h, HANDLE_FLAG_INHERIT, 0)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()))
			}},
		{name: "set unknown bits ignored", src: "SetHandleInformation function; Wine 8.0 probe: SetHandleInformation(h, 0xFF, 0xFF) then flags 3", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.arm()
				return 0, f.k.SetHandleInformation(f.ta, h, 0xFF, 0xFF)
			},
			more: func(f *fx, _ uint64) {
				if fl, _ := f.k.GetHandleInformation(f.ta, 4); fl != 3 {
					f.t.Errorf("flags %d", fl)
				}
			}},
		{name: "set unknown", src: "SetHandleInformation function; Wine 8.0 probe: unknown handle gives FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.SetHandleInformation(f.ta, 0x7FF0, 1, 1) }},
		{name: "set pseudo process handle", src: "Wine 8.0 probe: SetHandleInformation(-1, INHERIT) gives FALSE, ERROR_ACCESS_DENIED (model was ERROR_INVALID_HANDLE; fixed to match)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) { return 0, f.k.SetHandleInformation(f.ta, CurrentProcess, 1, 1) }},
		{name: "set pseudo thread handle, mask 0", src: "Wine 8.0 probe: SetHandleInformation(-2, INHERIT) and (-1, mask 0) give FALSE, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) { return 0, f.k.SetHandleInformation(f.ta, CurrentThread, 0, 0) }},
	})
}

// ---- processes ----

func TestCurrentProcessAndThread(t *testing.T) {
	// Source: "GetCurrentProcess function" ((HANDLE)-1), "GetCurrentThread
	// function" ((HANDLE)-2), "GetCurrentProcessId function",
	// "GetCurrentThreadId function", "GetProcessId function".
	f := newFx(t)
	k := f.k
	if k.GetCurrentProcess() != Handle(^uint64(0)) || k.GetCurrentThread() != Handle(^uint64(0)-1) {
		t.Fatal("pseudo handle values")
	}
	if k.GetCurrentProcessId(f.ta) != f.a || k.GetCurrentProcessId(f.tb) != f.b || k.GetCurrentThreadId(f.ta) != f.ta {
		t.Fatal("ids")
	}
	if f.a%4 != 0 || f.ta%4 != 0 || f.b%4 != 0 || f.a == f.b {
		t.Errorf("ids are not distinct multiples of 4: %d %d %d", f.a, f.ta, f.b)
	}
	if k.MainThread(f.a) != f.ta || k.MainThread(9999) != 0 {
		t.Error("MainThread")
	}
	// The pseudo handles are no table entries: nothing was added.
	if n := k.ProcessByPID(f.a).Proc.HandleCountInTable(); n != 0 {
		t.Errorf("table has %d entries", n)
	}
	runCases(t, []callCase{
		{name: "GetProcessId pseudo", src: "GetProcessId function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { p := f.k.GetProcessId(f.ta, CurrentProcess); return uint64(p), p == f.a }},
		{name: "GetProcessId opened", src: "GetProcessId function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.OpenProcess(f.ta, PROCESS_QUERY_LIMITED_INFORMATION, false, f.b)
				p := f.k.GetProcessId(f.ta, h)
				return uint64(p), p == f.b
			}},
		{name: "GetProcessId unknown", src: "GetProcessId function; Wine 8.0 probe: 0, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { p := f.k.GetProcessId(f.ta, 0x7FF0); return uint64(p), p != 0 }},
		{name: "GetProcessId wrong type", src: "GetProcessId function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				p := f.k.GetProcessId(f.ta, f.k.CreateEvent(f.ta, nil, false, false, ""))
				return uint64(p), p != 0
			}},
		{name: "GetProcessId without query access", src: "GetProcessId function (PROCESS_QUERY_INFORMATION or PROCESS_QUERY_LIMITED_INFORMATION); Wine 8.0 probe: 0, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				p := f.k.GetProcessId(f.ta, f.k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.b))
				return uint64(p), p != 0
			}},
	})
}

func TestOpenProcess(t *testing.T) {
	// Source: "OpenProcess function"; docs/semantics.md Processes. Wine 8.0 probe:
	// an unknown PID and PID 0 give NULL, 87; an exited process whose object
	// is still referenced opens.
	runCases(t, []callCase{
		{name: "running", src: "OpenProcess function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.TakeEvents()
				return handleOK(f.k.OpenProcess(f.ta, PROCESS_QUERY_INFORMATION|SYNCHRONIZE, true, f.b))
			},
			more: func(f *fx, r uint64) {
				o := f.obj(f.a, Handle(r))
				e, _ := f.entry(f.a, Handle(r))
				// "Process Security and Access Rights": PROCESS_QUERY_INFORMATION
				// implies PROCESS_QUERY_LIMITED_INFORMATION (Wine 8: 0x101400).
				if o.Proc.PID != f.b || o.UsageCount() != 2 || e.Flags != 1 || e.Access != PROCESS_QUERY_INFORMATION|PROCESS_QUERY_LIMITED_INFORMATION|SYNCHRONIZE {
					f.t.Errorf("object %+v entry %+v", o, e)
				}
				wantEvents(f.t, only(f.k.TakeEvents()), "add 1000:0x4 #3 acc=0x101400 fl=1 open", "usage #3 1->2 open")
			}},
		{name: "unknown PID", src: "OpenProcess function; docs/semantics.md", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.OpenProcess(f.ta, SYNCHRONIZE, false, 0x7FFFFFF0)) }},
		{name: "PID 0", src: "OpenProcess function (the System Idle Process: ERROR_INVALID_PARAMETER)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.OpenProcess(f.ta, SYNCHRONIZE, false, 0)) }},
		{name: "exited, object alive", src: "Wine 8.0 probe: OpenProcess of an exited process with an open handle succeeds", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b)
				f.k.ExitProcess(f.tb, 3)
				return handleOK(f.k.OpenProcess(f.ta, PROCESS_QUERY_LIMITED_INFORMATION, false, f.b))
			}},
		{name: "exited and destroyed", src: "docs/semantics.md (an object at usage 0 is destroyed)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				f.k.ExitProcess(f.tb, 3)
				return handleOK(f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b))
			}},
		{name: "generic access", src: "Generic Access Rights", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return handleOK(f.k.OpenProcess(f.ta, GENERIC_ALL, false, f.b)) },
			more: func(f *fx, r uint64) {
				if e, _ := f.entry(f.a, Handle(r)); e.Access != PROCESS_ALL_ACCESS {
					f.t.Errorf("access %#x", e.Access)
				}
			}},
	})
}

func TestTerminateAndExitCode(t *testing.T) {
	// Source: "TerminateProcess function", "GetExitCodeProcess function",
	// docs/semantics.md Processes.
	runCases(t, []callCase{
		{name: "exit code while running", src: "GetExitCodeProcess function (STILL_ACTIVE); Wine 8.0 probe: 259", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				c, ok := f.k.GetExitCodeProcess(f.ta, f.k.OpenProcess(f.ta, PROCESS_QUERY_INFORMATION, false, f.b))
				return uint64(c), ok && c == STILL_ACTIVE
			}},
		{name: "exit code of self", src: "GetExitCodeProcess function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				c, ok := f.k.GetExitCodeProcess(f.ta, CurrentProcess)
				return uint64(c), ok && c == STILL_ACTIVE
			}},
		{name: "terminate", src: "TerminateProcess function; Wine 8.0 probe: TRUE, then exit code 42", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.OpenProcess(f.ta, PROCESS_TERMINATE|PROCESS_QUERY_LIMITED_INFORMATION, false, f.b)
				if !f.k.TerminateProcess(f.ta, h, 42) {
					return 0, false
				}
				c, ok := f.k.GetExitCodeProcess(f.ta, h)
				return uint64(c), ok && c == 42
			},
			more: func(f *fx, _ uint64) {
				if f.k.CanCall(f.tb) || !f.k.ProcessByPID(f.b).Signaled {
					f.t.Error("B still runs")
				}
			}},
		{name: "terminate an exited process", src: "docs/semantics.md (FALSE, ERROR_ACCESS_DENIED, as on Windows); Wine 8.0 probe: Wine returns TRUE here — Wine differs, the model follows Windows", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				h := f.k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.b)
				f.k.ExitProcess(f.tb, 1)
				return 0, f.k.TerminateProcess(f.ta, h, 2)
			},
			more: func(f *fx, _ uint64) {
				if f.k.ProcessByPID(f.b).Proc.ExitCode != 1 {
					f.t.Error("exit code changed")
				}
			}},
		{name: "terminate without PROCESS_TERMINATE", src: "TerminateProcess function (PROCESS_TERMINATE)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				return 0, f.k.TerminateProcess(f.ta, f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b), 2)
			}},
		{name: "terminate a thread handle", src: "TerminateProcess function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.TerminateProcess(f.ta, CurrentThread, 2) }},
		{name: "terminate a closed handle", src: "TerminateProcess function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.b)
				f.k.CloseHandle(f.ta, h)
				return 0, f.k.TerminateProcess(f.ta, h, 2)
			}},
		{name: "exit code without query access", src: "GetExitCodeProcess function; Wine 8.0 probe: FALSE, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				c, ok := f.k.GetExitCodeProcess(f.ta, f.k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.b))
				return uint64(c), ok
			}},
		{name: "exit code of an event", src: "GetExitCodeProcess function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				c, ok := f.k.GetExitCodeProcess(f.ta, f.k.CreateEvent(f.ta, nil, false, false, ""))
				return uint64(c), ok
			}},
		{name: "exit code of an unknown handle", src: "GetExitCodeProcess function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { c, ok := f.k.GetExitCodeProcess(f.ta, 0x40); return uint64(c), ok }},
	})
}

// TestTerminateSelf: TerminateProcess(GetCurrentProcess()) ends the caller
// like ExitProcess. Source: "TerminateProcess function".
func TestTerminateSelf(t *testing.T) {
	f := newFx(t)
	f.k.CreateEvent(f.ta, nil, false, false, "E")
	if !f.k.TerminateProcess(f.ta, CurrentProcess, 5) {
		t.Fatal("failed")
	}
	if f.k.CanCall(f.ta) || f.k.NamedObject("E") != nil || f.k.ProcessByPID(f.a) != nil {
		t.Error("process or its handles survived")
	}
}

// TestExitProcess: the exit sequence. Source: "ExitProcess function",
// "Terminating a Process" (threads stop, handles closed, object signaled);
// docs/semantics.md Objects and usage counts (ascending order, running reference
// dropped last); seed 004 (the process object outlives the process).
func TestExitProcess(t *testing.T) {
	f := newFx(t)
	k := f.k
	k.CreateEvent(f.tb, nil, false, false, "E")               // index 1, object #3
	k.CreateMutex(f.tb, nil, true, "M")                       // index 2, #4, owned
	hA := k.OpenProcess(f.ta, PROCESS_ALL_ACCESS, false, f.b) // A holds B
	k.OpenEvent(f.ta, SYNCHRONIZE, false, "E")
	k.TakeEvents()
	k.ExitProcess(f.tb, 7)
	// The owned mutex is abandoned before the thread is signaled (WRK
	// ps/psdelete.c PspExitThread: KeRundownThread, then KeTerminateThread).
	wantEvents(t, only(k.TakeEvents()),
		"state #6 abandoned: its owner thread exited",
		"thread-exited 1012 code=7",
		"usage #4 1->0 running",
		"destroyed #4",
		"remove 1008:0x4 #5 process-exit",
		"usage #5 2->1 process-exit",
		"remove 1008:0x8 #6 process-exit",
		"usage #6 1->0 process-exit",
		"destroyed #6",
		"exited 1008 code=7",
		"usage #3 2->1 running")
	p := k.ProcessByPID(f.b)
	if p == nil || !p.Proc.Exited || p.Proc.ExitCode != 7 || !p.Signaled || p.UsageCount() != 1 || p.Proc.HandleCountInTable() != 0 {
		t.Fatalf("process after exit: %+v", p)
	}
	if k.CanCall(f.tb) || k.NamedObject("M") != nil || k.NamedObject("E") == nil {
		t.Error("namespace after exit")
	}
	if c, ok := k.GetExitCodeProcess(f.ta, hA); !ok || c != 7 {
		t.Errorf("exit code %d", c)
	}
	// Its last handle closed, the object goes.
	k.CloseHandle(f.ta, hA)
	if k.ProcessByPID(f.b) != nil {
		t.Error("process object survived its last handle")
	}
	s := k.Snapshot()
	if o := s.Process(f.b); o == nil || !o.Destroyed {
		t.Error("snapshot lost the destroyed process's column")
	}
}

// ---- CreateProcess ----

func TestCreateProcess(t *testing.T) {
	// Source: "CreateProcessW function", "PROCESS_INFORMATION structure",
	// docs/semantics.md Inheritance, seeds 002/003.
	f := newFx(t)
	k := f.k
	k.CreateEvent(f.ta, inheritable(), false, false, "") // 4, inheritable
	k.CreateEvent(f.ta, nil, false, false, "")           // 8, not
	k.TakeEvents()
	pi, ok := k.CreateProcess(f.ta, "", `"C:\Apps\Child.exe" 4`, inheritable(), nil, true, 0, nil)
	if !ok {
		t.Fatal(k.GetLastError(f.ta))
	}
	if pi.HProcess != 12 || pi.HThread != 16 || pi.PID%4 != 0 || pi.TID%4 != 0 {
		t.Errorf("pi %+v", pi)
	}
	child := k.ProcessByPID(pi.PID)
	thread := k.ThreadByTID(pi.TID)
	if child.Proc.Image != "Child.exe" || child.Proc.CommandLine != `"C:\Apps\Child.exe" 4` || child.Proc.ParentPID != f.a {
		t.Errorf("child %+v", child.Proc)
	}
	// hProcess and hThread at usage 2: the parent's handle plus the running
	// reference (docs/semantics.md; Wine 8.0 probe: HandleCount 1 each).
	if child.UsageCount() != 2 || child.HandleCount != 1 || thread.UsageCount() != 2 || thread.HandleCount != 1 {
		t.Errorf("usage process %d thread %d", child.UsageCount(), thread.UsageCount())
	}
	if e, _ := f.entry(f.a, pi.HProcess); e.Flags != 1 || e.Access != PROCESS_ALL_ACCESS {
		t.Errorf("hProcess entry %+v (psaProcess inheritable)", e)
	}
	if e, _ := f.entry(f.a, pi.HThread); e.Flags != 0 || e.Access != THREAD_ALL_ACCESS {
		t.Errorf("hThread entry %+v", e)
	}
	// The child's environment is a copy of the parent's (lpEnvironment NULL).
	if v, ok := child.Proc.Getenv("path"); !ok || v != `C:\Windows` {
		t.Errorf("env %v", child.Proc.Env)
	}
	c := fmtPID
	wantEvents(t, only(k.TakeEvents()),
		"created #7 Process Child.exe",
		"usage #7 0->1 running",
		"created #8 Thread ",
		"usage #8 0->1 running",
		c("process %d by 1000", pi.PID),
		c("scan 1000[1] fl=1 copied->%d", pi.PID),
		c("add %d:0x4 #5 acc=0x1f0003 fl=1 inherit from 1000[1]", pi.PID),
		"usage #5 1->2 inherit",
		"scan 1000[2] fl=0 skipped",
		"add 1000:0xc #7 acc=0x1fffff fl=1 create",
		"usage #7 1->2 create",
		"add 1000:0x10 #8 acc=0x1fffff fl=0 create",
		"usage #8 1->2 create")

	runCases(t, []callCase{
		{name: "no inheritance", src: "CreateProcessW function (bInheritHandles FALSE: the child's table starts empty)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.ta, inheritable(), false, false, "")
				f.arm()
				pi, ok := f.k.CreateProcess(f.ta, "Child.exe", "", nil, nil, false, 0, nil)
				return uint64(pi.PID), ok
			},
			more: func(f *fx, r uint64) {
				p := f.k.ProcessByPID(PID(r))
				if p.Proc.HandleCountInTable() != 0 || p.Proc.CommandLine != "Child.exe" || p.Proc.Image != "Child.exe" {
					f.t.Errorf("child %+v", p.Proc)
				}
			}},
		{name: "environment given", src: "CreateProcessW function (lpEnvironment)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.arm()
				pi, ok := f.k.CreateProcess(f.ta, "", "Child.exe", nil, nil, false, 0, []string{"HOBJ=4"})
				return uint64(pi.PID), ok
			},
			more: func(f *fx, r uint64) {
				p := f.k.ProcessByPID(PID(r))
				if v, ok := p.Proc.Getenv("HOBJ"); !ok || v != "4" {
					f.t.Errorf("env %v", p.Proc.Env)
				}
				if _, ok := p.Proc.Getenv("PATH"); ok {
					f.t.Error("parent's environment leaked into a given block")
				}
			}},
		{name: "empty environment given", src: "CreateProcessW function (lpEnvironment)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.arm()
				pi, ok := f.k.CreateProcess(f.ta, "", "Child.exe", nil, nil, false, 0, []string{})
				return uint64(pi.PID), ok
			},
			more: func(f *fx, r uint64) {
				if p := f.k.ProcessByPID(PID(r)); len(p.Proc.Env) != 0 {
					f.t.Errorf("env %v", p.Proc.Env)
				}
			}},
		{name: "psaProcess and psaThread decide what a later child inherits", src: "CreateProcessW function (lpProcessAttributes, lpThreadAttributes: bInheritHandle of the returned handles); docs/semantics.md Inheritance", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				first, _ := f.k.CreateProcess(f.ta, "", "First.exe", nil, inheritable(), false, 0, nil)
				second, _ := f.k.CreateProcess(f.ta, "", "Second.exe", inheritable(), nil, false, 0, nil)
				f.arm()
				pi, ok := f.k.CreateProcess(f.ta, "", "Third.exe", nil, nil, true, 0, nil)
				third := f.k.ProcessByPID(pi.PID).Proc
				// first's hThread (8) and second's hProcess (12) only.
				es := third.Entries()
				if len(es) != 2 || es[0].Handle != first.HThread || es[1].Handle != second.HProcess {
					f.t.Errorf("third's table %+v", es)
				}
				if f.k.ThreadByTID(first.TID).UsageCount() != 3 || f.k.ProcessByPID(second.PID).UsageCount() != 3 {
					f.t.Error("usage of the inherited process/thread objects")
				}
				return uint64(pi.PID), ok
			}},
		{name: "no image", src: "CreateProcessW function (lpApplicationName and lpCommandLine both NULL)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) {
				_, ok := f.k.CreateProcess(f.ta, "", "   ", nil, nil, false, 0, nil)
				return 0, ok
			}},
	})
}

var fmtPID = func(format string, pid PID) string { return sprintf(format, pid) }

// TestImageName: the image a command line names. Source: "CreateProcessW
// function" (lpCommandLine: the first white-space-delimited token, quotes
// for paths with spaces).
func TestImageName(t *testing.T) {
	for _, c := range []struct{ app, cmd, want string }{
		{"", "Child.exe 4", "Child.exe"},
		{"", `"C:\Program Files\App\a b.exe" x`, "a b.exe"},
		{"", `"C:\unterminated\x.exe`, "x.exe"},
		{"", "\t  notepad.exe", "notepad.exe"},
		{`C:\Windows\notepad.exe`, "whatever.exe", "notepad.exe"},
		{"", "C:/dir/slash.exe", "slash.exe"},
		{"", "", ""},
	} {
		if got := ImageName(c.app, c.cmd); got != c.want {
			t.Errorf("ImageName(%q, %q) = %q, want %q", c.app, c.cmd, got, c.want)
		}
	}
}

// ---- synchronization objects ----

func TestSetResetEvent(t *testing.T) {
	// Source: "SetEvent function", "ResetEvent function" (EVENT_MODIFY_STATE).
	// Wine 8.0 probe: SetEvent on a mutex handle or an unknown handle gives
	// FALSE, 6.
	runCases(t, []callCase{
		{name: "set", src: "SetEvent function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, true, false, "")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.SetEvent(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "state #5 signaled")
			}},
		{name: "set twice reports once", src: "SetEvent function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, true, true, "")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.SetEvent(f.ta, h)
			},
			more: func(f *fx, _ uint64) { wantEvents(f.t, only(f.k.TakeEvents())) }},
		{name: "reset", src: "ResetEvent function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, true, true, "")
				f.arm()
				return 0, f.k.ResetEvent(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				if f.obj(f.a, 4).Signaled {
					f.t.Error("still signaled")
				}
			}},
		{name: "reset nonsignaled", src: "ResetEvent function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, true, false, "")
				f.arm()
				return 0, f.k.ResetEvent(f.ta, h)
			}},
		{name: "set a mutex", src: "SetEvent function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.SetEvent(f.ta, f.k.CreateMutex(f.ta, nil, false, "")) }},
		{name: "set unknown", src: "SetEvent function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.SetEvent(f.ta, 0x7FF0) }},
		{name: "reset unknown", src: "ResetEvent function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.ResetEvent(f.ta, 0) }},
		{name: "set without EVENT_MODIFY_STATE", src: "SetEvent function (EVENT_MODIFY_STATE); Synchronization Object Security and Access Rights", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "E")
				return 0, f.k.SetEvent(f.ta, f.k.OpenEvent(f.ta, SYNCHRONIZE, false, "E"))
			}},
		{name: "reset without EVENT_MODIFY_STATE", src: "ResetEvent function", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, false, "E")
				return 0, f.k.ResetEvent(f.ta, f.k.OpenEvent(f.ta, SYNCHRONIZE, false, "E"))
			}},
	})
}

func TestReleaseMutex(t *testing.T) {
	// Source: "ReleaseMutex function" (ERROR_NOT_OWNER), "Using Mutex
	// Objects" (recursion). Wine 8.0 probe: ReleaseMutex of an unowned mutex
	// and of a mutex another thread owns give FALSE, 288; of an event handle
	// FALSE, 6.
	runCases(t, []callCase{
		{name: "owner releases", src: "ReleaseMutex function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateMutex(f.ta, nil, true, "")
				f.k.TakeEvents()
				f.arm()
				return 0, f.k.ReleaseMutex(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				wantEvents(f.t, only(f.k.TakeEvents()), "state #5 released: no owner")
				if o := f.obj(f.a, 4); o.OwnerTID != 0 || !o.Signaled {
					f.t.Errorf("%+v", o)
				}
			}},
		{name: "recursive ownership", src: "Using Mutex Objects (a thread that owns a mutex can wait on it again; each wait needs a release)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateMutex(f.ta, nil, true, "")
				if r, _ := f.k.WaitForSingleObject(f.ta, h, 0); r != WAIT_OBJECT_0 {
					return 0, false
				}
				if !f.k.ReleaseMutex(f.ta, h) || f.obj(f.a, h).OwnerTID != f.ta {
					return 0, false
				}
				f.arm()
				return 0, f.k.ReleaseMutex(f.ta, h)
			},
			more: func(f *fx, _ uint64) {
				if f.obj(f.a, 4).OwnerTID != 0 {
					f.t.Error("still owned")
				}
			}},
		{name: "unowned", src: "ReleaseMutex function; Wine 8.0 probe: FALSE, 288", ok: false, err: ERROR_NOT_OWNER,
			run: func(f *fx) (uint64, bool) { return 0, f.k.ReleaseMutex(f.ta, f.k.CreateMutex(f.ta, nil, false, "")) }},
		{name: "owned by another thread", src: "ReleaseMutex function; Wine 8.0 probe: FALSE, 288 from a second thread", ok: false, err: ERROR_NOT_OWNER,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateMutex(f.tb, nil, true, "M")
				return 0, f.k.ReleaseMutex(f.ta, f.k.OpenMutex(f.ta, SYNCHRONIZE, false, "M"))
			},
			more: func(f *fx, _ uint64) {
				if f.obj(f.a, 4).OwnerTID != f.tb {
					f.t.Error("owner changed")
				}
			}},
		{name: "released once too often", src: "ReleaseMutex function", ok: false, err: ERROR_NOT_OWNER,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateMutex(f.ta, nil, true, "")
				f.k.ReleaseMutex(f.ta, h)
				f.arm()
				return 0, f.k.ReleaseMutex(f.ta, h)
			}},
		{name: "an event", src: "ReleaseMutex function; Wine 8.0 probe: FALSE, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				return 0, f.k.ReleaseMutex(f.ta, f.k.CreateEvent(f.ta, nil, false, false, ""))
			}},
		{name: "unknown", src: "ReleaseMutex function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return 0, f.k.ReleaseMutex(f.ta, 0x7FF0) }},
	})
}

func TestReleaseSemaphore(t *testing.T) {
	// Source: "ReleaseSemaphore function" (lReleaseCount must be greater than
	// zero; past the maximum the count is not changed and the call fails;
	// SEMAPHORE_MODIFY_STATE). Wine 8.0 probe: past the maximum gives FALSE,
	// 298 and lpPreviousCount is not written; Wine accepts a count of 0 (TRUE)
	// and answers -1 with 298 — Wine differs from the documentation here, and
	// the model follows the documentation (ERROR_INVALID_PARAMETER), as does
	// Microsoft's own PAL test (releasesemaphore/test1 expects both to fail).
	rel := func(f *fx, h Handle, n int32) (uint64, bool) {
		f.arm()
		prev, ok := f.k.ReleaseSemaphore(f.ta, h, n)
		return uint64(prev), ok
	}
	sem := func(f *fx, initial, max int32) Handle { return f.k.CreateSemaphore(f.ta, nil, initial, max, "") }
	runCases(t, []callCase{
		{name: "release", src: "ReleaseSemaphore function (lpPreviousCount)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := sem(f, 1, 5)
				f.k.TakeEvents()
				return rel(f, h, 3)
			},
			more: func(f *fx, r uint64) {
				if r != 1 || f.obj(f.a, 4).Count != 4 {
					f.t.Errorf("prev %d count %d", r, f.obj(f.a, 4).Count)
				}
				wantEvents(f.t, only(f.k.TakeEvents()), "state #5 count 1 -> 4")
			}},
		{name: "release to exactly max", src: "ReleaseSemaphore function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return rel(f, sem(f, 0, 2), 2) },
			more: func(f *fx, _ uint64) {
				if o := f.obj(f.a, 4); o.Count != 2 || !o.Signaled {
					f.t.Errorf("%+v", o)
				}
			}},
		{name: "past max", src: "ReleaseSemaphore function; Wine 8.0 probe: FALSE, 298", ok: false, err: ERROR_TOO_MANY_POSTS,
			run: func(f *fx) (uint64, bool) { return rel(f, sem(f, 1, 2), 2) },
			more: func(f *fx, _ uint64) {
				if f.obj(f.a, 4).Count != 1 {
					f.t.Error("count changed")
				}
			}},
		{name: "huge count does not overflow", src: "ReleaseSemaphore function", ok: false, err: ERROR_TOO_MANY_POSTS,
			run: func(f *fx) (uint64, bool) { return rel(f, sem(f, 1, 0x7FFFFFFF), 0x7FFFFFFF) }},
		{name: "zero", src: "ReleaseSemaphore function (must be greater than zero)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return rel(f, sem(f, 0, 2), 0) }},
		{name: "negative", src: "ReleaseSemaphore function (must be greater than zero)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return rel(f, sem(f, 1, 2), -1) },
			more: func(f *fx, _ uint64) {
				if f.obj(f.a, 4).Count != 1 {
					f.t.Error("count changed")
				}
			}},
		{name: "unknown handle with a negative count", src: "WRK base/ntos/ex/semphore.c NtReleaseSemaphore (ReleaseCount <= 0 is STATUS_INVALID_PARAMETER before the handle is referenced); Wine 8.0 probe gives FALSE, 6 (Wine checks the handle first) — the WRK, real Windows, wins", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return rel(f, 0x7FF0, -1) }},
		{name: "zero count on a mutex handle", src: "WRK base/ntos/ex/semphore.c NtReleaseSemaphore (the count is checked before the handle's type and access)", ok: false, err: ERROR_INVALID_PARAMETER,
			run: func(f *fx) (uint64, bool) { return rel(f, f.k.CreateMutex(f.ta, nil, false, ""), 0) }},
		{name: "a mutex", src: "ReleaseSemaphore function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return rel(f, f.k.CreateMutex(f.ta, nil, false, ""), 1) }},
		{name: "without SEMAPHORE_MODIFY_STATE", src: "ReleaseSemaphore function; CreateSemaphoreExW function (seed 003: SEMAPHORE_MODIFY_STATE decides)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				return rel(f, f.k.CreateSemaphoreEx(f.ta, nil, 0, 1, "", 0, SYNCHRONIZE), 1)
			}},
	})
}

func TestWaitForSingleObject(t *testing.T) {
	// Source: "WaitForSingleObject function" (return values, SYNCHRONIZE),
	// "Event Objects", "Semaphore Objects", "Mutex Objects".
	wait := func(f *fx, h Handle, ms uint32) (uint64, bool) {
		f.arm()
		r, pending := f.k.WaitForSingleObject(f.ta, h, ms)
		if pending {
			return 0xBAD, false
		}
		return uint64(r), r != WAIT_FAILED
	}
	expect := func(want uint32) func(f *fx, r uint64) {
		return func(f *fx, r uint64) {
			if uint32(r) != want {
				f.t.Errorf("wait result %#x, want %#x", r, want)
			}
		}
	}
	runCases(t, []callCase{
		{name: "signaled auto-reset event resets", src: "WaitForSingleObject function; Event Objects (auto-reset)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateEvent(f.ta, nil, false, true, ""), 0) },
			more: func(f *fx, r uint64) {
				expect(WAIT_OBJECT_0)(f, r)
				if f.obj(f.a, 4).Signaled {
					f.t.Error("auto-reset event still signaled")
				}
			}},
		{name: "signaled manual-reset event stays", src: "Event Objects (manual-reset)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateEvent(f.ta, nil, true, true, ""), 0) },
			more: func(f *fx, r uint64) {
				if !f.obj(f.a, 4).Signaled {
					f.t.Error("manual-reset event reset")
				}
			}},
		{name: "nonsignaled, zero timeout", src: "WaitForSingleObject function (WAIT_TIMEOUT)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateEvent(f.ta, nil, false, false, ""), 0) }, more: expect(WAIT_TIMEOUT)},
		{name: "nonsignaled, finite timeout", src: "WaitForSingleObject function (time is not modelled: a finite timeout elapses at once)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateEvent(f.ta, nil, false, false, ""), 5000) }, more: expect(WAIT_TIMEOUT)},
		{name: "semaphore decrements", src: "Semaphore Objects", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateSemaphore(f.ta, nil, 1, 2, ""), 0) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, 4); o.Count != 0 || o.Signaled {
					f.t.Errorf("%+v", o)
				}
			}},
		{name: "semaphore at zero", src: "Semaphore Objects", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateSemaphore(f.ta, nil, 0, 2, ""), 0) }, more: expect(WAIT_TIMEOUT)},
		{name: "free mutex is acquired", src: "Mutex Objects", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateMutex(f.ta, nil, false, ""), 0) },
			more: func(f *fx, r uint64) {
				if o := f.obj(f.a, 4); o.OwnerTID != f.ta || o.Recursion != 1 {
					f.t.Errorf("%+v", o)
				}
			}},
		{name: "mutex owned by another thread", src: "Mutex Objects", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateMutex(f.tb, nil, true, "M")
				return wait(f, f.k.OpenMutex(f.ta, SYNCHRONIZE, false, "M"), 0)
			}, more: expect(WAIT_TIMEOUT)},
		{name: "abandoned mutex", src: "WaitForSingleObject function (WAIT_ABANDONED); Mutex Objects", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateMutex(f.tb, nil, true, "M")
				h := f.k.OpenMutex(f.ta, SYNCHRONIZE, false, "M")
				f.k.ExitProcess(f.tb, 0)
				return wait(f, h, 0)
			},
			more: func(f *fx, r uint64) {
				expect(WAIT_ABANDONED)(f, r)
				if o := f.obj(f.a, 4); o.OwnerTID != f.ta || o.Abandoned {
					f.t.Errorf("%+v", o)
				}
				// The next wait after a release is a normal one.
				f.k.ReleaseMutex(f.ta, 4)
				if r, _ := f.k.WaitForSingleObject(f.ta, 4, 0); r != WAIT_OBJECT_0 {
					f.t.Errorf("second wait %#x", r)
				}
			}},
		{name: "exited process is signaled", src: "WaitForSingleObject function (processes are signaled when they end); seed 004", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				h := f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b)
				f.k.ExitProcess(f.tb, 0)
				return wait(f, h, 0)
			}, more: expect(WAIT_OBJECT_0)},
		{name: "exited thread is signaled", src: "WaitForSingleObject function (threads are signaled when they end); Wine 8.0 probe: WAIT_OBJECT_0 for an exited thread", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				pi := f.spawn(f.ta, "Child.exe", false)
				f.k.ExitProcess(pi.TID, 5)
				return wait(f, pi.HThread, 0)
			}, more: expect(WAIT_OBJECT_0)},
		{name: "running thread", src: "WaitForSingleObject function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.spawn(f.ta, "Child.exe", false).HThread, 0) }, more: expect(WAIT_TIMEOUT)},
		{name: "running process", src: "WaitForSingleObject function", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b), 0) }, more: expect(WAIT_TIMEOUT)},
		{name: "file object", src: "Synchronization Objects (a file handle is signaled when no I/O is pending)", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) {
				return wait(f, f.k.CreateFile(f.ta, `C:\f`, GENERIC_READ|SYNCHRONIZE, 0, nil, CREATE_ALWAYS, 0), 0)
			}, more: expect(WAIT_OBJECT_0)},
		{name: "job object", src: "Wine 8.0 probe: WaitForSingleObject on a new job gives WAIT_TIMEOUT", ok: true, err: untouched,
			run: func(f *fx) (uint64, bool) { return wait(f, f.k.CreateJobObject(f.ta, nil, ""), 0) }, more: expect(WAIT_TIMEOUT)},
		{name: "file mapping with FILE_MAP_ALL_ACCESS", src: "Wine 8.0 probe: WAIT_FAILED with ERROR_ACCESS_DENIED (FILE_MAP_ALL_ACCESS lacks SYNCHRONIZE; the model answered ERROR_INVALID_HANDLE, fixed to check access first)", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				return wait(f, f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, ""), 0)
			}},
		{name: "file mapping asked for SYNCHRONIZE", src: "WRK obhandle.c ObDuplicateObject and mm/mminit.c (the duplicate's access is masked by SECTION_ALL_ACCESS, which has no SYNCHRONIZE, so the wait is refused for access); Wine 8.0 probe keeps SYNCHRONIZE and gives WAIT_FAILED, ERROR_INVALID_HANDLE (not waitable) — the WRK, real Windows, wins", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, "")
				d, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, SYNCHRONIZE|FILE_MAP_READ, false, 0)
				return wait(f, d, 0)
			}},
		{name: "unknown handle", src: "WaitForSingleObject function (WAIT_FAILED); Wine 8.0 probe: WAIT_FAILED, 6", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) { return wait(f, 0x7FF0, 0) }},
		{name: "closed handle", src: "WaitForSingleObject function", ok: false, err: ERROR_INVALID_HANDLE,
			run: func(f *fx) (uint64, bool) {
				h := f.k.CreateEvent(f.ta, nil, false, false, "")
				f.k.CloseHandle(f.ta, h)
				return wait(f, h, INFINITE)
			}},
		{name: "without SYNCHRONIZE", src: "WaitForSingleObject function (SYNCHRONIZE); Wine 8.0 probe: an event opened with EVENT_MODIFY_STATE only gives WAIT_FAILED, 5", ok: false, err: ERROR_ACCESS_DENIED,
			run: func(f *fx) (uint64, bool) {
				f.k.CreateEvent(f.tb, nil, false, true, "E")
				return wait(f, f.k.OpenEvent(f.ta, EVENT_MODIFY_STATE, false, "E"), 0)
			}},
	})
}

// TestWaitInfinite: INFINITE blocks; the call that signals the object
// completes the wait, collected with TakeCompletions. Source:
// "WaitForSingleObject function" (INFINITE), "Event Objects" (a manual-reset
// event releases every waiter, an auto-reset event one), "Mutex Objects"
// (ownership passes to a waiter, WAIT_ABANDONED when the owner exits).
func TestWaitInfinite(t *testing.T) {
	t.Run("auto-reset event wakes one waiter", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		_, tc := k.StartProcess("C.exe", "C.exe", nil)
		h := k.CreateEvent(f.ta, nil, false, false, "E")
		hb := k.OpenEvent(f.tb, SYNCHRONIZE, false, "E")
		hc := k.OpenEvent(tc, SYNCHRONIZE, false, "E")
		for _, w := range []struct {
			tid TID
			h   Handle
		}{{f.tb, hb}, {tc, hc}} {
			if _, pending := k.WaitForSingleObject(w.tid, w.h, INFINITE); !pending {
				t.Fatal("did not block")
			}
		}
		if k.CanCall(f.tb) || k.ThreadByTID(f.tb).Thread.WaitingIn != "WaitForSingleObject" {
			t.Fatal("waiting thread can call")
		}
		k.TakeEvents()
		k.SetEvent(f.ta, h)
		wantEvents(t, only(k.TakeEvents(), EvStateChanged, EvWaitSatisfied),
			"state #7 signaled", "state #7 auto-reset: nonsignaled", "woken 1012 on #7 0x0")
		c := k.TakeCompletions()
		if len(c) != 1 || c[0].TID != f.tb || c[0].Ret != uint64(WAIT_OBJECT_0) || c[0].Call != "WaitForSingleObject" {
			t.Fatalf("completions %+v", c)
		}
		if !k.CanCall(f.tb) || k.CanCall(tc) {
			t.Error("wrong thread woken")
		}
		k.SetEvent(f.ta, h)
		if c := k.TakeCompletions(); len(c) != 1 || c[0].TID != tc {
			t.Fatalf("second completions %+v", c)
		}
		if f.obj(f.a, h).Signaled {
			t.Error("auto-reset event stayed signaled")
		}
	})
	t.Run("manual-reset event wakes all", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		_, tc := k.StartProcess("C.exe", "C.exe", nil)
		h := k.CreateEvent(f.ta, nil, true, false, "E")
		k.WaitForSingleObject(f.tb, k.OpenEvent(f.tb, SYNCHRONIZE, false, "E"), INFINITE)
		k.WaitForSingleObject(tc, k.OpenEvent(tc, SYNCHRONIZE, false, "E"), INFINITE)
		k.SetEvent(f.ta, h)
		if c := k.TakeCompletions(); len(c) != 2 || c[0].TID != f.tb || c[1].TID != tc {
			t.Fatalf("completions %+v", c)
		}
	})
	t.Run("semaphore release wakes up to the count", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		_, tc := k.StartProcess("C.exe", "C.exe", nil)
		h := k.CreateSemaphore(f.ta, nil, 0, 5, "S")
		k.WaitForSingleObject(f.tb, k.OpenSemaphore(f.tb, SYNCHRONIZE, false, "S"), INFINITE)
		k.WaitForSingleObject(tc, k.OpenSemaphore(tc, SYNCHRONIZE, false, "S"), INFINITE)
		if prev, ok := k.ReleaseSemaphore(f.ta, h, 1); !ok || prev != 0 {
			t.Fatal("release")
		}
		if c := k.TakeCompletions(); len(c) != 1 || c[0].TID != f.tb {
			t.Fatalf("completions %+v", c)
		}
		k.ReleaseSemaphore(f.ta, h, 3)
		if c := k.TakeCompletions(); len(c) != 1 || c[0].TID != tc || f.obj(f.a, h).Count != 2 {
			t.Fatalf("completions %+v count %d", c, f.obj(f.a, h).Count)
		}
	})
	t.Run("mutex passes to the waiter", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		h := k.CreateMutex(f.ta, nil, true, "M")
		hb := k.OpenMutex(f.tb, SYNCHRONIZE, false, "M")
		k.WaitForSingleObject(f.tb, hb, INFINITE)
		k.ReleaseMutex(f.ta, h)
		c := k.TakeCompletions()
		if len(c) != 1 || c[0].Ret != uint64(WAIT_OBJECT_0) || f.obj(f.a, h).OwnerTID != f.tb {
			t.Fatalf("completions %+v", c)
		}
		if k.ReleaseMutex(f.ta, h) || k.GetLastError(f.ta) != ERROR_NOT_OWNER {
			t.Error("old owner released")
		}
	})
	t.Run("owner exits: waiter gets WAIT_ABANDONED", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		k.CreateMutex(f.ta, nil, true, "M")
		hb := k.OpenMutex(f.tb, SYNCHRONIZE, false, "M")
		k.WaitForSingleObject(f.tb, hb, INFINITE)
		k.ExitProcess(f.ta, 1)
		c := k.TakeCompletions()
		if len(c) != 1 || c[0].Ret != uint64(WAIT_ABANDONED) || f.obj(f.b, hb).OwnerTID != f.tb {
			t.Fatalf("completions %+v", c)
		}
	})
	t.Run("process exit wakes its waiters", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		hb := k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b)
		k.WaitForSingleObject(f.ta, hb, INFINITE)
		_, tc := k.StartProcess("C.exe", "C.exe", nil)
		hC := k.OpenProcess(tc, PROCESS_TERMINATE, false, f.b)
		k.TerminateProcess(tc, hC, 3)
		if c := k.TakeCompletions(); len(c) != 1 || c[0].TID != f.ta {
			t.Fatalf("completions %+v", c)
		}
	})
	t.Run("a waiting process terminated", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		h := k.CreateEvent(f.ta, nil, false, false, "E")
		k.WaitForSingleObject(f.tb, k.OpenEvent(f.tb, SYNCHRONIZE, false, "E"), INFINITE)
		k.TerminateProcess(f.ta, k.OpenProcess(f.ta, PROCESS_TERMINATE, false, f.b), 1)
		k.SetEvent(f.ta, h)
		if c := k.TakeCompletions(); len(c) != 0 || !f.obj(f.a, h).Signaled {
			t.Fatalf("a dead thread's wait completed: %+v", c)
		}
	})
}

// ---- last error ----

// TestLastErrorPerThread: the last error is per thread. Source:
// "GetLastError function", "SetLastError function" (thread-local).
func TestLastErrorPerThread(t *testing.T) {
	f := newFx(t)
	k := f.k
	k.SetLastError(f.ta, 5)
	k.SetLastError(f.tb, 6)
	if k.GetLastError(f.ta) != 5 || k.GetLastError(f.tb) != 6 {
		t.Fatal("not per thread")
	}
	k.CloseHandle(f.tb, 0x40)
	if k.GetLastError(f.ta) != 5 || k.GetLastError(f.tb) != ERROR_INVALID_HANDLE {
		t.Fatal("a failure in B changed A")
	}
	k.TakeEvents()
	k.SetLastError(f.ta, ERROR_ALREADY_EXISTS)
	wantEvents(t, only(k.TakeEvents()), "lasterror 1004=ERROR_ALREADY_EXISTS")
	// A child's thread starts with 0.
	pi := f.spawn(f.ta, "Child.exe", false)
	if k.GetLastError(pi.TID) != 0 {
		t.Error("child thread's last error")
	}
}

// TestErrnoNames: the names the scenario language and the step text use.
// Source: "System Error Codes (0-499)", "(1000-1299)", "(1300-1699)".
func TestErrnoNames(t *testing.T) {
	for name, code := range map[string]Errno{
		"ERROR_SUCCESS": 0, "ERROR_FILE_NOT_FOUND": 2, "ERROR_ACCESS_DENIED": 5, "ERROR_INVALID_HANDLE": 6,
		"ERROR_INVALID_PARAMETER": 87, "ERROR_ALREADY_EXISTS": 183, "ERROR_NOT_OWNER": 288,
		"ERROR_TOO_MANY_POSTS": 298, "ERROR_NO_SYSTEM_RESOURCES": 1450, "ERROR_FILE_EXISTS": 80,
		"ERROR_SHARING_VIOLATION": 32, "ERROR_BROKEN_PIPE": 109, "ERROR_FILE_INVALID": 1006,
	} {
		if code.Name() != name || ErrnoByName()[name] != code {
			t.Errorf("%s: %v", name, code)
		}
	}
	if Errno(4242).Name() != "ERROR_4242" || ERROR_INVALID_HANDLE.String() != "ERROR_INVALID_HANDLE (6)" {
		t.Error("fallback names")
	}
}

// TestGrantedAccessIsMasked: every path that takes an access mask stores it
// with generic rights mapped and then masked by the object type's valid
// rights (its *_ALL_ACCESS value) plus ACCESS_SYSTEM_SECURITY. Source: WRK
// base/ntos/ob/obhandle.c (ObpCreateHandle stores DesiredAccess &
// (ValidAccessMask | ACCESS_SYSTEM_SECURITY); ObDuplicateObject maps with
// RtlMapGenericMask, then masks the same way), the types' ValidAccessMask in
// the WRK's type initializers (EVENT_ALL_ACCESS, SECTION_ALL_ACCESS,
// FILE_ALL_ACCESS, ...). Wine 8.0 probe: Wine keeps every bit (an event
// duplicated or opened with 0xFFFF has 0xFFFF) — the WRK, real Windows, wins.
func TestGrantedAccessIsMasked(t *testing.T) {
	const odd = 0xFFFF // defined and undefined specific rights, no standard ones
	cases := []struct {
		name string
		make func(f *fx) Handle
		want uint32
	}{
		{"CreateEventEx", func(f *fx) Handle { return f.k.CreateEventEx(f.ta, nil, "", 0, odd) }, 0x3},
		{"CreateMutexEx", func(f *fx) Handle { return f.k.CreateMutexEx(f.ta, nil, "", 0, odd) }, 0x1},
		{"CreateSemaphoreEx", func(f *fx) Handle { return f.k.CreateSemaphoreEx(f.ta, nil, 0, 1, "", 0, odd) }, 0x3},
		{"CreateWaitableTimerEx", func(f *fx) Handle { return f.k.CreateWaitableTimerEx(f.ta, nil, "", 0, odd) }, 0x3},
		{"CreateEventEx, standard rights and ACCESS_SYSTEM_SECURITY kept", func(f *fx) Handle {
			return f.k.CreateEventEx(f.ta, nil, "", 0, 0x011FFFFF)
		}, EVENT_ALL_ACCESS | ACCESS_SYSTEM_SECURITY},
		{"OpenEvent", func(f *fx) Handle {
			f.k.CreateEvent(f.tb, nil, false, false, "E")
			return f.k.OpenEvent(f.ta, odd, false, "E")
		}, 0x3},
		{"OpenFileMapping", func(f *fx) Handle {
			f.k.CreateFileMapping(f.tb, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, "M")
			return f.k.OpenFileMapping(f.ta, odd|SYNCHRONIZE, false, "M")
		}, 0x1F},
		{"OpenJobObject", func(f *fx) Handle {
			f.k.CreateJobObject(f.tb, nil, "J")
			return f.k.OpenJobObject(f.ta, odd, false, "J")
		}, 0x3F},
		{"OpenProcess with every bit", func(f *fx) Handle { return f.k.OpenProcess(f.ta, 0xFFFFFFFF, false, f.b) }, PROCESS_ALL_ACCESS | ACCESS_SYSTEM_SECURITY},
		{"CreateFile", func(f *fx) Handle { return f.k.CreateFile(f.ta, `C:\a.txt`, odd, 0, nil, CREATE_ALWAYS, 0) }, 0x1FF},
		{"CreateFile of a pipe", func(f *fx) Handle {
			f.k.CreateNamedPipe(f.tb, `\\.\pipe\p`, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil)
			return f.k.CreateFile(f.ta, `\\.\pipe\p`, odd, 0, nil, OPEN_EXISTING, 0)
		}, 0x1FF},
		{"CreateFile of a mailslot", func(f *fx) Handle {
			f.k.CreateMailslot(f.tb, `\\.\mailslot\m`, 0, 0, nil)
			return f.k.CreateFile(f.ta, `\\.\mailslot\m`, odd|GENERIC_WRITE, FILE_SHARE_READ, nil, OPEN_EXISTING, 0)
		}, 0x1FF | FILE_GENERIC_WRITE},
		{"DuplicateHandle of an event", func(f *fx) Handle {
			h := f.k.CreateEvent(f.ta, nil, false, false, "")
			d, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, odd, false, 0)
			return d
		}, 0x3},
		{"DuplicateHandle with GENERIC_ALL", func(f *fx) Handle {
			h := f.k.CreateEventEx(f.ta, nil, "", 0, SYNCHRONIZE)
			d, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, GENERIC_ALL, false, 0)
			return d
		}, EVENT_ALL_ACCESS},
		{"DuplicateHandle with MAXIMUM_ALLOWED: not a generic right, not a valid one", func(f *fx) Handle {
			h := f.k.CreateEvent(f.ta, nil, false, false, "")
			d, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, MAXIMUM_ALLOWED|SYNCHRONIZE, false, 0)
			return d
		}, SYNCHRONIZE},
		{"DuplicateHandle of the pseudo thread handle", func(f *fx) Handle {
			d, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, CurrentThread, CurrentProcess, true, 0x011FFFFF, false, 0)
			return d
		}, THREAD_ALL_ACCESS | ACCESS_SYSTEM_SECURITY},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFx(t)
			h := c.make(f)
			e, ok := f.entry(f.a, h)
			if !ok {
				t.Fatalf("no handle (%v)", f.lastErr(f.ta))
			}
			if e.Access != c.want {
				t.Errorf("access %#x, want %#x", e.Access, c.want)
			}
		})
	}
}

// TestNamedObjectNamespaces: how a name reaches an object. Windows resolves
// it as a path under the session's BaseNamedObjects directory, which holds
// the links Local (itself), Global (\BaseNamedObjects) and Session
// (\Sessions\BNOLINKS, where "1" leads back to session 1). Sources per case;
// "Wine 8.0 probe" is docs/wine-probes/handles-and-pipes and
// docs/wine-probes/namespace (CreateEventW, OpenEventW, CreateMutexW, ...
// under wine64).
func TestNamedObjectNamespaces(t *testing.T) {
	type step struct {
		call string // "event", "mutex", "openevent", "openmutex", "semaphore", "job", "timer", "mapping", "close"
		name string
		err  Errno // last error after the call; 0 with a handle is success
		same int   // the step (1-based) whose object this handle must name; 0: a new one, or none
	}
	do := func(f *fx, s step, hs []Handle) Handle {
		k := f.k
		switch s.call {
		case "event":
			return k.CreateEvent(f.ta, nil, false, false, s.name)
		case "mutex":
			return k.CreateMutex(f.ta, nil, false, s.name)
		case "semaphore":
			return k.CreateSemaphore(f.ta, nil, 0, 1, s.name)
		case "job":
			return k.CreateJobObject(f.ta, nil, s.name)
		case "timer":
			return k.CreateWaitableTimer(f.ta, nil, false, s.name)
		case "mapping":
			return k.CreateFileMapping(f.ta, INVALID_HANDLE_VALUE, nil, PAGE_READWRITE, 0, 1, s.name)
		case "openevent":
			k.SetLastError(f.ta, 0)
			return k.OpenEvent(f.ta, SYNCHRONIZE, false, s.name)
		case "openmutex":
			k.SetLastError(f.ta, 0)
			return k.OpenMutex(f.ta, SYNCHRONIZE, false, s.name)
		case "close":
			k.CloseHandle(f.ta, hs[s.same-1])
			return 0
		}
		t.Fatalf("unknown call %q", s.call)
		return 0
	}
	long := strings.Repeat("n", 5000)
	cases := []struct {
		name, src string
		steps     []step
	}{
		{"Local\\ is the session namespace", "Kernel Object Namespaces (Local\\ prefix: the session namespace); Wine 8.0 probe: CreateEventW(\"Local\\\\N1\") after \"N1\" gives a handle and 183, OpenEventW(\"Local\\\\N1\") opens it",
			[]step{{"event", "X", 0, 0}, {"event", `Local\X`, ERROR_ALREADY_EXISTS, 1}, {"openevent", `Local\X`, 0, 1}}},
		{"the name stays as given", "Kernel Object Namespaces; docs/semantics.md (the viewer shows the name as given)",
			[]step{{"event", `Local\X`, 0, 0}, {"openevent", "X", 0, 1}, {"event", `Local\Local\X`, ERROR_ALREADY_EXISTS, 1}}},
		{"Global\\ is another namespace", "Kernel Object Namespaces (Global\\ prefix: the global namespace); Wine 8.0 probe: CreateEventW(\"Global\\\\N1\") after \"N1\" gives 0 (a new object), a second one 183",
			[]step{{"event", "X", 0, 0}, {"event", `Global\X`, 0, 0}, {"openevent", `Global\X`, 0, 2}, {"openevent", "X", 0, 1}, {"close", "", 0, 2}, {"close", "", 0, 3}, {"openevent", "X", 0, 1}, {"openevent", `Global\X`, ERROR_FILE_NOT_FOUND, 0}}},
		{"links from either namespace", "WRK ob/obdir.c ObpLookupObjectName follows symbolic links; Wine 8.0 probe: Global\\Local\\N1, Local\\Global\\N1 give 183; Global\\Session\\1\\N7 and Session\\1\\N7 give 183 for N7",
			[]step{{"event", `Global\X`, 0, 0}, {"openevent", `Global\Local\X`, 0, 1}, {"openevent", `Local\Global\X`, 0, 1}, {"event", "Y", 0, 0}, {"openevent", `Session\1\Y`, 0, 4}, {"openevent", `Global\Session\1\Y`, 0, 4}, {"openevent", `Global\Global\X`, 0, 1}}},
		{"prefixes are case sensitive", "Kernel Object Namespaces (these keywords are case sensitive); Wine 8.0 probe: local\\N1, LOCAL\\N1, global\\N1 give NULL, 3",
			[]step{{"event", "X", 0, 0}, {"event", `local\X`, ERROR_PATH_NOT_FOUND, 0}, {"event", `GLOBAL\X`, ERROR_PATH_NOT_FOUND, 0}}},
		{"any other backslash", "WRK ob/obdir.c (a missing directory on the way: STATUS_OBJECT_PATH_NOT_FOUND); Wine 8.0 probe: CreateEventW, CreateSemaphoreW, CreateJobObjectW, CreateWaitableTimerW, CreateFileMappingW, OpenEventW of \"a\\\\b\" give NULL, 3",
			[]step{{"event", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"semaphore", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"job", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"timer", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"mapping", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"openevent", `a\b`, ERROR_PATH_NOT_FOUND, 0}, {"event", `Local\a\b`, ERROR_PATH_NOT_FOUND, 0}, {"event", `Global\a\b`, ERROR_PATH_NOT_FOUND, 0}, {"event", `Session\2\X`, ERROR_PATH_NOT_FOUND, 0}, {"event", `N\`, ERROR_PATH_NOT_FOUND, 0}}},
		{"an object in the path", "WRK ob/obdir.c (a component that is not a directory: STATUS_OBJECT_TYPE_MISMATCH); Wine 8.0 probe: CreateEventW(\"N7\\\\x\") with an event N7 gives NULL, 6; \"N7\\\\\" gives 183 in Wine, 6 in the WRK — the WRK, real Windows, wins",
			[]step{{"event", "N", 0, 0}, {"event", `N\x`, ERROR_INVALID_HANDLE, 0}, {"openevent", `N\x`, ERROR_INVALID_HANDLE, 0}, {"event", `N\`, ERROR_INVALID_HANDLE, 0}}},
		{"a link as the name", "WRK ob/obdir.c (the link leads to a directory: STATUS_OBJECT_TYPE_MISMATCH); Wine 8.0 probe: Local, Global, Session, Session\\1 give NULL, 6",
			[]step{{"event", "Local", ERROR_INVALID_HANDLE, 0}, {"event", "Global", ERROR_INVALID_HANDLE, 0}, {"event", "Session", ERROR_INVALID_HANDLE, 0}, {"event", `Session\1`, ERROR_INVALID_HANDLE, 0}, {"openevent", `Global\Local`, ERROR_INVALID_HANDLE, 0}}},
		{"empty components", "WRK ob/obdir.c (an empty component: STATUS_OBJECT_NAME_INVALID, ERROR_INVALID_NAME); Wine 8.0 probe: Local\\, Global\\, Local\\\\N7, Global\\\\x give 123; \\N6 and \\ give 161 in Wine, 123 in the WRK — the WRK, real Windows, wins",
			[]step{{"event", `Local\`, ERROR_INVALID_NAME, 0}, {"event", `Global\`, ERROR_INVALID_NAME, 0}, {"event", `Local\\X`, ERROR_INVALID_NAME, 0}, {"event", `\X`, ERROR_INVALID_NAME, 0}, {"event", `\`, ERROR_INVALID_NAME, 0}, {"openevent", `Local\`, ERROR_INVALID_NAME, 0}}},
		{"type clash through a prefix", "docs/semantics.md Named objects; Wine 8.0 probe: OpenMutexW(\"Local\\\\N1\") and CreateMutexW(\"Global\\\\N1\") of events give NULL, 6",
			[]step{{"event", "E", 0, 0}, {"mutex", `Local\E`, ERROR_INVALID_HANDLE, 0}, {"openmutex", `Local\E`, ERROR_INVALID_HANDLE, 0}, {"openevent", `Local\nope`, ERROR_FILE_NOT_FOUND, 0}, {"openevent", `Global\nope`, ERROR_FILE_NOT_FOUND, 0}}},
		{"names longer than MAX_PATH", "CreateEventW function (lpName \"limited to MAX_PATH characters\"); Wine 8.0 probe: CreateEventW, OpenEventW, CreateMutexW, CreateFileMappingW with 260 to 40,000 characters succeed (only CreateEventA/OpenEventA fail at 260, ERROR_FILENAME_EXCED_RANGE) — the model's calls are the W ones",
			[]step{{"event", long, 0, 0}, {"openevent", long, 0, 1}, {"event", `Local\` + long, ERROR_ALREADY_EXISTS, 1}, {"mapping", "m" + long, 0, 0}}},
		{"the name leaves with the object", "docs/semantics.md (a destroyed object's name leaves the namespace at once)",
			[]step{{"event", `Local\X`, 0, 0}, {"close", "", 0, 1}, {"openevent", "X", ERROR_FILE_NOT_FOUND, 0}, {"event", "X", 0, 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFx(t)
			var hs []Handle
			var objs []*Object
			for i, s := range c.steps {
				h := do(f, s, hs)
				hs = append(hs, h)
				o := f.obj(f.a, h)
				objs = append(objs, o)
				if s.call == "close" {
					continue
				}
				if e := f.lastErr(f.ta); e != s.err {
					t.Errorf("%s: step %d %s(%q): last error %v, want %v", c.src, i+1, s.call, s.name, e, s.err)
				}
				failed := s.err != 0 && s.err != ERROR_ALREADY_EXISTS
				if (h == 0) != failed {
					t.Errorf("%s: step %d %s(%q): handle %#x", c.src, i+1, s.call, s.name, h)
				}
				switch {
				case s.same > 0 && o != objs[s.same-1]:
					t.Errorf("%s: step %d %s(%q): object %v, want step %d's", c.src, i+1, s.call, s.name, o, s.same)
				case s.same == 0 && o != nil:
					for j, p := range objs[:i] {
						if p == o {
							t.Errorf("%s: step %d %s(%q): the object of step %d, want a new one", c.src, i+1, s.call, s.name, j+1)
						}
					}
				}
			}
			if err := f.k.Check(); err != nil {
				t.Error(err)
			}
		})
	}

	// The namespace lists names as given, and the events carry them too.
	f := newFx(t)
	k := f.k
	k.CreateEvent(f.ta, nil, false, false, `Local\X`)
	k.CreateEvent(f.ta, nil, false, false, `Global\X`)
	k.TakeEvents()
	k.OpenEvent(f.ta, SYNCHRONIZE, false, "X")
	k.CreateEvent(f.ta, nil, false, false, `Q\r`)
	wantEvents(t, only(k.TakeEvents(), EvNamespaceLookup, EvLastError), `lookup "X" existing`, "lasterror 1004=ERROR_PATH_NOT_FOUND")
	if got := k.Names(); strings.Join(got, ",") != `Global\X,Local\X` {
		t.Errorf("Names() = %q", got)
	}
	s := k.Snapshot()
	if s.Object(s.Names[`Local\X`]).Name != `Local\X` || s.Names[`Global\X`] == s.Names[`Local\X`] || len(s.Names) != 2 {
		t.Errorf("snapshot names %v", s.Names)
	}
	if k.NamedObject(`Local\Local\X`) != k.Object(s.Names[`Local\X`]) || k.NamedObject(`a\b`) != nil {
		t.Error("NamedObject")
	}
	k.CreateEvent(f.ta, nil, false, false, "N")
	k.TakeEvents()
	k.CreateMutex(f.ta, nil, false, `N\x`)
	wantEvents(t, only(k.TakeEvents(), EvNamespaceLookup), `lookup "N\\x" type-mismatch`)
}

// A blocked thread records the handle it waits through, not only the
// object: with two handles to one event, the wait names the one the call
// was given (what a viewer shows as "waiting in WaitForSingleObject(0x8)").
// Source: "WaitForSingleObject function" (hHandle names the object to wait
// on); the model's ThreadInfo.
func TestWaitRecordsItsHandle(t *testing.T) {
	f := newFx(t)
	k := f.k
	h := k.CreateEvent(f.ta, nil, true, false, "")
	dup, ok := k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
	if !ok {
		t.Fatal("DuplicateHandle failed")
	}
	k.TakeEvents()
	if _, pending := k.WaitForSingleObject(f.ta, dup, INFINITE); !pending {
		t.Fatal("did not block")
	}
	if got := k.ThreadByTID(f.ta).Thread.WaitHandle; got != dup {
		t.Errorf("WaitHandle %#x, want %#x", got, dup)
	}
	var through []Handle
	for _, e := range k.TakeEvents() {
		if e.Kind == EvWaitStarted {
			through = append(through, e.Handle)
		}
	}
	if len(through) != 1 || through[0] != dup {
		t.Errorf("wait events through %v, want one through %#x", through, dup)
	}
}

// The search for the lowest free index remembers where it ended: after a
// low handle is closed and reused, the next creation walks the used slots
// once and the one after walks none. Work reports the walking (the
// scenario interpreter budgets it). Source: the lowest-free-index rule of
// docs/semantics.md ("Windows via C/C++", ch. 3); the cost is the model's own.
func TestLowestFreeIndexScanWork(t *testing.T) {
	f := newFx(t)
	k := f.k
	k.OnEvent = nil // 1,000 invariant checks of a 1,000-entry table are slow
	for i := 0; i < 1000; i++ {
		k.CreateEvent(f.ta, nil, false, false, "")
	}
	if !k.CloseHandle(f.ta, 4) {
		t.Fatal("CloseHandle(4) failed")
	}
	if h := k.CreateEvent(f.ta, nil, false, false, ""); h != 4 {
		t.Fatalf("the lowest free index was not reused: %#x", h)
	}
	w0 := k.Work()
	if h := k.CreateEvent(f.ta, nil, false, false, ""); h != 1001*4 {
		t.Fatalf("next handle %#x, want %#x", h, 1001*4)
	}
	w1 := k.Work()
	if h := k.CreateEvent(f.ta, nil, false, false, ""); h != 1002*4 {
		t.Fatalf("next handle %#x, want %#x", h, 1002*4)
	}
	if w1-w0 < 990 || k.Work() != w1 {
		t.Errorf("scan work %d then %d, want about 999 then 0", w1-w0, k.Work()-w1)
	}
}
