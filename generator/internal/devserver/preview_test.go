package devserver

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/site"
	"github.com/tradeoffs/tradeoffs/generator/internal/watch"
)

// preview is a running preview server on a site in a temporary folder. A
// test waits on what the server does (a build finishes, a line is printed)
// with until, which wakes on each of those events: it never sleeps to
// decide.
type preview struct {
	t    *testing.T
	root string
	url  string
	mu   sync.Mutex
	done []int // ids of finished builds
	fail map[int]bool
	out  bytes.Buffer
	// changes wakes until whenever a build finishes or the server prints
	// something.
	changes changes
}

func startPreview(t *testing.T, files map[string]string, options ...func(*Config)) *preview {
	t.Helper()
	p := &preview{t: t, root: t.TempDir(), fail: map[int]bool{}}
	p.changes.mu = &p.mu
	for name, data := range files {
		p.write(name, data)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	stopped := make(chan error, 1)
	go func() {
		cfg := Config{
			Root: p.root, Site: site.Options{LinkWarnings: true, Dev: true}, Bind: "127.0.0.1", Port: 0,
			// A loaded test machine (go test runs packages side by side,
			// browsers included) can pause the goroutine writing a burst
			// for longer than the default quiet period (20 ms) or cap: a
			// burst would then be two. Coalescing is what these tests
			// test, not the defaults' values (as in package watch).
			Watch: watch.Options{Quiet: 200 * time.Millisecond, MaxDelay: 10 * time.Second},
			Out:   previewOutput{p}, Err: previewOutput{p},
			Ready: func(url string) { ready <- url },
			Built: func(id int, failed bool) {
				p.mu.Lock()
				defer p.mu.Unlock()
				p.done = append(p.done, id)
				p.fail[id] = failed
				p.changes.changed()
			},
		}
		for _, o := range options {
			o(&cfg)
		}
		stopped <- Run(ctx, cfg)
	}()
	select {
	case p.url = <-ready:
	case err := <-stopped:
		t.Fatalf("the preview server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the preview server did not start in 20 s")
	}
	p.url = strings.TrimSuffix(p.url, "/")
	t.Cleanup(func() {
		cancel()
		select {
		case <-stopped:
		case <-time.After(3 * time.Second):
			t.Error("the preview server did not stop within 3 s of cancellation")
		}
	})
	return p
}

// previewOutput is the server's terminal: the test's buffer.
type previewOutput struct{ p *preview }

func (o previewOutput) Write(b []byte) (int, error) {
	o.p.mu.Lock()
	defer o.p.mu.Unlock()
	defer o.p.changes.changed()
	return o.p.out.Write(b)
}

// until waits until cond, called with p.mu held, holds. It is checked
// again each time a build finishes or the server prints something; after
// 15 s without it the test fails, saying what it waited for.
func (p *preview) until(what string, cond func() bool) {
	p.t.Helper()
	if !p.changes.wait(15*time.Second, cond) {
		p.t.Fatalf("waited 15 s for %s. Server output:\n%s", what, p.output())
	}
}

func (p *preview) write(name, data string) {
	p.t.Helper()
	path := filepath.Join(p.root, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) builds() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.done)
}

// waitBuilds waits until n builds have finished.
func (p *preview) waitBuilds(n int) {
	p.t.Helper()
	p.until("build "+strconv.Itoa(n)+" to finish", func() bool { return len(p.done) >= n })
}

func (p *preview) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *preview) failedBuild(id int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fail[id]
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	res, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var buildMeta = regexp.MustCompile(`<meta name="` + ClientBuildMeta + `" content="(\d+)">`)

// servedBuild is the build a page served by the preview says it comes
// from, -1 if it names none.
func servedBuild(page string) int {
	m := buildMeta.FindStringSubmatch(page)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
