package verify

import (
	"fmt"
	"sort"
)

// checkTable compares process p's model table with Wine's after a step
// (label prefixes what is reported, for a table seen at a section's end).
func (c *comparer) checkTable(ms *ModelStep, p, label string, mtab, wtab []Entry) {
	mt, wt := bySlot(mtab), bySlot(wtab)
	newM, newW := c.newRows(p, mt, wt)
	if len(newM) != len(newW) {
		c.add(ms, label+"new handles", hexList(newM), hexList(newW))
	} else {
		c.pairNewRows(ms, p, label, mt, newM, newW)
	}
	c.compareRows(ms, p, label, mt, wt)
	c.reportExtraRows(ms, p, label, mt, wt, len(newM) == len(newW), newW)
	c.prevM[p], c.prevW[p] = mt, wt
}

func bySlot(tab []Entry) map[uint64]Entry {
	t := map[uint64]Entry{}
	for _, e := range tab {
		t[slot(e.Handle)] = e
	}
	return t
}

// newRows lists the slots that hold a new object since the process's last
// step, in the model and in Wine, each sorted.
func (c *comparer) newRows(p string, mt, wt map[uint64]Entry) (newM, newW []uint64) {
	ren := c.names[p]
	for h, e := range mt {
		if pe, ok := c.prevM[p][h]; !ok || pe.Object != e.Object {
			newM = append(newM, h)
		}
	}
	for h := range wt {
		if _, ok := c.prevW[p][h]; !ok {
			newW = append(newW, h)
		} else if w, ok := ren.toModel[h]; ok {
			// A slot closed and reused within one step looks unchanged in
			// Wine; the model says a new object.
			if pe, ok := c.prevM[p][w]; ok && mt[w].Object != pe.Object && mt[w].Object != 0 {
				newW = append(newW, h)
			}
		}
	}
	sort.Slice(newM, func(a, b int) bool { return newM[a] < newM[b] })
	sort.Slice(newW, func(a, b int) bool { return newW[a] < newW[b] })
	return newM, newW
}

// pairNewRows pairs new rows in slot order; a pairing must hold for the
// rest of the run, and an inherited handle must have its parent's value.
func (c *comparer) pairNewRows(ms *ModelStep, p, label string, mt map[uint64]Entry, newM, newW []uint64) {
	for j := range newM {
		if clash := c.names[p].pair(newM[j], newW[j]); clash != "" {
			c.add(ms, label+"handle value", fmt.Sprintf("0x%X", newM[j]), clash)
		}
		par := ms.ParentName
		if par == "" || c.prevM[p] != nil || c.prevM[par][newM[j]].Object != mt[newM[j]].Object {
			continue
		}
		if pw, ok := c.names[par].toWine[newM[j]]; ok && pw != newW[j] {
			c.add(ms, label+"inherited handle value", fmt.Sprintf("0x%X, as in %s", newM[j], par), fmt.Sprintf("0x%X, %s has 0x%X", newW[j], par, pw))
		}
	}
}

// compareRows compares each paired row: open, flags, access, handle count
// and type.
func (c *comparer) compareRows(ms *ModelStep, p, label string, mt, wt map[uint64]Entry) {
	for h, e := range mt {
		w, ok := c.names[p].toWine[h]
		if !ok {
			continue
		}
		we, ok := wt[w]
		if !ok {
			c.add(ms, label+fmt.Sprintf("handle 0x%X", h), "open", "closed")
			continue
		}
		if e.Flags != we.Flags {
			c.add(ms, label+fmt.Sprintf("flags of handle 0x%X", h), fmt.Sprint(e.Flags), fmt.Sprint(we.Flags))
		}
		if e.Access != we.Access {
			c.add(ms, label+fmt.Sprintf("access of handle 0x%X (%s)", h, e.Type), fmt.Sprintf("0x%X", e.Access), fmt.Sprintf("0x%X", we.Access))
		}
		if e.HandleCount != we.HandleCount {
			c.add(ms, label+fmt.Sprintf("handle count of 0x%X (%s)", h, e.Type), fmt.Sprint(e.HandleCount), fmt.Sprint(we.HandleCount))
		}
		if t := wineType[e.Type]; t != "" && t != we.Type {
			c.add(ms, label+fmt.Sprintf("type of handle 0x%X", h), e.Type, we.Type)
		}
	}
}

// reportExtraRows reports Wine rows the model does not have (unless the
// new-row counts already differ, which said so).
func (c *comparer) reportExtraRows(ms *ModelStep, p, label string, mt, wt map[uint64]Entry, countsAgree bool, newW []uint64) {
	ren := c.names[p]
	for w := range wt {
		h, ok := ren.toModel[w]
		if ok && mt[h].Object != 0 {
			continue
		}
		if _, isNew := indexOf(newW, w); isNew && !countsAgree {
			continue
		}
		if !ok {
			c.add(ms, label+"handle table", "no such handle", fmt.Sprintf("0x%X open (%s)", w, wt[w].Type))
		} else {
			c.add(ms, label+fmt.Sprintf("handle 0x%X", h), "closed", "open")
		}
	}
}
