package scene

import (
	"fmt"
	"strconv"
	"strings"

	"handleviz/kernel"
)

// Line is one state line of an object card: a translation key (the UI
// looks up "st."+Key in assets/i18n.json) and its arguments, which are
// numbers, names, paths and call names, never words to translate. A line
// with an empty Key is Args[0] as it is.
type Line struct {
	Key  string
	Args []string
}

// Format fills a format's {i} with the line's arguments.
func (l Line) Format(f string) string {
	if l.Key == "" {
		if len(l.Args) > 0 {
			return l.Args[0]
		}
		return ""
	}
	if len(l.Args) == 0 {
		return f
	}
	// One pass over f, as strings.NewReplacer did, without building a
	// replacer on every call (7 % of a step's time on the host, issue 14).
	var b strings.Builder
	b.Grow(len(f) + 16)
	for {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			b.WriteString(f)
			return b.String()
		}
		b.WriteString(f[:i])
		f = f[i:]
		j := 1
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		if j > 1 && j < len(f) && f[j] == '}' && (j == 2 || f[1] != '0') {
			if n, err := strconv.Atoi(f[1:j]); err == nil && n < len(l.Args) {
				b.WriteString(l.Args[n])
				f = f[j+1:]
				continue
			}
		}
		b.WriteByte('{')
		f = f[1:]
	}
}

func ln(key string, args ...string) Line { return Line{Key: key, Args: args} }

// Role is the translation key ("role."+Role in i18n.json) of what a pipe or
// mailslot object is: "read", "write", "server", "client", "slot-server",
// "slot-client"; "" for other objects.
func Role(o *kernel.Object) string {
	if o == nil || o.Pipe == nil {
		return ""
	}
	switch o.Pipe.End {
	case kernel.EndRead:
		return "read"
	case kernel.EndWrite:
		return "write"
	case kernel.EndServer:
		return "server"
	case kernel.EndClient:
		return "client"
	case kernel.EndMailslotServer:
		return "slot-server"
	case kernel.EndMailslotClient:
		return "slot-client"
	}
	return ""
}

// Shared (never modified) state lines of the commonest objects.
var (
	linesSigManual = []Line{ln("signaled"), ln("manual-reset")}
	linesSigAuto   = []Line{ln("signaled"), ln("auto-reset")}
	linesNonManual = []Line{ln("nonsignaled"), ln("manual-reset")}
	linesNonAuto   = []Line{ln("nonsignaled"), ln("auto-reset")}
)

// StateLines describes an object's type state in a few short lines (pipe
// and mailslot ends: PipeLines). A type the visualizer does not know shows
// its signaled state.
func StateLines(o *kernel.Object, st *kernel.State) []Line {
	if o.Pipe != nil {
		return PipeLines(o, st)
	}
	var out []Line
	sig := func() Line {
		if o.Signaled {
			return ln("signaled")
		}
		return ln("nonsignaled")
	}
	u := func(v uint64) string { return strconv.FormatUint(v, 10) }
	switch o.Type {
	case kernel.TypeProcess:
		p := o.Proc
		out = append(out, ln("pid", u(uint64(p.PID))))
		if p.Exited {
			out = append(out, ln("exit", u(uint64(p.ExitCode))), sig())
		} else {
			out = append(out, ln("still-active"))
		}
	case kernel.TypeThread:
		t := o.Thread
		switch {
		case t.Exited:
			out = append(out, ln("exit", u(uint64(t.ExitCode))), sig())
		case t.WaitingIn != "":
			out = append(out, ln("waiting-in", t.WaitingIn))
		default:
			out = append(out, ln("running"))
		}
	case kernel.TypeEvent, kernel.TypeWaitableTimer:
		switch {
		case o.Signaled && o.ManualReset:
			return linesSigManual
		case o.Signaled:
			return linesSigAuto
		case o.ManualReset:
			return linesNonManual
		default:
			return linesNonAuto
		}
	case kernel.TypeMutex:
		if o.OwnerTID != 0 {
			out = append(out, ln("owner", u(uint64(o.OwnerTID))))
			if o.Recursion > 1 {
				out = append(out, ln("recursion", strconv.Itoa(o.Recursion)))
			}
		} else {
			out = append(out, ln("free"))
		}
		if o.Abandoned {
			out = append(out, ln("abandoned"))
		}
	case kernel.TypeSemaphore:
		out = append(out, ln("count-max", strconv.Itoa(o.Count), strconv.Itoa(o.Max)), sig())
	case kernel.TypeFile:
		out = append(out, Line{Args: []string{o.Path}})
		if o.Offset > 0 {
			out = append(out, ln("offset", u(o.Offset)))
		}
	case kernel.TypeFileMapping:
		if o.Toolhelp != nil {
			out = append(out, ln("snapshot", strconv.Itoa(len(o.Toolhelp.Processes))))
			break
		}
		if o.Path != "" {
			out = append(out, ln("file", o.Path))
		} else {
			out = append(out, ln("paging-file"))
		}
		out = append(out, ln("size", u(o.Size)))
	default:
		if o.Toolhelp != nil {
			out = append(out, ln("snapshot", strconv.Itoa(len(o.Toolhelp.Processes))))
			break
		}
		out = append(out, sig())
	}
	return out
}

// PipeLines shows a pipe or mailslot end: what it is, whether the other end
// is open (and through how many handles), and how much data waits in its
// buffer. An anonymous pipe's read end says whether its write end is open:
// while it is, a ReadFile on an empty buffer waits; once it is closed, it
// fails with ERROR_BROKEN_PIPE. The write end holds no data: it says where
// its writes go.
func PipeLines(o *kernel.Object, st *kernel.State) []Line {
	ps := o.Pipe
	peer := func() *kernel.Object {
		if ps.Peer == 0 || st == nil {
			return nil
		}
		if p := st.Object(ps.Peer); p != nil && !p.Destroyed {
			return p
		}
		return nil
	}()
	open := func(prefix string, p *kernel.Object) Line {
		switch {
		case p == nil:
			return ln(prefix + ".closed")
		case p.HandleCount == 1:
			return ln(prefix + ".open1")
		}
		return ln(prefix+".open", strconv.Itoa(p.HandleCount))
	}
	var out []Line
	switch ps.End {
	case kernel.EndRead:
		out = append(out, open("write", peer))
	case kernel.EndWrite:
		return []Line{open("read", peer), ln("to-read-end")}
	case kernel.EndServer:
		out = append(out, ln("server."+ps.Conn.String()))
		if ps.Conn == kernel.ConnConnected && peer != nil {
			out = append(out, open("client", peer))
		}
	case kernel.EndClient:
		out = append(out, ln("client."+ps.Conn.String()))
	case kernel.EndMailslotServer:
		out = append(out, ln("slot.server"))
		n := 0
		if st != nil {
			for i := range st.Objects {
				c := &st.Objects[i]
				if !c.Destroyed && c.Pipe != nil && c.Pipe.End == kernel.EndMailslotClient && c.Pipe.Peer == o.ID {
					n += c.HandleCount
				}
			}
		}
		switch n {
		case 0:
			out = append(out, ln("slot.nowriters"))
		case 1:
			out = append(out, ln("slot.writers1"))
		default:
			out = append(out, ln("slot.writers", strconv.Itoa(n)))
		}
	case kernel.EndMailslotClient:
		if peer == nil {
			return []Line{ln("slot.client"), ln("slot.gone")}
		}
		return []Line{ln("slot.client"), ln("slot.to")}
	}
	out = append(out, BufferLine(ps))
	return out
}

// BufferLine is the count line of a buffer.
func BufferLine(ps *kernel.PipeState) Line {
	n := ps.Buffered()
	switch {
	case len(ps.Buffer) == 0:
		return ln("buf.empty")
	case ps.Messages && len(ps.Buffer) == 1:
		return ln("buf.msgs1")
	case ps.Messages:
		return ln("buf.msgs", strconv.Itoa(len(ps.Buffer)))
	case n == 1:
		return ln("buf.bytes1")
	}
	return ln("buf.bytes", strconv.Itoa(n))
}

// HoldsData reports whether data waits at this end (it has a buffer to
// draw): the read end of an anonymous pipe, either end of a named pipe, a
// mailslot (its server).
func HoldsData(ps *kernel.PipeState) bool {
	return ps != nil && ps.End != kernel.EndWrite && ps.End != kernel.EndMailslotClient
}

// waiterLines says which processes wait on the object, and in which call.
func waiterLines(o *kernel.Object, st *kernel.State, names map[kernel.PID]string) []Line {
	var out []Line
	for i := range st.Objects {
		t := &st.Objects[i]
		if t.Thread == nil || t.Thread.WaitingIn == "" || t.Thread.WaitObject != o.ID || t.Destroyed {
			continue
		}
		who := fmt.Sprintf("TID %d", t.Thread.TID)
		if p := st.Object(t.Thread.Process); p != nil && p.Proc != nil {
			who = names[p.Proc.PID]
		}
		out = append(out, ln("waiter", who, t.Thread.WaitingIn))
	}
	return out
}
