package kernel

import (
	"math/bits"
	"strings"
)

// SetEnvironmentVariable sets (or, with remove, deletes) a variable of the
// calling process's environment block.
// Source: "SetEnvironmentVariableW function": a name that is empty or
// contains '=' is ERROR_INVALID_PARAMETER, except a leading '=' (Wine 8.0
// probe: "=A" is accepted; cmd.exe keeps its "=C:" variables that way).
// Names are case-insensitive.
func (k *Kernel) SetEnvironmentVariable(tid TID, name, value string, remove bool) bool {
	t, p, running := k.caller(tid)
	if !running {
		return false
	}
	if name == "" || strings.ContainsRune(name[1:], '=') {
		return k.fail(t, ERROR_INVALID_PARAMETER)
	}
	env := withEnv(p.Proc.Env, name, value, remove)
	k.work += int64(len(env)) * int64(4+16*bits.Len(uint(len(env))))
	for _, kv := range env {
		k.work += workBytes(len(kv))
	}
	p.Proc.Env = env
	ev := Event{Kind: EvEnvChanged, PID: p.Proc.PID, Name: name, Change: ChangeEnvSet, Detail: value}
	if remove {
		ev.Change, ev.Detail = ChangeEnvRemoved, ""
	}
	k.emit(ev)
	return true
}

// GetEnvironmentVariable reads a variable of the calling process. With a
// buffer of size characters it returns the value's length when it fits, or
// the size needed (length + 1) when it does not; a missing variable returns 0
// with ERROR_ENVVAR_NOT_FOUND. Source: "GetEnvironmentVariableW function".
func (k *Kernel) GetEnvironmentVariable(tid TID, name string, size uint32) (value string, ret uint32) {
	t, p, running := k.caller(tid)
	if !running {
		return "", 0
	}
	k.work += 4 * int64(len(p.Proc.Env)) // the search
	v, ok := p.Proc.Getenv(name)
	if !ok || name == "" { // Wine environ.c: GetEnvironmentVariable("") is not found
		k.setLastError(t, ERROR_ENVVAR_NOT_FOUND)
		return "", 0
	}
	// Sizes count TCHARs (UTF-16 units), not bytes ("GetEnvironmentVariable
	// function": nSize is "in characters").
	if n := uint32(UTF16Len(v)); n >= size {
		return "", n + 1
	}
	return v, uint32(UTF16Len(v))
}
