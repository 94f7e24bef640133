package ui

import (
	"handleviz/wasm/scene"
)

// Compile runs a scenario's source and returns the trace to play. It is the
// one place that knows the interpreter's API (see adapter_scenario.go).
var Compile = func(src string) *scene.Trace {
	t := scene.InheritDemo()
	t.Source = src
	return t
}
