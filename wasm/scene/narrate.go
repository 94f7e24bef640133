package scene

import (
	"fmt"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
	texts "handleviz/text"
)

// Narrate says in one or two sentences what a micro-step's events did, in
// lang. before and after are the states around the micro-step.
func Narrate(evs []kernel.Event, before, after *kernel.State, lang string) string {
	ko := lang == "ko"
	pname := func(pid kernel.PID) string {
		for _, st := range []*kernel.State{after, before} {
			if p := st.Process(pid); p != nil {
				return ProcName(p.Proc)
			}
		}
		return fmt.Sprintf("PID %d", pid)
	}
	// tname is a type as the text's language says it (뮤텍스, not Mutex,
	// in Korean prose: korean-style.md).
	tname := func(t kernel.ObjectType) string { return T(lang, "type."+t.String()) }
	oname := func(id kernel.ObjectID, t kernel.ObjectType) string {
		for _, st := range []*kernel.State{after, before} {
			if o := st.Object(id); o != nil {
				if o.Name != "" {
					// the name as written (%q would double a pipe name's
					// backslashes)
					return fmt.Sprintf("%s \"%s\"", tname(o.Type), o.Name)
				}
				if o.Proc != nil && ko {
					return fmt.Sprintf("%s %s", ProcName(o.Proc), tname(o.Type)) // "Child 프로세스"
				}
				if o.Proc != nil {
					return fmt.Sprintf("%s %s", tname(o.Type), ProcName(o.Proc))
				}
				return tname(o.Type)
			}
		}
		return tname(t)
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
	say := func(en, k string) {
		if ko {
			out = append(out, k)
		} else {
			out = append(out, en)
		}
	}
	for _, e := range evs {
		h := fmt.Sprintf("0x%X", uint64(e.Handle))
		switch e.Kind {
		case kernel.EvProcessCreated:
			say(fmt.Sprintf("%s (PID %d) is created with an empty handle table.", pname(e.TargetPID), e.TargetPID),
				fmt.Sprintf("%s 프로세스(PID %d)가 빈 핸들 테이블로 생성된다.", pname(e.TargetPID), e.TargetPID))
		case kernel.EvInheritScan:
			if e.Copied {
				say(fmt.Sprintf("Index %d (%s) has the Inherit flag: copied to %s at the same index.", e.Index, h, pname(e.TargetPID)),
					fmt.Sprintf("인덱스 %d(%s) 항목은 상속 가능하므로 %s 프로세스의 같은 인덱스로 복사된다.", e.Index, h, pname(e.TargetPID)))
			} else {
				say(fmt.Sprintf("Index %d (%s) is not inheritable: skipped.", e.Index, h),
					fmt.Sprintf("인덱스 %d(%s) 항목은 상속 불가이므로 건너뛴다.", e.Index, h))
			}
		case kernel.EvHandleAdded:
			switch e.Cause {
			case kernel.CauseInherit:
			case kernel.CauseDuplicate:
				say(fmt.Sprintf("Duplicate: %s gets handle %s (index %d) to the same %s.", pname(e.PID), h, e.Index, oname(e.Object, e.ObjType)),
					fmt.Sprintf("복제: %s 프로세스에 같은 %s을(를) 가리키는 핸들 %s(인덱스 %d) 항목이 생긴다.", pname(e.PID), oname(e.Object, e.ObjType), h, e.Index))
			default:
				say(fmt.Sprintf("%s gets handle %s (index %d) to %s.", pname(e.PID), h, e.Index, oname(e.Object, e.ObjType)),
					fmt.Sprintf("%s 프로세스에 %s을(를) 가리키는 핸들 %s(인덱스 %d) 항목이 생긴다.", pname(e.PID), oname(e.Object, e.ObjType), h, e.Index))
			}
		case kernel.EvHandleRemoved:
			say(fmt.Sprintf("%s's handle %s (index %d) is removed (%s).", pname(e.PID), h, e.Index, e.Cause),
				fmt.Sprintf("%s 프로세스의 핸들 %s(인덱스 %d) 항목이 닫힌다(%s).", pname(e.PID), h, e.Index, T("ko", "cause."+e.Cause.String())))
		case kernel.EvCloseRefused:
			say(fmt.Sprintf("Handle %s is protected from close: the entry stays.", h),
				fmt.Sprintf("핸들 %s은(는) 닫기 보호 상태이므로 항목이 남는다.", h))
		case kernel.EvUsageChanged:
			say(fmt.Sprintf("%s usage count %d → %d.", oname(e.Object, e.ObjType), e.From, e.To),
				fmt.Sprintf("%s의 사용 카운트 %d → %d.", oname(e.Object, e.ObjType), e.From, e.To))
		case kernel.EvObjectDestroyed:
			say(fmt.Sprintf("Count 0: the %s is destroyed.", oname(e.Object, e.ObjType)),
				fmt.Sprintf("사용 카운트가 0이므로 %s 오브젝트가 소멸한다.", oname(e.Object, e.ObjType)))
		case kernel.EvNamespaceLookup:
			say(fmt.Sprintf("Namespace lookup %q: %s.", e.Name, T("en", "lookup."+e.Lookup.String())),
				fmt.Sprintf("네임스페이스 조회 %q: %s.", e.Name, T("ko", "lookup."+e.Lookup.String())))
		case kernel.EvProcessExited:
			say(fmt.Sprintf("%s has exited with code %d.", pname(e.TargetPID), e.Code),
				fmt.Sprintf("%s 프로세스가 종료 코드 %d(으)로 종료된다.", pname(e.TargetPID), e.Code))
		case kernel.EvThreadExited:
			say(fmt.Sprintf("Thread %d stops running.", e.TID), fmt.Sprintf("스레드(TID %d)가 종료된다.", e.TID))
		case kernel.EvStateChanged:
			say(fmt.Sprintf("%s: %s.", oname(e.Object, e.ObjType), texts.Change(e, texts.En)), fmt.Sprintf("%s: %s.", oname(e.Object, e.ObjType), texts.Change(e, texts.Ko)))
		case kernel.EvWaitStarted:
			on := oname(e.Object, e.ObjType)
			if r := role(e.Object); r != "" {
				say(fmt.Sprintf("%s waits in %s on the %s (%s).", pname(e.PID), e.Detail, on, RoleText("en", r)),
					fmt.Sprintf("%s 프로세스가 %s 호출에서 대기한다(%s).", pname(e.PID), e.Detail, RoleText("ko", r)))
				break
			}
			say(fmt.Sprintf("%s waits in %s.", pname(e.PID), e.Detail), fmt.Sprintf("%s 프로세스가 %s 호출에서 대기한다.", pname(e.PID), e.Detail))
		case kernel.EvDataWritten:
			r := role(e.Object)
			if r == "" {
				say(fmt.Sprintf("%s writes %d bytes to the file.", pname(e.PID), e.Bytes), fmt.Sprintf("%s 프로세스가 파일에 %d바이트를 쓴다.", pname(e.PID), e.Bytes))
				break
			}
			say(fmt.Sprintf("%s writes %d bytes (%s) into the %s's buffer.", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data), RoleText("en", r)),
				fmt.Sprintf("%s 프로세스가 %s의 버퍼에 %d바이트(%s)를 쓴다.", pname(e.PID), RoleText("ko", r), e.Bytes, e.Unit.Quote(e.Data)))
		case kernel.EvDataRead:
			switch {
			case role(e.Object) == "":
				say(fmt.Sprintf("%s reads %d bytes from the file.", pname(e.PID), e.Bytes), fmt.Sprintf("%s 프로세스가 파일에서 %d바이트를 읽는다.", pname(e.PID), e.Bytes))
			case e.Err == kernel.ERROR_MORE_DATA:
				say(fmt.Sprintf("%s reads only the first %d bytes (%s) of the message: ERROR_MORE_DATA, the rest stays in the buffer.", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data)),
					fmt.Sprintf("%s 프로세스가 메시지의 앞 %d바이트(%s)만 읽고 ERROR_MORE_DATA를 받는다. 나머지는 버퍼에 남는다.", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data)))
			default:
				say(fmt.Sprintf("%s reads %d bytes (%s): they leave the buffer.", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data)),
					fmt.Sprintf("%s 프로세스가 %d바이트(%s)를 읽고, 읽은 데이터는 버퍼에서 빠진다.", pname(e.PID), e.Bytes, e.Unit.Quote(e.Data)))
			}
		case kernel.EvPipeConnected:
			say(fmt.Sprintf("%s connects to %s: a client end joins the listening server end.", pname(e.PID), e.Name),
				fmt.Sprintf("%s 프로세스가 %s에 연결한다. 클라이언트 측이 연결 대기 중인 서버 측과 연결된다.", pname(e.PID), e.Name))
		case kernel.EvPipeDisconnected:
			say(fmt.Sprintf("DisconnectNamedPipe: the server end of %s drops its client; unread data is discarded.", e.Name),
				fmt.Sprintf("DisconnectNamedPipe로 %s의 서버 측이 클라이언트와 연결을 끊는다. 읽지 않은 데이터는 버려진다.", e.Name))
		case kernel.EvWaitSatisfied:
			say(fmt.Sprintf("%s's wait is satisfied.", pname(e.PID)), fmt.Sprintf("%s 프로세스의 대기가 끝난다.", pname(e.PID)))
		}
	}
	if ko {
		return syntax.FixJosa(strings.Join(out, " "))
	}
	return strings.Join(out, " ")
}

// RoleText is the name of a pipe or mailslot end's role ("read end") in lang.
func RoleText(lang, role string) string { return T(lang, "role."+role) }

// FixJosa picks each Korean particle written as a template ("이(가)") by
// the word before it (syntax.FixJosa), for text the viewer assembles.
func FixJosa(s string) string { return syntax.FixJosa(s) }
