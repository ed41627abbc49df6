package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/sse"
	"github.com/tradeoffs/tradeoffs/generator/bench/internal/ws"
)

// notice is one live-reload message as a client received it.
type notice struct {
	at    time.Time
	kind  string   // "update", "problems", "hello" (ours); "reload", … (Hugo)
	pages []string // ours: the pages an update changed
}

// listenOurs subscribes to our preview server's Server-Sent Events.
func listenOurs(ctx context.Context, base string) (<-chan notice, func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_tradeoffs/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("subscribing to %s/_tradeoffs/events: %w", base, err)
	}
	if res.StatusCode != http.StatusOK {
		cancel()
		res.Body.Close()
		return nil, nil, fmt.Errorf("%s/_tradeoffs/events answered %s", base, res.Status)
	}
	ch := make(chan notice, 64)
	go func() {
		defer close(ch)
		defer res.Body.Close()
		r := sse.NewReader(res.Body)
		for {
			ev, err := r.Next()
			if err != nil {
				return
			}
			n := notice{at: time.Now(), kind: ev.Name}
			if ev.Name == "update" {
				var up struct{ Pages []string }
				json.Unmarshal([]byte(ev.Data), &up)
				n.pages = up.Pages
			}
			ch <- n
		}
	}()
	return ch, cancel, nil
}

// listenHugo opens Hugo's LiveReload websocket and says hello as the
// livereload.js of an open tab does (protocol official-7).
func listenHugo(ctx context.Context, base string) (<-chan notice, func(), error) {
	u := "ws" + base[len("http"):] + "/livereload"
	conn, err := ws.Dial(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	hello := `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := conn.WriteText([]byte(hello)); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("livereload hello: %w", err)
	}
	ch := make(chan notice, 64)
	go func() {
		defer close(ch)
		for {
			msg, err := conn.ReadText()
			if err != nil {
				return
			}
			at := time.Now()
			var m struct{ Command string }
			if json.Unmarshal(msg, &m) == nil {
				ch <- notice{at: at, kind: m.Command}
			}
		}
	}()
	return ch, func() { conn.Close() }, nil
}

// isOurUpdate matches our update event naming the edited page.
func isOurUpdate(n notice, url string) bool {
	return n.kind == "update" && slices.Contains(n.pages, url)
}

// isHugoReload matches Hugo's reload command (the peer script takes any).
func isHugoReload(n notice, _ string) bool { return n.kind == "reload" }

// newClient talks to a server without keeping connections, as the peer
// script does, and waits as long as a first build may take.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true, DialContext: (&net.Dialer{Timeout: 2 * time.Second}).DialContext}}
}

// get returns the status and body of base+path; status 0 when the server
// does not answer (yet).
func get(ctx context.Context, client *http.Client, base, path string) (int, string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+path, nil)
	res, err := client.Do(req)
	if err != nil {
		return 0, ""
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(bufio.NewReader(res.Body))
	return res.StatusCode, string(body)
}
