package scenario

import (
	"fmt"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// EventCaption is a one-line description of one kernel event in English
// and Korean, with the scenario's process names: the text of a micro-step.
// (kernel.Event.String is the English developer form, with PIDs.)
func (t *Trace) EventCaption(e kernel.Event) syntax.Caption {
	names := t.names()
	name := func(pid kernel.PID) string {
		if n, ok := names[pid]; ok {
			return n
		}
		if pid == 0 {
			return "the shell"
		}
		return fmt.Sprintf("PID %d", pid)
	}
	nameKo := func(pid kernel.PID) string { return koProcess(names, pid) }
	obj := func() string {
		if e.Name != "" && e.Kind != kernel.EvProcessCreated {
			return fmt.Sprintf("%s \"%s\"", e.ObjType, e.Name)
		}
		return e.ObjType.String()
	}
	objKo := func() string {
		k := koTypes[e.ObjType.String()]
		if k == "" {
			k = e.ObjType.String()
		}
		if e.Name != "" && e.Kind != kernel.EvProcessCreated {
			return fmt.Sprintf("%s \"%s\"", k, e.Name)
		}
		return k
	}
	h := fmt.Sprintf("0x%X", uint64(e.Handle))
	var en, ko string
	switch e.Kind {
	case kernel.EvObjectCreated:
		en, ko = "created "+obj(), objKo()+" 생성"
	case kernel.EvObjectDestroyed:
		en, ko = obj()+" destroyed: usage 0", objKo()+" 소멸: 사용 카운트 0"
	case kernel.EvHandleAdded:
		en = fmt.Sprintf("%s: handle %s (index %d) to %s, access 0x%X%s", name(e.PID), h, e.Index, obj(), e.Access, flagNote(e.Flags))
		ko = fmt.Sprintf("%s: 핸들 %s(인덱스 %d) → %s, 액세스 0x%X%s", nameKo(e.PID), h, e.Index, objKo(), e.Access, flagNote(e.Flags))
		switch e.Cause {
		case kernel.CauseInherit:
			en += fmt.Sprintf(", inherited from %s at the same index", name(e.SrcPID))
			ko += fmt.Sprintf(", %s의 같은 인덱스에서 상속", nameKo(e.SrcPID))
		case kernel.CauseDuplicate:
			en += fmt.Sprintf(", duplicated from %s index %d", name(e.SrcPID), e.SrcIndex)
			ko += fmt.Sprintf(", %s의 인덱스 %d에서 복제", nameKo(e.SrcPID), e.SrcIndex)
		case kernel.CauseOpen:
			en += ", opened by name or ID"
			ko += ", 이름이나 ID로 열기"
		}
	case kernel.EvHandleRemoved:
		en = fmt.Sprintf("%s: handle %s (index %d) removed (%s)", name(e.PID), h, e.Index, e.Cause)
		ko = fmt.Sprintf("%s: 핸들 %s(인덱스 %d) 닫힘", nameKo(e.PID), h, e.Index)
		if e.Cause != kernel.CauseClose { // "닫힘(닫기)" would say it twice
			ko = fmt.Sprintf("%s: 핸들 %s(인덱스 %d) 닫힘(%s)", nameKo(e.PID), h, e.Index, causeKo[e.Cause])
		}
	case kernel.EvCloseRefused:
		en = fmt.Sprintf("%s: handle %s is protected from close; it stays", name(e.PID), h)
		ko = fmt.Sprintf("%s: 핸들 %s은(는) 닫기 보호로 그대로 남음", nameKo(e.PID), h)
	case kernel.EvUsageChanged:
		en = fmt.Sprintf("%s usage %d → %d (%s)", obj(), e.From, e.To, e.Cause)
		ko = fmt.Sprintf("%s 사용 카운트 %d → %d (%s)", objKo(), e.From, e.To, causeKo[e.Cause])
	case kernel.EvFlagsChanged:
		en = fmt.Sprintf("%s: flags of handle %s: %s → %s", name(e.PID), h, flagText(e.OldFlags), flagText(e.Flags))
		ko = fmt.Sprintf("%s: 핸들 %s의 플래그 %s → %s", nameKo(e.PID), h, flagTextKo(e.OldFlags), flagTextKo(e.Flags))
	case kernel.EvInheritScan:
		if e.Copied {
			en = fmt.Sprintf("index %d of %s is inheritable: copied to %s", e.Index, name(e.PID), name(e.TargetPID))
			ko = fmt.Sprintf("%s의 인덱스 %d: 상속 가능, %s에 복사", nameKo(e.PID), e.Index, nameKo(e.TargetPID))
		} else {
			en = fmt.Sprintf("index %d of %s is not inheritable: skipped", e.Index, name(e.PID))
			ko = fmt.Sprintf("%s의 인덱스 %d: 상속 불가, 건너뜀", nameKo(e.PID), e.Index)
		}
	case kernel.EvProcessCreated:
		en = fmt.Sprintf("%s started %s (PID %d)", name(e.PID), name(e.TargetPID), e.TargetPID)
		ko = fmt.Sprintf("%s 생성됨(PID %d), 만든 쪽: %s", nameKo(e.TargetPID), e.TargetPID, nameKo(e.PID))
	case kernel.EvProcessExited:
		en = fmt.Sprintf("%s exited with code %d", name(e.TargetPID), e.Code)
		ko = fmt.Sprintf("%s 종료됨, 종료 코드 %d", nameKo(e.TargetPID), e.Code)
	case kernel.EvThreadExited:
		en = fmt.Sprintf("thread %d exited with code %d", e.TID, e.Code)
		ko = fmt.Sprintf("스레드(TID %d) 종료됨, 종료 코드 %d", e.TID, e.Code)
	case kernel.EvNamespaceLookup:
		switch e.Lookup {
		case kernel.LookupNew:
			en, ko = fmt.Sprintf("the name \"%s\" is free", e.Name), fmt.Sprintf("이름 \"%s\": 사용 중인 오브젝트 없음", e.Name)
		case kernel.LookupExisting:
			en, ko = fmt.Sprintf("the name \"%s\" exists with the same type", e.Name), fmt.Sprintf("이름 \"%s\": 같은 타입의 오브젝트가 이미 있음", e.Name)
		case kernel.LookupMismatch:
			en, ko = fmt.Sprintf("the name \"%s\" belongs to a %s", e.Name, e.ObjType), fmt.Sprintf("이름 \"%s\": 다른 타입(%s)의 오브젝트가 사용 중", e.Name, objKo())
		default:
			en, ko = fmt.Sprintf("no object is named \"%s\"", e.Name), fmt.Sprintf("이름 \"%s\": 그런 이름의 오브젝트 없음", e.Name)
		}
	case kernel.EvLastError:
		en = fmt.Sprintf("%s: last error = %s", name(e.PID), e.Err)
		ko = fmt.Sprintf("%s: 마지막 오류 = %s", nameKo(e.PID), e.Err)
	case kernel.EvStateChanged:
		cen, cko := changeText(e)
		en = fmt.Sprintf("%s: %s", obj(), cen)
		ko = fmt.Sprintf("%s: %s", objKo(), cko)
	case kernel.EvWaitStarted:
		en = fmt.Sprintf("%s waits in %s on %s", name(e.PID), e.Detail, obj())
		ko = fmt.Sprintf("%s: %s 호출에서 대기 중, 대상: %s", nameKo(e.PID), e.Detail, objKo())
		if e.Object == 0 { // Sleep(INFINITE), console input nobody typed
			en, ko = fmt.Sprintf("%s waits in %s", name(e.PID), e.Detail), fmt.Sprintf("%s: %s 호출에서 대기 중", nameKo(e.PID), e.Detail)
		}
	case kernel.EvStdHandleSet:
		en = fmt.Sprintf("%s: %s is now 0x%X", name(e.PID), kernel.StdName(e.Index), uint64(e.Handle))
		ko = fmt.Sprintf("%s: %s → 0x%X", nameKo(e.PID), kernel.StdName(e.Index), uint64(e.Handle))
	case kernel.EvWaitSatisfied:
		en = fmt.Sprintf("%s's %s returns 0x%X", name(e.PID), e.Detail, e.Code)
		ko = fmt.Sprintf("%s: %s 호출 반환, 0x%X", nameKo(e.PID), e.Detail, e.Code)
	case kernel.EvDataWritten:
		en = fmt.Sprintf("%s wrote %s: %s", name(e.PID), bytesText(int(e.Bytes)), e.Unit.Quote(e.Data))
		ko = fmt.Sprintf("%s: %d바이트 씀, %s", nameKo(e.PID), e.Bytes, e.Unit.Quote(e.Data))
	case kernel.EvDataRead:
		en = fmt.Sprintf("%s read %s: %s", name(e.PID), bytesText(int(e.Bytes)), e.Unit.Quote(e.Data))
		ko = fmt.Sprintf("%s: %d바이트 읽음, %s", nameKo(e.PID), e.Bytes, e.Unit.Quote(e.Data))
	case kernel.EvPipeConnected:
		en = fmt.Sprintf("%s connected to pipe %s", name(e.PID), e.Name)
		ko = fmt.Sprintf("%s: 파이프 %s에 연결됨", nameKo(e.PID), e.Name)
	case kernel.EvPipeDisconnected:
		en = fmt.Sprintf("%s disconnected pipe %s", name(e.PID), e.Name)
		ko = fmt.Sprintf("%s: 파이프 %s의 연결 끊음", nameKo(e.PID), e.Name)
	case kernel.EvEnvChanged:
		cen, cko := changeText(e)
		en = fmt.Sprintf("%s's environment: %s", name(e.PID), cen)
		ko = fmt.Sprintf("%s의 환경변수: %s", nameKo(e.PID), cko)
	default:
		en, ko = e.String(), e.String()
	}
	return syntax.Caption{En: en, Ko: syntax.FixJosa(ko)}
}

func flagNote(f uint8) string {
	if f == 0 {
		return ""
	}
	return ", " + flagText(f)
}

var causeKo = map[kernel.Cause]string{
	kernel.CauseCreate: "생성", kernel.CauseOpen: "열기", kernel.CauseInherit: "상속", kernel.CauseDuplicate: "복제",
	kernel.CauseCloseSource: "원본 닫기", kernel.CauseClose: "닫기", kernel.CauseExit: "프로세스 종료",
	kernel.CauseRunning: "실행", kernel.CauseMapping: "매핑",
}

// koProcess names a process in Korean with a head noun after the name the
// author chose ("App 프로세스"), so that a particle follows the noun and
// not a word whose reading the spelling cannot tell (korean-style.md 2.3:
// "App가" is wrong, "App 프로세스가" right).
func koProcess(names map[kernel.PID]string, pid kernel.PID) string {
	if pid == 0 {
		return "셸"
	}
	if n, ok := names[pid]; ok {
		return n + " 프로세스"
	}
	return fmt.Sprintf("PID %d 프로세스", pid)
}
