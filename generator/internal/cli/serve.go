package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

func runServe(ctx context.Context, env Env, args []string) int {
	var sf siteFlags
	fs := newFlags(env, "serve", "serve [flags]", `
Build the site into memory, serve it for preview, and rebuild on every save
under content/, layouts/ and static/: open tabs update by themselves. Broken
links and anchors are shown as warnings (in the terminal and in the page);
errors that stop the build show in the page over the last good site.
The site is served from memory, not written to public/ (serve only cleans
up what a killed build left there); the build cache (highlighted code and
diagrams: --cache, --no-cache) is saved when the server stops, so the next
start is quicker. The server listens on 127.0.0.1 only unless
--bind says otherwise, and answers only to localhost, IP addresses, the
--bind name and the names given with --allow-host (another site could
point a name of its own at your machine and read the preview). Idle
connections are closed after 30 seconds.`)
	sf.register(fs)
	bind := fs.String("bind", "127.0.0.1", "address to listen on (0.0.0.0 exposes the preview to your network)")
	port := fs.Int("port", 1313, "port to listen on")
	var allow hostList
	fs.Var(&allow, "allow-host", "a host name the preview may be opened under besides localhost and IP addresses (repeat it, or separate names with commas; .example.org allows every name under it)")
	poll := fs.Bool("poll", false, "watch files by polling (for network drives, containers, or when the system's watch limit is reached)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	// What a build killed while it published in public/ left beside it is
	// cleaned up (a build running meanwhile is left alone).
	if err := output.Recover(filepath.Join(sf.root, "public")); err != nil && !errors.Is(err, output.ErrBusy) {
		fmt.Fprintf(env.Stderr, "serve: %v\n", err)
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(env.Stderr, "serve: %v\n", err)
		return 1
	}
	opts.LinkWarnings = true
	opts.Dev = true
	err = devserver.Run(ctx, devserver.Config{
		Root: sf.root, Site: opts, Bind: *bind, Port: *port, Poll: *poll, AllowHosts: allow,
		Out: env.Stdout, Err: env.Stderr,
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(env.Stdout, "stopped")
	return 0
}

// hostList collects --allow-host: repeated, or names separated by commas.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	for name := range strings.SplitSeq(v, ",") {
		*l = append(*l, strings.TrimSpace(name))
	}
	return nil
}
