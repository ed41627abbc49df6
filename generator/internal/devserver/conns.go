package devserver

import (
	"cmp"
	"log"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// What a connection may hold, and for how long. Every connection holds a
// file descriptor, and a process has a limited number: with a limit of
// 256 (macOS's default), a client keeping 245 idle connections open left
// the server unable to accept, and its rebuilds unable to open the site's
// files. So:
//
//   - an idle keep-alive connection is closed after idleTimeout (the
//     browser opens a new one when it needs it);
//   - a client has headerTimeout to send a request's headers;
//   - a response must be written within writeTimeout, counted from when
//     it can start (a request held during the first build counts from the
//     build's end), so a client that stops reading cannot hold a
//     connection for ever;
//   - the live-reload stream lives as long as the tab: it is idle between
//     saves by design, so it has no overall deadline, but each event must
//     be written within eventWriteTimeout (see hub.ServeHTTP), so a tab
//     that stops reading is dropped;
//   - at most maxConns connections are open at once (see maxConnsFor);
//     more wait in the system's queue, holding no descriptor of the
//     server's, until one closes.
const (
	idleTimeout       = 30 * time.Second
	headerTimeout     = 10 * time.Second
	writeTimeout      = 2 * time.Minute
	eventWriteTimeout = 10 * time.Second
	maxConnsCap       = 128
)

// maxConnsFor is the connection cap under a limit of open files (0 if
// unknown): a quarter of the limit, leaving the rest to the builds and the
// watcher, between 8 and maxConnsCap. A browser opens at most six
// connections to a server, the tabs' live-reload streams included, so the
// cap is reached only by other clients.
func maxConnsFor(limit uint64) int {
	if limit == 0 {
		return maxConnsCap
	}
	return int(min(maxConnsCap, max(8, limit/4)))
}

// newHTTPServer serves handler on ln with the limits above.
func newHTTPServer(cfg Config, ln net.Listener, handler http.Handler) (*http.Server, net.Listener) {
	ln = netutil.LimitListener(ln, cmp.Or(cfg.MaxConns, maxConnsFor(fileLimit())))
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       cmp.Or(cfg.IdleTimeout, idleTimeout),
		WriteTimeout:      cmp.Or(cfg.WriteTimeout, writeTimeout),
		ErrorLog:          log.New(cfg.Err, "", 0),
	}, ln
}

// extendWrite gives the response d from now, if d is not 0.
func extendWrite(w http.ResponseWriter, d time.Duration) {
	if d > 0 {
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
	}
}
