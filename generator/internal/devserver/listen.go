package devserver

import (
	"fmt"
	"net"
	"strconv"
)

// The listener: where the server listens, the URL it prints, and when it
// starts letting requests through. It listens before the first build, so a
// browser opened at once waits for the site instead of being refused; the
// connections' limits are conns.go's, the host names it answers to
// hosts.go's.

// listen opens the server's address and returns it with the site's base URL.
func listen(cfg Config) (net.Listener, string, error) {
	addr := net.JoinHostPort(cfg.Bind, strconv.Itoa(cfg.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("cannot listen on %s: %w (another server may be running there: use --port to choose another port)", addr, err)
	}
	url := "http://" + net.JoinHostPort(displayHost(cfg.Bind), strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + "/"
	return ln, url, nil
}

// open lets the requests held during the first build through, and prints
// the URL once.
func (s *Server) open() {
	if s.url == "" {
		return
	}
	s.handler.ready()
	fmt.Fprintf(s.cfg.Out, "serving at %s (Ctrl-C to stop)\n", s.url)
	s.url = ""
}

// displayHost is the host to put in URLs for a bind address.
func displayHost(bind string) string {
	if bind == "" || bind == "0.0.0.0" || bind == "::" {
		return "localhost"
	}
	return bind
}
