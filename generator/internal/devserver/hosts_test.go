package devserver

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// hostGet requests path from the preview with the given Host header. An
// event stream is not read: its status and type are what count.
func (p *preview) hostGet(host, path string) (status int, ctype, body string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", p.url+path, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	req.Host = host
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatalf("GET %s with Host %q: %v", path, host, err)
	}
	defer res.Body.Close()
	ctype = res.Header.Get("Content-Type")
	if ctype == "text/event-stream" {
		return res.StatusCode, ctype, ""
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, ctype, string(b)
}

// A page on another site can point its own name at 127.0.0.1 (DNS
// rebinding) and then read the preview as its own origin, drafts
// included. The server answers only to the names it is bound to and those
// given with --allow-host, on every route.
func TestForeignHostIsRefused(t *testing.T) {
	p := startPreview(t, previewSite, func(c *Config) {
		c.AllowHosts = []string{"preview.test", ".tunnel.test"}
	})
	port := p.url[strings.LastIndex(p.url, ":")+1:]
	paths := []string{"/", "/notes/long/", "/notes/long", "/nope/", "/search/entry.json", ClientEventsPath, ClientScriptPath, ClientDOMPath, ClientStylePath}

	for _, tt := range []struct{ host, name string }{
		{"evil.example", "evil.example"},
		{"evil.example:" + port, "evil.example"},
		{"EVIL.example.", "evil.example"},
		{"localhost.evil.example:" + port, "localhost.evil.example"},
		{"127.0.0.1.evil.example", "127.0.0.1.evil.example"},
		{"preview.test.evil.example", "preview.test.evil.example"},
		{"tunnel.test.evil.example", "tunnel.test.evil.example"},
		{"eviltunnel.test", "eviltunnel.test"},
		{"notlocalhost", "notlocalhost"},
	} {
		for _, path := range paths {
			code, ctype, body := p.hostGet(tt.host, path)
			if code != http.StatusForbidden {
				t.Errorf("Host %q, GET %s: status %d (%s), want 403", tt.host, path, code, ctype)
				continue
			}
			if !strings.HasPrefix(ctype, "text/plain") || strings.Count(body, "\n") != 1 || !strings.HasSuffix(body, "\n") {
				t.Errorf("Host %q, GET %s: the refusal is not one line of plain text (%s): %q", tt.host, path, ctype, body)
			}
			if want := "--allow-host " + tt.name; !strings.Contains(body, want) {
				t.Errorf("Host %q, GET %s: the refusal does not say to use %q: %q", tt.host, path, want, body)
			}
			if strings.Contains(body, "ORIGINAL-TEXT") || strings.Contains(body, "Welcome") {
				t.Errorf("Host %q, GET %s: the refusal shows the site", tt.host, path)
			}
		}
	}

	for _, host := range []string{
		"localhost", "localhost:" + port, "LocalHost:" + port, "localhost.:" + port,
		"127.0.0.1", "127.0.0.1:" + port, "[::1]", "[::1]:" + port,
		"docs.localhost:" + port,
		// Only a page whose origin is this very address sends it: an
		// address is not a name another site can point here.
		"10.1.2.3:" + port, "[fe80::1]:8080",
		"preview.test", "preview.test:8080", "tunnel.test", "a.tunnel.test:" + port, "b.a.tunnel.test",
	} {
		if code, _, body := p.hostGet(host, "/notes/long/"); code != http.StatusOK || !strings.Contains(body, "ORIGINAL-TEXT") {
			t.Errorf("Host %q: page status %d, want 200 with the page", host, code)
		}
		if code, ctype, _ := p.hostGet(host, ClientEventsPath); code != http.StatusOK || ctype != "text/event-stream" {
			t.Errorf("Host %q: event stream status %d (%s), want 200 text/event-stream", host, code, ctype)
		}
	}

	p.mu.Lock()
	out := p.out.String()
	p.mu.Unlock()
	if !strings.Contains(out, "--allow-host evil.example") {
		t.Errorf("the terminal does not say which host was refused and how to allow it:\n%s", out)
	}
}

// The names a server bound elsewhere than 127.0.0.1 answers to.
func TestAllowedHosts(t *testing.T) {
	for _, tt := range []struct {
		bind  string
		allow []string
		host  string
		ok    bool
	}{
		{"127.0.0.1", nil, "localhost", true},
		{"127.0.0.1", nil, "myhost.lan", false},
		{"127.0.0.1", nil, "", false},
		{"127.0.0.1", nil, "127.0.0.1:1313", true},
		{"127.0.0.1", nil, "[::ffff:127.0.0.1]:1313", true},
		{"127.0.0.1", nil, "::1", true}, // unbracketed, but an address all the same
		{"127.0.0.1", nil, "0x7f.1", false},
		{"127.0.0.1", nil, "127.1", false},
		{"192.168.1.5", nil, "192.168.1.5:1313", true},
		{"myhost.lan", nil, "myhost.lan:1313", true},
		{"myhost.lan", nil, "MYHOST.LAN.", true},
		{"myhost.lan", nil, "other.lan", false},
		{"0.0.0.0", nil, "192.168.1.5:1313", true},
		{"0.0.0.0", nil, "myhost.lan", false},
		{"0.0.0.0", []string{"myhost.lan"}, "myhost.lan:1313", true},
		{"::", []string{".lan"}, "myhost.lan", true},
		{"::", []string{".lan"}, "lan", true},
		{"::", []string{".lan"}, "myhostlan", false},
		{"", []string{"Preview.Test:8080"}, "preview.test", true},
	} {
		h, err := newHosts(tt.bind, tt.allow)
		if err != nil {
			t.Errorf("bound to %q, --allow-host %v: %v", tt.bind, tt.allow, err)
			continue
		}
		if got := h.allowed(tt.host); got != tt.ok {
			t.Errorf("bound to %q, --allow-host %v: Host %q allowed = %v, want %v", tt.bind, tt.allow, tt.host, got, tt.ok)
		}
	}
}

// A value of --allow-host that is not a host name stops the server at
// the start, saying what to give instead.
func TestAllowHostMustBeAName(t *testing.T) {
	for _, bad := range []string{"", ".", "http://preview.test", "preview.test/docs", "user@preview.test", "preview.test:http", "[::1", "a b"} {
		if _, err := newHosts("127.0.0.1", []string{bad}); err == nil || !strings.Contains(err.Error(), "--allow-host") {
			t.Errorf("--allow-host %q: error %v, want one naming the flag", bad, err)
		}
	}
	// A server that starts anyway runs until ctx ends, and fails the test.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Run(ctx, Config{Root: t.TempDir(), Bind: "127.0.0.1", AllowHosts: []string{"http://preview.test/"}, Out: io.Discard, Err: io.Discard})
	if err == nil || !strings.Contains(err.Error(), `"http://preview.test/"`) {
		t.Errorf("Run with a URL for --allow-host: %v, want an error naming it", err)
	}
}
