package verify

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// WineStep is one step record of a process's log (harness.h).
type WineStep struct {
	Line, Col int
	Section   int
	Called    int // 0 no Win32 call, 1 with a return value, 2 void, 3 the process ended
	Ret       uint64
	Err       uint32
	Table     []Entry
	Vars      map[string]uint64
	Expects   []bool
	Abs       []AbsCheck
}

// AbsCheck is a handle compared with a number in an expect.
type AbsCheck struct {
	Wine, Literal uint64
	Equal         bool
}

// WineLog is a process's log: its startup table, its steps, and the
// harness's own failures.
type WineLog struct {
	Startup  []Entry
	Steps    []WineStep
	Snaps    map[int][]Entry // section -> the table when it ended (the process idle)
	Failures []string
}

func hexv(s string) uint64 {
	n, _ := strconv.ParseUint(s, 16, 64)
	return n
}

// ParseLog reads one process's log.
func ParseLog(text string) (*WineLog, error) {
	log := &WineLog{Snaps: map[int][]Entry{}}
	snap := -1
	var cur *WineStep
	startup := false
	// An expect is logged while its statement runs, before the step's S line.
	var pendX []bool
	var pendA []AbsCheck
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		bad := func() error { return fmt.Errorf("log line %d: malformed %q", n, sc.Text()) }
		switch f[0] {
		case "S":
			if len(f) != 7 {
				return nil, bad()
			}
			st := WineStep{Line: int(hexv(f[1])), Col: int(hexv(f[2])), Section: int(hexv(f[3])), Called: int(hexv(f[4])),
				Ret: hexv(f[5]), Err: uint32(hexv(f[6])), Vars: map[string]uint64{}}
			if st.Line == 0 {
				startup = true
				cur = &WineStep{}
				continue
			}
			startup = false
			snap = -1
			st.Expects, st.Abs, pendX, pendA = pendX, pendA, nil, nil
			log.Steps = append(log.Steps, st)
			cur = &log.Steps[len(log.Steps)-1]
		case "H":
			if len(f) != 6 || cur == nil {
				return nil, bad()
			}
			e := Entry{Handle: hexv(f[1]), Flags: uint32(hexv(f[2])), Access: uint32(hexv(f[3])), HandleCount: int(hexv(f[4])), Type: f[5]}
			if startup {
				log.Startup = append(log.Startup, e)
			} else if snap >= 0 {
				log.Snaps[snap] = append(log.Snaps[snap], e)
			} else {
				cur.Table = append(cur.Table, e)
			}
		case "V":
			if len(f) != 3 || cur == nil {
				return nil, bad()
			}
			cur.Vars[f[1]] = hexv(f[2])
		case "X":
			if len(f) != 4 {
				return nil, bad()
			}
			pendX = append(pendX, f[3] == "1")
		case "A":
			if len(f) != 4 {
				return nil, bad()
			}
			pendA = append(pendA, AbsCheck{Wine: hexv(f[1]), Literal: hexv(f[2]), Equal: f[3] == "1"})
		case "T":
			if len(f) != 2 {
				return nil, bad()
			}
			snap = int(hexv(f[1]))
			log.Snaps[snap] = []Entry{}
			cur = &WineStep{}
		case "E":
			cur = nil
			startup = false
			snap = -1
		case "F":
			log.Failures = append(log.Failures, strings.Join(f[1:], " "))
		default:
			return nil, bad()
		}
	}
	return log, sc.Err()
}
