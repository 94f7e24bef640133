package ui

import (
	"errors"

	"handleviz/kernel/syntax"
	"handleviz/wasm/scene"
)

// Compile runs a scenario's source and returns the trace to play: the one
// place that knows the interpreter's API.
func Compile(src string) *scene.Trace {
	if _, err := syntax.Parse(src); err != nil {
		return &scene.Trace{Source: src, Err: diag(err)}
	}
	if runScenario == nil {
		// The interpreter has not landed yet: play the built-in demo.
		t := scene.InheritDemo()
		t.Source = src
		return t
	}
	return runScenario(src)
}

// runScenario runs a parsed scenario with the interpreter (set by
// adapter_scenario.go).
var runScenario func(src string) *scene.Trace

func diag(err error) *scene.Diag {
	if err == nil {
		return nil
	}
	var list syntax.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		err = list[0]
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		return &scene.Diag{Line: se.Pos.Line, Col: se.Pos.Col, Msg: scene.Text{En: se.Text("en"), Ko: se.Text("ko")}}
	}
	return &scene.Diag{Msg: scene.Text{En: err.Error(), Ko: err.Error()}}
}
