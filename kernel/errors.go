package kernel

import "fmt"

// Errno is a Win32 error code as GetLastError returns it. The values are the
// documented ones (System Error Codes, winerror.h).
type Errno uint32

// Win32 error codes the model sets. Source: learn.microsoft.com,
// "System Error Codes (0-499)" and "(1000-1299)", "(1300-1699)".
const (
	ERROR_SUCCESS             Errno = 0
	ERROR_FILE_NOT_FOUND      Errno = 2
	ERROR_PATH_NOT_FOUND      Errno = 3
	ERROR_ACCESS_DENIED       Errno = 5
	ERROR_INVALID_HANDLE      Errno = 6
	ERROR_NOT_ENOUGH_MEMORY   Errno = 8
	ERROR_SHARING_VIOLATION   Errno = 32
	ERROR_HANDLE_EOF          Errno = 38
	ERROR_NOT_SUPPORTED       Errno = 50
	ERROR_FILE_EXISTS         Errno = 80
	ERROR_INVALID_PARAMETER   Errno = 87
	ERROR_BROKEN_PIPE         Errno = 109
	ERROR_INSUFFICIENT_BUFFER Errno = 122
	ERROR_INVALID_NAME        Errno = 123
	ERROR_BAD_PATHNAME        Errno = 161
	ERROR_ALREADY_EXISTS      Errno = 183
	ERROR_BAD_PIPE            Errno = 230
	ERROR_PIPE_BUSY           Errno = 231
	ERROR_NO_DATA             Errno = 232
	ERROR_PIPE_NOT_CONNECTED  Errno = 233
	ERROR_MORE_DATA           Errno = 234
	ERROR_NO_MORE_FILES       Errno = 18
	ERROR_SEM_TIMEOUT         Errno = 121
	ERROR_PIPE_CONNECTED      Errno = 535
	ERROR_PIPE_LISTENING      Errno = 536
	ERROR_NOT_OWNER           Errno = 288
	ERROR_TOO_MANY_POSTS      Errno = 298
	ERROR_INVALID_FLAGS       Errno = 1004
	ERROR_FILE_INVALID        Errno = 1006
	ERROR_NO_SYSTEM_RESOURCES Errno = 1450
	ERROR_TIMEOUT             Errno = 1460
	ERROR_NOACCESS            Errno = 998
	ERROR_INVALID_USER_BUFFER Errno = 1784
)

var errnoNames = map[Errno]string{
	ERROR_SUCCESS:             "ERROR_SUCCESS",
	ERROR_FILE_NOT_FOUND:      "ERROR_FILE_NOT_FOUND",
	ERROR_PATH_NOT_FOUND:      "ERROR_PATH_NOT_FOUND",
	ERROR_ACCESS_DENIED:       "ERROR_ACCESS_DENIED",
	ERROR_INVALID_HANDLE:      "ERROR_INVALID_HANDLE",
	ERROR_NOT_ENOUGH_MEMORY:   "ERROR_NOT_ENOUGH_MEMORY",
	ERROR_SHARING_VIOLATION:   "ERROR_SHARING_VIOLATION",
	ERROR_HANDLE_EOF:          "ERROR_HANDLE_EOF",
	ERROR_NOT_SUPPORTED:       "ERROR_NOT_SUPPORTED",
	ERROR_FILE_EXISTS:         "ERROR_FILE_EXISTS",
	ERROR_INVALID_PARAMETER:   "ERROR_INVALID_PARAMETER",
	ERROR_BROKEN_PIPE:         "ERROR_BROKEN_PIPE",
	ERROR_INSUFFICIENT_BUFFER: "ERROR_INSUFFICIENT_BUFFER",
	ERROR_INVALID_NAME:        "ERROR_INVALID_NAME",
	ERROR_BAD_PATHNAME:        "ERROR_BAD_PATHNAME",
	ERROR_ALREADY_EXISTS:      "ERROR_ALREADY_EXISTS",
	ERROR_BAD_PIPE:            "ERROR_BAD_PIPE",
	ERROR_PIPE_BUSY:           "ERROR_PIPE_BUSY",
	ERROR_NO_DATA:             "ERROR_NO_DATA",
	ERROR_PIPE_NOT_CONNECTED:  "ERROR_PIPE_NOT_CONNECTED",
	ERROR_MORE_DATA:           "ERROR_MORE_DATA",
	ERROR_NO_MORE_FILES:       "ERROR_NO_MORE_FILES",
	ERROR_SEM_TIMEOUT:         "ERROR_SEM_TIMEOUT",
	ERROR_PIPE_CONNECTED:      "ERROR_PIPE_CONNECTED",
	ERROR_PIPE_LISTENING:      "ERROR_PIPE_LISTENING",
	ERROR_NOT_OWNER:           "ERROR_NOT_OWNER",
	ERROR_TOO_MANY_POSTS:      "ERROR_TOO_MANY_POSTS",
	ERROR_INVALID_FLAGS:       "ERROR_INVALID_FLAGS",
	ERROR_FILE_INVALID:        "ERROR_FILE_INVALID",
	ERROR_NO_SYSTEM_RESOURCES: "ERROR_NO_SYSTEM_RESOURCES",
	ERROR_TIMEOUT:             "ERROR_TIMEOUT",
	ERROR_NOACCESS:            "ERROR_NOACCESS",
	ERROR_INVALID_USER_BUFFER: "ERROR_INVALID_USER_BUFFER",
}

// Name is the winerror.h name, or "ERROR_<n>" for a code the model never sets.
func (e Errno) Name() string {
	if n, ok := errnoNames[e]; ok {
		return n
	}
	return fmt.Sprintf("ERROR_%d", uint32(e))
}

func (e Errno) String() string { return fmt.Sprintf("%s (%d)", e.Name(), uint32(e)) }

// ErrnoByName maps every name in the table above to its code; the scenario
// language uses it for ERROR_* constants.
func ErrnoByName() map[string]Errno {
	m := make(map[string]Errno, len(errnoNames))
	for k, v := range errnoNames {
		m[v] = k
	}
	return m
}
