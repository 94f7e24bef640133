package scene

import (
	"fmt"

	"handleviz/kernel"
)

// layoutColumns lays out one column per process: its header, where it
// waits, its table rows, variables and console.
func (b *builder) layoutColumns() {
	b.colBottom = Margin
	for i, p := range b.procs {
		pv := b.procView(i, p.Proc)
		b.colBottom = max(b.colBottom, Margin+pv.Rect.H)
		b.sc.Procs = append(b.sc.Procs, pv)
	}
	// The kernel area sits below the tallest column of the whole trace (of
	// processes shown now or later), so cards do not move as tables change.
	if b.ext != nil {
		for pid, rows := range b.ext.Rows {
			b.colBottom = max(b.colBottom, Margin+ColumnHeight(rows, b.ext.Vars[pid], b.ext.Console[pid])+b.stdH())
		}
	}
}

func (b *builder) procView(i int, pi *kernel.ProcessInfo) ProcView {
	pv := ProcView{PID: pi.PID, ParentPID: pi.ParentPID, Name: b.names[pi.PID], Parent: b.names[pi.ParentPID], Exited: pi.Exited, ExitCode: pi.ExitCode, Change: b.procCh[pi.PID]}
	if pi.ParentPID != 0 && pv.Parent == "" {
		pv.Parent = fmt.Sprintf("PID %d", pi.ParentPID)
	}
	pv.Wait = b.waitView(pi)
	pv.NRows = b.rowCount(pi)
	for idx := 1; idx <= pv.NRows; idx++ {
		rect := RowRect(i, idx)
		ch := b.rowCh[rowKey{pi.PID, idx}]
		if ch != ChNone && (b.sc.Focus == nil || rect.Y < b.sc.Focus.Y) {
			f := rect // a copy: rect itself stays off the heap
			b.sc.Focus = &f
		}
		if !b.win.Has(rect) {
			continue
		}
		pv.Rows = append(pv.Rows, b.rowView(pi, idx, rect, ch))
	}
	pv.Vars = b.step.Vars[pi.PID]
	pv.Console = b.step.Console[pi.PID]
	if b.stdIO {
		pv.Std = stdViews(b.st, pi, b.names)
	}
	h := ColumnHeight(pv.NRows, len(pv.Vars), len(pv.Console))
	if len(pv.Std) > 0 {
		h += b.stdH()
	}
	pv.Rect = Rect{X: ColumnX(i), Y: Margin, W: TableW, H: h}
	return pv
}

// stdH is the height of a column's standard-handle section (none when the
// scenario does not draw them).
func (b *builder) stdH() float64 {
	if !b.stdIO {
		return 0
	}
	return SectionH + StdLines*ConsoleH
}

// waitView is where the process's (last) waiting thread waits.
func (b *builder) waitView(pi *kernel.ProcessInfo) *WaitView {
	var w *WaitView
	for _, tid := range pi.Threads {
		if t := b.st.Object(tid); t != nil && t.Thread != nil && t.Thread.WaitingIn != "" {
			w = &WaitView{Call: t.Thread.WaitingIn, Handle: t.Thread.WaitHandle}
			if o := b.st.Object(t.Thread.WaitObject); o != nil {
				w.Type, w.Role, w.Name = o.Type.String(), Role(o), ObjName(o, b.names)
			}
		}
	}
	return w
}

// rowCount is how many rows the column shows: its table, and the rows this
// micro-step removed or scanned past its end.
func (b *builder) rowCount(pi *kernel.ProcessInfo) int {
	n := max(pi.Table().Slots()-1, 0) // an exited process has no table at all
	for k := range b.ghosts {
		if k.pid == pi.PID && k.idx > n {
			n = k.idx
		}
	}
	for k, c := range b.rowCh {
		if k.pid == pi.PID && k.idx > n && (c == ChScanSkip || c == ChScanCopy) {
			n = k.idx
		}
	}
	return n
}

func (b *builder) rowView(pi *kernel.ProcessInfo, idx int, rect Rect, ch Change) RowView {
	r := RowView{Index: idx, Handle: kernel.Handle(idx * 4), Rect: rect, Change: ch}
	e := pi.Table().At(idx)
	if g, ok := b.ghosts[rowKey{pi.PID, idx}]; ok && e.Object == 0 {
		r.Ghost = true
		e = kernel.Entry{Object: g.Object, Access: g.Access, Flags: g.Flags}
	}
	if e.Object == 0 {
		r.Free = true
		return r
	}
	r.Obj, r.Access, r.Flags = e.Object, e.Access, e.Flags
	o := b.st.Object(e.Object)
	if o == nil && b.prev != nil {
		o = b.prev.Object(e.Object)
	}
	if o != nil {
		r.Type, r.Name, r.Role, r.Addr = o.Type.String(), ObjName(o, b.names), Role(o), o.Addr
	}
	return r
}
