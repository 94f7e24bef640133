package kernel

import "fmt"

// ObjectType is a kernel object type.
type ObjectType uint8

// Object types, in the order the UI lists them. Types added later (pipes,
// mailslots, snapshots) append here.
const (
	TypeProcess ObjectType = iota + 1
	TypeThread
	TypeEvent
	TypeMutex
	TypeSemaphore
	TypeFile
	TypeFileMapping
	TypeWaitableTimer
	TypeJob
	TypePipe      // an anonymous pipe end (read or write)
	TypeNamedPipe // a named pipe end (server instance or client)
	TypeMailslot  // a mailslot (server) or a handle to write to one (client)
)

var typeNames = [...]string{
	TypeProcess:       "Process",
	TypeThread:        "Thread",
	TypeEvent:         "Event",
	TypeMutex:         "Mutex",
	TypeSemaphore:     "Semaphore",
	TypeFile:          "File",
	TypeFileMapping:   "Section",
	TypeWaitableTimer: "Timer",
	TypeJob:           "Job",
	TypePipe:          "Pipe",
	TypeNamedPipe:     "NamedPipe",
	TypeMailslot:      "Mailslot",
}

// String is the name WinDbg's !handle and Process Explorer print for the type
// (a mutex is a "Mutant" there; the textbooks' word is used instead).
func (t ObjectType) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return fmt.Sprintf("Type%d", uint8(t))
}

// ObjectID identifies an object for the life of a Kernel (never reused).
// 0 means "no object".
type ObjectID uint32

// PID and TID come from one number space, multiples of 4.
type (
	PID uint32
	TID uint32
)

// Object is one kernel object: the common header (type, name, address, usage
// count and its breakdown) and the state of its type. Only the fields of its
// own type are meaningful.
type Object struct {
	ID   ObjectID
	Type ObjectType
	Name string // "" when unnamed; as given to Create* ("Local\X" stays so)
	// nsKey is where the name lives in the namespace ("Local\X" and "X"
	// share "X"; "Global\X" is its own); "" for objects outside it.
	nsKey string
	Addr  uint64 // deterministic kernel address: 0xF0000000 + 0x10·n for the n-th object created, 0xE0000000 + 0x10·n for processes and threads

	// HandleCount is the number of handle-table entries, in all processes,
	// that point here; KernelRefs counts the kernel's own references (one
	// while a process or thread runs, one per file mapping over a file).
	HandleCount int
	KernelRefs  int
	// WaitRefs are the references of blocked waits (waitref.go): not in
	// the usage count, but the object lives while one is held.
	WaitRefs  int
	Destroyed bool

	Signaled    bool // event, timer, process, thread, mutex (unowned), job
	ManualReset bool // event, timer

	OwnerTID  TID  // mutex owner, 0 when free
	Recursion int  // mutex recursion count
	Abandoned bool // mutex whose owner exited while holding it

	Count, Max int // semaphore

	Path      string // file path; file mapping: name of the backing file ("" = paging file)
	Access    uint32 // file: access it was opened with
	Share     uint32 // file: share mode
	Protect   uint32 // file mapping protection
	Size      uint64 // file mapping maximum size
	BackingID ObjectID
	Offset    uint64 // file: byte position of the next ReadFile/WriteFile in the UTF-8 text (always between characters)

	Pipe     *PipeState     // pipe and mailslot ends
	Toolhelp *ToolhelpState // a Toolhelp snapshot (a section object)

	Proc   *ProcessInfo // process objects only
	Thread *ThreadInfo  // thread objects only
}

// UsageCount is the textbooks' usage count: handles plus kernel references.
func (o *Object) UsageCount() int { return o.HandleCount + o.KernelRefs }

// Label is "Type name" or "Type" for an unnamed object.
func (o *Object) Label() string {
	if o.Name != "" {
		return o.Type.String() + " " + o.Name
	}
	return o.Type.String()
}

// ProcessInfo is the state a process object carries: identity, command line,
// environment, exit status, its threads and its handle table.
type ProcessInfo struct {
	PID         PID
	ParentPID   PID // 0 for a process started "by the shell"
	Image       string
	CommandLine string
	Env         []string // "NAME=value" entries; replaced, never mutated in place
	Exited      bool
	ExitCode    uint32
	Threads     []ObjectID
	// Std are the standard handles (GetStdHandle's input, output, error)
	// and Console the console the process is attached to (1, 2, … in
	// creation order; 0 for none): console.go.
	Std     [3]Handle
	Console int
	table   HandleTable
	exiting bool // ExitProcess/TerminateProcess under way
}

// Table is the process's handle table, to read; only the kernel changes it.
func (p *ProcessInfo) Table() *HandleTable { return &p.table }

// ThreadInfo is the state of a thread object.
type ThreadInfo struct {
	TID       TID
	Process   ObjectID
	Exited    bool
	ExitCode  uint32
	LastError Errno
	// WaitingIn names the call the thread is blocked in ("" when running):
	// "WaitForSingleObject" and, with pipes, ReadFile / ConnectNamedPipe.
	WaitingIn  string
	WaitObject ObjectID
	WaitHandle Handle // the handle the call was given (0 for WaitNamedPipe)
}

// Entry is one handle-table entry. Entries are small values; a free slot has
// Object == 0. 12 bytes (real x64 Windows uses 16: a pointer with the flags in
// its low bits, and the access mask).
type Entry struct {
	Object ObjectID
	Access uint32
	Flags  uint8
}

// Entries are the live entries of the process's table, ascending by index.
func (p *ProcessInfo) Entries() []IndexedEntry { return p.table.Entries() }

// HandleCountInTable is the number of live entries.
func (p *ProcessInfo) HandleCountInTable() int { return p.table.Len() }

// IndexedEntry is an entry with its position.
type IndexedEntry struct {
	Index  int
	Handle Handle
	Entry
}

// Lookup returns the entry a handle value names (low two bits ignored).
func (p *ProcessInfo) Lookup(h Handle) (Entry, int, bool) { return p.table.Lookup(h) }

// Getenv returns an environment variable of the process.
func (p *ProcessInfo) Getenv(name string) (string, bool) {
	for _, kv := range p.Env {
		if len(kv) > len(name) && kv[len(name)] == '=' && equalFoldASCII(kv[:len(name)], name) {
			return kv[len(name)+1:], true
		}
	}
	return "", false
}

// equalFoldASCII compares environment names the way Windows does
// (case-insensitively) without allocating.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
