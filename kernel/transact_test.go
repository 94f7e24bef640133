package kernel

import "testing"

// TransactNamedPipe: a message pipe in message-read mode writes the request
// and reads the reply, counting bytes; a byte pipe is ERROR_BAD_PIPE and
// unread data ERROR_PIPE_BUSY. Sources: "TransactNamedPipe function",
// "Transactions on Named Pipes"; [MS-FSCC] 2.3.48 FSCTL_PIPE_TRANSCEIVE
// (STATUS_INVALID_PIPE_STATE, STATUS_PIPE_BUSY).
func TestTransactNamedPipe(t *testing.T) {
	f := newFx(t)
	k := f.k
	const name = `\\.\pipe\tx`
	srv := k.CreateNamedPipe(f.ta, name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE, 1, 512, 512, 0, nil)
	cl := k.CreateFile(f.tb, name, GENERIC_READ|GENERIC_WRITE, 0, nil, OPEN_EXISTING, 0)
	if _, ok, _ := k.TransactNamedPipe(f.tb, cl, "ping", UnitANSI, 16); ok || k.GetLastError(f.tb) != ERROR_BAD_PIPE {
		t.Errorf("client in byte-read mode: %v, want ERROR_BAD_PIPE", k.GetLastError(f.tb))
	}
	k.SetNamedPipeHandleState(f.tb, cl, modeOf(PIPE_READMODE_MESSAGE))
	k.WriteFile(f.ta, srv, "stale")
	if _, ok, _ := k.TransactNamedPipe(f.tb, cl, "ping", UnitANSI, 16); ok || k.GetLastError(f.tb) != ERROR_PIPE_BUSY {
		t.Errorf("unread data: %v, want ERROR_PIPE_BUSY", k.GetLastError(f.tb))
	}
	k.ReadFile(f.tb, cl, 16)
	_, ok, pending := k.TransactNamedPipe(f.tb, cl, "ping", UnitANSI, 3)
	if ok || !pending {
		t.Fatalf("no reply yet: ok %v pending %v, want a wait", ok, pending)
	}
	if d, _, _ := k.ReadFile(f.ta, srv, 16); d != "ping" {
		t.Errorf("server read %q", d)
	}
	k.TakeEvents()
	k.WriteFile(f.ta, srv, "pong!")
	e, found := ipcFindEvent(k.TakeEvents(), EvDataRead)
	if !found || e.Data != "pon" || e.Err != ERROR_MORE_DATA || e.Bytes != 3 {
		t.Errorf("the waiting transaction's read: %+v, want 3 bytes \"pon\" and ERROR_MORE_DATA", e)
	}
}
