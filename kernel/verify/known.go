package verify

// Known is a documented difference: where Wine is known to differ from
// Windows (the model follows Windows), or a known model limitation being
// fixed elsewhere. The oracle reports such a step as an expected
// difference, never silently.
type Known struct {
	ID     string
	Source string // the Wine conformance test, Microsoft page or WRK section
	Reason string
	match  func(m *Model, d *Difference) bool
}

// KnownDifferences are the documented differences, in the order
// docs/verification.md lists them.
var KnownDifferences = []*Known{}

// MatchKnown returns the known difference a difference is, or nil.
func MatchKnown(m *Model, d *Difference) *Known {
	for _, k := range KnownDifferences {
		if k.match(m, d) {
			return k
		}
	}
	return nil
}
