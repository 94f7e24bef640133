// Package text holds the words the runner and the viewer show for the
// model's structured values, in each language: what a kernel event's state
// change says. Both render from the same place, so the command line and the
// page never disagree, and Korean text never falls back to English prose.
package text

import (
	"fmt"

	"handleviz/kernel"
)

// Lang is a language the text is written in.
type Lang string

// The languages: English and Korean.
const (
	En Lang = "en"
	Ko Lang = "ko"
)

// Langs lists every language, for tests that walk them all.
var Langs = []Lang{En, Ko}

// Parse returns the language a code names ("ko", "ko-KR"), English for any
// other.
func Parse(code string) Lang {
	if len(code) >= 2 && code[:2] == "ko" {
		return Ko
	}
	return En
}

// Change is what an EvStateChanged or EvEnvChanged changed, from the
// event's fields (Change, From, To, TID, Name, Detail). The English is
// kernel.Event.ChangeText's, the kernel's own wording.
func Change(e kernel.Event, l Lang) string {
	if l != Ko {
		return e.ChangeText()
	}
	switch e.Change {
	case kernel.ChangeSignaled:
		return "Signaled 상태"
	case kernel.ChangeReset:
		return "Non-Signaled 상태"
	case kernel.ChangeAutoReset:
		return "자동 리셋: Non-Signaled 상태"
	case kernel.ChangeOwned:
		return fmt.Sprintf("스레드(TID %d) 소유 (재귀 %d회)", e.TID, e.To)
	case kernel.ChangeRecursion:
		return fmt.Sprintf("재귀 %d회", e.To)
	case kernel.ChangeReleased:
		return "해제: 소유자 없음"
	case kernel.ChangeAbandoned:
		return "버려짐(abandoned): 소유 스레드가 종료했다"
	case kernel.ChangeCount:
		return fmt.Sprintf("카운트 %d → %d", e.From, e.To)
	case kernel.ChangeListening:
		return "연결 대기 중"
	case kernel.ChangeReadMode:
		if e.To == 1 {
			return "읽기 모드: 메시지"
		}
		return "읽기 모드: 바이트"
	case kernel.ChangeWaitMode:
		if e.To == 1 {
			return "대기 모드: 비차단(PIPE_NOWAIT)"
		}
		return "대기 모드: 차단(PIPE_WAIT)"
	case kernel.ChangePeerClosed:
		return "다른 쪽 끝이 닫혔다"
	case kernel.ChangeEnvSet:
		return e.Name + "=" + e.Detail
	case kernel.ChangeEnvRemoved:
		return e.Name + " 삭제"
	}
	return e.ChangeText()
}
