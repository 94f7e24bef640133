package scene

import (
	"fmt"

	"handleviz/kernel"
)

// Recorder builds a Trace by calling the kernel directly, one step per
// call: test scenes and demos that do not need the scenario language.
type Recorder struct {
	K       *kernel.Kernel
	T       *Trace
	vars    map[kernel.PID][]Var
	console map[kernel.PID][]string
	line    int
}

// NewRecorder starts an empty trace over a fresh kernel.
func NewRecorder() *Recorder {
	k := kernel.New(kernel.Config{})
	return &Recorder{K: k, T: &Trace{Initial: k.Snapshot()}, vars: map[kernel.PID][]Var{}, console: map[kernel.PID][]string{}}
}

// Start starts a process as the shell would (a step of its own).
func (r *Recorder) Start(image string) (kernel.PID, kernel.TID) {
	var pid kernel.PID
	var tid kernel.TID
	r.Step(0, "process "+image+";", Text{}, func() string {
		pid, tid = r.K.StartProcess(image+".exe", image+".exe", nil)
		return ""
	})
	r.T.Steps[len(r.T.Steps)-1].PID = pid
	r.T.Steps[len(r.T.Steps)-1].Process = image
	return pid, tid
}

// Step runs fn as one statement of process pid and records its events;
// fn returns the result line.
func (r *Recorder) Step(pid kernel.PID, text string, caption Text, fn func() string) *Step {
	r.line++
	res := fn()
	st := Step{PID: pid, Line: r.line, Col: 1, Text: text, Caption: caption, Result: res, Events: r.K.TakeEvents(), After: r.K.Snapshot()}
	if p := st.After.Process(pid); p != nil {
		st.Process = ProcName(p.Proc)
		if len(p.Proc.Threads) > 0 {
			if t := st.After.Object(p.Proc.Threads[0]); t != nil && t.Thread != nil {
				st.LastError, st.HasLastError = t.Thread.LastError, true
			}
		}
	}
	st.Vars = map[kernel.PID][]Var{}
	for k, v := range r.vars {
		st.Vars[k] = append([]Var(nil), v...)
	}
	st.Console = map[kernel.PID][]string{}
	for k, v := range r.console {
		st.Console[k] = append([]string(nil), v...)
	}
	r.T.Source += text + "\n"
	r.T.Steps = append(r.T.Steps, st)
	return &r.T.Steps[len(r.T.Steps)-1]
}

// SetVar sets a variable of pid (shown from the next step on).
func (r *Recorder) SetVar(pid kernel.PID, typ, name string, h kernel.Handle) {
	v := Var{Name: name, Type: typ, Value: fmt.Sprintf("0x%X", uint64(h)), IsHandle: typ == "HANDLE", Handle: h}
	for i := range r.vars[pid] {
		if r.vars[pid][i].Name == name {
			r.vars[pid][i] = v
			return
		}
	}
	r.vars[pid] = append(r.vars[pid], v)
}

// Print appends a console line of pid.
func (r *Recorder) Print(pid kernel.PID, s string) { r.console[pid] = append(r.console[pid], s) }

// InheritDemo is the default lesson written with the recorder: an
// inheritable mutex and a non-inheritable event, CreateProcess with
// bInheritHandles=TRUE, the child closing its copy, the parent closing.
func InheritDemo() *Trace {
	r := NewRecorder()
	k := r.K
	pid, tid := r.Start("Parent")
	sa := &kernel.SecurityAttributes{Length: 24, InheritHandle: true}
	var hMutex, hEvent kernel.Handle
	r.Step(pid, "HANDLE hMutex = CreateMutex(&sa, FALSE, NULL);", Text{En: "An inheritable handle: bInheritHandle is TRUE.", Ko: "상속 가능한 핸들: bInheritHandle이 TRUE."}, func() string {
		hMutex = k.CreateMutex(tid, sa, false, "")
		r.SetVar(pid, "HANDLE", "hMutex", hMutex)
		return fmt.Sprintf("hMutex = 0x%X", uint64(hMutex))
	})
	r.Step(pid, "HANDLE hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);", Text{En: "A handle that is not inheritable.", Ko: "상속되지 않는 핸들."}, func() string {
		hEvent = k.CreateEvent(tid, nil, true, false, "")
		r.SetVar(pid, "HANDLE", "hEvent", hEvent)
		return fmt.Sprintf("hEvent = 0x%X", uint64(hEvent))
	})
	var pi kernel.ProcessInformation
	r.Step(pid, "CreateProcess(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);", Text{En: "bInheritHandles is TRUE: only the inheritable entry is copied, to the same index.", Ko: "bInheritHandles가 TRUE: 상속 가능한 항목만 같은 인덱스로 복사된다."}, func() string {
		pi, _ = k.CreateProcess(tid, "", fmt.Sprintf("Child.exe %d", hMutex), nil, nil, true, 0, nil)
		r.SetVar(pid, "HANDLE", "pi.hProcess", pi.HProcess)
		r.SetVar(pid, "HANDLE", "pi.hThread", pi.HThread)
		return "TRUE"
	})
	ctid := pi.TID
	r.Step(pi.PID, "HANDLE h = (HANDLE)_ttoi(argv[1]);", Text{En: "The child learns the value from its command line.", Ko: "자식은 명령행에서 핸들 값을 얻는다."}, func() string {
		r.SetVar(pi.PID, "HANDLE", "h", hMutex)
		r.Print(pi.PID, fmt.Sprintf("inherited handle: %d", hMutex))
		return fmt.Sprintf("h = 0x%X", uint64(hMutex))
	})
	r.Step(pi.PID, "CloseHandle(h);", Text{En: "The child closes its copy: usage 2 → 1.", Ko: "자식이 자신의 핸들을 닫는다: 2 → 1."}, func() string {
		return fmt.Sprint(k.CloseHandle(ctid, hMutex))
	})
	r.Step(pi.PID, "return 0;", Text{En: "The child exits: its handles close, its running references go.", Ko: "자식이 종료한다."}, func() string {
		k.ExitProcess(ctid, 0)
		return ""
	})
	r.Step(pid, "CloseHandle(pi.hThread);", Text{}, func() string { return fmt.Sprint(k.CloseHandle(tid, pi.HThread)) })
	r.Step(pid, "CloseHandle(pi.hProcess);", Text{}, func() string { return fmt.Sprint(k.CloseHandle(tid, pi.HProcess)) })
	return r.T
}
