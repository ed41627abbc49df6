package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

func runServe(ctx context.Context, env Env, args []string) int {
	var sf siteFlags
	fs := newFlags(env, "serve", "serve [flags]", `
Build the site into memory and serve it for preview. Nothing is written to
disk. The server listens on 127.0.0.1 only unless --bind says otherwise.`)
	sf.register(fs)
	bind := fs.String("bind", "127.0.0.1", "address to listen on (0.0.0.0 exposes the preview to your network)")
	port := fs.Int("port", 1313, "port to listen on")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	opts := sf.options()
	opts.BaseURL = "http://" + net.JoinHostPort(displayHost(*bind), strconv.Itoa(*port)) + "/"
	start := time.Now()
	s, err := site.Build(ctx, opts)
	if err != nil {
		return 1
	}
	printDiags(env, sf.root, s.Diags)
	if s.Diags.HasErrors() {
		errs, _ := s.Diags.Count()
		fmt.Fprintf(env.Stderr, "the site has %d %s: fix them and run serve again\n", errs, plural(errs, "error", "errors"))
		return 1
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(env.Stderr, "cannot listen on %s:%d: %v\n(is another server running there? use --port to pick another port)\n", *bind, *port, err)
		return 1
	}
	srv := &http.Server{Handler: devserver.NewHandler(s.Files), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(env.Stdout, "built %s in %s\nserving at %s (Ctrl-C to stop)\n", summary(s.Stats), formatDuration(time.Since(start)), opts.BaseURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		fmt.Fprintln(env.Stdout, "stopped")
		return 0
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return 0
		}
		fmt.Fprintf(env.Stderr, "server: %v\n", err)
		return 1
	}
}

// displayHost is the host to put in URLs for a bind address.
func displayHost(bind string) string {
	if bind == "" || bind == "0.0.0.0" || bind == "::" {
		return "localhost"
	}
	return bind
}
