package scenario

// The synchronization and other named objects' calls, and the wait.
func init() {
	for name, b := range map[string]*builtin{
		// synchronization objects
		"CreateEvent": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateEvent(c.tid(), c.sa(0), c.b(1), c.b(2), c.str(3)))
		}),
		"CreateEventEx": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateEventEx(c.tid(), c.sa(0), c.str(1), c.u32(2), c.u32(3)))
		}),
		"OpenEvent":  w32(3, func(c *call) Value { return c.hret(c.k().OpenEvent(c.tid(), c.u32(0), c.b(1), c.nameArg(2))) }),
		"SetEvent":   w32(1, func(c *call) Value { return c.bret(c.k().SetEvent(c.tid(), c.h(0))) }),
		"ResetEvent": w32(1, func(c *call) Value { return c.bret(c.k().ResetEvent(c.tid(), c.h(0))) }),
		"CreateMutex": w32(3, func(c *call) Value {
			return c.hret(c.k().CreateMutex(c.tid(), c.sa(0), c.b(1), c.str(2)))
		}),
		"CreateMutexEx": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateMutexEx(c.tid(), c.sa(0), c.str(1), c.u32(2), c.u32(3)))
		}),
		"OpenMutex":    w32(3, func(c *call) Value { return c.hret(c.k().OpenMutex(c.tid(), c.u32(0), c.b(1), c.nameArg(2))) }),
		"ReleaseMutex": w32(1, func(c *call) Value { return c.bret(c.k().ReleaseMutex(c.tid(), c.h(0))) }),
		"CreateSemaphore": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateSemaphore(c.tid(), c.sa(0), c.i32(1), c.i32(2), c.str(3)))
		}),
		"CreateSemaphoreEx": w32(6, func(c *call) Value {
			return c.hret(c.k().CreateSemaphoreEx(c.tid(), c.sa(0), c.i32(1), c.i32(2), c.str(3), c.u32(4), c.u32(5)))
		}),
		"OpenSemaphore": w32(3, func(c *call) Value { return c.hret(c.k().OpenSemaphore(c.tid(), c.u32(0), c.b(1), c.nameArg(2))) }),
		"ReleaseSemaphore": w32(3, func(c *call) Value {
			out := c.ref(2, tInt)
			prev, ok := c.k().ReleaseSemaphore(c.tid(), c.h(0), c.i32(1))
			if ok {
				c.set(out, intVal(tInt, uint64(uint32(prev))))
			}
			return c.bret(ok)
		}),
		"CreateWaitableTimer": w32(3, func(c *call) Value {
			return c.hret(c.k().CreateWaitableTimer(c.tid(), c.sa(0), c.b(1), c.str(2)))
		}),
		"CreateWaitableTimerEx": w32(4, func(c *call) Value {
			return c.hret(c.k().CreateWaitableTimerEx(c.tid(), c.sa(0), c.str(1), c.u32(2), c.u32(3)))
		}),
		"OpenWaitableTimer": w32(3, func(c *call) Value {
			return c.hret(c.k().OpenWaitableTimer(c.tid(), c.u32(0), c.b(1), c.nameArg(2)))
		}),
		"CreateJobObject": w32(2, func(c *call) Value { return c.hret(c.k().CreateJobObject(c.tid(), c.sa(0), c.str(1))) }),
		"OpenJobObject":   w32(3, func(c *call) Value { return c.hret(c.k().OpenJobObject(c.tid(), c.u32(0), c.b(1), c.nameArg(2))) }),
		"CreateFileMapping": w32(6, func(c *call) Value {
			return c.hret(c.k().CreateFileMapping(c.tid(), c.h(0), c.sa(1), c.u32(2), c.u32(3), c.u32(4), c.str(5)))
		}),
		"OpenFileMapping": w32(3, func(c *call) Value {
			return c.hret(c.k().OpenFileMapping(c.tid(), c.u32(0), c.b(1), c.nameArg(2)))
		}),
		"CreateFile": w32(7, func(c *call) Value {
			return c.hret(c.k().CreateFile(c.tid(), c.str(0), c.u32(1), c.u32(2), c.sa(3), c.u32(4), c.u32(5)))
		}),
		"WaitForSingleObject": w32(2, func(c *call) Value {
			r, pending := c.k().WaitForSingleObject(c.tid(), c.h(0), c.u32(1))
			if pending {
				r = uint32(c.wait().Ret)
			}
			return c.ret(tDWORD, uint64(r))
		}),
	} {
		builtins[name] = b
	}
}
