package kernel

// Handle is a HANDLE value as a 64-bit program sees it.
type Handle uint64

// Pseudo handles and special values (GetCurrentProcess, GetCurrentThread,
// INVALID_HANDLE_VALUE): learn.microsoft.com, "GetCurrentProcess function".
const (
	NullHandle           Handle = 0
	CurrentProcess       Handle = ^Handle(0)     // (HANDLE)-1
	CurrentThread        Handle = ^Handle(0) - 1 // (HANDLE)-2
	INVALID_HANDLE_VALUE        = CurrentProcess // the same bits as (HANDLE)-1
)

// Handle flags: "SetHandleInformation function".
const (
	HANDLE_FLAG_INHERIT            uint32 = 0x1
	HANDLE_FLAG_PROTECT_FROM_CLOSE uint32 = 0x2
)

// DuplicateHandle options: "DuplicateHandle function".
const (
	DUPLICATE_CLOSE_SOURCE uint32 = 0x1
	DUPLICATE_SAME_ACCESS  uint32 = 0x2
)

// Standard and generic access rights: "ACCESS_MASK", "Generic Access Rights".
const (
	DELETE                   uint32 = 0x00010000
	READ_CONTROL             uint32 = 0x00020000
	WRITE_DAC                uint32 = 0x00040000
	WRITE_OWNER              uint32 = 0x00080000
	SYNCHRONIZE              uint32 = 0x00100000
	STANDARD_RIGHTS_REQUIRED uint32 = 0x000F0000
	STANDARD_RIGHTS_READ     uint32 = READ_CONTROL
	STANDARD_RIGHTS_WRITE    uint32 = READ_CONTROL
	STANDARD_RIGHTS_EXECUTE  uint32 = READ_CONTROL
	STANDARD_RIGHTS_ALL      uint32 = 0x001F0000
	GENERIC_READ             uint32 = 0x80000000
	GENERIC_WRITE            uint32 = 0x40000000
	GENERIC_EXECUTE          uint32 = 0x20000000
	GENERIC_ALL              uint32 = 0x10000000
	MAXIMUM_ALLOWED          uint32 = 0x02000000
	ACCESS_SYSTEM_SECURITY   uint32 = 0x01000000
)

// Object-specific rights: "Synchronization Object Security and Access
// Rights", "Process Security and Access Rights", "Thread Security and Access
// Rights", "File Security and Access Rights", "File Mapping Security and
// Access Rights", "Job Object Security and Access Rights".
const (
	EVENT_QUERY_STATE  uint32 = 0x0001
	EVENT_MODIFY_STATE uint32 = 0x0002
	EVENT_ALL_ACCESS   uint32 = 0x1F0003

	MUTEX_MODIFY_STATE uint32 = 0x0001
	MUTEX_ALL_ACCESS   uint32 = 0x1F0001

	SEMAPHORE_MODIFY_STATE uint32 = 0x0002
	SEMAPHORE_ALL_ACCESS   uint32 = 0x1F0003

	TIMER_QUERY_STATE  uint32 = 0x0001
	TIMER_MODIFY_STATE uint32 = 0x0002
	TIMER_ALL_ACCESS   uint32 = 0x1F0003

	PROCESS_TERMINATE                 uint32 = 0x0001
	PROCESS_CREATE_THREAD             uint32 = 0x0002
	PROCESS_VM_OPERATION              uint32 = 0x0008
	PROCESS_VM_READ                   uint32 = 0x0010
	PROCESS_VM_WRITE                  uint32 = 0x0020
	PROCESS_DUP_HANDLE                uint32 = 0x0040
	PROCESS_CREATE_PROCESS            uint32 = 0x0080
	PROCESS_SET_QUOTA                 uint32 = 0x0100
	PROCESS_SET_INFORMATION           uint32 = 0x0200
	PROCESS_QUERY_INFORMATION         uint32 = 0x0400
	PROCESS_SUSPEND_RESUME            uint32 = 0x0800
	PROCESS_QUERY_LIMITED_INFORMATION uint32 = 0x1000
	PROCESS_SET_LIMITED_INFORMATION   uint32 = 0x2000
	PROCESS_ALL_ACCESS                uint32 = 0x1FFFFF

	THREAD_TERMINATE                 uint32 = 0x0001
	THREAD_QUERY_INFORMATION         uint32 = 0x0040
	THREAD_QUERY_LIMITED_INFORMATION uint32 = 0x0800
	THREAD_SET_INFORMATION           uint32 = 0x0020
	THREAD_SET_LIMITED_INFORMATION   uint32 = 0x0400
	THREAD_ALL_ACCESS                uint32 = 0x1FFFFF

	FILE_READ_DATA       uint32 = 0x0001
	FILE_WRITE_DATA      uint32 = 0x0002
	FILE_APPEND_DATA     uint32 = 0x0004
	FILE_READ_EA         uint32 = 0x0008
	FILE_WRITE_EA        uint32 = 0x0010
	FILE_EXECUTE         uint32 = 0x0020
	FILE_READ_ATTRIBUTES uint32 = 0x0080
	FILE_WRITE_ATTRIBUTE uint32 = 0x0100
	FILE_ALL_ACCESS      uint32 = 0x1F01FF
	FILE_GENERIC_READ    uint32 = 0x120089
	FILE_GENERIC_WRITE   uint32 = 0x120116
	FILE_GENERIC_EXECUTE uint32 = 0x1200A0

	FILE_MAP_COPY       uint32 = 0x0001
	FILE_MAP_WRITE      uint32 = 0x0002
	FILE_MAP_READ       uint32 = 0x0004
	FILE_MAP_EXECUTE    uint32 = 0x0020
	FILE_MAP_ALL_ACCESS uint32 = 0xF001F

	SECTION_QUERY       uint32 = 0x0001
	SECTION_MAP_WRITE   uint32 = 0x0002
	SECTION_MAP_READ    uint32 = 0x0004
	SECTION_MAP_EXECUTE uint32 = 0x0008

	JOB_OBJECT_ASSIGN_PROCESS uint32 = 0x0001
	JOB_OBJECT_QUERY          uint32 = 0x0004
	JOB_OBJECT_TERMINATE      uint32 = 0x0008
	JOB_OBJECT_ALL_ACCESS     uint32 = 0x1F003F
)

// Create*Ex flags: "CreateEventExW", "CreateMutexExW", "CreateWaitableTimerExW".
const (
	CREATE_EVENT_MANUAL_RESET          uint32 = 0x1
	CREATE_EVENT_INITIAL_SET           uint32 = 0x2
	CREATE_MUTEX_INITIAL_OWNER         uint32 = 0x1
	CREATE_WAITABLE_TIMER_MANUAL_RESET uint32 = 0x1
)

// Wait results: "WaitForSingleObject function".
const (
	WAIT_OBJECT_0  uint32 = 0x00000000
	WAIT_ABANDONED uint32 = 0x00000080
	WAIT_TIMEOUT   uint32 = 0x00000102
	WAIT_FAILED    uint32 = 0xFFFFFFFF
	INFINITE       uint32 = 0xFFFFFFFF
)

// STILL_ACTIVE is GetExitCodeProcess's answer while a process runs.
const STILL_ACTIVE uint32 = 259

// Page protections for CreateFileMapping: "Memory Protection Constants".
const (
	PAGE_NOACCESS          uint32 = 0x01
	PAGE_READONLY          uint32 = 0x02
	PAGE_READWRITE         uint32 = 0x04
	PAGE_WRITECOPY         uint32 = 0x08
	PAGE_EXECUTE           uint32 = 0x10
	PAGE_EXECUTE_READ      uint32 = 0x20
	PAGE_EXECUTE_READWRITE uint32 = 0x40
	PAGE_EXECUTE_WRITECOPY uint32 = 0x80
	SEC_COMMIT             uint32 = 0x08000000
)

// CreateFile: "CreateFileW function".
const (
	FILE_SHARE_READ   uint32 = 0x1
	FILE_SHARE_WRITE  uint32 = 0x2
	FILE_SHARE_DELETE uint32 = 0x4

	CREATE_NEW        uint32 = 1
	CREATE_ALWAYS     uint32 = 2
	OPEN_EXISTING     uint32 = 3
	OPEN_ALWAYS       uint32 = 4
	TRUNCATE_EXISTING uint32 = 5

	FILE_ATTRIBUTE_NORMAL uint32 = 0x80
)

// genericMapping is the GENERIC_MAPPING of one object type: what GENERIC_READ,
// GENERIC_WRITE, GENERIC_EXECUTE and GENERIC_ALL become in a handle's granted
// access (the object manager maps them; !handle shows the mapped mask).
type genericMapping struct{ read, write, execute, all uint32 }

var genericMappings = map[ObjectType]genericMapping{
	TypeProcess:       {0x020410, 0x020BEA, 0x121000, PROCESS_ALL_ACCESS},
	TypeThread:        {0x020048, 0x020037, 0x121800, THREAD_ALL_ACCESS},
	TypeEvent:         {0x020001, 0x020002, 0x120000, EVENT_ALL_ACCESS},
	TypeMutex:         {0x020001, 0x020000, 0x120000, MUTEX_ALL_ACCESS},
	TypeSemaphore:     {0x020001, 0x020002, 0x120000, SEMAPHORE_ALL_ACCESS},
	TypeWaitableTimer: {0x020001, 0x020002, 0x120000, TIMER_ALL_ACCESS},
	TypeFile:          {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS},
	TypeFileMapping:   {0x020005, 0x020002, 0x020008, FILE_MAP_ALL_ACCESS},
	TypeJob:           {0x020004, 0x02000B, 0x120000, JOB_OBJECT_ALL_ACCESS},
	TypePipe:          {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS},
	TypeNamedPipe:     {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS},
	TypeMailslot:      {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS},
}

// mapGenericAccess replaces generic rights with the type's specific ones.
// MAXIMUM_ALLOWED asks for every right the caller may have; security is not
// modelled, so that is the type's GENERIC_ALL.
func mapGenericAccess(t ObjectType, access uint32) uint32 {
	m, ok := genericMappings[t]
	if !ok {
		return access
	}
	out := access &^ (GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED)
	if access&GENERIC_READ != 0 {
		out |= m.read
	}
	if access&GENERIC_WRITE != 0 {
		out |= m.write
	}
	if access&GENERIC_EXECUTE != 0 {
		out |= m.execute
	}
	if access&(GENERIC_ALL|MAXIMUM_ALLOWED) != 0 {
		out |= m.all
	}
	return out
}

// grantAccess is the access a new handle gets: generic rights mapped, then
// only the bits the type defines kept. The object manager stores
// DesiredAccess & (ValidAccessMask | ACCESS_SYSTEM_SECURITY) in a new
// handle-table entry (WRK base/ntos/ob/obhandle.c: ObpCreateHandle for
// Create*/Open*, ObDuplicateObject for DuplicateHandle); a type's
// ValidAccessMask is its *_ALL_ACCESS value, which is its GENERIC_ALL
// mapping.
func grantAccess(t ObjectType, access uint32) uint32 {
	m, ok := genericMappings[t]
	if !ok {
		return access
	}
	return impliedAccess(t, mapGenericAccess(t, access)&(m.all|ACCESS_SYSTEM_SECURITY))
}

// impliedAccess adds the rights a right implies. "Process Security and
// Access Rights": "A handle that has the PROCESS_QUERY_INFORMATION access
// right is automatically granted PROCESS_QUERY_LIMITED_INFORMATION", and
// PROCESS_SET_INFORMATION likewise grants PROCESS_SET_LIMITED_INFORMATION;
// "Thread Security and Access Rights" says the same of
// THREAD_QUERY_INFORMATION and THREAD_SET_INFORMATION. A Wine 8 differential
// run of the lessons gave 0x400 -> 0x1400, 0x40 -> 0x840, 0x200 -> 0x2200.
func impliedAccess(t ObjectType, access uint32) uint32 {
	switch t {
	case TypeProcess:
		if access&PROCESS_QUERY_INFORMATION != 0 {
			access |= PROCESS_QUERY_LIMITED_INFORMATION
		}
		if access&PROCESS_SET_INFORMATION != 0 {
			access |= PROCESS_SET_LIMITED_INFORMATION
		}
	case TypeThread:
		if access&THREAD_QUERY_INFORMATION != 0 {
			access |= THREAD_QUERY_LIMITED_INFORMATION
		}
		if access&THREAD_SET_INFORMATION != 0 {
			access |= THREAD_SET_LIMITED_INFORMATION
		}
	}
	return access
}
