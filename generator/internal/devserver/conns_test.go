package devserver

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// keepAlive opens a connection to the preview, makes one request on it and
// reads the answer, leaving the connection open and idle, as a browser
// does between page loads.
func (p *preview) keepAlive(path string) (net.Conn, *bufio.Reader) {
	p.t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: localhost\r\n\r\n"); err != nil {
		p.t.Fatal(err)
	}
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Close {
		p.t.Fatalf("GET %s: status %d, close %v: want a 200 on a kept-alive connection", path, res.StatusCode, res.Close)
	}
	return c, r
}

// closedByServer waits (at most 10 s) for the server to close c, and
// reports whether it did.
func closedByServer(c net.Conn, r *bufio.Reader) error {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := r.ReadByte()
	switch {
	case err == nil:
		return errors.New("the server sent data on an idle connection")
	case errors.Is(err, os.ErrDeadlineExceeded):
		return errors.New("the idle connection was still open after 10 s")
	}
	return nil // EOF or reset: closed
}

// An idle keep-alive connection holds a file descriptor: 245 of them made
// a server with 256 descriptors fail to rebuild. The server closes them
// after its idle timeout; the live-reload stream, idle between saves by
// design, stays open past both the idle and the write timeout and keeps
// delivering.
func TestIdleConnectionsAreClosed(t *testing.T) {
	const timeout = time.Second
	p := startPreview(t, previewSite, func(c *Config) { c.IdleTimeout, c.WriteTimeout = timeout, timeout })
	p.waitBuilds(1)
	events := p.stream()
	c, r := p.keepAlive(ClientStylePath)
	if err := closedByServer(c, r); err != nil {
		t.Fatalf("%v (idle timeout %v)", err, timeout)
	}
	// The stream, opened before that connection, has been open longer
	// than both timeouts: it must still carry the next save.
	n := p.builds()
	p.write("content/notes/other.md", "---\ntitle: Another note\n---\nAFTER-IDLE\n")
	p.waitBuilds(n + 1)
	for {
		ev := events.next(t)
		if ev.name == "update" {
			if !strings.Contains(ev.data, "/notes/other/") {
				t.Errorf("the update after the idle period does not name the page: %s", ev.data)
			}
			break
		}
	}
}

// event is one Server-Sent Event as read from the stream.
type event struct{ name, data string }

type eventStream struct {
	events chan event
	err    chan error
}

// stream connects to the live-reload stream and reads it in the
// background until the test ends.
func (p *preview) stream() *eventStream {
	p.t.Helper()
	res, err := http.Get(p.url + ClientEventsPath)
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { res.Body.Close() })
	s := &eventStream{events: make(chan event, 64), err: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				s.events <- ev
				ev = event{}
			}
		}
		s.err <- errors.Join(sc.Err(), io.ErrUnexpectedEOF)
	}()
	return s
}

// next returns the next event, failing the test if the stream ends or
// nothing comes within 15 s.
func (s *eventStream) next(t *testing.T) event {
	t.Helper()
	select {
	case ev := <-s.events:
		return ev
	case err := <-s.err:
		t.Fatalf("the live-reload stream ended: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("no event on the live-reload stream in 15 s")
	}
	return event{}
}

// The server holds at most MaxConns connections at once: the next one
// waits (in the system's queue, holding no descriptor of the server's)
// until one closes, however many a client opens.
func TestConnectionsAreCapped(t *testing.T) {
	p := startPreview(t, previewSite, func(c *Config) { c.MaxConns = 4 })
	p.waitBuilds(1)
	var open []net.Conn
	for range 4 {
		c, _ := p.keepAlive("/notes/long/")
		open = append(open, c)
	}
	extra, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	io.WriteString(extra, "GET /notes/other/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
	answered := make(chan error, 1)
	go func() {
		res, err := http.ReadResponse(bufio.NewReader(extra), nil)
		if err == nil && res.StatusCode != http.StatusOK {
			err = errors.New(res.Status)
		}
		answered <- err
	}()
	// The server waits to accept until a connection closes: the fifth
	// cannot have been accepted, let alone answered.
	waitParked(t, "(*limitListener).acquire", 1)
	select {
	case <-answered:
		t.Fatal("a fifth connection was answered while four were open (MaxConns 4)")
	default:
	}
	open[0].Close()
	select {
	case err := <-answered:
		if err != nil {
			t.Fatalf("the waiting connection, once another closed: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting connection was not answered within 10 s of another closing")
	}
}
