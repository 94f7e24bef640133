/* harness.h: the runtime of a scenario translated to C (kernel/verify).
 *
 * One program plays every process of a scenario: started without the HV
 * environment variable it is the driver, which starts the `process`
 * statements' processes and hands the turn from section to section
 * (@Name … up to the next marker); started with HV=run;role;logdir it
 * runs that role's sections. Roles are numbered in creation order, as the
 * model's trace lists processes, so a scenario's CreateProcess knows the
 * name of the process it makes.
 *
 * Coordination goes through one named shared section opened before any
 * scenario code runs, and polling with Sleep(1): no handle is created or
 * closed while a scenario runs, so the scenario's handle table is its own.
 *
 * Each step writes one record to the role's log (see verify/winelog.go):
 *   S <line> <col> <sec> <called> <ret> <err>     the step
 *   H <value> <flags> <access> <handlecount> <type>  its process's table after it
 *   V <name> <value>                               a HANDLE variable after it
 *   X <line> <col> <ok>                            an expect
 *   A <wine value> <model literal>                 a handle compared with a number
 *   E                                              end of the record
 * Values are hexadecimal. The startup table (Wine's own handles and the
 * inherited ones) is a record with line 0.
 */
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#define _CRT_NON_CONFORMING_SWPRINTFS
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <tlhelp32.h>
#include <winternl.h>

#define HV_MAXROLES 64
#define HV_MAXSECTIONS 256

typedef struct {
	volatile LONG nextRole;              /* roles handed out so far */
	volatile LONG section;               /* the section whose turn it is */
	volatile LONG started[HV_MAXROLES];  /* role's harness is ready */
	volatile LONG pid[HV_MAXROLES];
	volatile LONG inCall[HV_MAXROLES];   /* line of the step under way, 0 between steps */
	volatile LONG done[HV_MAXSECTIONS];
	volatile LONG finish;
	volatile LONG snap;                  /* a section just ended: log your table */
	volatile LONG ack[HV_MAXROLES];
	volatile LONG exited[HV_MAXROLES];
} hv_shared;

/* The generated program defines these. */
extern const char *hv_roles[];
extern const int hv_nroles;
extern const int hv_nsections;
extern const int hv_section_role[];   /* role of each section; -1: a process statement */
extern const int hv_section_first[];  /* process statement: first role it starts */
extern const int hv_section_count[];  /* process statement: how many */
extern const int hv_section_waits[];  /* the model ends this section with its process waiting */
extern const int hv_probe_max;        /* highest handle value probed */
typedef void (*hv_rolefn)(int argc, wchar_t **argv);
extern const hv_rolefn hv_rolefns[];

static hv_shared *hv_sh;
static HANDLE hv_log = INVALID_HANDLE_VALUE;
static int hv_role = -1;
static wchar_t hv_run[64], hv_logdir[MAX_PATH], hv_exe[MAX_PATH];
static int hv_called;              /* a Win32 call was made in this step */
static ULONG64 hv_lastret;
static int hv_sec = -1;            /* section this process is running */
static unsigned char hv_ignore[4096]; /* handle index -> Wine's own, not the scenario's */
static int hv_redirected[3];       /* the C runtime's stdin/stdout/stderr is a scenario handle */

typedef struct { ULONG Attributes, GrantedAccess, HandleCount, PointerCount; ULONG Reserved[10]; } hv_obi;

static void hv_write(const char *s) {
	DWORD n;
	if (hv_log != INVALID_HANDLE_VALUE) WriteFile(hv_log, s, (DWORD)strlen(s), &n, NULL);
}

static void hv_printf(const char *fmt, ...) {
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	hv_write(buf);
}

static int hv_objinfo(HANDLE h, hv_obi *b, char *type, int tn) {
	ULONG len;
	if (NtQueryObject(h, ObjectBasicInformation, b, sizeof *b, &len) != 0) return 0;
	if (type) {
		union { UNICODE_STRING us; char raw[1024]; } t;
		type[0] = 0;
		if (NtQueryObject(h, (OBJECT_INFORMATION_CLASS)2, &t, sizeof t, &len) == 0) {
			int n = t.us.Length / 2, i;
			for (i = 0; i < n && i < tn - 1; i++) type[i] = (char)t.us.Buffer[i];
			type[i] = 0;
		}
	}
	return 1;
}

/* hv_table logs the process's scenario handles (or, at startup, all). */
static void hv_table(int all) {
	ULONG_PTR v;
	for (v = 4; v <= (ULONG_PTR)hv_probe_max; v += 4) {
		DWORD f;
		hv_obi b;
		char type[64];
		if (!all && hv_ignore[v / 4]) continue;
		if (!GetHandleInformation((HANDLE)v, &f)) continue;
		memset(&b, 0, sizeof b);
		if (!hv_objinfo((HANDLE)v, &b, type, sizeof type)) strcpy(type, "?");
		hv_printf("H %llx %lx %lx %lx %s\n", (unsigned long long)v, f, b.GrantedAccess, b.HandleCount, type[0] ? type : "?");
	}
}

/* ---- steps ---- */

static void hv_pre(int line) {
	hv_called = 0;
	hv_sh->inCall[hv_role] = line;
}

static ULONG64 hv_ret(ULONG64 v) {
	DWORD e = GetLastError();
	hv_called = 1;
	hv_lastret = v;
	SetLastError(e);
	return v;
}

static void hv_void(void) {
	DWORD e = GetLastError();
	hv_called = 2;
	SetLastError(e);
}

static LONG hv_lastsnap;
static void hv_post(int line, int col) {
	DWORD e = GetLastError();
	hv_sh->inCall[hv_role] = 0;
	/* A request made while this process was in a call is stale now: its
	 * table has moved on since that section ended. */
	hv_lastsnap = hv_sh->snap;
	hv_printf("S %x %x %x %x %llx %lx\n", line, col, (int)hv_sh->section, hv_called, (unsigned long long)(hv_called == 1 ? hv_lastret : 0), e);
	hv_table(0);
	SetLastError(e);
}

static void hv_var(const char *name, HANDLE v) {
	DWORD e = GetLastError();
	hv_printf("V %s %llx\n", name, (unsigned long long)(ULONG_PTR)v);
	SetLastError(e);
}

static void hv_end(void) {
	DWORD e = GetLastError();
	hv_write("E\n");
	SetLastError(e);
}

/* A condition is a step only when it made a Win32 call (as in the model). */
static int hv_cond(int line, int col, int v) {
	if (hv_called) {
		hv_post(line, col);
		hv_end();
	}
	hv_sh->inCall[hv_role] = 0;
	return v;
}

static void hv_expect(int line, int col, int ok) {
	DWORD e = GetLastError();
	hv_printf("X %x %x %x\n", line, col, ok ? 1 : 0);
	SetLastError(e);
}

/* A handle compared with a number: the comparator checks it through the
 * per-process renaming of handle values; here it counts as true. */
static int hv_abs(ULONG64 wine, ULONG64 lit, int eq) {
	DWORD e = GetLastError();
	hv_printf("A %llx %llx %x\n", (unsigned long long)wine, (unsigned long long)lit, eq);
	SetLastError(e);
	return 1;
}

/* ---- model-only built-ins ---- */

static int hv_running(HANDLE h, const char *type) {
	DWORD code = 0;
	if (strcmp(type, "Process") == 0) return GetExitCodeProcess(h, &code) && code == STILL_ACTIVE;
	if (strcmp(type, "Thread") == 0) return GetExitCodeThread(h, &code) && code == STILL_ACTIVE;
	return 0;
}

static int HandleCount(HANDLE h) {
	DWORD e = GetLastError();
	hv_obi b;
	int n = hv_objinfo(h, &b, NULL, 0) ? (int)b.HandleCount : 0;
	SetLastError(e);
	return n;
}

/* The model's usage count: handles plus the kernel's reference while a
 * process or thread runs. */
static int UsageCount(HANDLE h) {
	DWORD e = GetLastError();
	hv_obi b;
	char type[64];
	int n = 0;
	if (hv_objinfo(h, &b, type, sizeof type)) n = (int)b.HandleCount + hv_running(h, type);
	SetLastError(e);
	return n;
}

static DWORD GrantedAccess(HANDLE h) {
	DWORD e = GetLastError();
	hv_obi b;
	DWORD a = hv_objinfo(h, &b, NULL, 0) ? b.GrantedAccess : 0;
	SetLastError(e);
	return a;
}

static BOOL SameObject(HANDLE a, HANDLE b) {
	DWORD e = GetLastError();
	typedef NTSTATUS (WINAPI *cmpfn)(HANDLE, HANDLE);
	static cmpfn cmp;
	BOOL same;
	if (!cmp) cmp = (cmpfn)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtCompareObjects");
	same = cmp && cmp(a, b) == 0;
	SetLastError(e);
	return same;
}

/* Console output is not compared; printf's %s of a TCHAR string would not
 * even print in C. */
static int hv_print(const void *fmt, ...) { (void)fmt; return 0; }

/* Microsoft's C runtime, as the model follows it: in a wide scanf or
 * printf, %s is a wide string. mingw-w64's headers may give the C99
 * functions (%s narrow), so the msvcrt exports are named directly. */
int __cdecl hv_ms_swscanf(const wchar_t *s, const wchar_t *fmt, ...) __asm__("swscanf");
int __cdecl hv_ms_vfwprintf(FILE *f, const wchar_t *fmt, va_list ap) __asm__("vfwprintf");

/* Output redirected to a scenario's pipe (the parent's STARTF_USESTDHANDLES)
 * is real: the parent reads those bytes. The model's runtime keeps no
 * buffer, so each call is flushed at once. */
static int hv_outto(FILE *f) {
	return (f == stdout && hv_redirected[1]) || (f == stderr && hv_redirected[2]);
}
static int hv_wprintf(const wchar_t *fmt, ...) {
	va_list ap; int n = 0;
	if (!hv_outto(stdout)) return 0;
	va_start(ap, fmt); n = hv_ms_vfwprintf(stdout, fmt, ap); va_end(ap);
	fflush(stdout);
	return n;
}
static int hv_aprintf(const char *fmt, ...) {
	va_list ap; int n = 0;
	if (!hv_outto(stdout)) return 0;
	va_start(ap, fmt); n = vfprintf(stdout, fmt, ap); va_end(ap);
	fflush(stdout);
	return n;
}
static int hv_fwprintf(FILE *f, const wchar_t *fmt, ...) {
	va_list ap; int n = 0;
	if (!hv_outto(f)) return 0;
	va_start(ap, fmt); n = hv_ms_vfwprintf(f, fmt, ap); va_end(ap);
	fflush(f);
	return n;
}
static int hv_fprintf(FILE *f, const char *fmt, ...) {
	va_list ap; int n = 0;
	if (!hv_outto(f)) return 0;
	va_start(ap, fmt); n = vfprintf(f, fmt, ap); va_end(ap);
	fflush(f);
	return n;
}
static int hv_fputws(const wchar_t *s, FILE *f) {
	int n;
	if (!hv_outto(f)) return 0;
	n = fputws(s, f); fflush(f);
	return n;
}
static int hv_fputs(const char *s, FILE *f) {
	int n;
	if (!hv_outto(f)) return 0;
	n = fputs(s, f); fflush(f);
	return n;
}
static int hv_putws(const wchar_t *s) {
	int n;
	if (!hv_outto(stdout)) return 0;
	n = _putws(s); fflush(stdout);
	return n;
}
static int hv_puts(const char *s) {
	int n;
	if (!hv_outto(stdout)) return 0;
	n = puts(s); fflush(stdout);
	return n;
}

/* ---- processes ---- */

static void hv_fail(const char *what) {
	hv_printf("F %s %lu\n", what, GetLastError());
	ExitProcess(99);
}

/* hv_env builds HV=run;role;in,out,err;logdir: in,out,err are the
 * scenario's handles the parent gave as standard handles (0: none, or one
 * of Wine's own such as the console's), so that the child counts them as
 * inherited rather than as Wine's. */
static void hv_envval(wchar_t *out, int n, int role, const ULONG_PTR *std) {
	_snwprintf(out, n, L"%ls;%d;%llx,%llx,%llx;%ls", hv_run, role,
		(unsigned long long)std[0], (unsigned long long)std[1], (unsigned long long)std[2], hv_logdir);
}

static BOOL hv_waitstarted(int role, PROCESS_INFORMATION *pi) {
	int i;
	for (i = 0; i < 20000 && !hv_sh->started[role]; i++) {
		if (pi && WaitForSingleObject(pi->hProcess, 0) == WAIT_OBJECT_0) return FALSE;
		Sleep(1);
	}
	return hv_sh->started[role] != 0;
}

/* CreateProcess of the scenario: the same program, told its role. */
static BOOL hv_CreateProcess(LPCWSTR app, LPWSTR cmd, LPSECURITY_ATTRIBUTES pa, LPSECURITY_ATTRIBUTES ta,
	BOOL inherit, DWORD flags, LPVOID env, LPCWSTR dir, LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi) {
	int role = InterlockedIncrement(&hv_sh->nextRole) - 1;
	wchar_t val[MAX_PATH + 128];
	wchar_t *block = NULL;
	BOOL ok;
	DWORD e;
	ULONG_PTR std[3] = {0, 0, 0};
	(void)app;
	if (si && inherit && (si->dwFlags & STARTF_USESTDHANDLES)) {
		HANDLE h[3];
		int i;
		h[0] = si->hStdInput; h[1] = si->hStdOutput; h[2] = si->hStdError;
		for (i = 0; i < 3; i++) {
			ULONG_PTR v = (ULONG_PTR)h[i];
			if (v && v != (ULONG_PTR)INVALID_HANDLE_VALUE && v / 4 < sizeof hv_ignore && !hv_ignore[v / 4])
				std[i] = v;
		}
	}
	hv_envval(val, MAX_PATH + 128, role, std);
	if (env) {
		/* Append HV to the scenario's block (wide when the flag says so). */
		size_t n = 0;
		if (flags & CREATE_UNICODE_ENVIRONMENT) {
			const wchar_t *p = env;
			while (p[n] || p[n + 1]) n++;
			block = HeapAlloc(GetProcessHeap(), 0, (n + 2 + wcslen(val) + 8) * sizeof(wchar_t));
			memcpy(block, env, (n + 1) * sizeof(wchar_t));
			swprintf(block + n + 1, L"HV=%ls", val);
			block[n + 1 + wcslen(block + n + 1) + 1] = 0;
		} else {
			char *b;
			const char *p = env;
			while (p[n] || p[n + 1]) n++;
			b = HeapAlloc(GetProcessHeap(), 0, n + 2 + wcslen(val) * 3 + 8);
			memcpy(b, env, n + 1);
			sprintf(b + n + 1, "HV=%ls", val);
			b[n + 1 + strlen(b + n + 1) + 1] = 0;
			block = (wchar_t *)b;
		}
	} else {
		SetEnvironmentVariableW(L"HV", val);
	}
	ok = CreateProcessW(hv_exe, cmd, pa, ta, inherit, flags, block ? (LPVOID)block : env, dir, si, pi);
	e = GetLastError();
	if (!env) SetEnvironmentVariableW(L"HV", NULL);
	if (block) HeapFree(GetProcessHeap(), 0, block);
	if (ok && !hv_waitstarted(role, pi)) hv_printf("F child-not-started %d\n", role);
	SetLastError(e);
	return ok;
}

/* ---- sections ---- */

/* hv_snap answers the driver's request, made when a section ends, to log
 * this (idle) process's table: a DuplicateHandle into it, or an inherited
 * handle, shows even if it never runs a step. */
static void hv_snap(void) {
	LONG s = hv_sh->snap;
	if (s != hv_lastsnap) {
		DWORD e = GetLastError();
		hv_lastsnap = s;
		hv_printf("T %x\n", (int)s - 1);
		hv_table(0);
		hv_write("E\n");
		hv_sh->ack[hv_role] = s;
		SetLastError(e);
	}
}

static void hv_turn(int sec) {
	DWORD e = GetLastError();
	while (hv_sh->section != sec) {
		if (hv_sh->finish) ExitProcess(0);
		hv_snap();
		Sleep(1);
	}
	hv_sec = sec;
	SetLastError(e);
}

static void hv_done(int sec) {
	hv_sh->done[sec] = 1;
}

/* After its last section a process stays alive (the model's does) until
 * the driver ends the run. */
static void hv_idle(void) {
	while (!hv_sh->finish) {
		hv_snap();
		Sleep(1);
	}
	ExitProcess(0);
}

/* return n; and ExitProcess(n): the step is logged, the section is done. */
static void hv_exit(int line, int col, UINT code) {
	hv_called = 2;
	hv_sh->inCall[hv_role] = 0;
	hv_printf("S %x %x %x 3 0 %lx\n", line, col, (int)hv_sh->section, GetLastError());
	hv_write("E\n");
	hv_sh->exited[hv_role] = 1;
	if (hv_sec >= 0) hv_sh->done[hv_sec] = 1;
	ExitProcess(code);
}

static void hv_openshared(int create) {
	wchar_t name[96];
	HANDLE m;
	_snwprintf(name, 96, L"Local\\hv_%ls", hv_run);
	m = create ? CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(hv_shared), name)
		: OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, name);
	if (!m) hv_fail("shared-section");
	hv_sh = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(hv_shared));
	if (!hv_sh) hv_fail("map");
	/* m stays open: closing it would leave a free slot below the scenario's. */
}

static void hv_openlog(const wchar_t *name) {
	wchar_t path[MAX_PATH + 64];
	_snwprintf(path, MAX_PATH + 64, L"%ls\\%ls.log", hv_logdir, name);
	hv_log = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
}

/* hv_wait_gone waits (up to 5 s) until process pid has gone, without a
 * handle to it: a handle of the driver's would count in the process
 * object's HandleCount, which the scenario's processes log meanwhile (a
 * parent's ReadFile that the child's exit completed). Wine drops a process
 * from the Toolhelp snapshot when its last thread ends, in the same server
 * call that closes its handles. */
static void hv_wait_gone(DWORD pid) {
	DWORD t0 = GetTickCount();
	while (GetTickCount() - t0 < 5000) {
		HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
		PROCESSENTRY32W pe;
		BOOL more, found = FALSE;
		if (snap == INVALID_HANDLE_VALUE)
			return;
		pe.dwSize = sizeof pe;
		for (more = Process32FirstW(snap, &pe); more && !found; more = Process32NextW(snap, &pe))
			found = pe.th32ProcessID == pid;
		CloseHandle(snap);
		if (!found)
			return;
		Sleep(1);
	}
	hv_printf("D %x still there\n", (unsigned)pid);
}

static int hv_driver(void) {
	int k, i;
	DWORD t0;
	_snwprintf(hv_run, 64, L"%lu", GetCurrentProcessId());
	hv_openlog(L"driver");
	hv_openshared(1);
	for (k = 0; k < hv_nsections; k++) {
		int role = hv_section_role[k];
		hv_sh->section = k;
		if (role < 0) {
			for (i = 0; i < hv_section_count[k]; i++) {
				int r = InterlockedIncrement(&hv_sh->nextRole) - 1;
				wchar_t val[MAX_PATH + 128], cmd[128];
				STARTUPINFOW si = { sizeof si };
				PROCESS_INFORMATION pi;
				{
					ULONG_PTR none[3] = {0, 0, 0};
					hv_envval(val, MAX_PATH + 128, r, none);
				}
				SetEnvironmentVariableW(L"HV", val);
				_snwprintf(cmd, 128, L"%hs.exe", hv_roles[r]);
				if (!CreateProcessW(hv_exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) hv_fail("start");
				SetEnvironmentVariableW(L"HV", NULL);
				if (!hv_waitstarted(r, &pi)) hv_printf("F not-started %d\n", r);
				/* Its running reference is the model's usage count of 1;
				 * the driver holds no handle to it. */
				CloseHandle(pi.hThread);
				CloseHandle(pi.hProcess);
			}
			hv_printf("D %x started\n", k);
			continue;
		}
		t0 = GetTickCount();
		for (;;) {
			if (hv_sh->done[k]) {
				hv_printf("D %x done\n", k);
				break;
			}
			/* The model says this section ends in a waiting call: once
			 * the process has been in its step a while, it waits in Wine too. */
			if (hv_section_waits[k] && hv_sh->inCall[role] && GetTickCount() - t0 > 700) {
				hv_printf("D %x waiting %x\n", k, (int)hv_sh->inCall[role]);
				break;
			}
			if (GetTickCount() - t0 > 20000) {
				hv_printf("D %x stuck %x\n", k, (int)hv_sh->inCall[role]);
				break;
			}
			Sleep(1);
		}
		/* A section that ended its process (return n; ExitProcess)
		 * is over once the process has gone and its handles are closed:
		 * the exited flag is set just before ExitProcess runs. */
		if (hv_sh->exited[role] && hv_sh->pid[role])
			hv_wait_gone(hv_sh->pid[role]);
		/* A call this section completed in another process returns
		 * while we wait here, and logs this section as its own. */
		for (i = 0; i < HV_MAXROLES; i++)
			if (hv_sh->inCall[i]) {
				Sleep(300);
				break;
			}
		/* Every idle process logs its table at the section's end. */
		hv_sh->snap = k + 1;
		t0 = GetTickCount();
		for (i = 0; i < hv_sh->nextRole && i < HV_MAXROLES; i++) {
			while (hv_sh->started[i] && !hv_sh->exited[i] && !hv_sh->inCall[i] && hv_sh->ack[i] != k + 1 &&
				GetTickCount() - t0 < 3000)
				Sleep(1);
		}
	}
	hv_sh->finish = 1;
	Sleep(200);
	/* Processes still waiting in a call are ended. */
	for (i = 0; i < hv_sh->nextRole && i < HV_MAXROLES; i++) {
		HANDLE p = hv_sh->pid[i] ? OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE, FALSE, hv_sh->pid[i]) : NULL;
		if (p) {
			if (WaitForSingleObject(p, 500) == WAIT_TIMEOUT) {
				hv_printf("D end %x waiting %x\n", i, (int)hv_sh->inCall[i]);
				TerminateProcess(p, 1);
			}
			CloseHandle(p);
		}
	}
	hv_write("D finished\n");
	return 0;
}

static void hv_child(wchar_t *hv) {
	wchar_t *semi1 = wcschr(hv, L';'), *semi2, *semi3;
	ULONG_PTR v, given[3] = {0, 0, 0};
	HANDLE std[3];
	int i;
	if (!semi1) ExitProcess(98);
	*semi1 = 0;
	wcsncpy(hv_run, hv, 63);
	hv_role = _wtoi(semi1 + 1);
	semi2 = wcschr(semi1 + 1, L';');
	if (!semi2) ExitProcess(98);
	semi3 = wcschr(semi2 + 1, L';');
	if (!semi3) ExitProcess(98);
	{
		/* Not swscanf: its name must stay msvcrt's (hv_ms_swscanf). */
		wchar_t *p = semi2 + 1;
		for (i = 0; i < 3; i++) {
			given[i] = (ULONG_PTR)wcstoull(p, &p, 16);
			if (*p == L',') p++;
		}
	}
	wcsncpy(hv_logdir, semi3 + 1, MAX_PATH - 1);
	SetEnvironmentVariableW(L"HV", NULL);
	{
		wchar_t name[80];
		_snwprintf(name, 80, L"%hs", hv_roles[hv_role]);
		hv_openlog(name);
	}
	hv_openshared(0);
	/* Wine's own handles are not the scenario's; the inheritable ones
	 * present at startup (but the standard handles) were inherited. */
	std[0] = GetStdHandle(STD_INPUT_HANDLE);
	std[1] = GetStdHandle(STD_OUTPUT_HANDLE);
	std[2] = GetStdHandle(STD_ERROR_HANDLE);
	hv_write("S 0 0 0 0 0 0\n");
	hv_table(1);
	hv_write("E\n");
	for (v = 4; v <= (ULONG_PTR)hv_probe_max && v / 4 < sizeof hv_ignore; v += 4) {
		DWORD f;
		int isstd = 0;
		if (!GetHandleInformation((HANDLE)v, &f)) continue;
		for (i = 0; i < 3; i++)
			if (std[i] == (HANDLE)v) isstd = 1;
		/* A standard handle the parent gave from the scenario's table
		 * (STARTF_USESTDHANDLES) is inherited, not Wine's. */
		for (i = 0; i < 3; i++)
			if (given[i] == v && (f & HANDLE_FLAG_INHERIT)) isstd = 0;
		if ((f & HANDLE_FLAG_INHERIT) && !isstd) continue;
		hv_ignore[v / 4] = 1;
		/* Not inherited by the scenario's children either. */
		SetHandleInformation((HANDLE)v, HANDLE_FLAG_INHERIT, 0);
	}
	/* Handles above the probed range that Wine opens later are not
	 * expected; a handle the harness itself opens (the log, the section)
	 * is already in the ignore set. */
	for (i = 0; i < 3; i++)
		hv_redirected[i] = given[i] != 0 && (ULONG_PTR)std[i] == given[i];
	hv_sh->pid[hv_role] = (LONG)GetCurrentProcessId();
	hv_sh->started[hv_role] = 1;
}

int wmain(int argc, wchar_t **argv) {
	wchar_t hv[MAX_PATH + 128];
	GetModuleFileNameW(NULL, hv_exe, MAX_PATH);
	if (!GetEnvironmentVariableW(L"HV", hv, MAX_PATH + 128)) {
		if (argc > 1) wcsncpy(hv_logdir, argv[1], MAX_PATH - 1);
		else wcscpy(hv_logdir, L".");
		return hv_driver();
	}
	hv_child(hv);
	SetLastError(0); /* a new thread's; the harness's probes set it */
	hv_rolefns[hv_role](argc, argv);
	hv_idle();
	return 0;
}
