package scene

import (
	"fmt"

	"handleviz/kernel"
)

type right struct {
	bit  uint32
	name string
}

var standardRights = []right{
	{kernel.DELETE, "DELETE"}, {kernel.READ_CONTROL, "READ_CONTROL"}, {kernel.WRITE_DAC, "WRITE_DAC"},
	{kernel.WRITE_OWNER, "WRITE_OWNER"}, {kernel.SYNCHRONIZE, "SYNCHRONIZE"},
	{kernel.GENERIC_READ, "GENERIC_READ"}, {kernel.GENERIC_WRITE, "GENERIC_WRITE"},
	{kernel.GENERIC_EXECUTE, "GENERIC_EXECUTE"}, {kernel.GENERIC_ALL, "GENERIC_ALL"},
	{kernel.MAXIMUM_ALLOWED, "MAXIMUM_ALLOWED"},
}

type typeRights struct {
	all    uint32
	allStr string
	bits   []right
}

var specificRights = map[kernel.ObjectType]typeRights{
	kernel.TypeEvent:         {kernel.EVENT_ALL_ACCESS, "EVENT_ALL_ACCESS", []right{{kernel.EVENT_QUERY_STATE, "EVENT_QUERY_STATE"}, {kernel.EVENT_MODIFY_STATE, "EVENT_MODIFY_STATE"}}},
	kernel.TypeMutex:         {kernel.MUTEX_ALL_ACCESS, "MUTEX_ALL_ACCESS", []right{{kernel.MUTEX_MODIFY_STATE, "MUTEX_MODIFY_STATE"}}},
	kernel.TypeSemaphore:     {kernel.SEMAPHORE_ALL_ACCESS, "SEMAPHORE_ALL_ACCESS", []right{{1, "SEMAPHORE_QUERY_STATE"}, {kernel.SEMAPHORE_MODIFY_STATE, "SEMAPHORE_MODIFY_STATE"}}},
	kernel.TypeWaitableTimer: {kernel.TIMER_ALL_ACCESS, "TIMER_ALL_ACCESS", []right{{kernel.TIMER_QUERY_STATE, "TIMER_QUERY_STATE"}, {kernel.TIMER_MODIFY_STATE, "TIMER_MODIFY_STATE"}}},
	kernel.TypeProcess: {kernel.PROCESS_ALL_ACCESS, "PROCESS_ALL_ACCESS", []right{
		{kernel.PROCESS_TERMINATE, "PROCESS_TERMINATE"}, {kernel.PROCESS_CREATE_THREAD, "PROCESS_CREATE_THREAD"},
		{kernel.PROCESS_VM_OPERATION, "PROCESS_VM_OPERATION"}, {kernel.PROCESS_VM_READ, "PROCESS_VM_READ"},
		{kernel.PROCESS_VM_WRITE, "PROCESS_VM_WRITE"}, {kernel.PROCESS_DUP_HANDLE, "PROCESS_DUP_HANDLE"},
		{kernel.PROCESS_CREATE_PROCESS, "PROCESS_CREATE_PROCESS"}, {kernel.PROCESS_SET_QUOTA, "PROCESS_SET_QUOTA"},
		{kernel.PROCESS_SET_INFORMATION, "PROCESS_SET_INFORMATION"}, {kernel.PROCESS_QUERY_INFORMATION, "PROCESS_QUERY_INFORMATION"},
		{kernel.PROCESS_SUSPEND_RESUME, "PROCESS_SUSPEND_RESUME"}, {kernel.PROCESS_QUERY_LIMITED_INFORMATION, "PROCESS_QUERY_LIMITED_INFORMATION"}}},
	kernel.TypeThread: {kernel.THREAD_ALL_ACCESS, "THREAD_ALL_ACCESS", []right{
		{kernel.THREAD_TERMINATE, "THREAD_TERMINATE"}, {kernel.THREAD_QUERY_INFORMATION, "THREAD_QUERY_INFORMATION"},
		{kernel.THREAD_QUERY_LIMITED_INFORMATION, "THREAD_QUERY_LIMITED_INFORMATION"}}},
	kernel.TypeFile: {kernel.FILE_ALL_ACCESS, "FILE_ALL_ACCESS", []right{
		{kernel.FILE_READ_DATA, "FILE_READ_DATA"}, {kernel.FILE_WRITE_DATA, "FILE_WRITE_DATA"}, {kernel.FILE_APPEND_DATA, "FILE_APPEND_DATA"},
		{kernel.FILE_READ_EA, "FILE_READ_EA"}, {kernel.FILE_WRITE_EA, "FILE_WRITE_EA"}, {kernel.FILE_EXECUTE, "FILE_EXECUTE"},
		{kernel.FILE_READ_ATTRIBUTES, "FILE_READ_ATTRIBUTES"}, {kernel.FILE_WRITE_ATTRIBUTE, "FILE_WRITE_ATTRIBUTES"}}},
	kernel.TypeFileMapping: {kernel.FILE_MAP_ALL_ACCESS, "FILE_MAP_ALL_ACCESS", []right{
		{kernel.FILE_MAP_COPY, "FILE_MAP_COPY"}, {kernel.FILE_MAP_WRITE, "FILE_MAP_WRITE"}, {kernel.FILE_MAP_READ, "FILE_MAP_READ"}, {kernel.FILE_MAP_EXECUTE, "FILE_MAP_EXECUTE"}}},
	kernel.TypeJob: {kernel.JOB_OBJECT_ALL_ACCESS, "JOB_OBJECT_ALL_ACCESS", []right{
		{kernel.JOB_OBJECT_ASSIGN_PROCESS, "JOB_OBJECT_ASSIGN_PROCESS"}, {kernel.JOB_OBJECT_QUERY, "JOB_OBJECT_QUERY"}, {kernel.JOB_OBJECT_TERMINATE, "JOB_OBJECT_TERMINATE"}}},
}

// DecodeAccess names the rights in an access mask for an object type:
// the type's *_ALL_ACCESS when the mask is exactly that, else the standard
// and type-specific bits, and any bits left over in hex.
func DecodeAccess(t kernel.ObjectType, mask uint32) []string {
	tr, known := specificRights[t]
	if known && mask == tr.all {
		return []string{tr.allStr}
	}
	var out []string
	rest := mask
	for _, r := range standardRights {
		if mask&r.bit == r.bit && r.bit != 0 {
			out = append(out, r.name)
			rest &^= r.bit
		}
	}
	if known {
		for _, r := range tr.bits {
			if mask&r.bit == r.bit {
				out = append(out, r.name)
				rest &^= r.bit
			}
		}
	}
	if rest != 0 {
		out = append(out, fmt.Sprintf("0x%X", rest))
	}
	if len(out) == 0 {
		out = append(out, "0 (no access)")
	}
	return out
}

// TypeByName finds an object type by its String (for rows that only carry
// the name).
func TypeByName(name string) kernel.ObjectType {
	for t := kernel.ObjectType(1); t < 64; t++ {
		if t.String() == name {
			return t
		}
	}
	return 0
}
