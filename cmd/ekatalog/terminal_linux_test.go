package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal's two ends.
func openPTY(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ptmx.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		ptmx.Close()
		t.Skipf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ptmx.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		ptmx.Close()
		t.Skipf("ptsname: %v", e)
	}
	tty, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		ptmx.Close()
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { tty.Close(); ptmx.Close() })
	return ptmx, tty
}

// TestBinaryNotOnTerminal: an Excel report or template bound for a
// terminal is a usage error; /dev/null and pipes are no terminals.
func TestBinaryNotOnTerminal(t *testing.T) {
	_, tty := openPTY(t)
	if !isTerminal(tty) {
		t.Fatal("a pseudo-terminal is not taken for a terminal")
	}
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		if isTerminal(null) {
			t.Error("/dev/null is taken for a terminal")
		}
	}
	for _, args := range [][]string{
		{"validate", "--format", "xlsx", "../../testdata/csv/katalog-da.csv"},
		{"template", "-o", "-"},
	} {
		var errb bytes.Buffer
		code := run(args, strings.NewReader(""), tty, &errb)
		if code != 2 || !strings.Contains(errb.String(), "binary workbook") {
			t.Errorf("%v: exit %d, %q; want 2 and a word on the binary workbook", args, code, errb.String())
		}
	}
}
