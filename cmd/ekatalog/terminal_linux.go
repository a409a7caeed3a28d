package main

import (
	"os"
	"syscall"
	"unsafe"
)

// fileIsTerminal asks the kernel for the terminal settings of f: only a
// terminal has them (/dev/null is a character device, but no terminal).
func fileIsTerminal(f *os.File) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
