package scenario

import (
	"fmt"
	"strings"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// autoCaption writes a short caption in both languages from a step's
// events, for statements the author did not narrate.
func autoCaption(names map[kernel.PID]string, st *Step) syntax.Caption {
	name := func(pid kernel.PID) string {
		if n, ok := names[pid]; ok {
			return n
		}
		return fmt.Sprintf("PID %d", pid)
	}
	obj := func(id kernel.ObjectID, t kernel.ObjectType, n string) string {
		if n != "" {
			return fmt.Sprintf("%s \"%s\"", t, n)
		}
		return t.String()
	}
	objKo := func(t kernel.ObjectType, n string) string {
		k := koTypes[t.String()]
		if k == "" {
			k = t.String()
		}
		if n != "" {
			return fmt.Sprintf("%s \"%s\"", k, n)
		}
		return k
	}
	nameKo := func(pid kernel.PID) string { return koProcess(names, pid) }
	var en, ko []string
	add := func(e, k string) { en = append(en, e); ko = append(ko, k) }
	var copied, skipped int
	var child, childKo string
	for _, e := range st.Events {
		switch e.Kind {
		case kernel.EvProcessCreated:
			add(fmt.Sprintf("%s started %s", name(e.PID), name(e.TargetPID)), fmt.Sprintf("%s이(가) %s을(를) 생성한다", nameKo(e.PID), nameKo(e.TargetPID)))
			if e.PID == 0 {
				en[len(en)-1] = fmt.Sprintf("the shell started %s", name(e.TargetPID))
				ko[len(ko)-1] = fmt.Sprintf("%s이(가) 생성된다", nameKo(e.TargetPID))
			}
		case kernel.EvInheritScan:
			child, childKo = name(e.TargetPID), nameKo(e.TargetPID)
			if e.Copied {
				copied++
			} else {
				skipped++
			}
		case kernel.EvObjectCreated:
			if e.ObjType == kernel.TypeProcess || e.ObjType == kernel.TypeThread {
				continue
			}
			add("created "+obj(e.Object, e.ObjType, e.Name), objKo(e.ObjType, e.Name)+" 오브젝트가 생성된다")
		case kernel.EvObjectDestroyed:
			add(obj(e.Object, e.ObjType, e.Name)+" destroyed (usage 0)", objKo(e.ObjType, e.Name)+" 오브젝트가 소멸된다(사용 카운트 0)")
		case kernel.EvHandleAdded:
			switch e.Cause {
			case kernel.CauseOpen:
				add(fmt.Sprintf("%s opened handle 0x%X to the existing %s", name(e.PID), uint64(e.Handle), e.ObjType), fmt.Sprintf("%s이(가) 이미 있는 %s의 핸들 0x%X을(를) 얻는다", nameKo(e.PID), objKo(e.ObjType, ""), uint64(e.Handle)))
			case kernel.CauseDuplicate:
				add(fmt.Sprintf("DuplicateHandle put handle 0x%X in %s", uint64(e.Handle), name(e.PID)), fmt.Sprintf("DuplicateHandle이 %s의 핸들 테이블에 핸들 0x%X을(를) 복제한다", nameKo(e.PID), uint64(e.Handle)))
			case kernel.CauseCreate:
				if e.ObjType != kernel.TypeProcess && e.ObjType != kernel.TypeThread {
					add(fmt.Sprintf("handle 0x%X in %s", uint64(e.Handle), name(e.PID)), fmt.Sprintf("%s의 핸들은 0x%X이다", nameKo(e.PID), uint64(e.Handle)))
				}
			}
		case kernel.EvHandleRemoved:
			switch e.Cause {
			case kernel.CauseClose:
				add(fmt.Sprintf("%s closed handle 0x%X", name(e.PID), uint64(e.Handle)), fmt.Sprintf("%s이(가) 핸들 0x%X을(를) 닫는다", nameKo(e.PID), uint64(e.Handle)))
			case kernel.CauseCloseSource:
				add(fmt.Sprintf("the source handle 0x%X in %s was closed", uint64(e.Handle), name(e.PID)), fmt.Sprintf("%s의 원본 핸들 0x%X이(가) 닫힌다", nameKo(e.PID), uint64(e.Handle)))
			}
		case kernel.EvCloseRefused:
			add(fmt.Sprintf("handle 0x%X is protected from close: it stays", uint64(e.Handle)), fmt.Sprintf("핸들 0x%X은(는) 닫기 보호가 설정되어 있어 그대로 남는다", uint64(e.Handle)))
		case kernel.EvFlagsChanged:
			add(fmt.Sprintf("flags of handle 0x%X: %s → %s", uint64(e.Handle), flagText(e.OldFlags), flagText(e.Flags)), fmt.Sprintf("핸들 0x%X의 플래그: %s → %s", uint64(e.Handle), flagTextKo(e.OldFlags), flagTextKo(e.Flags)))
		case kernel.EvProcessExited:
			add(fmt.Sprintf("%s exited with code %d", name(e.TargetPID), e.Code), fmt.Sprintf("%s이(가) 종료 코드 %d(으)로 종료된다", nameKo(e.TargetPID), e.Code))
		case kernel.EvNamespaceLookup:
			switch e.Lookup {
			case kernel.LookupExisting:
				add(fmt.Sprintf("the name \"%s\" already exists", e.Name), fmt.Sprintf("\"%s\"라는 이름의 오브젝트가 이미 있다", e.Name))
			case kernel.LookupMismatch:
				add(fmt.Sprintf("the name \"%s\" belongs to another type of object", e.Name), fmt.Sprintf("\"%s\"라는 이름은 다른 타입의 오브젝트가 쓰고 있다", e.Name))
			case kernel.LookupNotFound:
				add(fmt.Sprintf("no object is named \"%s\"", e.Name), fmt.Sprintf("\"%s\"라는 이름의 오브젝트가 없다", e.Name))
			}
		case kernel.EvWaitStarted:
			add(fmt.Sprintf("%s waits in %s", name(e.PID), e.Detail), fmt.Sprintf("%s이(가) %s 호출에서 대기한다", nameKo(e.PID), e.Detail))
		case kernel.EvDataWritten:
			add(fmt.Sprintf("%s wrote %s", name(e.PID), bytesText(int(e.Bytes))), fmt.Sprintf("%s이(가) %d바이트를 쓴다", nameKo(e.PID), e.Bytes))
		case kernel.EvDataRead:
			add(fmt.Sprintf("%s read %s", name(e.PID), bytesText(int(e.Bytes))), fmt.Sprintf("%s이(가) %d바이트를 읽는다", nameKo(e.PID), e.Bytes))
		case kernel.EvPipeConnected:
			add("a client connected to the pipe", "클라이언트가 파이프에 연결된다")
		case kernel.EvStdHandleSet:
			add(fmt.Sprintf("%s's %s is now 0x%X", name(e.PID), kernel.StdName(e.Index), uint64(e.Handle)), fmt.Sprintf("%s의 %s 값은 이제 0x%X이다", nameKo(e.PID), kernel.StdName(e.Index), uint64(e.Handle)))
		case kernel.EvEnvChanged:
			cen, cko := changeText(e)
			add(fmt.Sprintf("%s's environment: %s", name(e.PID), cen), fmt.Sprintf("%s의 환경변수: %s", nameKo(e.PID), cko))
		case kernel.EvStateChanged:
			add(changeText(e))
		}
	}
	if copied+skipped > 0 {
		s := "s"
		if copied == 1 {
			s = ""
		}
		if skipped == 0 {
			add(fmt.Sprintf("CreateProcess copied %d inheritable handle%s to %s", copied, s, child),
				fmt.Sprintf("CreateProcess가 상속 가능한 핸들 %d개를 %s에 복사한다", copied, childKo))
		} else {
			add(fmt.Sprintf("CreateProcess copied %d inheritable handle%s to %s and skipped %d", copied, s, child, skipped),
				fmt.Sprintf("CreateProcess가 상속 가능한 핸들 %d개를 %s에 복사하고 %d개는 건너뛴다", copied, childKo, skipped))
		}
	}
	for _, c := range st.Completed {
		if c.Waiting == "" {
			add(fmt.Sprintf("%s's %s returned", c.Process, c.Call), fmt.Sprintf("%s 프로세스의 %s 호출이 반환된다", c.Process, c.Call))
		}
	}
	// Name the call that failed, not the statement's last call:
	// "!TerminateProcess(h, 1) && GetLastError() == 5" blamed GetLastError.
	if st.failed != "" && st.Waiting == "" {
		add(fmt.Sprintf("%s failed: %s", st.failed, st.failedErr), fmt.Sprintf("%s 실패: %s", st.failed, st.failedErr))
	}
	if len(en) == 0 {
		return syntax.Caption{}
	}
	if len(en) > 6 {
		en, ko = append(en[:5], fmt.Sprintf("and %d more changes", len(en)-5)), append(ko[:5], fmt.Sprintf("그 밖의 변화 %d가지", len(ko)-5))
	}
	return syntax.Caption{En: capitalize(strings.Join(en, "; ")) + ".", Ko: syntax.FixJosa(strings.Join(ko, ". ") + ".")} // Korean text takes no semicolons (korean-style.md 2.5)
}

func bytesText(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// koTypes are the Korean words the lecture notes use for object types.
var koTypes = map[string]string{
	"Process": "프로세스", "Thread": "스레드", "Event": "이벤트", "Mutex": "뮤텍스", "Semaphore": "세마포어",
	"File": "파일", "FileMapping": "파일 매핑", "Section": "파일 매핑", "WaitableTimer": "대기 가능 타이머", "Timer": "타이머",
	"Job": "잡 오브젝트", "Pipe": "파이프", "NamedPipe": "이름 있는 파이프", "Mailslot": "메일슬롯",
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-32) + s[1:]
}

// flagTextKo is flagText for Korean text: the flag names stay (they are
// identifiers), "none" does not.
func flagTextKo(f uint8) string {
	if f == 0 {
		return "없음"
	}
	return flagText(f)
}

func flagText(f uint8) string {
	var parts []string
	if f&uint8(kernel.HANDLE_FLAG_INHERIT) != 0 {
		parts = append(parts, "Inherit")
	}
	if f&uint8(kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0 {
		parts = append(parts, "Protect")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// captionKey hashes everything autoCaption reads from a step (FNV-1a, 64
// bits), so that the thousands of alike steps of a loop share one generated
// caption instead of each building its own.
func captionKey(st *Step) uint64 {
	h := uint64(14695981039346656037)
	num := func(v uint64) {
		for i := 0; i < 8; i++ {
			h ^= v & 0xFF
			h *= 1099511628211
			v >>= 8
		}
	}
	str := func(s string) {
		num(uint64(len(s)))
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
	}
	num(uint64(st.PID))
	str(st.Call)
	str(st.Waiting)
	str(st.failed)
	num(uint64(st.failedErr))
	for _, e := range st.Events {
		num(uint64(e.Kind) | uint64(e.ObjType)<<8 | uint64(e.Cause)<<16 | uint64(e.Lookup)<<24 | uint64(e.Flags)<<32 | uint64(e.OldFlags)<<40 | uint64(b2u(e.Copied))<<48)
		num(uint64(e.PID) | uint64(e.TargetPID)<<32)
		num(uint64(e.Handle))
		num(uint64(e.Index))
		num(uint64(e.Bytes) | uint64(e.Unit)<<32) // data events' captions say their size
		num(uint64(e.Code) | uint64(e.Err)<<32)
		str(e.Name)
		str(e.Detail)
		str(e.Data)
		num(uint64(e.Change) | uint64(e.TID)<<8 | uint64(uint32(e.From))<<32)
		num(uint64(e.To))
	}
	for _, c := range st.Completed {
		str(c.Process)
		str(c.Call)
		str(c.Waiting)
	}
	return h
}
