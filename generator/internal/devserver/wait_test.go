package devserver

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// changes lets a test wait for a condition on state guarded by mu without
// polling: whatever changes the state calls changed, with mu held, which
// wakes the waiters to check their condition again.
type changes struct {
	mu *sync.Mutex
	ch chan struct{}
}

// changed wakes the waiters; mu is held.
func (c *changes) changed() {
	if c.ch != nil {
		close(c.ch)
	}
	c.ch = make(chan struct{})
}

// wait waits until cond, called with mu held, holds, and reports whether
// it did within timeout.
func (c *changes) wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		if c.ch == nil {
			c.ch = make(chan struct{})
		}
		ok, ch := cond(), c.ch
		c.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

// waitParked waits until n goroutines of this process (or more) are
// blocked in frame, a function as a stack trace names it, such as
// "(*Handler).wait": the event a test waits for when what it checks is
// that something does not happen, such as a request answered too early.
// The stacks are read every few milliseconds; the pause only paces the
// reading, the stacks decide.
func waitParked(t *testing.T, frame string, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := parked(frame)
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines blocked in %s after 15 s, want %d", got, frame, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// parked counts the goroutines blocked (not running, nor ready to run)
// with frame on their stack.
func parked(frame string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, stack, _ := strings.Cut(g, "\n")
		_, state, _ := strings.Cut(header, "[")
		if strings.HasPrefix(state, "running") || strings.HasPrefix(state, "runnable") {
			continue
		}
		if strings.Contains(stack, frame+"(") {
			count++
		}
	}
	return count
}
