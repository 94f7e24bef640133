package scenario

import (
	"handleviz/kernel"
)

// The pipe and mailslot calls, and ReadFile/WriteFile.
func init() {
	for name, b := range map[string]*builtin{
		// pipes and mailslots
		"CreatePipe": w32(4, func(c *call) Value {
			r, w := c.ref(0, tHANDLE), c.ref(1, tHANDLE)
			hr, hw, ok := c.k().CreatePipe(c.tid(), c.sa(2), c.u32(3))
			// kernel32 stores the handles in user mode once the pipe is
			// made: a NULL there faults after the handles exist.
			if ok && r == nil {
				c.in.accessViolation(c.p, "CreatePipe's hReadPipe")
			}
			if ok && w == nil {
				c.set(r, intVal(tHANDLE, uint64(hr)))
				c.in.accessViolation(c.p, "CreatePipe's hWritePipe")
			}
			if ok {
				c.set(r, intVal(tHANDLE, uint64(hr)))
				c.set(w, intVal(tHANDLE, uint64(hw)))
			}
			return c.bret(ok)
		}),
		"CreateNamedPipe": w32(8, func(c *call) Value {
			return c.hret(c.k().CreateNamedPipe(c.tid(), c.nameArg(0), c.u32(1), c.u32(2), c.u32(3), c.u32(4), c.u32(5), c.u32(6), c.sa(7)))
		}),
		"ConnectNamedPipe": w32(2, func(c *call) Value {
			ok, pending := c.k().ConnectNamedPipe(c.tid(), c.h(0))
			if pending {
				ok = c.wait().Ret != 0
			}
			return c.bret(ok)
		}),
		"DisconnectNamedPipe": w32(1, func(c *call) Value { return c.bret(c.k().DisconnectNamedPipe(c.tid(), c.h(0))) }),
		"WaitNamedPipe": w32(2, func(c *call) Value {
			ok, pending := c.k().WaitNamedPipe(c.tid(), c.str(0), c.u32(1))
			if pending {
				ok = c.wait().Ret != 0
			}
			return c.bret(ok)
		}),
		"SetNamedPipeHandleState": w32(4, func(c *call) Value {
			mode := c.ref(1, tDWORD)
			c.ref(2, tDWORD) // lpMaxCollectionCount, lpCollectDataTimeout:
			c.ref(3, tDWORD) // accepted, not modelled
			if mode == nil {
				return c.bret(c.k().SetNamedPipeHandleState(c.tid(), c.h(0), nil))
			}
			m := uint32(mode.V.N)
			return c.bret(c.k().SetNamedPipeHandleState(c.tid(), c.h(0), &m))
		}),
		"PeekNamedPipe": w32(6, func(c *call) Value {
			buf := c.memTarget(1)
			nread, total, left := c.ref(3, tDWORD), c.ref(4, tDWORD), c.ref(5, tDWORD)
			n := c.u32(2)
			if buf == nil {
				n = 0 // "lpBuffer … can be NULL if no data is to be read"
			} else {
				c.checkFits(1, n, memSize(buf), buf.Name)
			}
			data, avail, inMsg, ok := c.k().PeekNamedPipe(c.tid(), c.h(0), n)
			if ok {
				c.putMem(buf, data)
				c.set(nread, intVal(tDWORD, uint64(len(data))))
				c.set(total, intVal(tDWORD, uint64(avail)))
				c.set(left, intVal(tDWORD, uint64(inMsg)))
			}
			return c.bret(ok)
		}),
		"ReadFile": w32(5, func(c *call) Value {
			return c.readInto(1, 2, 3, func(n uint32) (string, bool, bool) { return c.k().ReadFile(c.tid(), c.h(0), n) })
		}),
		"TransactNamedPipe": w32(7, func(c *call) Value {
			src, unit := c.memSource(1)
			n := c.u32(2)
			c.checkFits(1, n, len(src), c.in.f.Text(c.x.Args[1]))
			return c.readInto(3, 4, 5, func(size uint32) (string, bool, bool) {
				return c.k().TransactNamedPipe(c.tid(), c.h(0), src[:n], unit, size)
			})
		}),
		"WriteFile": w32(5, func(c *call) Value {
			// Exactly the first nNumberOfBytesToWrite bytes of the buffer:
			// TEXT("ab") with 3 is 61 00 62; a char array's NULs count.
			out := c.ref(3, tDWORD)
			c.set(out, intVal(tDWORD, 0)) // as ReadFile: zero before any work
			n := c.u32(2)
			if c.isNull(1) && n > 0 {
				// Wine file.c test_read_write, "WriteFile(hFile, NULL, 10,
				// &bytes, NULL)": ERROR_INVALID_USER_BUFFER, nothing written.
				return c.failWith(kernel.ERROR_INVALID_USER_BUFFER)
			}
			src, unit := c.memSource(1)
			c.checkFits(1, n, len(src), c.in.f.Text(c.x.Args[1]))
			data := src[:n]
			written, ok := c.k().WriteData(c.tid(), c.h(0), data, unit)
			if ok {
				c.set(out, intVal(tDWORD, uint64(written)))
			}
			return c.bret(ok)
		}),
		"CreateMailslot": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateMailslot(c.tid(), c.nameArg(0), c.u32(1), c.u32(2), c.sa(3)))
		}),
		"GetMailslotInfo": w32(5, func(c *call) Value {
			outs := []*Var{c.ref(1, tDWORD), c.ref(2, tDWORD), c.ref(3, tDWORD), c.ref(4, tDWORD)}
			mx, next, count, to, ok := c.k().GetMailslotInfo(c.tid(), c.h(0))
			if ok {
				for i, v := range []uint32{mx, next, count, to} {
					c.set(outs[i], intVal(tDWORD, uint64(v)))
				}
			}
			return c.bret(ok)
		}),
		// environment
	} {
		builtins[name] = b
	}
}
