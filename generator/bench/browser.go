package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is one headless Chromium with a profile of its own: a new one
// per search, so every first search starts from an empty cache.
type browser struct {
	ctx    context.Context
	cancel func()
	dir    string
}

func (b *bench) newBrowser() (*browser, error) {
	path, err := b.chromium()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "bench-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 900),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-extensions", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, acancel := chromedp.NewExecAllocator(b.ctx, opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Do starts the browser and ties its life to ctx, which must
	// have no deadline.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting Chromium %s: %w", path, err)
	}
	return &browser{ctx: ctx, dir: dir, cancel: func() {
		cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
		chromedp.Cancel(cctx)
		ccancel()
		cancel()
		acancel()
		os.RemoveAll(dir)
	}}, nil
}

// do runs actions with a time limit.
func (br *browser) do(limit time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(br.ctx, limit)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// serveLocal serves h on a loopback port until the returned stop is called.
func serveLocal(h http.Handler) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}
