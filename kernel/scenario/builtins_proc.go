package scenario

import (
	"handleviz/kernel"
)

// Environment variables, Toolhelp snapshots and the model's own probes
// (UsageCount, HandleCount, SameObject, GrantedAccess).
func init() {
	for name, b := range map[string]*builtin{
		"SetEnvironmentVariable": w32(2, func(c *call) Value {
			return c.bret(c.k().SetEnvironmentVariable(c.tid(), c.str(0), c.str(1), c.isNull(1)))
		}),
		"GetEnvironmentVariable": w32(3, func(c *call) Value {
			buf := c.buf(1)
			val, n := c.k().GetEnvironmentVariable(c.tid(), c.str(0), c.u32(2))
			if buf != nil && n > 0 && n < c.u32(2) {
				c.set(buf, strValue(tStr, val))
			}
			return c.ret(tDWORD, uint64(n))
		}),
		// Toolhelp
		"CreateToolhelp32Snapshot": w32(2, func(c *call) Value {
			return c.hret(c.k().CreateToolhelp32Snapshot(c.tid(), c.u32(0), kernel.PID(c.u32(1))))
		}),
		"Process32First": w32(2, func(c *call) Value { return c.process32((*kernel.Kernel).Process32First) }),
		"Process32Next":  w32(2, func(c *call) Value { return c.process32((*kernel.Kernel).Process32Next) }),
		"Sleep":          w32(1, func(c *call) Value { return c.void() }), // time is not modelled

		// model-only introspection
		"UsageCount": helper(1, func(c *call) Value {
			if o := c.in.objectOf(c.p, c.h(0)); o != nil {
				return intVal(tInt, uint64(o.UsageCount()))
			}
			return intVal(tInt, 0)
		}),
		"HandleCount": helper(1, func(c *call) Value {
			if o := c.in.objectOf(c.p, c.h(0)); o != nil {
				return intVal(tInt, uint64(o.HandleCount))
			}
			return intVal(tInt, 0)
		}),
		"SameObject": helper(2, func(c *call) Value {
			a, b := c.in.objectOf(c.p, c.h(0)), c.in.objectOf(c.p, c.h(1))
			return intVal(tBOOL, b2u(a != nil && a == b))
		}),
		"GrantedAccess": helper(1, func(c *call) Value {
			pr := c.in.k.ProcessByPID(c.p.pid)
			if pr != nil {
				if e, _, ok := pr.Proc.Lookup(c.h(0)); ok {
					return intVal(tDWORD, uint64(e.Access))
				}
			}
			return intVal(tDWORD, 0)
		}),
	} {
		builtins[name] = b
	}
}

// process32 is Process32First or Process32Next (walk): dwSize is checked
// first, then the snapshot is walked and the entry filled.
func (c *call) process32(walk func(*kernel.Kernel, kernel.TID, kernel.Handle) (kernel.ProcessEntry, bool)) Value {
	out := c.ref(1, structTypes["PROCESSENTRY32"])
	if !c.peSize(out) {
		return c.bret(false)
	}
	e, ok := walk(c.k(), c.tid(), c.h(0))
	c.touch(0)
	c.fillPE(out, e, ok)
	return c.bret(ok)
}
