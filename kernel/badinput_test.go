package kernel

import (
	"testing"
)

// TestBadInputsNeverPanic: every call taking a handle, given an unknown
// handle, a handle of the wrong type, a handle to a process that has exited
// or been closed, or a negative count, returns the Win32 failure value and
// sets the documented error code — no panic. Source: docs/semantics.md "Return
// conventions" (NULL for Create*/Open*, INVALID_HANDLE_VALUE for CreateFile
// and the pipe/mailslot/Toolhelp creators, FALSE for BOOL calls, WAIT_FAILED
// for waits) and each call's documentation page; the code for a handle that
// names nothing (STATUS_INVALID_HANDLE) or an object of another type
// (STATUS_OBJECT_TYPE_MISMATCH) is ERROR_INVALID_HANDLE (WRK
// base/ntos/rtl/generr.c).
func TestBadInputsNeverPanic(t *testing.T) {
	type bad struct {
		name string
		h    func(f *fx) Handle
	}
	bads := []bad{
		{"unknown", func(f *fx) Handle { return 0x7FF0 }},
		{"NULL", func(f *fx) Handle { return 0 }},
		{"huge", func(f *fx) Handle { return ^Handle(0) - 7 }},
		{"closed", func(f *fx) Handle {
			h := f.k.CreateEvent(f.ta, nil, false, false, "")
			f.k.CloseHandle(f.ta, h)
			return h
		}},
		{"wrong type: job", func(f *fx) Handle { return f.k.CreateJobObject(f.ta, nil, "") }},
		{"wrong type: thread", func(f *fx) Handle {
			h, _ := f.k.DuplicateHandle(f.ta, CurrentProcess, CurrentThread, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
			return h
		}},
	}
	// Calls that need a handle of one type; the BOOL-style result ok and the
	// error expected for the bad handles above.
	calls := []struct {
		name string
		src  string
		call func(f *fx, h Handle) bool
	}{
		{"CloseHandle", "CloseHandle function", func(f *fx, h Handle) bool { return f.k.CloseHandle(f.ta, h) }},
		{"SetEvent", "SetEvent function", func(f *fx, h Handle) bool { return f.k.SetEvent(f.ta, h) }},
		{"ResetEvent", "ResetEvent function", func(f *fx, h Handle) bool { return f.k.ResetEvent(f.ta, h) }},
		{"ReleaseMutex", "ReleaseMutex function", func(f *fx, h Handle) bool { return f.k.ReleaseMutex(f.ta, h) }},
		{"ReleaseSemaphore", "ReleaseSemaphore function", func(f *fx, h Handle) bool { _, ok := f.k.ReleaseSemaphore(f.ta, h, 1); return ok }},
		{"WaitForSingleObject", "WaitForSingleObject function", func(f *fx, h Handle) bool {
			r, pending := f.k.WaitForSingleObject(f.ta, h, INFINITE)
			return r != WAIT_FAILED || pending
		}},
		{"GetHandleInformation", "GetHandleInformation function", func(f *fx, h Handle) bool { _, ok := f.k.GetHandleInformation(f.ta, h); return ok }},
		{"SetHandleInformation", "SetHandleInformation function", func(f *fx, h Handle) bool { return f.k.SetHandleInformation(f.ta, h, 1, 1) }},
		{"TerminateProcess", "TerminateProcess function", func(f *fx, h Handle) bool { return f.k.TerminateProcess(f.ta, h, 1) }},
		{"GetExitCodeProcess", "GetExitCodeProcess function", func(f *fx, h Handle) bool { _, ok := f.k.GetExitCodeProcess(f.ta, h); return ok }},
		{"GetProcessId", "GetProcessId function", func(f *fx, h Handle) bool { return f.k.GetProcessId(f.ta, h) != 0 }},
		{"DuplicateHandle source process", "DuplicateHandle function", func(f *fx, h Handle) bool {
			_, ok := f.k.DuplicateHandle(f.ta, h, 4, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
			return ok
		}},
		{"DuplicateHandle source handle", "DuplicateHandle function", func(f *fx, h Handle) bool {
			_, ok := f.k.DuplicateHandle(f.ta, CurrentProcess, h, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
			return ok
		}},
		{"DuplicateHandle target process", "DuplicateHandle function", func(f *fx, h Handle) bool {
			src := f.k.CreateEvent(f.ta, nil, false, false, "")
			_, ok := f.k.DuplicateHandle(f.ta, CurrentProcess, src, h, true, 0, false, DUPLICATE_SAME_ACCESS)
			return ok
		}},
		{"CreateFileMapping", "CreateFileMappingW function", func(f *fx, h Handle) bool {
			return f.k.CreateFileMapping(f.ta, h, nil, PAGE_READONLY, 0, 1, "") != 0
		}},
		{"ReadFile", "ReadFile function", func(f *fx, h Handle) bool { _, ok, pending := f.k.ReadFile(f.ta, h, 1); return ok || pending }},
		{"WriteFile", "WriteFile function", func(f *fx, h Handle) bool { _, ok := f.k.WriteFile(f.ta, h, "x"); return ok }},
		{"PeekNamedPipe", "PeekNamedPipe function", func(f *fx, h Handle) bool { _, _, _, ok := f.k.PeekNamedPipe(f.ta, h, 1); return ok }},
		{"ConnectNamedPipe", "ConnectNamedPipe function", func(f *fx, h Handle) bool { ok, p := f.k.ConnectNamedPipe(f.ta, h); return ok || p }},
		{"DisconnectNamedPipe", "DisconnectNamedPipe function", func(f *fx, h Handle) bool { return f.k.DisconnectNamedPipe(f.ta, h) }},
		{"SetNamedPipeHandleState", "SetNamedPipeHandleState function", func(f *fx, h Handle) bool { return f.k.SetNamedPipeHandleState(f.ta, h, modeOf(0)) }},
		{"GetMailslotInfo", "GetMailslotInfo function", func(f *fx, h Handle) bool { _, _, _, _, ok := f.k.GetMailslotInfo(f.ta, h); return ok }},
		{"Process32First", "Process32First function", func(f *fx, h Handle) bool { _, ok := f.k.Process32First(f.ta, h); return ok }},
	}
	for _, c := range calls {
		for _, b := range bads {
			t.Run(c.name+"/"+b.name, func(t *testing.T) {
				f := newFx(t)
				h := b.h(f)
				f.arm()
				var ok bool
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s: panic %v", c.src, r)
						}
					}()
					ok = c.call(f, h)
				}()
				// What each combination must give: a job or thread handle
				// is a valid input where any handle is (CloseHandle, the
				// handle-information calls, DuplicateHandle's source) and
				// to the wait (both are waitable and were opened with
				// SYNCHRONIZE: the wait blocks); DuplicateHandle with no
				// target process and no DUPLICATE_CLOSE_SOURCE is
				// ERROR_INVALID_PARAMETER (WRK ob/obhandle.c
				// ObDuplicateObject); everything else is
				// ERROR_INVALID_HANDLE.
				wantOK, wantErr := false, ERROR_INVALID_HANDLE
				switch {
				case (b.name == "wrong type: thread" || b.name == "wrong type: job") &&
					(c.name == "WaitForSingleObject" || c.name == "CloseHandle" || c.name == "DuplicateHandle source handle" || c.name == "GetHandleInformation" || c.name == "SetHandleInformation"):
					wantOK, wantErr = true, untouched
				case c.name == "DuplicateHandle target process" && b.name == "NULL":
					wantErr = ERROR_INVALID_PARAMETER
				}
				if ok != wantOK {
					t.Fatalf("%s: ok %v, want %v", c.src, ok, wantOK)
				}
				if e := f.lastErr(f.ta); e != wantErr {
					t.Errorf("%s: last error %v, want %v", c.src, e, wantErr)
				}
			})
		}
	}

	// A closed process: handles to a process that has exited, and handles
	// that named a process and were closed.
	t.Run("exited process", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		hB := k.OpenProcess(f.ta, PROCESS_ALL_ACCESS, false, f.b)
		k.CreateEvent(f.tb, nil, false, false, "")
		k.ExitProcess(f.tb, 2)
		for _, c := range []struct {
			src  string
			call func() bool
			err  Errno
		}{
			{"TerminateProcess function; docs/semantics.md", func() bool { return k.TerminateProcess(f.ta, hB, 1) }, ERROR_ACCESS_DENIED},
			{"DuplicateHandle function (target exited; Wine 8.0 probe)", func() bool {
				_, ok := k.DuplicateHandle(f.ta, CurrentProcess, hB, hB, true, 0, false, DUPLICATE_SAME_ACCESS)
				return ok
			}, ERROR_ACCESS_DENIED},
			{"WRK obhandle.c ObDuplicateObject (an exited source has no handle table: STATUS_PROCESS_IS_TERMINATING)", func() bool {
				_, ok := k.DuplicateHandle(f.ta, hB, 4, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS)
				return ok
			}, ERROR_ACCESS_DENIED},
		} {
			if ok := c.call(); ok || k.GetLastError(f.ta) != c.err {
				t.Errorf("%s: ok %v last error %v, want %v", c.src, ok, k.GetLastError(f.ta), c.err)
			}
		}
		k.CloseHandle(f.ta, hB)
		for name, ok := range map[string]bool{
			"TerminateProcess":   k.TerminateProcess(f.ta, hB, 1),
			"GetExitCodeProcess": func() bool { _, ok := k.GetExitCodeProcess(f.ta, hB); return ok }(),
			"OpenProcess":        k.OpenProcess(f.ta, SYNCHRONIZE, false, f.b) != 0,
		} {
			if ok {
				t.Errorf("%s on a closed, destroyed process succeeded", name)
			}
		}
	})

	// Negative and out-of-range counts and sizes.
	t.Run("negative counts", func(t *testing.T) {
		f := newFx(t)
		k := f.k
		hs := k.CreateSemaphore(f.ta, nil, 0, 1, "")
		for _, n := range []int32{-1, -0x80000000, 0} {
			if _, ok := k.ReleaseSemaphore(f.ta, hs, n); ok || k.GetLastError(f.ta) != ERROR_INVALID_PARAMETER {
				t.Errorf("ReleaseSemaphore(%d): %v (ReleaseSemaphore function)", n, k.GetLastError(f.ta))
			}
		}
		for _, c := range [][2]int32{{-1, 1}, {0, -1}, {-0x80000000, -0x80000000}, {2, 1}} {
			if h := k.CreateSemaphore(f.ta, nil, c[0], c[1], ""); h != 0 || k.GetLastError(f.ta) != ERROR_INVALID_PARAMETER {
				t.Errorf("CreateSemaphore%v: %v (CreateSemaphoreW function)", c, k.GetLastError(f.ta))
			}
		}
		if v, n := k.GetEnvironmentVariable(f.ta, "PATH", 0); v != "" || n == 0 {
			t.Errorf("GetEnvironmentVariable with a 0 buffer: %q %d", v, n)
		}
		if _, ok, _ := k.ReadFile(f.ta, 0x7FF0, 0); ok {
			t.Error("ReadFile of 0 bytes from an unknown handle")
		}
	})

	// Strings: odd names never panic, and each call gives its documented
	// answer. ok/err per name for: CreateEvent, OpenMutex (after that
	// CreateEvent), CreateFile (OPEN_ALWAYS), CreateNamedPipe,
	// CreateMailslot, WaitNamedPipe, SetEnvironmentVariable, CreateProcess.
	t.Run("odd names", func(t *testing.T) {
		type res struct {
			ok  bool
			err Errno // ignored when ok
		}
		yes := res{ok: true}
		no := func(e Errno) res { return res{err: e} }
		// Sources: object names as in TestNamedObjectNamespaces (WRK
		// ob/obdir.c: an empty component is ERROR_INVALID_NAME, a missing
		// directory ERROR_PATH_NOT_FOUND; names are counted strings, so NUL
		// is an ordinary character and there is no MAX_PATH limit; an
		// event's name opened as a mutex is ERROR_INVALID_HANDLE); file
		// names: "Naming Files, Paths, and Namespaces" (NUL and control
		// characters are ERROR_INVALID_NAME; the model has no directories,
		// so other paths are plain names); pipe and mailslot names:
		// "CreateNamedPipeW function", "CreateMailslotW function" (\\.\pipe\name,
		// \\.\mailslot\name, else ERROR_INVALID_NAME), "WaitNamedPipeW
		// function" (no such pipe: ERROR_FILE_NOT_FOUND), "CreateFileW
		// function" (no such pipe or mailslot: ERROR_FILE_NOT_FOUND);
		// "SetEnvironmentVariableW function" (only '=' is refused);
		// CreateProcess: the model has no file system, so every image
		// exists, and a command line with no image name is
		// ERROR_INVALID_PARAMETER.
		zeros := string(make([]byte, 300))
		cases := []struct {
			name string
			want [8]res
		}{
			{"\x00", [8]res{yes, no(ERROR_INVALID_HANDLE), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, yes}},
			{"é", [8]res{yes, no(ERROR_INVALID_HANDLE), yes, no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, yes}},
			{`\`, [8]res{no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), yes, no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, no(ERROR_INVALID_PARAMETER)}},
			{`a\b`, [8]res{no(ERROR_PATH_NOT_FOUND), no(ERROR_PATH_NOT_FOUND), yes, no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, yes}},
			{zeros, [8]res{yes, no(ERROR_INVALID_HANDLE), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, yes}},
			{`\\.\pipe\`, [8]res{no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, no(ERROR_INVALID_PARAMETER)}},
			{`\\.\mailslot\`, [8]res{no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), no(ERROR_INVALID_NAME), no(ERROR_INVALID_NAME), no(ERROR_FILE_NOT_FOUND), yes, no(ERROR_INVALID_PARAMETER)}},
		}
		f := newFx(t)
		k := f.k
		calls := [8]func(n string) bool{
			func(n string) bool { return k.CreateEvent(f.ta, nil, false, false, n) != 0 },
			func(n string) bool { return k.OpenMutex(f.ta, SYNCHRONIZE, false, n) != 0 },
			func(n string) bool {
				return k.CreateFile(f.ta, n, GENERIC_READ, 0, nil, OPEN_ALWAYS, 0) != INVALID_HANDLE_VALUE
			},
			func(n string) bool {
				return k.CreateNamedPipe(f.ta, n, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil) != INVALID_HANDLE_VALUE
			},
			func(n string) bool { return k.CreateMailslot(f.ta, n, 0, 0, nil) != INVALID_HANDLE_VALUE },
			func(n string) bool { ok, pending := k.WaitNamedPipe(f.ta, n, 0); return ok || pending },
			func(n string) bool { return k.SetEnvironmentVariable(f.ta, n, n, false) },
			func(n string) bool { _, ok := k.CreateProcess(f.ta, n, n, nil, nil, false, 0, nil); return ok },
		}
		names := [8]string{"CreateEvent", "OpenMutex", "CreateFile", "CreateNamedPipe", "CreateMailslot", "WaitNamedPipe", "SetEnvironmentVariable", "CreateProcess"}
		for _, c := range cases {
			for i, call := range calls {
				f.arm()
				ok := call(c.name)
				w := c.want[i]
				if ok != w.ok || !ok && f.lastErr(f.ta) != w.err {
					t.Errorf("%s(%.12q): ok %v, last error %v; want ok %v, %v", names[i], c.name, ok, f.lastErr(f.ta), w.ok, w.err)
				}
			}
		}
		if err := k.Check(); err != nil {
			t.Fatal(err)
		}
	})
}
