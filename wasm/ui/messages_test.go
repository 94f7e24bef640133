package ui

import (
	"strings"
	"testing"
)

// TestParseCommand: the commands of docs/embedding.md are understood, and
// anything else from another page is refused with a reason (the listener
// logs it and ignores the message).
func TestParseCommand(t *testing.T) {
	good := map[string]string{
		`{"type":"next"}`:                             "next",
		`{"type":"prev","by":"statement"}`:            "prev",
		`{"type":"goto","step":12}`:                   "goto",
		`{"type":"goto","statement":0}`:               "goto",
		`{"type":"first"}`:                            "first",
		`{"type":"last"}`:                             "last",
		`{"type":"play"}`:                             "play",
		`{"type":"pause"}`:                            "pause",
		`{"type":"setLang","lang":"ko"}`:              "setLang",
		`{"type":"setTheme","theme":"projector"}`:     "setTheme",
		`{"type":"load","lesson":"04-pipe"}`:          "load",
		`{"type":"load","lesson":"04-pipe","step":3}`: "load",
		`slide:start`:                                 "slide:start",
		`slide:stop`:                                  "slide:stop",
		`{"type":"next","extra":{"ignored":true}}`:    "next",
	}
	for in, want := range good {
		c, err := parseCommand(in)
		if err != nil || c.Type != want {
			t.Errorf("%s: got %+v, %v; want a %q command", in, c, err, want)
		}
	}
	bad := []string{
		``, `null`, `42`, `"next"`, `next`, `[1,2]`, `{}`, `{"type":5}`, `{"type":"Next"}`, `{"type":"reboot"}`,
		`{"type":"goto"}`, `{"type":"goto","step":-1}`, `{"type":"goto","step":1.5}`, `{"type":"goto","step":"3"}`,
		`{"type":"goto","step":1,"statement":2}`, `{"type":"goto","statement":1e300}`,
		`{"type":"next","by":"line"}`, `{"type":"setLang","lang":"fr"}`, `{"type":"setLang"}`,
		`{"type":"setTheme","theme":"<script>alert(1)</script>"}`, `{"type":"load","lesson":"../../etc/passwd"}`,
		`{"type":"load"}`, `{"type":"load","lesson":"04-pipe","step":-3}`, `{"type":"next"} {"type":"prev"}`,
		`{"type":"next"`, "{\"type\":\"next\"}" + strings.Repeat(" ", maxMessage),
	}
	for _, in := range bad {
		if c, err := parseCommand(in); err == nil {
			t.Errorf("%.60q: accepted as %+v", in, c)
		} else if err.Error() == "" {
			t.Errorf("%.60q: refused without a reason", in)
		}
	}
}

// FuzzParseCommand: no input panics, and whatever is accepted is a command
// the player can carry out (runCommand relies on it).
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{`{"type":"goto","step":3}`, `{"type":"load","lesson":"01-inherit"}`, `slide:start`, `{"type":"setLang","lang":"ko"}`, `[]`, `{"type":"goto","statement":1e9}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCommand(s)
		if err != nil {
			return
		}
		switch c.Type {
		case "next", "prev", "first", "last", "play", "pause", "slide:start", "slide:stop", "setTheme", "setLang", "load":
		case "goto":
			if (c.Step == nil) == (c.Statement == nil) {
				t.Fatalf("%q: goto with step %v and statement %v", s, c.Step, c.Statement)
			}
		default:
			t.Fatalf("%q: accepted an unknown command %q", s, c.Type)
		}
		for _, v := range []*float64{c.Step, c.Statement} {
			if v != nil && (*v < 0 || *v > 1e9 || *v != float64(int(*v))) {
				t.Fatalf("%q: accepted the number %v", s, *v)
			}
		}
	})
}

// TestParseOrigins: ?origins= keeps origins (scheme, host and port, the
// way a message event's origin reads) and leaves out what is not one.
func TestParseOrigins(t *testing.T) {
	list, bad := parseOrigins(" https://Slides.Example.org/deck/ ,http://localhost:8000,javascript:alert(1),,*,file:///x")
	if strings.Join(list, " ") != "https://slides.example.org http://localhost:8000" {
		t.Errorf("origins %q", list)
	}
	if len(bad) != 3 {
		t.Errorf("left out %q, want javascript:…, * and file:///x", bad)
	}
	e := embedState{origins: list}
	if !e.allowed("http://localhost:8000") || e.allowed("http://localhost:8001") || e.allowed("https://evil.example") {
		t.Error("the allow-list does not decide by exact origin")
	}
	if !(&embedState{}).allowed("https://anyone.example") {
		t.Error("with no ?origins=, any origin may command")
	}
}
