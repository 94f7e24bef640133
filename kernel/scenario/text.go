package scenario

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"handleviz/kernel"
)

// WriteText prints a trace as the runner does: each step (process, line,
// statement, result, last error, caption, then its events), then every
// process's table as WinDbg's !handle lists one, the objects still alive,
// and the error that stopped the run.
func WriteText(w io.Writer, t *Trace, lang string) {
	pick := func(en, ko string) string {
		if lang == "ko" && ko != "" {
			return ko
		}
		if en == "" {
			return ko
		}
		return en
	}
	if title := pick(t.Lesson.Title.En, t.Lesson.Title.Ko); title != "" {
		fmt.Fprintf(w, "# %s\n", title)
	}
	if s := pick(t.Lesson.Summary.En, t.Lesson.Summary.Ko); s != "" {
		fmt.Fprintf(w, "# %s\n", s)
	}
	for i := range t.Steps {
		s := t.Steps[i]
		proc := s.Process
		if proc == "" {
			proc = "-"
		}
		fmt.Fprintf(w, "#%d %s line %d: %s\n", s.Index, proc, s.Span.Start.Line, oneLine(s.Text))
		cp, _ := t.Caption(i)
		if c := pick(cp.En, cp.Ko); c != "" {
			fmt.Fprintf(w, "    %s\n", c)
		}
		if s.Waiting != "" {
			fmt.Fprintf(w, "    %s waits in %s\n", s.Process, s.Waiting)
		} else if s.Call != "" {
			ret := "(void)"
			if s.Return != nil {
				ret = s.Return.Text
			}
			fmt.Fprintf(w, "    %s = %s, GetLastError() = %s\n", s.Call, ret, s.LastError)
		}
		for _, e := range s.Events {
			if e.Kind == kernel.EvLastError {
				continue // shown in the result line
			}
			if lang == "ko" {
				fmt.Fprintf(w, "    - %s\n", t.EventCaption(e).Ko)
			} else {
				fmt.Fprintf(w, "    - %s\n", e)
			}
		}
		for _, c := range s.Completed {
			if c.Waiting != "" {
				fmt.Fprintf(w, "    > %s (line %d) waits again in %s\n", c.Process, c.Line, c.Waiting)
				continue
			}
			ret := "(void)"
			if c.Return != nil {
				ret = c.Return.Text
			}
			fmt.Fprintf(w, "    > %s (line %d): %s returned %s, GetLastError() = %s\n", c.Process, c.Line, c.Call, ret, c.LastError)
		}
		if s.Console != "" {
			for _, l := range strings.Split(strings.TrimSuffix(s.Console, "\n"), "\n") {
				fmt.Fprintf(w, "    %s> %s\n", s.Process, l)
			}
		}
		for _, e := range s.Expects {
			mark := "ok"
			if !e.OK {
				mark = "FAILED"
			}
			fmt.Fprintf(w, "    expect(%s): %s\n", e.Text, mark)
		}
	}
	fmt.Fprintln(w)
	WriteHandles(w, t.Final, t.Processes)
	if t.Err != nil {
		fmt.Fprintf(w, "\nerror: %s [%s]\n", t.Err.Message(lang), t.Err.Code)
	}
	for _, e := range t.Failed() {
		fmt.Fprintf(w, "expect failed: line %d:%d: %s\n", e.Span.Start.Line, e.Span.Start.Col, e.Text)
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 100 {
		s = s[:97] + "..."
	}
	return s
}

// WriteHandles lists every process's handle table in the manner of WinDbg's
// !handle, then the objects still alive.
func WriteHandles(w io.Writer, st *kernel.State, procs []ProcessRef) {
	names := map[kernel.PID]string{}
	for _, p := range procs {
		names[p.PID] = p.Name
	}
	for _, po := range st.Processes() {
		pi := po.Proc
		status := "running"
		if pi.Exited {
			status = fmt.Sprintf("exited, code %d", pi.ExitCode)
		}
		fmt.Fprintf(w, "PROCESS %08x  Name: %s\n    Cid: %04x  ParentCid: %04x  Image: %s  (%s)\n", po.Addr, names[pi.PID], pi.PID, pi.ParentPID, pi.Image, status)
		ents := pi.Entries()
		fmt.Fprintf(w, "Handle table with %d entries in use\n", len(ents))
		for _, e := range ents {
			o := st.Object(e.Object)
			flags := ""
			if e.Flags&uint8(kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0 {
				flags += " (Protected)"
			}
			if e.Flags&uint8(kernel.HANDLE_FLAG_INHERIT) != 0 {
				flags += " (Inherit)"
			}
			if o == nil {
				fmt.Fprintf(w, "%04x: Object: ?  GrantedAccess: %08x%s\n", uint64(e.Handle), e.Access, flags)
				continue
			}
			fmt.Fprintf(w, "%04x: Object: %08x  GrantedAccess: %08x%s\n", uint64(e.Handle), o.Addr, e.Access, flags)
			name := ""
			if o.Name != "" {
				name = "  Name: " + o.Name
			}
			fmt.Fprintf(w, "Object: %08x  Type: %s%s\n    HandleCount: %d  PointerCount: %d\n", o.Addr, o.Type, name, o.HandleCount, o.UsageCount())
		}
		fmt.Fprintln(w)
	}
	live := st.Live()
	fmt.Fprintf(w, "Objects still alive: %d\n", len(live))
	for _, o := range live {
		fmt.Fprintf(w, "  %08x  %-12s usage %d (handles %d, kernel %d)%s\n", o.Addr, o.Label(), o.UsageCount(), o.HandleCount, o.KernelRefs, stateText(o, names))
	}
}

// stateText is the type state the UI shows beside an object.
func stateText(o *kernel.Object, names map[kernel.PID]string) string {
	switch o.Type {
	case kernel.TypeProcess:
		if o.Proc.Exited {
			return fmt.Sprintf("  %s exit code %d", names[o.Proc.PID], o.Proc.ExitCode)
		}
		return fmt.Sprintf("  %s STILL_ACTIVE", names[o.Proc.PID])
	case kernel.TypeEvent, kernel.TypeWaitableTimer:
		if o.Signaled {
			return "  signaled"
		}
		return "  nonsignaled"
	case kernel.TypeMutex:
		if o.OwnerTID != 0 {
			return fmt.Sprintf("  owned by TID %d", o.OwnerTID)
		}
		return "  free"
	case kernel.TypeSemaphore:
		return fmt.Sprintf("  count %d/%d", o.Count, o.Max)
	case kernel.TypePipe, kernel.TypeNamedPipe, kernel.TypeMailslot:
		if o.Pipe != nil {
			n := 0
			for _, b := range o.Pipe.Buffer {
				n += utf8.RuneCountInString(b)
			}
			return fmt.Sprintf("  %s, %d bytes buffered", o.Pipe.End, n)
		}
	}
	return ""
}
