package scenario

import (
	"encoding/json"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// The JSON form of a trace; docs/trace-format.md describes it. Field names
// are part of the format: add, never rename.

type jsonTrace struct {
	Format    int           `json:"format"`
	Lesson    jsonLesson    `json:"lesson"`
	Processes []jsonProcess `json:"processes"`
	Steps     []jsonStep    `json:"steps"`
	Error     *jsonError    `json:"error,omitempty"`
	Final     jsonState     `json:"final"`
	Failed    []jsonExpect  `json:"failedExpects,omitempty"`
	Waiting   []jsonWaiting `json:"waiting,omitempty"`
	Deadlock  bool          `json:"deadlock,omitempty"`
}

type jsonWaiting struct {
	Process string  `json:"process"`
	Call    string  `json:"call"`
	Pos     jsonPos `json:"pos"`
	Object  uint32  `json:"object,omitempty"`
	ObjType string  `json:"objType,omitempty"`
	Name    string  `json:"name,omitempty"`
}

type jsonText struct {
	En string `json:"en,omitempty"`
	Ko string `json:"ko,omitempty"`
}

type jsonLesson struct {
	Title   jsonText `json:"title"`
	Summary jsonText `json:"summary"`
}

type jsonProcess struct {
	Name      string `json:"name"`
	PID       uint32 `json:"pid"`
	TID       uint32 `json:"tid"`
	Parent    string `json:"parent,omitempty"`
	Image     string `json:"image"`
	FirstStep int    `json:"firstStep"`
}

type jsonPos struct {
	Line   int `json:"line"`
	Col    int `json:"col"`
	Offset int `json:"offset"`
}

type jsonSpan struct {
	Start jsonPos `json:"start"`
	End   jsonPos `json:"end"`
}

type jsonErrno struct {
	Name string `json:"name"`
	Code uint32 `json:"code"`
}

type jsonResult struct {
	Value uint64 `json:"value"`
	Text  string `json:"text"`
}

type jsonStep struct {
	Index     int             `json:"index"`
	Process   string          `json:"process,omitempty"`
	PID       uint32          `json:"pid,omitempty"`
	Span      jsonSpan        `json:"span"`
	Text      string          `json:"text"`
	Caption   jsonText        `json:"caption"`
	Auto      bool            `json:"autoCaption,omitempty"`
	Call      string          `json:"call,omitempty"`
	Return    *jsonResult     `json:"return,omitempty"`
	LastError jsonErrno       `json:"lastError"`
	Events    []jsonEvent     `json:"events"`
	Console   string          `json:"console,omitempty"`
	Vars      []jsonProcVars  `json:"vars"`
	Expects   []jsonExpect    `json:"expects,omitempty"`
	Waiting   string          `json:"waiting,omitempty"`
	Completed []jsonCompleted `json:"completed,omitempty"`
	Fault     string          `json:"fault,omitempty"`
}

type jsonProcVars struct {
	Process string    `json:"process"`
	Vars    []VarView `json:"vars"`
}

type jsonExpect struct {
	Span jsonSpan `json:"span"`
	Text string   `json:"text"`
	OK   bool     `json:"ok"`
}

type jsonCompleted struct {
	Process   string      `json:"process"`
	Line      int         `json:"line"`
	Call      string      `json:"call"`
	Return    *jsonResult `json:"return,omitempty"`
	LastError jsonErrno   `json:"lastError"`
	Waiting   string      `json:"waiting,omitempty"`
}

type jsonEvent struct {
	Kind      string     `json:"kind"`
	Text      string     `json:"text"`
	PID       uint32     `json:"pid,omitempty"`
	TID       uint32     `json:"tid,omitempty"`
	TargetPID uint32     `json:"targetPid,omitempty"`
	Object    uint32     `json:"object,omitempty"`
	ObjType   string     `json:"objType,omitempty"`
	Index     int        `json:"index,omitempty"`
	Handle    uint64     `json:"handle,omitempty"`
	Access    uint32     `json:"access,omitempty"`
	Flags     uint8      `json:"flags,omitempty"`
	OldFlags  uint8      `json:"oldFlags,omitempty"`
	From      int        `json:"from,omitempty"`
	To        int        `json:"to,omitempty"`
	Cause     string     `json:"cause,omitempty"`
	Lookup    string     `json:"lookup,omitempty"`
	Copied    bool       `json:"copied,omitempty"`
	SrcPID    uint32     `json:"srcPid,omitempty"`
	SrcIndex  int        `json:"srcIndex,omitempty"`
	Name      string     `json:"name,omitempty"`
	Err       *jsonErrno `json:"err,omitempty"`
	Code      uint32     `json:"code,omitempty"`
	Change    string     `json:"change,omitempty"`
	Peer      uint32     `json:"peer,omitempty"`
	Detail    string     `json:"detail,omitempty"`
	Bytes     *uint32    `json:"bytes,omitempty"` // DataWritten/DataRead, 0 included
	Data      *string    `json:"data,omitempty"`  // the bytes, hex
	Unit      string     `json:"unit,omitempty"`  // "ansi", "utf16le", "binary"
	Split     bool       `json:"split,omitempty"` // data begins inside a character
	Shown     string     `json:"shown,omitempty"` // data decoded by unit, \xNN for a byte that is no whole character
}

type jsonError struct {
	Code string   `json:"code"`
	Args []string `json:"args"`
	Span jsonSpan `json:"span"`
	En   string   `json:"en"`
	Ko   string   `json:"ko"`
}

type jsonState struct {
	Processes []jsonProcState   `json:"processes"`
	Objects   []jsonObject      `json:"objects"`
	Names     map[string]uint32 `json:"names"`
}

type jsonProcState struct {
	Name     string       `json:"name"`
	PID      uint32       `json:"pid"`
	Exited   bool         `json:"exited"`
	ExitCode uint32       `json:"exitCode"`
	Handles  []jsonHandle `json:"handles"`
}

type jsonHandle struct {
	Index  int    `json:"index"`
	Handle uint64 `json:"handle"`
	Object uint32 `json:"object"`
	Access uint32 `json:"access"`
	Flags  uint8  `json:"flags"`
}

type jsonObject struct {
	ID          uint32 `json:"id"`
	Type        string `json:"type"`
	Name        string `json:"name,omitempty"`
	Addr        uint64 `json:"addr"`
	Usage       int    `json:"usage"`
	HandleCount int    `json:"handleCount"`
	KernelRefs  int    `json:"kernelRefs"`
	State       string `json:"state,omitempty"`
}

func pos(p syntax.Pos) jsonPos       { return jsonPos{p.Line, p.Col, p.Offset} }
func span(s syntax.Span) jsonSpan    { return jsonSpan{pos(s.Start), pos(s.End)} }
func errno(e kernel.Errno) jsonErrno { return jsonErrno{e.Name(), uint32(e)} }
func result(r *Result) *jsonResult {
	if r == nil {
		return nil
	}
	return &jsonResult{r.Value, r.Text}
}

// MarshalJSON encodes a trace in the documented JSON format (format 1).
func MarshalJSON(t *Trace) ([]byte, error) {
	jt := jsonTrace{Format: 1,
		Lesson:    jsonLesson{Title: jsonText{t.Lesson.Title.En, t.Lesson.Title.Ko}, Summary: jsonText{t.Lesson.Summary.En, t.Lesson.Summary.Ko}},
		Steps:     make([]jsonStep, 0, len(t.Steps)),
		Processes: []jsonProcess{},
	}
	for _, p := range t.Processes {
		jt.Processes = append(jt.Processes, jsonProcess{p.Name, uint32(p.PID), uint32(p.TID), p.Parent, p.Image, p.First})
	}
	for i := range t.Steps {
		s := t.Steps[i]
		cp, auto := t.Caption(i)
		js := jsonStep{Index: s.Index, Process: s.Process, PID: uint32(s.PID), Span: span(s.Span), Text: s.Text,
			Caption: jsonText{cp.En, cp.Ko}, Auto: auto, Call: s.Call, Return: result(s.Return),
			LastError: errno(s.LastError), Events: make([]jsonEvent, 0, len(s.Events)), Console: s.Console, Waiting: s.Waiting, Fault: s.Fault,
			Vars: []jsonProcVars{}}
		for _, e := range s.Events {
			js.Events = append(js.Events, eventJSON(e))
		}
		for _, pv := range s.Vars {
			vs := pv.Vars
			if vs == nil {
				vs = []VarView{}
			}
			js.Vars = append(js.Vars, jsonProcVars{pv.Process, vs})
		}
		for _, e := range s.Expects {
			js.Expects = append(js.Expects, jsonExpect{span(e.Span), e.Text, e.OK})
		}
		for _, c := range s.Completed {
			js.Completed = append(js.Completed, jsonCompleted{c.Process, c.Line, c.Call, result(c.Return), errno(c.LastError), c.Waiting})
		}
		jt.Steps = append(jt.Steps, js)
	}
	if t.Err != nil {
		jt.Error = &jsonError{Code: t.Err.Code, Args: t.Err.Args, Span: span(syntax.Span{Start: t.Err.Pos, End: t.Err.End}), En: t.Err.Message("en"), Ko: t.Err.Message("ko")}
	}
	for _, e := range t.Failed() {
		jt.Failed = append(jt.Failed, jsonExpect{span(e.Span), e.Text, e.OK})
	}
	for _, w := range t.Waiting {
		jw := jsonWaiting{Process: w.Process, Call: w.Call, Pos: pos(w.Pos), Object: uint32(w.Object), Name: w.Name}
		if w.ObjType != 0 {
			jw.ObjType = w.ObjType.String()
		}
		jt.Waiting = append(jt.Waiting, jw)
	}
	jt.Deadlock = t.Deadlock()
	jt.Final = stateJSON(t.Final, t.Processes)
	return json.MarshalIndent(jt, "", " ")
}

func eventJSON(e kernel.Event) jsonEvent {
	j := jsonEvent{Kind: e.Kind.String(), Text: e.String(), PID: uint32(e.PID), TID: uint32(e.TID), TargetPID: uint32(e.TargetPID),
		Object: uint32(e.Object), Index: e.Index, Handle: uint64(e.Handle), Access: e.Access, Flags: e.Flags, OldFlags: e.OldFlags,
		From: e.From, To: e.To, Copied: e.Copied, SrcPID: uint32(e.SrcPID), SrcIndex: e.SrcIndex, Name: e.Name, Code: e.Code, Peer: uint32(e.Peer), Detail: e.Detail}
	if e.Change != 0 {
		j.Change = e.Change.String()
	}
	if e.ObjType != 0 {
		j.ObjType = e.ObjType.String()
	}
	if e.Kind == kernel.EvDataWritten || e.Kind == kernel.EvDataRead {
		n, hex := e.Bytes, kernel.Hex(e.Data)
		j.Bytes, j.Data = &n, &hex
		j.Unit = [...]string{"binary", "ansi", "utf16le", "binary"}[e.Unit.Width()&3]
		j.Split = e.Unit&kernel.UnitSplit != 0
		j.Shown = e.Unit.Quote(e.Data)
	}
	if e.Cause != 0 {
		j.Cause = e.Cause.String()
	}
	if e.Lookup != 0 {
		j.Lookup = e.Lookup.String()
	}
	if e.Err != 0 || e.Kind == kernel.EvLastError {
		er := errno(e.Err)
		j.Err = &er
	}
	return j
}

func stateJSON(st *kernel.State, procs []ProcessRef) jsonState {
	names := map[kernel.PID]string{}
	for _, p := range procs {
		names[p.PID] = p.Name
	}
	// Empty lists are [] (consumers index them), not null.
	js := jsonState{Names: map[string]uint32{}, Processes: []jsonProcState{}, Objects: []jsonObject{}}
	for _, po := range st.Processes() {
		jp := jsonProcState{Name: names[po.Proc.PID], PID: uint32(po.Proc.PID), Exited: po.Proc.Exited, ExitCode: po.Proc.ExitCode, Handles: []jsonHandle{}}
		for _, e := range po.Proc.Entries() {
			jp.Handles = append(jp.Handles, jsonHandle{e.Index, uint64(e.Handle), uint32(e.Object), e.Access, e.Flags})
		}
		js.Processes = append(js.Processes, jp)
	}
	for _, o := range st.Live() {
		js.Objects = append(js.Objects, jsonObject{uint32(o.ID), o.Type.String(), o.Name, o.Addr, o.UsageCount(), o.HandleCount, o.KernelRefs, trimState(stateText(o, names))})
	}
	for n, id := range st.Names {
		js.Names[n] = uint32(id)
	}
	return js
}

func trimState(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s
}
