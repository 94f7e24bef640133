package syntax

// TypeInfo describes a type name the language knows. The scenario package
// gives them behaviour; the parser only needs to tell types from values.
type TypeInfo struct {
	Canon string // the name it stands for: "LPTSTR" is "TCHAR" with Ptr 1
	Ptr   int
}

// Types maps every accepted type name to its canonical form. Base types:
// HANDLE, SIZE_T (64-bit unsigned), DWORD (32-bit unsigned), int (32-bit
// signed), LONGLONG, TCHAR/WCHAR (2 bytes), char (1 byte), void and the four
// structures.
var Types = map[string]TypeInfo{
	"HANDLE": {"HANDLE", 0}, "HINSTANCE": {"HANDLE", 0}, "HMODULE": {"HANDLE", 0}, "HWND": {"HANDLE", 0},
	"PHANDLE": {"HANDLE", 1}, "LPHANDLE": {"HANDLE", 1},
	"DWORD": {"DWORD", 0}, "UINT": {"DWORD", 0}, "ULONG": {"DWORD", 0}, "unsigned": {"DWORD", 0},
	"LPDWORD": {"DWORD", 1}, "PDWORD": {"DWORD", 1},
	"BOOL": {"BOOL", 0}, "int": {"int", 0}, "INT": {"int", 0}, "LONG": {"int", 0}, "long": {"int", 0}, "short": {"int", 0},
	"SIZE_T": {"SIZE_T", 0}, "ULONG_PTR": {"SIZE_T", 0}, "DWORD_PTR": {"SIZE_T", 0}, "UINT_PTR": {"SIZE_T", 0}, "ULONGLONG": {"SIZE_T", 0},
	"INT_PTR": {"LONGLONG", 0}, "LONG_PTR": {"LONGLONG", 0}, "LONGLONG": {"LONGLONG", 0},
	"BYTE": {"BYTE", 0}, "WORD": {"WORD", 0},
	"TCHAR": {"TCHAR", 0}, "_TCHAR": {"TCHAR", 0}, "WCHAR": {"TCHAR", 0}, "wchar_t": {"TCHAR", 0}, "char": {"char", 0}, "CHAR": {"char", 0},
	"LPTSTR": {"TCHAR", 1}, "LPCTSTR": {"TCHAR", 1}, "PTSTR": {"TCHAR", 1}, "PCTSTR": {"TCHAR", 1},
	"LPWSTR": {"TCHAR", 1}, "LPCWSTR": {"TCHAR", 1}, "LPSTR": {"char", 1}, "LPCSTR": {"char", 1},
	"void": {"void", 0}, "VOID": {"void", 0}, "LPVOID": {"void", 1}, "PVOID": {"void", 1}, "LPCVOID": {"void", 1},
	"SECURITY_ATTRIBUTES": {"SECURITY_ATTRIBUTES", 0}, "LPSECURITY_ATTRIBUTES": {"SECURITY_ATTRIBUTES", 1}, "PSECURITY_ATTRIBUTES": {"SECURITY_ATTRIBUTES", 1},
	"STARTUPINFO": {"STARTUPINFO", 0}, "STARTUPINFOW": {"STARTUPINFO", 0}, "STARTUPINFOA": {"STARTUPINFO", 0}, "LPSTARTUPINFO": {"STARTUPINFO", 1},
	"PROCESS_INFORMATION": {"PROCESS_INFORMATION", 0}, "LPPROCESS_INFORMATION": {"PROCESS_INFORMATION", 1},
	"PROCESSENTRY32": {"PROCESSENTRY32", 0}, "PROCESSENTRY32W": {"PROCESSENTRY32", 0}, "LPPROCESSENTRY32": {"PROCESSENTRY32", 1},
}

// IsType reports whether name is a type name.
func IsType(name string) bool {
	_, ok := Types[name]
	return ok || name == "const" || name == "signed" || name == "struct"
}
