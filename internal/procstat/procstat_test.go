package procstat

import (
	"os"
	"os/exec"
	"testing"
)

// TestWatchPeak runs a child that touches 64 MiB and checks the peak is
// seen, and is the child's own (the test process may be larger or smaller).
func TestWatchPeak(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	if os.Getenv("PROCSTAT_CHILD") == "1" {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = byte(i)
		}
		_ = b[len(b)-1]
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWatchPeak$")
	cmd.Env = append(os.Environ(), "PROCSTAT_CHILD=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := WatchPeak(cmd.Process.Pid)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if kb := stop(); kb < 60<<10 || kb > 200<<10 {
		t.Errorf("peak %d KiB, want about 64 MiB and a little", kb)
	}
}
