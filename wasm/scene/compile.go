package scene

import (
	"errors"

	"handleviz/kernel/scenario"
	"handleviz/kernel/syntax"
)

// Compile runs a scenario's source and returns the trace to play: the one
// place that knows the interpreter's API.
func Compile(src string) *Trace {
	tr, err := scenario.Run(src, scenario.Interactive)
	if err != nil || tr == nil {
		return &Trace{Source: src, Err: diag(err)}
	}
	return FromScenario(tr, src)
}

func diag(err error) *Diag {
	if err == nil {
		return nil
	}
	var list syntax.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		err = list[0]
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		return &Diag{Line: se.Pos.Line, Col: se.Pos.Col, Msg: Text{En: se.Text("en"), Ko: se.Text("ko")}}
	}
	return &Diag{Msg: Text{En: err.Error(), Ko: err.Error()}}
}

// MaxSource is the longest scenario the language takes, in bytes (the UI
// refuses a link that would decode to more).
const MaxSource = syntax.MaxSource

// Example is a golden scenario the project ships, offered as "More examples".
type Example = scenario.Example

// Examples returns the golden scenarios in file-name order.
func Examples() []Example { return scenario.Examples() }

// ExampleByID is one golden scenario (scenario.ExampleByID).
func ExampleByID(id string) (Example, bool) { return scenario.ExampleByID(id) }
