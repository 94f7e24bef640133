package scene

import (
	"fmt"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
	texts "handleviz/text"
)

// Narrate says in one or two sentences what a micro-step's events did, in
// lang. before and after are the states around the micro-step. The words
// are the catalogue's ("narr.*", "type.*" in assets/i18n.json); Korean
// particles after names and numbers are picked by FixJosa.
func Narrate(evs []kernel.Event, before, after *kernel.State, lang string) string {
	pname := func(pid kernel.PID) string {
		for _, st := range []*kernel.State{after, before} {
			if p := st.Process(pid); p != nil {
				return ProcName(p.Proc)
			}
		}
		return fmt.Sprintf("PID %d", pid)
	}
	typeName := func(t kernel.ObjectType) string { return T(lang, "type."+t.String()) }
	oname := func(id kernel.ObjectID, t kernel.ObjectType) string {
		for _, st := range []*kernel.State{after, before} {
			if o := st.Object(id); o != nil {
				if o.Name != "" {
					// the name as written (%q would double a pipe name's
					// backslashes)
					return Tf(lang, "narr.object.named", typeName(o.Type), o.Name)
				}
				if o.Proc != nil {
					return Tf(lang, "narr.object.process", typeName(o.Type), ProcName(o.Proc))
				}
				return typeName(o.Type)
			}
		}
		return typeName(t)
	}
	objName := func(id kernel.ObjectID) string {
		for _, st := range []*kernel.State{after, before} {
			if o := st.Object(id); o != nil {
				return o.Name
			}
		}
		return ""
	}
	role := func(id kernel.ObjectID) string {
		for _, st := range []*kernel.State{after, before} {
			if o := st.Object(id); o != nil {
				return Role(o)
			}
		}
		return ""
	}
	var out []string
	say := func(key string, args ...any) {
		strs := make([]string, len(args))
		for i, a := range args {
			strs[i] = fmt.Sprint(a)
		}
		out = append(out, Tf(lang, key, strs...))
	}
	for _, e := range evs {
		h := fmt.Sprintf("0x%X", uint64(e.Handle))
		switch e.Kind {
		case kernel.EvProcessCreated:
			say("narr.created", pname(e.TargetPID), e.TargetPID)
		case kernel.EvInheritScan:
			if e.Copied {
				say("narr.inherit.copied", e.Index, h, pname(e.TargetPID))
			} else {
				say("narr.inherit.skipped", e.Index, h)
			}
		case kernel.EvHandleAdded:
			switch e.Cause {
			case kernel.CauseInherit:
			case kernel.CauseDuplicate:
				say("narr.duplicated", pname(e.PID), h, e.Index, oname(e.Object, e.ObjType))
			default:
				say("narr.added", pname(e.PID), h, e.Index, oname(e.Object, e.ObjType))
			}
		case kernel.EvHandleRemoved:
			cause := e.Cause.String()
			if lang == "ko" {
				cause = T(lang, "cause."+cause)
			}
			say("narr.removed", pname(e.PID), h, e.Index, cause)
		case kernel.EvCloseRefused:
			say("narr.refused", h)
		case kernel.EvUsageChanged:
			say("narr.usage", oname(e.Object, e.ObjType), e.From, e.To)
		case kernel.EvObjectDestroyed:
			say("narr.destroyed", oname(e.Object, e.ObjType))
		case kernel.EvNamespaceLookup:
			say("narr.lookup", e.Name, T(lang, "lookup."+e.Lookup.String()))
		case kernel.EvProcessExited:
			say("narr.exited", pname(e.TargetPID), e.Code)
		case kernel.EvThreadExited:
			say("narr.thread.exited", e.TID)
		case kernel.EvStateChanged:
			say("narr.state", oname(e.Object, e.ObjType), texts.Change(e, texts.Parse(lang)))
		case kernel.EvWaitStarted:
			if r := role(e.Object); r != "" {
				if word, label := Heading(lang, e.ObjType.String(), objName(e.Object), r); label == "" {
					// "읽기 파이프" says the type: not "파이프(읽기 파이프)"
					say("narr.wait.role", pname(e.PID), e.Detail, word)
					break
				}
				say("narr.wait.end", pname(e.PID), e.Detail, oname(e.Object, e.ObjType), RoleText(lang, r))
				break
			}
			say("narr.wait", pname(e.PID), e.Detail)
		case kernel.EvDataWritten:
			r := role(e.Object)
			if r == "" {
				say("narr.write.file", pname(e.PID), e.Bytes)
				break
			}
			say("narr.write", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data), RoleText(lang, r))
		case kernel.EvDataRead:
			switch {
			case role(e.Object) == "":
				say("narr.read.file", pname(e.PID), e.Bytes)
			case e.Err == kernel.ERROR_MORE_DATA:
				say("narr.read.more", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data))
			default:
				say("narr.read", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data))
			}
		case kernel.EvPipeConnected:
			say("narr.connected", pname(e.PID), e.Name)
		case kernel.EvPipeDisconnected:
			say("narr.disconnected", e.Name)
		case kernel.EvWaitSatisfied:
			say("narr.satisfied", pname(e.PID))
		}
	}
	return syntax.FixJosa(strings.Join(out, " "))
}

// RoleText is the name of a pipe or mailslot end's role ("read end") in lang.
func RoleText(lang, role string) string { return T(lang, "role."+role) }

// FixJosa picks each Korean particle written as a template ("이(가)") by
// the word before it (syntax.FixJosa), for text the viewer assembles.
func FixJosa(s string) string { return syntax.FixJosa(s) }
