package scenario

import "testing"

// TestExampleByID: one example read alone is the same as in the list, and
// an address's ?lesson=example:… that names no golden (or a path) opens
// nothing.
func TestExampleByID(t *testing.T) {
	all := Examples()
	if len(all) == 0 {
		t.Fatal("no examples")
	}
	for _, e := range all {
		got, ok := ExampleByID(e.ID)
		if !ok || got != e {
			t.Errorf("ExampleByID(%q) = %v, %v; want the listed example", e.ID, got.ID, ok)
		}
	}
	for _, id := range []string{"", "nope", "../golden/" + all[0].ID, "testdata/golden/" + all[0].ID} {
		if _, ok := ExampleByID(id); ok {
			t.Errorf("ExampleByID(%q) found an example", id)
		}
	}
}
