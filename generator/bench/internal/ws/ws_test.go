package ws

import (
	"bufio"
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// liveReloadServer answers the handshake, reads the client's hello, then
// sends a ping, a reload split into two fragments, and a close.
func liveReloadServer(t *testing.T, gotHello chan<- string, gotPong chan<- string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/livereload" || r.Header.Get("Upgrade") != "websocket" {
			http.Error(w, "not a websocket request", http.StatusBadRequest)
			return
		}
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
			acceptKey(r.Header.Get("Sec-WebSocket-Key")) + "\r\n\r\n")
		rw.Flush()
		gotHello <- readClientFrame(t, rw.Reader)
		rw.Write([]byte{0x89, 4, 'p', 'i', 'n', 'g'})
		rw.Flush()
		gotPong <- readClientFrame(t, rw.Reader)
		first, second := `{"command":"rel`, `oad","path":"/notes/a/"}`
		rw.Write(append([]byte{0x01, byte(len(first))}, first...))   // text, not final
		rw.Write(append([]byte{0x80, byte(len(second))}, second...)) // continuation, final
		rw.Write([]byte{0x88, 0})
		rw.Flush()
	}))
}

// readClientFrame reads one masked frame, as a client must send them.
func readClientFrame(t *testing.T, r *bufio.Reader) string {
	var h [2]byte
	io.ReadFull(r, h[:])
	if h[1]&0x80 == 0 {
		t.Error("client frame not masked")
	}
	n := int(h[1] & 0x7F)
	if n == 126 {
		var x [2]byte
		io.ReadFull(r, x[:])
		n = int(binary.BigEndian.Uint16(x[:]))
	}
	var mask [4]byte
	io.ReadFull(r, mask[:])
	p := make([]byte, n)
	io.ReadFull(r, p)
	for i := range p {
		p[i] ^= mask[i%4]
	}
	return string(p)
}

func TestLiveReloadExchange(t *testing.T) {
	hello, pong := make(chan string, 1), make(chan string, 1)
	srv := liveReloadServer(t, hello, pong)
	defer srv.Close()
	conn, err := Dial(context.Background(), "ws"+strings.TrimPrefix(srv.URL, "http")+"/livereload")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const msg = `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := conn.WriteText([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	if got := <-hello; got != msg {
		t.Errorf("server read %q, want the hello", got)
	}
	got, err := conn.ReadText()
	if err != nil || string(got) != `{"command":"reload","path":"/notes/a/"}` {
		t.Errorf("ReadText = %q, %v; want the joined reload message", got, err)
	}
	if p := <-pong; p != "ping" {
		t.Errorf("pong carried %q, want the ping's payload", p)
	}
	if _, err := conn.ReadText(); err != ErrClosed {
		t.Errorf("after the close frame: %v, want ErrClosed", err)
	}
}

func TestDialRefusesAServerThatDoesNotUpgrade(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := Dial(context.Background(), "ws"+strings.TrimPrefix(srv.URL, "http")+"/livereload")
	if err == nil || !strings.Contains(err.Error(), "handshake refused") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Dial(context.Background(), "http://x/"); err == nil {
		t.Fatal("an http:// URL was accepted")
	}
}
