package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/proc"
)

// previewServer is one tool's preview server, as the serve benchmark
// drives it.
type previewServer struct {
	name   string
	args   func(port int) []string
	listen func(ctx context.Context, base string) (<-chan notice, func(), error)
	match  func(n notice, url string) bool
	pre    func() error // untimed, before every start (e.g. remove a cache)
	// retitle also times edits of the page's title, after the appends.
	retitle bool
}

// serveResult is what one server measured, in milliseconds.
type serveResult struct {
	firstRoot, firstPage []float64 // process start → GET / and GET of the page answer 200
	toEvent, toFresh     []float64 // write → live-reload message; write → GET shows the edit
	missed               int       // edits with no message within the timeout
	hwm                  int64     // server's VmHWM, bytes
	// retitled are the same figures for edits of the page's title (ours
	// only, when retitle is set): what lists show changes with them.
	retitled *editTimes
}

// editTimes are one series of edits' figures, in milliseconds.
type editTimes struct {
	toEvent, toFresh []float64
	missed           int
}

// running is a started server process.
type running struct {
	cmd    *exec.Cmd
	t0     time.Time
	base   string
	exited chan struct{}
	log    string
}

func (b *bench) startServer(s previewServer, logName string) (*running, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := s.args(port)
	logPath := filepath.Join(b.out, "logs", logName)
	os.MkdirAll(filepath.Dir(logPath), 0o755)
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = logf, logf
	r := &running{cmd: cmd, base: "http://127.0.0.1:" + strconv.Itoa(port), exited: make(chan struct{}), log: logPath}
	r.t0 = time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting %s: %w", s.name, err)
	}
	go func() { cmd.Wait(); logf.Close(); close(r.exited) }()
	return r, nil
}

// stop ends the server by its own PID: SIGTERM, then SIGKILL after 10 s.
func (r *running) stop() {
	r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.exited:
	case <-time.After(10 * time.Second):
		r.cmd.Process.Kill()
		<-r.exited
	}
}

// waitServe polls GET / and then GET url every 10 ms until both answer
// 200, and returns the times since the process started.
func (b *bench) waitServe(r *running, url string) (root, page time.Duration, err error) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Minute)
	defer cancel()
	c := newClient()
	for ctx.Err() == nil {
		select {
		case <-r.exited:
			return 0, 0, fmt.Errorf("the server exited before serving (see %s)", r.log)
		default:
		}
		if root == 0 {
			if code, _ := get(ctx, c, r.base, "/"); code == http.StatusOK {
				root = time.Since(r.t0)
			}
		}
		if root != 0 {
			if code, _ := get(ctx, c, r.base, url); code == http.StatusOK {
				return root, time.Since(r.t0), nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, 0, fmt.Errorf("the server did not serve %s within 5 minutes (see %s)", url, r.log)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// measureServer starts the server starts times, timing each start, and times
// the edits against the last one.
func (b *bench) measureServer(s previewServer, root string, n, starts int) (serveResult, error) {
	var res serveResult
	file, url, err := editPage(root)
	if err != nil {
		return res, err
	}
	orig, err := os.ReadFile(file)
	if err != nil {
		return res, err
	}
	defer os.WriteFile(file, orig, 0o644)
	var r *running
	for i := range starts {
		if r != nil {
			r.stop()
			time.Sleep(500 * time.Millisecond)
		}
		if s.pre != nil {
			if err := s.pre(); err != nil {
				return res, fmt.Errorf("%s: before the start: %w", s.name, err)
			}
		}
		if r, err = b.startServer(s, fmt.Sprintf("%s-serve-n%d.log", strings.ToLower(s.name), n)); err != nil {
			return res, err
		}
		defer r.stop()
		tRoot, tPage, err := b.waitServe(r, url)
		if err != nil {
			return res, fmt.Errorf("%s, %d pages: %w", s.name, n, err)
		}
		res.firstRoot = append(res.firstRoot, ms(tRoot))
		res.firstPage = append(res.firstPage, ms(tPage))
		b.logf("%s n=%d start %d/%d: / after %.0f ms, the page after %.0f ms", s.name, n, i+1, starts, ms(tRoot), ms(tPage))
	}
	appended, err := b.edits(s, r, file, url, b.o.edits, appendLine)
	if err != nil {
		return res, fmt.Errorf("%s, %d pages: %w", s.name, n, err)
	}
	res.toEvent, res.toFresh, res.missed = appended.toEvent, appended.toFresh, appended.missed
	if s.retitle {
		if res.retitled, err = b.edits(s, r, file, url, max(b.o.edits/2, 1), setTitle); err != nil {
			return res, fmt.Errorf("%s, %d pages: %w", s.name, n, err)
		}
	}
	st, err := proc.ReadStatus(r.cmd.Process.Pid)
	if err != nil {
		return res, err
	}
	res.hwm = st.VmHWM
	return res, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// edits changes the page n times with change (which writes a marker into
// it) and times the message and the fresh page, as the peer kit's
// livereload-latency.js does.
func (b *bench) edits(s previewServer, r *running, file, url string, n int, change func(file, marker string) error) (*editTimes, error) {
	res := &editTimes{}
	notices, closeListen, err := s.listen(b.ctx, r.base)
	if err != nil {
		return nil, err
	}
	defer closeListen()
	c := newClient()
	time.Sleep(300 * time.Millisecond)
	get(b.ctx, c, r.base, url) // the open tab
	time.Sleep(b.o.settle)
	for i := range n {
		drain(notices)
		marker := fmt.Sprintf("bench-edit-marker-%d-%d", i, time.Now().UnixNano())
		t0 := time.Now()
		if err := change(file, marker); err != nil {
			return nil, err
		}
		at, err := waitNotice(b.ctx, notices, s, url)
		if errors.Is(err, errTimeout) {
			res.missed++
			b.logf("%s edit %d: no message in 60 s", s.name, i+1)
			continue
		} else if err != nil {
			return nil, err
		}
		res.toEvent = append(res.toEvent, ms(at.Sub(t0)))
		fresh, ok := b.waitFresh(c, r.base, url, marker, t0)
		if ok {
			res.toFresh = append(res.toFresh, ms(fresh))
		}
		b.logf("%s edit %d/%d: message after %.0f ms, page with the edit after %.0f ms", s.name, i+1, n, ms(at.Sub(t0)), ms(fresh))
		time.Sleep(b.o.settle)
	}
	return res, nil
}

var errTimeout = errors.New("timeout")

func waitNotice(ctx context.Context, ch <-chan notice, s previewServer, url string) (time.Time, error) {
	timeout := time.After(60 * time.Second)
	for {
		select {
		case n, ok := <-ch:
			if !ok {
				return time.Time{}, fmt.Errorf("the live-reload connection closed")
			}
			if s.match(n, url) {
				return n.at, nil
			}
		case <-timeout:
			return time.Time{}, errTimeout
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		}
	}
}

// waitFresh GETs the page until it holds the marker: what a reloading tab
// sees.
func (b *bench) waitFresh(c *http.Client, base, url, marker string, t0 time.Time) (time.Duration, bool) {
	for range 500 {
		if _, body := get(b.ctx, c, base, url); strings.Contains(body, marker) {
			return time.Since(t0), true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(t0), false
}

func drain(ch <-chan notice) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}
