package scenario

import (
	"fmt"
	"io"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// runnerText are the runner's own lines in English and Korean (fmt
// patterns; Korean particles are fixed after formatting).
var runnerText = map[string][2]string{
	"step":      {"#%d %s line %d: %s", "#%d %s %d행: %s"},
	"waits":     {"%s waits in %s", "%s 프로세스: %s 호출에서 대기 중"},
	"result":    {"%s = %s, GetLastError() = %s", "%s = %s, GetLastError() = %s"},
	"again":     {"> %s (line %d) waits again in %s", "> %s 프로세스(%d행): 다시 %s 호출에서 대기 중"},
	"returned":  {"> %s (line %d): %s returned %s, GetLastError() = %s", "> %s 프로세스(%d행): %s 호출 반환, 결과 %s, GetLastError() = %s"},
	"ok":        {"expect(%s): ok", "expect(%s): 통과"},
	"failed":    {"expect(%s): FAILED", "expect(%s): 실패"},
	"error":     {"error: %s [%s]", "오류: %s [%s]"},
	"expect":    {"expect failed: line %d:%d: %s", "expect 실패: %d행 %d열: %s"},
	"deadlock":  {"Deadlock: every running process waits, and no statement is left to wake one:", "교착 상태: 실행 중인 모든 프로세스가 대기 중이고, 깨울 문장이 남아 있지 않다:"},
	"stillwait": {"Still waiting when the scenario ends (no statement is left to wake them):", "시나리오가 끝날 때 아직 대기 중인 프로세스(깨울 문장이 남아 있지 않음):"},
	"waitline":  {"  %s waits in %s (line %d)%s", "  %s 프로세스: %s 호출에서 대기 중(%d행)%s"},
	"waitobj":   {" for %s", ", 대상: %s"},
	"fault":     {"access violation (0xC0000005) at %s (NULL): %s ends with exit code 0xC0000005", "%s에서 접근 위반(0xC0000005, NULL): %s 프로세스 종료, 종료 코드 0xC0000005"},
}

func say(lang, key string, args ...any) string {
	t := runnerText[key]
	if lang == "ko" {
		return syntax.FixJosa(fmt.Sprintf(t[1], args...))
	}
	return fmt.Sprintf(t[0], args...)
}

// WriteText prints a trace as the runner does: each step (process, line,
// statement, result, last error, caption, then its events), then every
// process's table as WinDbg's !handle lists one (in WinDbg's English), the
// objects still alive, the processes still waiting, and the error that
// stopped the run.
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
		fmt.Fprintln(w, say(lang, "step", s.Index, proc, s.Span.Start.Line, oneLine(s.Text)))
		cp, _ := t.Caption(i)
		if c := pick(cp.En, cp.Ko); c != "" {
			fmt.Fprintf(w, "    %s\n", c)
		}
		if s.Fault != "" {
			fmt.Fprintln(w, "    "+say(lang, "fault", s.Fault, s.Process))
		} else if s.Waiting != "" {
			fmt.Fprintln(w, "    "+say(lang, "waits", s.Process, s.Waiting))
		} else if s.Call != "" {
			ret := "(void)"
			if s.Return != nil {
				ret = s.Return.Text
			}
			fmt.Fprintln(w, "    "+say(lang, "result", s.Call, ret, s.LastError))
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
				fmt.Fprintln(w, "    "+say(lang, "again", c.Process, c.Line, c.Waiting))
				continue
			}
			ret := "(void)"
			if c.Return != nil {
				ret = c.Return.Text
			}
			fmt.Fprintln(w, "    "+say(lang, "returned", c.Process, c.Line, c.Call, ret, c.LastError))
		}
		if s.Console != "" {
			for _, l := range strings.Split(strings.TrimSuffix(s.Console, "\n"), "\n") {
				fmt.Fprintf(w, "    %s> %s\n", s.Process, l)
			}
		}
		for _, e := range s.Expects {
			key := "ok"
			if !e.OK {
				key = "failed"
			}
			fmt.Fprintln(w, "    "+say(lang, key, e.Text))
		}
	}
	fmt.Fprintln(w)
	writeHandles(w, t.Final, t.Processes, t.Waiting)
	if len(t.Waiting) > 0 {
		key := "stillwait"
		if t.Deadlock() {
			key = "deadlock"
		}
		fmt.Fprintln(w, "\n"+say(lang, key))
		for _, wt := range t.Waiting {
			obj := ""
			if wt.ObjType != 0 {
				label := wt.ObjType.String()
				if lang == "ko" && koTypes[label] != "" {
					label = koTypes[label]
				}
				if wt.Name != "" {
					label += fmt.Sprintf(" %q", wt.Name)
				}
				obj = say(lang, "waitobj", label)
			}
			fmt.Fprintln(w, say(lang, "waitline", wt.Process, wt.Call, wt.Pos.Line, obj))
		}
	}
	if t.Err != nil {
		fmt.Fprintln(w, "\n"+say(lang, "error", t.Err.Message(lang), t.Err.Code))
	}
	for _, e := range t.Failed() {
		fmt.Fprintln(w, say(lang, "expect", e.Span.Start.Line, e.Span.Start.Col, e.Text))
	}
}

// oneLine is a statement on one line, cut after 100 characters (by
// characters: cutting bytes split Hangul syllables).
func oneLine(s string) string {
	// Lines join with one space; spaces inside a line (in a literal) stay.
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	s = strings.Join(lines, " ")
	if _, cut := cutRunes(s, 100); cut {
		head, _ := cutRunes(s, 97)
		s = head + "..."
	}
	return s
}

func writeHandles(w io.Writer, st *kernel.State, procs []ProcessRef, waiting []Waiting) {
	names := map[kernel.PID]string{}
	for _, p := range procs {
		names[p.PID] = p.Name
	}
	waits := map[string]Waiting{}
	for _, wt := range waiting {
		waits[wt.Process] = wt
	}
	for _, po := range st.Processes() {
		pi := po.Proc
		status := "running"
		if wt, ok := waits[names[pi.PID]]; ok {
			status = fmt.Sprintf("waiting in %s, line %d", wt.Call, wt.Pos.Line)
		}
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
			return fmt.Sprintf("  %s, %d bytes buffered", o.Pipe.End, o.Pipe.Buffered())
		}
	}
	return ""
}
