package kernel

import "strings"

// CreateFile opens or creates a plain file. Every successful call makes a new
// file object (two opens of one file are two objects, each with its own
// usage count). The model's file system is a set of names, case-insensitive.
//
// Source: "CreateFileW function": dwCreationDisposition CREATE_NEW fails on an
// existing file with ERROR_FILE_EXISTS; CREATE_ALWAYS and OPEN_ALWAYS succeed
// on an existing file with last error ERROR_ALREADY_EXISTS (else 0);
// OPEN_EXISTING and TRUNCATE_EXISTING fail on a missing file with
// ERROR_FILE_NOT_FOUND; an open that conflicts with another open's share mode
// fails with ERROR_SHARING_VIOLATION ("Creating and Opening Files"). Failure
// returns INVALID_HANDLE_VALUE. Pipe and mailslot names arrive with them.
func (k *Kernel) CreateFile(tid TID, path string, access, share uint32, sa *SecurityAttributes, disposition, flags uint32) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return INVALID_HANDLE_VALUE
	}
	fail := func(e Errno) Handle {
		k.setLastError(t, e)
		return INVALID_HANDLE_VALUE
	}
	if path == "" {
		return fail(ERROR_PATH_NOT_FOUND)
	}
	switch {
	case hasPrefixFold(path, pipePrefix):
		return k.openPipeClient(t, p, path, access, sa)
	case hasPrefixFold(path, mailslotPrefix):
		return k.openMailslotClient(t, p, path, access, sa)
	}
	// "Naming Files, Paths, and Namespaces": < > " | ? * and the characters
	// 0 through 31 may not appear in a file name.
	if strings.ContainsAny(path, `<>|"?*`) || strings.IndexFunc(path, func(r rune) bool { return r < 32 }) >= 0 {
		return fail(ERROR_INVALID_NAME)
	}
	if disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING {
		return fail(ERROR_INVALID_PARAMETER)
	}
	key := fileKey(path)
	exists := k.files[key]
	switch {
	case disposition == CREATE_NEW && exists:
		return fail(ERROR_FILE_EXISTS)
	case (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING) && !exists:
		return fail(ERROR_FILE_NOT_FOUND)
	}
	access = grantAccess(TypeFile, access)
	if k.shareConflict(key, access, share) {
		return fail(ERROR_SHARING_VIOLATION)
	}
	if k.freeIndex(p.Proc) == 0 {
		return fail(ERROR_NO_SYSTEM_RESOURCES)
	}
	k.files[key] = true
	o := k.newObject(TypeFile, "")
	o.Path, o.Access, o.Share, o.Signaled = path, access, share, true
	h := k.addEntry(p, o, access, inheritFlag(sa.inherit()), CauseCreate, Event{Kind: EvObjectCreated, PID: p.Proc.PID, Object: o.ID, ObjType: TypeFile, Name: path})
	if exists && (disposition == CREATE_ALWAYS || disposition == OPEN_ALWAYS) {
		k.setLastError(t, ERROR_ALREADY_EXISTS)
	} else {
		k.setLastError(t, ERROR_SUCCESS)
	}
	return h
}

const (
	fileReadBits  = FILE_READ_DATA | FILE_EXECUTE
	fileWriteBits = FILE_WRITE_DATA | FILE_APPEND_DATA
)

// shareConflict applies the sharing rules between a new open and every live
// file object on the same path: each side's access must be allowed by the
// other's share mode.
func (k *Kernel) shareConflict(key string, access, share uint32) bool {
	for _, o := range k.objects {
		if o.Type != TypeFile || o.Destroyed || fileKey(o.Path) != key {
			continue
		}
		if access&fileReadBits != 0 && o.Share&FILE_SHARE_READ == 0 ||
			access&fileWriteBits != 0 && o.Share&FILE_SHARE_WRITE == 0 ||
			access&DELETE != 0 && o.Share&FILE_SHARE_DELETE == 0 ||
			o.Access&fileReadBits != 0 && share&FILE_SHARE_READ == 0 ||
			o.Access&fileWriteBits != 0 && share&FILE_SHARE_WRITE == 0 ||
			o.Access&DELETE != 0 && share&FILE_SHARE_DELETE == 0 {
			return true
		}
	}
	return false
}

// CreateFileMapping creates (or opens) a file mapping (a section object).
//
// Source: "CreateFileMappingW function": hFile INVALID_HANDLE_VALUE maps the
// paging file and then a size of 0 is ERROR_INVALID_PARAMETER; otherwise hFile
// must be a file handle (ERROR_INVALID_HANDLE). flProtect must be one of the
// page protections CreateFileMapping accepts. The mapping keeps a kernel
// reference on its file, so the file object outlives CloseHandle(hFile)
// (Richter, Windows via C/C++ ch. 17). Access FILE_MAP_ALL_ACCESS.
func (k *Kernel) CreateFileMapping(tid TID, hFile Handle, sa *SecurityAttributes, protect uint32, maxHigh, maxLow uint32, name string) Handle {
	t, p, running := k.caller(tid)
	if !running {
		return 0
	}
	var file *Object
	size := uint64(maxHigh)<<32 | uint64(maxLow)
	switch base := protect &^ 0xFF000000; base {
	case PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY:
	default:
		k.setLastError(t, ERROR_INVALID_PARAMETER)
		return 0
	}
	if hFile == INVALID_HANDLE_VALUE {
		if size == 0 {
			k.setLastError(t, ERROR_INVALID_PARAMETER)
			return 0
		}
	} else {
		file = k.typedHandle(t, p, hFile, TypeFile, 0)
		if file == nil {
			return 0
		}
		// The file handle's access must allow the protection, and a file
		// of length 0 cannot be mapped with a size of 0 (Wine 8.0 probe:
		// ERROR_ACCESS_DENIED for PAGE_READWRITE over a GENERIC_READ
		// handle and for PAGE_READONLY over a GENERIC_WRITE one;
		// ERROR_FILE_INVALID for an empty file). A writable mapping larger
		// than the file extends it (with zero bytes); a read-only one fails.
		_, fileAccess, _ := k.resolve(p, t, hFile)
		if need := mappingNeeds(protect &^ 0xFF000000); fileAccess&need != need {
			k.setLastError(t, ERROR_ACCESS_DENIED)
			return 0
		}
		cur := uint64(len(k.fileData[fileKey(file.Path)]))
		switch {
		case size == 0 && cur == 0:
			k.setLastError(t, ERROR_FILE_INVALID)
			return 0
		case size == 0:
			size = cur
		case size > cur && mappingNeeds(protect&^0xFF000000)&FILE_WRITE_DATA == 0:
			// A read-only or copy-on-write mapping cannot extend the file
			// (Wine 8.0 probe: ERROR_NOT_ENOUGH_MEMORY).
			k.setLastError(t, ERROR_NOT_ENOUGH_MEMORY)
			return 0
		case size > cur:
			if k.fileData == nil {
				k.fileData = map[string]string{}
			}
			k.fileData[fileKey(file.Path)] += strings.Repeat("\x00", int(min(size-cur, 1<<20)))
		}
	}
	created := false
	h := k.createNamed(tid, TypeFileMapping, sa, mappingAccess(protect&^0xFF000000), name, func(o *Object) {
		o.Protect, o.Size = protect, size
		if file != nil {
			// The reference is taken with the object; it is reported once
			// the mapping's own creation has been.
			o.Path, o.BackingID = file.Path, file.ID
			file.KernelRefs++
			created = true
		}
	})
	if created {
		k.emit(Event{Kind: EvUsageChanged, PID: p.Proc.PID, Object: file.ID, ObjType: TypeFile, From: file.UsageCount() - 1, To: file.UsageCount(), Cause: CauseMapping})
	}
	return h
}

// mappingAccess is the access CreateFileMapping asks for (and its handle
// gets): STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_READ, with
// SECTION_MAP_WRITE for the writable protections and SECTION_MAP_EXECUTE for
// the executable ones, never SECTION_EXTEND_SIZE: PAGE_READWRITE gives
// 0xF0007, not SECTION_ALL_ACCESS (ReactOS dll/win32/kernel32/client/file/
// filemap.c, CreateFileMappingW; Wine 8 grants the same).
func mappingAccess(protect uint32) uint32 {
	access := STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_READ
	need := mappingNeeds(protect)
	if need&FILE_WRITE_DATA != 0 {
		access |= SECTION_MAP_WRITE
	}
	if need&FILE_EXECUTE != 0 {
		access |= SECTION_MAP_EXECUTE
	}
	return access
}

// mappingNeeds is the file access a page protection needs ("CreateFileMappingW
// function", flProtect: GENERIC_READ for every protection, GENERIC_WRITE for
// the read-write ones, GENERIC_EXECUTE for the executable ones).
func mappingNeeds(protect uint32) uint32 {
	need := FILE_READ_DATA
	switch protect {
	case PAGE_READWRITE:
		need |= FILE_WRITE_DATA
	case PAGE_EXECUTE_READWRITE:
		need |= FILE_WRITE_DATA | FILE_EXECUTE
	case PAGE_EXECUTE_READ, PAGE_EXECUTE_WRITECOPY:
		need |= FILE_EXECUTE
	}
	return need
}
