// Package proc runs a benchmarked command as a child process and reads
// what the kernel knows about it: wall time, CPU time (user + system) and
// peak resident memory from wait4's rusage, and the high-water mark of a
// still-running server from /proc/PID/status.
//
// It imports the standard library only (Linux: rusage and /proc).
package proc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Sample is one timed run of a whole process.
type Sample struct {
	Wall      time.Duration
	User, Sys time.Duration
	// MaxRSS is the peak resident set of the process, in bytes.
	MaxRSS int64
	// Stdout is what the command printed on its standard output.
	Stdout string
}

// CPU is user plus system time.
func (s Sample) CPU() time.Duration { return s.User + s.Sys }

// Run starts name with args in dir, waits for it and returns its figures.
// Stdin is empty and stderr is kept only to explain a failure: a command
// that exits non-zero is an error quoting the end of its stderr.
func Run(ctx context.Context, dir, name string, args ...string) (Sample, error) {
	c := exec.CommandContext(ctx, name, args...)
	c.Dir = dir
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &tail{max: 4096, b: &stderr}
	t0 := time.Now()
	if err := c.Start(); err != nil {
		return Sample{}, fmt.Errorf("starting %s: %w", name, err)
	}
	err := c.Wait()
	wall := time.Since(t0)
	if err != nil {
		return Sample{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return Sample{}, fmt.Errorf("%s: no rusage on this system (the benchmark needs Linux)", name)
	}
	return Sample{
		Wall:   wall,
		User:   time.Duration(ru.Utime.Nano()),
		Sys:    time.Duration(ru.Stime.Nano()),
		MaxRSS: ru.Maxrss * 1024, // Linux reports KiB
		Stdout: stdout.String(),
	}, nil
}

// tail keeps the last max bytes written to it, so a chatty failing command
// does not fill memory but its last words are kept.
type tail struct {
	max int
	b   *bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.b.Write(p)
	if over := t.b.Len() - t.max; over > 0 {
		t.b.Next(over)
	}
	return len(p), nil
}

// Status is what the benchmark reads from /proc/PID/status, in bytes.
type Status struct {
	VmHWM int64 // peak resident set
	VmRSS int64 // current resident set
}

// ReadStatus reads /proc/PID/status of a running process.
func ReadStatus(pid int) (Status, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return Status{}, fmt.Errorf("reading the memory of process %d: %w", pid, err)
	}
	defer f.Close()
	return ParseStatus(f)
}

// ParseStatus reads the VmHWM and VmRSS lines ("VmHWM:    1234 kB") of a
// /proc/PID/status file. A file without VmHWM (a kernel thread, a zombie)
// is an error.
func ParseStatus(r io.Reader) (Status, error) {
	var st Status
	var seen bool
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmHWM" && key != "VmRSS") {
			continue
		}
		n, err := parseKB(val)
		if err != nil {
			return Status{}, fmt.Errorf("%s: %w", key, err)
		}
		if key == "VmHWM" {
			st.VmHWM, seen = n, true
		} else {
			st.VmRSS = n
		}
	}
	if err := sc.Err(); err != nil {
		return Status{}, err
	}
	if !seen {
		return Status{}, fmt.Errorf("no VmHWM line: the process has no memory of its own (exited?)")
	}
	return st, nil
}

// parseKB reads "   1234 kB" as bytes.
func parseKB(s string) (int64, error) {
	f := strings.Fields(s)
	if len(f) != 2 || f[1] != "kB" {
		return 0, fmt.Errorf("unexpected value %q, want a number of kB", strings.TrimSpace(s))
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("unexpected value %q, want a number of kB", strings.TrimSpace(s))
	}
	return n * 1024, nil
}
