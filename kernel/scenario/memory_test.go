package scenario

import (
	"strings"
	"testing"

	"handleviz/kernel"
)

// The byte probes of issue 9: what C code writes and reads counts bytes, as
// on Windows. Sources: "WriteFile function" (nNumberOfBytesToWrite: "the
// number of bytes to be written"), "ReadFile function" (bytes; no terminator
// is added; "ReadFile sets this value to zero before doing any work or error
// checking"), "Working with Strings" (a Unicode build's WCHAR is a 16-bit
// UTF-16 unit; an emoji is a surrogate pair), "Code Page Identifiers" (949:
// ANSI/OEM Korean), and C's strlen/strcpy (stop at the first NUL). The
// expects are the Windows values; mustRun fails on any that fails.
func TestByteProbes(t *testing.T) {
	tr := mustRun(t, `process P;
@P
HANDLE r, w;
CreatePipe(&r, &w, NULL, 0);
DWORD n, got;
// TEXT("ab") with 3 bytes: 61 00 62.
WriteFile(w, TEXT("ab"), 3, &n, NULL);
expect(n == 3);
BYTE three[3];
ReadFile(r, three, 3, &got, NULL);
expect(got == 3 && three[0] == 0x61 && three[1] == 0 && three[2] == 0x62);
// char a[4] = "ab": all 4 bytes go, the NULs too.
char a[4] = "ab";
WriteFile(w, a, sizeof(a), &n, NULL);
expect(n == 4);
DWORD avail = 0;
PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
expect(avail == 4);
BYTE four[4];
ReadFile(r, four, 4, &got, NULL);
expect(got == 4 && four[0] == 'a' && four[2] == 0);
// "안녕하세요" with lstrlen * sizeof(TCHAR): 10 bytes; a 3-byte read takes
// one and a half UTF-16 units.
WriteFile(w, TEXT("안녕하세요"), lstrlen(TEXT("안녕하세요")) * sizeof(TCHAR), &n, NULL);
expect(n == 10);
TCHAR k[8] = { 0 };
ReadFile(r, k, 4, &got, NULL);
ReadFile(r, k, 3, &got, NULL);
expect(got == 3 && k[0] == TEXT('하') && k[1] == 0xB138);
TCHAR b[8];
DWORD before = 99;
ReadFile(r, b, sizeof(b), &before, NULL);
expect(before == 3);
// A TCHAR b[8] read of sizeof(b) takes 16 bytes.
WriteFile(w, TEXT("0123456789ABCDEF"), 32, &n, NULL);
ReadFile(r, b, sizeof(b), &got, NULL);
expect(sizeof(b) == 16 && got == 16 && b[7] == '7');
ReadFile(r, b, sizeof(b), &got, NULL);
// TEXT("ab\0cd"): lstrlen stops at the NUL; t[2] = 0 changes one element.
TCHAR t[] = TEXT("ab\0cd");
expect(sizeof(t) == 12 && lstrlen(t) == 2 && t[3] == 'c');
t[2] = 'X';
expect(lstrlen(t) == 5 && _tcscmp(t, TEXT("abXcd")) == 0);
t[2] = 0;
expect(t[3] == 'c' && t[4] == 'd' && lstrlen(t) == 2);
// char strings are code page 949 bytes: a syllable is 2.
char ko[] = "한글";
expect(sizeof(ko) == 5 && strlen(ko) == 4);
// An emoji is two UTF-16 units.
expect(lstrlen(TEXT("😀")) == 2 && sizeof(TEXT("😀")) == 6);
// strcpy copies up to the NUL; the elements after it keep their values.
TCHAR dst[8] = TEXT("zzzzzzz");
_tcscpy(dst, TEXT("ab"));
expect(dst[2] == 0 && dst[3] == 'z' && lstrlen(dst) == 2);
`)
	var evs []kernel.Event
	for _, s := range tr.Steps {
		evs = append(evs, s.Events...)
	}
	want := []string{`wrote 3 bytes "a\x62"`, `wrote 4 bytes "ab\x00\x00"`, `read 3 bytes "하\x38"`}
	var got []string
	for _, e := range evs {
		got = append(got, e.String())
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no event %s in\n%s", w, all)
		}
	}
}

// GetMailslotInfo's next size and a message pipe's PeekNamedPipe count
// bytes: 11 TCHARs are 22. Sources: "GetMailslotInfo function"
// (lpNextSize: "the size of the next message, in bytes"), "PeekNamedPipe
// function", Wine pipe.c test_CreateNamedPipe (message mode: left is the
// message's size minus the bytes peeked).
func TestMessageSizesInBytes(t *testing.T) {
	mustRun(t, `process P;
@P
HANDLE slot = CreateMailslot(TEXT("\\\\.\\mailslot\\m"), 0, 0, NULL);
HANDLE c = CreateFile(TEXT("\\\\.\\mailslot\\m"), GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
TCHAR msg[] = TEXT("hello world");
DWORD n, next, count;
WriteFile(c, msg, lstrlen(msg) * sizeof(TCHAR), &n, NULL);
GetMailslotInfo(slot, NULL, &next, &count, NULL);
expect(n == 22 && next == 22 && count == 1);
TCHAR small[4];
BOOL ok = ReadFile(slot, small, sizeof(small), &n, NULL);
expect(!ok && GetLastError() == ERROR_INSUFFICIENT_BUFFER);
HANDLE s = CreateNamedPipe(TEXT("\\\\.\\pipe\\p"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 512, 512, 0, NULL);
HANDLE cl = CreateFile(TEXT("\\\\.\\pipe\\p"), GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
WriteFile(cl, msg, lstrlen(msg) * sizeof(TCHAR), &n, NULL);
DWORD peeked, avail, left;
PeekNamedPipe(s, small, sizeof(small), &peeked, &avail, &left);
expect(peeked == 8 && avail == 22 && left == 14);
ok = ReadFile(s, small, sizeof(small), &n, NULL);
expect(!ok && GetLastError() == ERROR_MORE_DATA && n == 8);
`)
}

// Any variable is bytes: &x with sizeof(x) of a HANDLE, a DWORD or a
// structure can go through a pipe and come back with the same value
// (x64 layout: PROCESS_INFORMATION is 24 bytes).
func TestVariablesAsBytes(t *testing.T) {
	mustRun(t, `process P;
@P
HANDLE r, w;
CreatePipe(&r, &w, NULL, 0);
HANDLE h = (HANDLE)0x1234;
DWORD d = 0xCAFE, n;
PROCESS_INFORMATION pi = { (HANDLE)0x10, (HANDLE)0x14, 1008, 1012 };
WriteFile(w, &h, sizeof(HANDLE), &n, NULL);
expect(n == 8);
WriteFile(w, &d, sizeof(d), &n, NULL);
WriteFile(w, &pi, sizeof(pi), &n, NULL);
expect(n == 24);
HANDLE h2 = 0;
DWORD d2 = 0;
PROCESS_INFORMATION pi2;
ZeroMemory(&pi2, sizeof(pi2));
ReadFile(r, &h2, sizeof(h2), &n, NULL);
ReadFile(r, &d2, sizeof(d2), &n, NULL);
ReadFile(r, &pi2, sizeof(pi2), &n, NULL);
expect(h2 == (HANDLE)0x1234 && d2 == 0xCAFE && n == 24);
expect(pi2.hThread == (HANDLE)0x14 && pi2.dwProcessId == 1008 && pi2.dwThreadId == 1012);
BYTE raw[8];
WriteFile(w, &d, 2, &n, NULL);
ReadFile(r, raw, sizeof(raw), &n, NULL);
expect(n == 2 && raw[0] == 0xFE && raw[1] == 0xCA);
`)
}

// A count longer than the buffer is a bug C would not catch (it reads or
// writes past the end): the run stops with E_BUFFER_BYTES, never cuts the
// count silently.
func TestByteCountPastTheBuffer(t *testing.T) {
	for _, src := range []string{
		"HANDLE r, w; CreatePipe(&r, &w, NULL, 0); DWORD n; WriteFile(w, TEXT(\"ab\"), 7, &n, NULL);",
		"HANDLE r, w; CreatePipe(&r, &w, NULL, 0); DWORD n; TCHAR b[2]; WriteFile(w, TEXT(\"abcd\"), 8, &n, NULL); ReadFile(r, b, 8, &n, NULL);",
	} {
		err := firstError("process P;\n@P\n"+src, Options{})
		if err == nil || err.Code != "E_BUFFER_BYTES" {
			t.Errorf("%s: %v, want E_BUFFER_BYTES", src, err)
		}
	}
}

// Departures found by a Wine 8 differential run (issue 9), at the language
// level: a failed DuplicateHandle leaves NULL in *lpTargetHandle
// (NtDuplicateObject zeroes it first: Wine and ReactOS); Open*(TEXT(""))
// is ERROR_INVALID_HANDLE and Open*(NULL) ERROR_INVALID_PARAMETER;
// CreateNamedPipe(NULL) and CreateMailslot(NULL) are ERROR_PATH_NOT_FOUND
// (Wine pipe.c, mailslot.c); CreateProcessA takes a literal command line
// (only the W version writes into it: seed 003); a child started as NOTEPAD
// runs NOTEPAD.exe ("CreateProcessW function": .exe is appended), which
// _tcsicmp finds as notepad.exe.
func TestLanguageDepartures(t *testing.T) {
	mustRun(t, `process P;
@P
HANDLE e = CreateEvent(NULL, FALSE, FALSE, NULL);
HANDLE dup = (HANDLE)0x99;
expect(!DuplicateHandle(GetCurrentProcess(), (HANDLE)0x7770, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS));
expect(dup == NULL);
expect(OpenEvent(SYNCHRONIZE, FALSE, TEXT("")) == NULL && GetLastError() == ERROR_INVALID_HANDLE);
expect(OpenMutex(SYNCHRONIZE, FALSE, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
expect(CreateNamedPipe(NULL, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND);
expect(CreateMailslot(NULL, 0, 0, NULL) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND);
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
expect(CreateProcessA(NULL, "NOTEPAD", NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi));
HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
PROCESSENTRY32 pe;
pe.dwSize = sizeof(pe);
DWORD found = 0;
if (Process32First(snap, &pe)) {
    do {
        if (_tcsicmp(pe.szExeFile, TEXT("notepad.exe")) == 0)
            found = pe.th32ProcessID;
    } while (Process32Next(snap, &pe));
}
expect(found == pi.dwProcessId && _tcscmp(pe.szExeFile, TEXT("NOTEPAD.exe")) == 0);
`)
}
