//go:build unix

package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// fdLimitChild, set in the environment, makes the test binary the server
// of TestManyIdleConnectionsUnderALowFileLimit.
const fdLimitChild = "TRADEOFFS_TEST_FDLIMIT_CHILD"

// The case from the field: with a limit of 256 open files (macOS's
// default), a client holding 300 idle keep-alive connections made accept
// fail and the next save fail to rebuild ("too many open files", then
// false broken links), and the edit never appeared. The server, in a child
// process limited to 256 files, must answer at most its cap of
// connections, build the save as usual, and serve the edit.
func TestManyIdleConnectionsUnderALowFileLimit(t *testing.T) {
	if os.Getenv(fdLimitChild) != "" {
		serveUnderLowFileLimit(t)
		return
	}
	child := exec.Command(os.Args[0], "-test.run=^TestManyIdleConnectionsUnderALowFileLimit$", "-test.count=1")
	child.Env = append(os.Environ(), fdLimitChild+"=1")
	stdin, _ := child.StdinPipe()
	stdout, _ := child.StdoutPipe()
	var out lockedBuffer
	child.Stderr = &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		child.Wait()
	}()
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			out.Write([]byte(sc.Text() + "\n"))
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(prefix string) string {
		t.Helper()
		timeout := time.After(30 * time.Second)
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("the server stopped before printing %q. Its output:\n%s", prefix, out.String())
				}
				if strings.HasPrefix(line, prefix) {
					return strings.TrimPrefix(line, prefix)
				}
			case <-timeout:
				t.Fatalf("the server did not print %q within 30 s. Its output:\n%s", prefix, out.String())
			}
		}
	}
	if skip := next("SKIP "); skip != "no" {
		t.Skip(skip)
	}
	root, addr := next("ROOT "), strings.TrimPrefix(next("URL "), "http://")

	const clients = 300
	var answered atomic.Int32
	conns := make([]net.Conn, 0, clients)
	for range clients {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", len(conns)+1, err)
		}
		conns = append(conns, c)
		io.WriteString(c, "GET "+ClientStylePath+" HTTP/1.1\r\nHost: localhost\r\n\r\n")
		go func() {
			if res, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				answered.Add(1)
				io.Copy(io.Discard, res.Body)
			}
		}()
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	limit := maxConnsFor(256)
	deadline := time.Now().Add(15 * time.Second)
	for int(answered.Load()) < limit {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d connections answered in 15 s, want %d. Server output:\n%s", answered.Load(), clients, limit, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Once the server waits to accept until a connection closes, it can
	// answer no more while these stay open.
	io.WriteString(stdin, "held?\n")
	next("HELD")
	if n := int(answered.Load()); n > limit {
		t.Errorf("%d connections answered at once, want at most %d under a limit of 256 open files", n, limit)
	}

	page := filepath.Join(root, "content", "notes", "long.md")
	edited := strings.Replace(previewSite["content/notes/long.md"], "ORIGINAL-TEXT", "EDITED-TEXT", 1)
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if built := next("content/notes/long.md: "); !strings.Contains(built, "updated") {
		t.Errorf("the save while %d connections were open: %q, want it built. Server output:\n%s", clients, built, out.String())
	}
	for _, c := range conns {
		c.Close()
	}
	res, err := http.Get("http://" + addr + "/notes/long/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "EDITED-TEXT") {
		t.Errorf("the edit is not served once the connections closed (status %d)", res.StatusCode)
	}
	if s := out.String(); strings.Contains(s, "too many open files") || strings.Contains(s, "broken link") {
		t.Errorf("the server ran out of descriptors:\n%s", s)
	}
}

// serveUnderLowFileLimit runs the preview server limited to 256 open
// files, prints its folder and URL, and serves until its input closes. To
// each line "held?" it answers "HELD" once the server waits for a
// connection to close before it accepts another.
func serveUnderLowFileLimit(t *testing.T) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Max < 256 {
		fmt.Printf("SKIP cannot set a limit of 256 open files (hard limit %d, %v)\n", lim.Max, err)
		return
	}
	lim.Cur = 256
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		fmt.Printf("SKIP cannot set a limit of 256 open files: %v\n", err)
		return
	}
	fmt.Println("SKIP no")
	p := startPreview(t, previewSite, func(c *Config) { c.Out, c.Err = os.Stdout, os.Stdout })
	p.waitBuilds(1)
	fmt.Printf("ROOT %s\nURL %s\n", p.root, p.url)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() == "held?" {
			waitParked(t, "(*limitListener).acquire", 1)
			fmt.Println("HELD")
		}
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
