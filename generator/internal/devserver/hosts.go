package devserver

import (
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"sync"
)

// hosts are the names the preview server answers to. A page on any site
// can point a name of its own at 127.0.0.1 (DNS rebinding) and then read
// the preview as its own origin, drafts included; the browser then sends
// that name in the Host header. So a request is answered only if its Host
// is:
//
//   - localhost or a name under .localhost (never anyone else's: browsers
//     and resolvers keep them on the machine);
//   - an IP address, whatever the bind address: a browser sends an address
//     only when the page's own origin is that address, which no other site
//     can claim. This covers the machine's addresses when bound to 0.0.0.0
//     (a phone on the same network), addresses added after the start, and
//     forwarded ports (containers, virtual machines);
//   - the name given to --bind, if a name;
//   - a name given with --allow-host (".example.test" allows that name and
//     every name under it).
//
// The port is not checked: a forwarded port changes it, and it does not
// make a name anyone else's.
type hosts struct {
	names   map[string]bool
	domains []string
	// refused are the names already reported in the terminal.
	mu      sync.Mutex
	refused map[string]bool
}

// maxReported is how many refused names the terminal is told about.
const maxReported = 20

// newHosts returns the names a server bound to bind answers to, with
// those of --allow-host (allow), or an error naming a value of allow that
// is not a host name.
func newHosts(bind string, allow []string) (*hosts, error) {
	h := &hosts{names: map[string]bool{"localhost": true}, refused: map[string]bool{}}
	if name, _, ok := splitHost(bind); ok {
		h.names[name] = true
	}
	for _, a := range allow {
		d, domain := strings.CutPrefix(a, ".")
		name, _, ok := splitHost(d)
		switch {
		case !ok || strings.ContainsAny(name, "/@ \t"):
			return nil, fmt.Errorf("--allow-host %q is not a host name: give a name such as preview.example (or .example to allow every name under it), without a scheme or a path", a)
		case domain:
			h.domains = append(h.domains, name)
		default:
			h.names[name] = true
		}
	}
	return h, nil
}

// allowed reports whether a request with this Host header is answered.
func (h *hosts) allowed(host string) bool {
	name, ip, ok := splitHost(host)
	switch {
	case !ok:
		return false
	case ip, h.names[name], strings.HasSuffix(name, ".localhost"):
		return true
	}
	for _, d := range h.domains {
		if name == d || strings.HasSuffix(name, "."+d) {
			return true
		}
	}
	return false
}

// splitHost returns the name of a Host header (or a --bind or
// --allow-host value) in lower case, without its port or trailing dot,
// and whether it is an IP address. An IPv6 address must be in brackets,
// as in a URL, except alone (a bind address such as ::1).
func splitHost(host string) (name string, ip, ok bool) {
	if a, err := netip.ParseAddr(host); err == nil && a.Is6() {
		return a.String(), true, true
	}
	if rest, found := strings.CutPrefix(host, "["); found {
		inside, port, found := strings.Cut(rest, "]")
		a, err := netip.ParseAddr(inside)
		if !found || err != nil || !validPort(port) {
			return "", false, false
		}
		return a.String(), true, true
	}
	name = host
	if i := strings.IndexByte(host, ':'); i >= 0 {
		if !validPort(host[i:]) {
			return "", false, false
		}
		name = host[:i]
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "" {
		return "", false, false
	}
	if a, err := netip.ParseAddr(name); err == nil {
		return a.String(), true, true
	}
	return name, false, true
}

// validPort reports whether s is empty or a colon and digits.
func validPort(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// guard answers requests for other names with 403 and a line saying how
// to allow the name, and tells the terminal (report) about each name
// refused, once.
func (h *hosts) guard(next http.Handler, report io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.allowed(r.Host) {
			next.ServeHTTP(w, r)
			return
		}
		name, reason := refusal(r.Host)
		for k, v := range SecurityHeaders() {
			w.Header().Set(k, v)
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "403 forbidden: "+reason+"\n")
		if h.firstRefusal(name) {
			fmt.Fprintf(report, "refused a request from %s: %s\n", r.RemoteAddr, reason)
		}
	})
}

// refusal returns the name a request for host asked for and the reason,
// in one line, it is refused.
func refusal(host string) (name, reason string) {
	name, _, ok := splitHost(host)
	switch {
	case host == "":
		return host, "the request has no Host header"
	case !ok:
		return host, fmt.Sprintf("the Host header %q is not a host name", host)
	}
	return name, fmt.Sprintf("this preview server does not answer to %q, a name it was not started with (a page elsewhere could point that name here and read the preview); if the name is yours, restart the server with --allow-host %s", name, name)
}

// firstRefusal reports whether name is refused for the first time, and
// among the first maxReported names refused.
func (h *hosts) firstRefusal(name string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.refused[name] || len(h.refused) >= maxReported {
		return false
	}
	h.refused[name] = true
	return true
}
