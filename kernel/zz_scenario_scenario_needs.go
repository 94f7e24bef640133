package kernel

// Added by the scenario helper (issue #3); the lead may fold it into
// kernel.go or replace it.

// DiscardEvents forgets the events recorded since the last TakeEvents
// without handing them out, and keeps the buffer for the next ones. A
// caller that collects events through OnEvent uses it instead of
// TakeEvents, which makes the next call grow a new slice from nothing (in
// a 100,000-step scenario that regrowth was a third of all allocation).
func (k *Kernel) DiscardEvents() {
	k.events = k.events[:0]
}
