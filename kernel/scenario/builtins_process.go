package scenario

import (
	"strconv"
	"strings"

	"handleviz/kernel"
)

// objectOf resolves a handle of p to its object, for the introspection
// functions; pseudo handles name p and its thread.
func (in *interp) objectOf(p *proc, h kernel.Handle) *kernel.Object {
	pr := in.k.Object(in.tr.procObj(in.k, p.pid))
	if pr == nil {
		return nil
	}
	switch h {
	case kernel.CurrentProcess:
		return pr
	case kernel.CurrentThread:
		return in.k.Object(p.thread)
	}
	e, _, ok := pr.Proc.Lookup(h)
	if !ok {
		return nil
	}
	return in.k.Object(e.Object)
}

func (t *Trace) procObj(k *kernel.Kernel, pid kernel.PID) kernel.ObjectID {
	if id, ok := t.rec.pidObj[pid]; ok {
		return id
	}
	if o := k.ProcessByPID(pid); o != nil {
		t.rec.pidObj[pid] = o.ID
		return o.ID
	}
	return 0
}

// peSize checks PROCESSENTRY32.dwSize before a Process32First/Next call:
// "Before calling the Process32First function, set this member to
// sizeof(PROCESSENTRY32). If you do not initialize dwSize, Process32First
// fails." ("PROCESSENTRY32 structure"); the kernel model takes no
// structure, so the check is here, with ERROR_BAD_LENGTH (24).
func (c *call) peSize(out *Var) bool {
	if out == nil || out.V.F[0].N == uint64(out.T.Size) {
		return true
	}
	c.k().SetLastError(c.tid(), kernel.ERROR_BAD_LENGTH)
	return false
}

func (c *call) fillPE(out *Var, e kernel.ProcessEntry, ok bool) {
	if !ok || out == nil {
		return
	}
	c.setField(out, "th32ProcessID", intVal(tDWORD, uint64(e.PID)))
	c.setField(out, "th32ParentProcessID", intVal(tDWORD, uint64(e.ParentPID)))
	c.setField(out, "cntThreads", intVal(tDWORD, uint64(e.Threads)))
	i, t := out.V.T.field("szExeFile")
	out.V.F[i] = strValue(t, e.ExeFile)
}

// createProcess is CreateProcess: the kernel call, then the new process
// joins the scenario under its image's name.
func (in *interp) createProcess(c *call) Value {
	// CreateProcessW writes into lpCommandLine (and restores it): a string
	// literal is read-only memory, so real Windows raises an access
	// violation (seed 003; docs "CreateProcessW function", lpCommandLine).
	// CreateProcessA converts the command line to a Unicode copy first, so
	// a literal there is fine (seed 003; "CreateProcessA function" has no
	// such warning).
	if isLiteral(c.x.Args[1]) && !strings.HasSuffix(c.x.Fn.Name, "A") {
		c.in.fail("E_READONLY_CMDLINE", c.x.Args[1])
	}
	app, cmd := c.str(0), c.str(1)
	var env []string
	if !c.isNull(6) {
		for _, kv := range strings.Split(c.block(6), "\x00") {
			if kv != "" {
				env = append(env, kv)
			}
		}
		if env == nil {
			env = []string{}
		}
	}
	si := c.startupInfo(8)
	piVar := c.ref(9, structTypes["PROCESS_INFORMATION"])
	if len(in.procs) >= in.opt.MaxProcesses {
		in.fail("E_TOO_MANY_PROCESSES", c.x, strconv.Itoa(in.opt.MaxProcesses))
	}
	if c.b(4) {
		in.reserveTable(c.p.pid, 3) // a scan row, an entry and a usage change per handle
	}
	pi, ok := in.k.CreateProcessWithStartup(c.tid(), app, cmd, c.sa(2), c.sa(3), c.b(4), c.u32(5), env, si)
	if ok {
		line := cmd
		if line == "" {
			line = app
		}
		name := in.processName(kernel.ImageName(app, cmd))
		in.addProc(name, pi.PID, pi.TID, c.p.name, line)
		if piVar != nil {
			c.setField(piVar, "hProcess", intVal(tHANDLE, uint64(pi.HProcess)))
			c.setField(piVar, "hThread", intVal(tHANDLE, uint64(pi.HThread)))
			c.setField(piVar, "dwProcessId", intVal(tDWORD, uint64(pi.PID)))
			c.setField(piVar, "dwThreadId", intVal(tDWORD, uint64(pi.TID)))
		}
	}
	return c.bret(ok)
}

// processName turns an image into a scenario name: "Child.exe" → "Child",
// a second one "Child2".
func (in *interp) processName(image string) string {
	base := image
	if i := strings.LastIndexAny(base, `\/`); i >= 0 {
		base = base[i+1:]
	}
	if strings.HasSuffix(strings.ToLower(base), ".exe") {
		base = base[:len(base)-4]
	}
	var b strings.Builder
	for _, r := range base {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name != "" && name[0] >= '0' && name[0] <= '9' {
		name = "_" + name // "123.exe" is @_123, not "23"
	}
	if name == "" {
		name = "Process"
	}
	if in.byName[name] == nil {
		return name
	}
	for n := 2; ; n++ {
		cand := name + strconv.Itoa(n)
		if in.byName[cand] == nil {
			return cand
		}
	}
}
