package syntax

import "testing"

// Korean captions and messages must read naturally: the particle follows
// the word before it.
func TestFixJosa(t *testing.T) {
	for in, want := range map[string]string{
		"Parent이(가) 시작했다":     "Parent가 시작했다",
		"A이(가) 기다린다":          "A가 기다린다",
		"핸들 0x4을(를) 닫았다":      "핸들 0x4를 닫았다",
		"핸들 0x10을(를) 닫았다":     "핸들 0x10을 닫았다",
		"뮤텍스을(를) 만들었다":        "뮤텍스를 만들었다",
		"이벤트이(가) 파괴되었다":       "이벤트가 파괴되었다",
		"프로세스 Child은(는) 종료":   "프로세스 Child는 종료",
		"블록을 닫으려면 '}'이(가) 와야": "블록을 닫으려면 '}'이(가) 와야",
		"P(이)라는 이름":           "P라는 이름",
		"Main(이)라는 이름":        "Main이라는 이름",
		"세마포어(으)로":            "세마포어로",
		"\"Go\"이(가) 이미 있다":    "\"Go\"가 이미 있다",
		"종료 코드 1(으)로 종료했다":    "종료 코드 1로 종료했다",
		"혹시 HANDLE을(를) 뜻했나요":  "혹시 HANDLE을 뜻했나요",
		"혹시 while을(를) 뜻했나요":   "혹시 while을 뜻했나요",
		"File(으)로":            "File로",
		// A GUID name (Richter ch.3's single-instance mutex) is read by
		// its last digit or letter: …3E 삼이 → 를.
		"뮤텍스 \"{FA531CC1-0497-11d3-A180-00105A276C3E}\"을(를) 만들었다": "뮤텍스 \"{FA531CC1-0497-11d3-A180-00105A276C3E}\"를 만들었다",
		"이벤트 \"{0-1}\"이(가) 있다":                                    "이벤트 \"{0-1}\"이 있다",
	} {
		if got := FixJosa(in); got != want {
			t.Errorf("FixJosa(%q) = %q, want %q", in, got, want)
		}
	}
}
