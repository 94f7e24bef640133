/* Wine probe for issue 10's standard handles and calls (see ../README.md).
 * Build: x86_64-w64-mingw32-gcc -O0 -o probe.exe probe.c
 * Run:   WINEDEBUG=-all WINEPREFIX="$(mktemp -d)" wine ./probe.exe > out.txt */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void show_(const char *what, DWORD_PTR ret, DWORD err) {
    printf("%-58s ret=%#llx err=%lu\n", what, (unsigned long long)ret, err);
}
/* The call runs before GetLastError is read (C leaves the order of
 * arguments unspecified, and mingw evaluates them right to left). */
#define show(what, call) do { DWORD_PTR r_ = (DWORD_PTR)(call); DWORD e_ = GetLastError(); show_(what, r_, e_); } while (0)

static DWORD WINAPI hold_mutex(LPVOID m) {
    WaitForSingleObject((HANDLE)m, INFINITE);
    return 0; /* exits owning it: abandoned */
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("Hello from child\n");
        fflush(stdout);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
        Sleep(INFINITE);
        return 0;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    HANDLE r;
    DWORD n;
    SetLastError(0xdead);
    r = GetStdHandle(5);
    show("GetStdHandle(5)", (DWORD_PTR)r);
    SetLastError(0xdead);
    show("SetStdHandle(5, 0x44)", SetStdHandle(5, (HANDLE)0x44));

    /* A child's printf through an inherited pipe (STARTF_USESTDHANDLES). */
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    HANDLE rd, wr;
    CreatePipe(&rd, &wr, &sa, 0);
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOA si = {sizeof(si)};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 16];
    GetModuleFileNameA(NULL, cmd, MAX_PATH);
    strcat(cmd, " child");
    CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    CloseHandle(wr);
    char buf[100];
    BOOL ok = ReadFile(rd, buf, sizeof(buf) - 1, &n, NULL);
    buf[ok ? n : 0] = 0;
    show("child printf(\"Hello from child\\n\"): ReadFile", ok);
    printf("  bytes=%lu last two=%02x %02x\n", n, (unsigned char)buf[n - 2], (unsigned char)buf[n - 1]);
    SetLastError(0);
    ok = ReadFile(rd, buf, sizeof(buf) - 1, &n, NULL);
    show("second ReadFile after the child exited", ok);
    WaitForSingleObject(pi.hProcess, INFINITE);

    /* WaitForInputIdle on a console child. */
    strcpy(strrchr(cmd, ' '), " sleep");
    STARTUPINFOA si2 = {sizeof(si2)};
    CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si2, &pi);
    SetLastError(0xdead);
    show("WaitForInputIdle(console child, 1000)", WaitForInputIdle(pi.hProcess, 1000));
    SetLastError(0xdead);
    show("WaitForInputIdle(thread handle, 0)", WaitForInputIdle(pi.hThread, 0));
    TerminateProcess(pi.hProcess, 1);

    /* WaitForMultipleObjects. */
    HANDLE ev[2];
    ev[0] = CreateEventA(NULL, FALSE, TRUE, NULL);
    ev[1] = ev[0];
    SetLastError(0xdead);
    show("WFMO(0 handles)", WaitForMultipleObjects(0, ev, FALSE, 0));
    SetLastError(0xdead);
    show("WFMO(same event twice, bWaitAll TRUE)", WaitForMultipleObjects(2, ev, TRUE, 0));
    SetLastError(0xdead);
    show("WFMO(same event twice, bWaitAll FALSE)", WaitForMultipleObjects(2, ev, FALSE, 0));
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, hold_mutex, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    HANDLE w[2] = {CreateEventA(NULL, TRUE, FALSE, NULL), m};
    SetLastError(0xdead);
    show("WFMO(unsignaled event, abandoned mutex, FALSE)", WaitForMultipleObjects(2, w, FALSE, 0));
    ReleaseMutex(m);
    SetEvent(w[0]);
    HANDLE m2 = CreateMutexA(NULL, FALSE, NULL);
    HANDLE t2 = CreateThread(NULL, 0, hold_mutex, m2, 0, NULL);
    WaitForSingleObject(t2, INFINITE);
    HANDLE w2[2] = {w[0], m2};
    SetLastError(0xdead);
    show("WFMO(signaled event, abandoned mutex, TRUE)", WaitForMultipleObjects(2, w2, TRUE, 0));

    /* FlushFileBuffers. */
    HANDLE r2, w3;
    CreatePipe(&r2, &w3, NULL, 0);
    SetLastError(0xdead);
    show("FlushFileBuffers(empty pipe's write end)", FlushFileBuffers(w3));
    SetLastError(0xdead);
    show("FlushFileBuffers(read end)", FlushFileBuffers(r2));
    SetLastError(0xdead);
    show("FlushFileBuffers(event)", FlushFileBuffers(w[0]));
    CloseHandle(r2);
    SetLastError(0xdead);
    show("FlushFileBuffers(write end, reader closed)", FlushFileBuffers(w3));
    return 0;
}
