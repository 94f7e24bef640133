package scene

import "strings"

// TypeWord is an object type as the page writes it: the kernel's type name
// in English ("Pipe"), the glossary's word in Korean ("파이프"), since
// Korean text names no type in English (korean-style.md 2.2).
func TypeWord(lang, typ string) string {
	if lang == "en" || typ == "" {
		return typ
	}
	if s := T(lang, "type."+typ); s != "type."+typ {
		return s
	}
	return typ
}

// Heading is an object's heading as a card, a table row, the inspector and
// the leak report show it: a type word and a name. An anonymous pipe's end
// is named by its role. In Korean the role already says the type ("읽기
// 파이프", the glossary's word for the read end), so the role alone is the
// heading: "파이프 읽기 파이프" would say the type twice.
func Heading(lang, typ, name, role string) (word, label string) {
	word, label = TypeWord(lang, typ), name
	if label == "" && role != "" {
		label = RoleText(lang, role)
		if lang == "ko" && strings.Contains(label, word) {
			return label, ""
		}
	}
	return word, label
}

// ObjectLabel is Heading as one phrase: "Pipe read end", "읽기 파이프",
// "뮤텍스 Ready".
func ObjectLabel(lang, typ, name, role string) string {
	word, label := Heading(lang, typ, name, role)
	if label == "" {
		return word
	}
	return word + " " + label
}

// ResultText is a step's result line in lang: the call's return, and the
// call it waits in ("(ReadFile 호출에서 대기 중)" in Korean).
func (s *Step) ResultText(lang string) string {
	if s.WaitingIn == "" {
		return s.Result
	}
	return strings.TrimSpace(s.Result + " (" + Tf(lang, "result.waiting", s.WaitingIn) + ")")
}
