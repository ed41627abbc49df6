// Package browsertest runs browser tests in a real headless Chromium, driven
// through the DevTools protocol by chromedp.
//
// Without a Chromium on the machine a browser test is skipped with a message
// saying how to install one, except when the environment has CI=true: there
// a missing browser fails the test, so CI never passes by skipping.
//
// Pages are served by Serve with the same security headers as the published
// site (read from netlify.toml), so a page that breaks the Content Security
// Policy fails its test. Console errors and uncaught exceptions are collected
// by the Tab and fail the test at its end unless the test expects them.
//
// Only tests import this package.
package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Candidates are the executables tried, in order, when CHROMIUM is unset.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of a Chromium executable: $CHROMIUM when set,
// else the first of the usual names found on PATH, else "".
func FindChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require returns the Chromium path, or ends the test: a skip on a developer
// machine, a failure under CI=true.
func Require(t testing.TB) string {
	t.Helper()
	p := FindChromium()
	if p != "" {
		return p
	}
	const msg = "headless Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM=/path/to/chrome to run the browser tests"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: browser tests are required)")
	}
	t.Skip(msg)
	return ""
}

// Flags are the Chromium switches used for every test browser: headless, no
// sandbox (tests run as root in CI containers), and nothing that reaches out
// to the network on its own.
var flags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.NoFirstRun,
	chromedp.NoDefaultBrowserCheck,
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-extensions", true),
	chromedp.Flag("disable-default-apps", true),
	chromedp.Flag("disable-dev-shm-usage", true),
	chromedp.Flag("disable-breakpad", true),
	chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
	chromedp.Flag("metrics-recording-only", true),
	chromedp.Flag("password-store", "basic"),
	chromedp.Flag("use-mock-keychain", true),
}

// Browser is one headless Chromium process for one test.
type Browser struct {
	t   testing.TB
	ctx context.Context // the browser's root context (first tab)
}

// New starts a headless Chromium that lives until the test ends. It skips
// or fails the test when no Chromium is installed (see Require).
func New(t testing.TB) *Browser {
	t.Helper()
	path := Require(t)
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}, flags...)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Start the browser now, on a context without a deadline: the first Run
	// ties the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		t.Fatalf("starting Chromium %s: %v", path, err)
	}
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
		defer ccancel()
		_ = chromedp.Cancel(cctx)
		cancel()
		acancel()
	})
	return &Browser{t: t, ctx: ctx}
}

// Tab is one browser tab with the console messages it has produced.
type Tab struct {
	Ctx context.Context
	t   testing.TB

	mu        sync.Mutex
	messages  []string
	errors    []string
	allowErrs bool
}

// NewTab opens a tab. Console errors and uncaught exceptions in it fail the
// test when it ends, unless AllowErrors was called.
func (b *Browser) NewTab() *Tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tab := &Tab{Ctx: ctx, t: b.t}
	// Open the tab before subscribing, so no message is lost.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		b.t.Fatalf("opening a tab: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go tab.collect(msgs)
	b.t.Cleanup(func() {
		cancel()
		tab.check()
	})
	return tab
}

func (tab *Tab) collect(msgs func(func(chromedp.ConsoleMessage, error) bool)) {
	for m, err := range msgs {
		if err != nil {
			return
		}
		line := m.String()
		tab.mu.Lock()
		tab.messages = append(tab.messages, line)
		if m.IsException() || m.Type == "error" || strings.Contains(line, "Content Security Policy") {
			tab.errors = append(tab.errors, line)
		}
		tab.mu.Unlock()
	}
}

// AllowErrors stops console errors from failing the test, for tests that
// provoke them on purpose.
func (tab *Tab) AllowErrors() {
	tab.mu.Lock()
	tab.allowErrs = true
	tab.mu.Unlock()
}

// Messages returns the console messages seen so far.
func (tab *Tab) Messages() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.messages...)
}

// Errors returns the console errors and exceptions seen so far, including
// Content Security Policy violations.
func (tab *Tab) Errors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.errors...)
}

func (tab *Tab) check() {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	if tab.allowErrs || len(tab.errors) == 0 {
		return
	}
	tab.t.Errorf("the page logged %d console error(s):\n%s", len(tab.errors), strings.Join(tab.errors, "\n"))
}

// stepTimeout bounds one step in the tab. It decides nothing when the
// product works (a step returns as soon as it is done); it is long because a
// busy machine may take tens of seconds for a step that takes one on a quiet
// one, and a step that really hangs should still fail the test.
const stepTimeout = time.Minute

// Do runs actions in the tab with a timeout, failing the test on error.
func (tab *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tab.t.Fatalf("browser: %v\nconsole:\n%s", err, strings.Join(tab.Messages(), "\n"))
	}
}

// Eval evaluates a JavaScript expression in the tab and returns its value
// decoded into T, failing the test on error.
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tab.t.Fatalf("evaluating %s: %v\nconsole:\n%s", expr, err, strings.Join(tab.Messages(), "\n"))
	}
	return v
}

// WaitFor polls a JavaScript expression until it is truthy, failing the test
// after timeout with what the expression last described.
func (tab *Tab) WaitFor(expr string, timeout time.Duration) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, timeout+5*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		tab.t.Fatalf("waiting for %s: %v\nconsole:\n%s", expr, err, strings.Join(tab.Messages(), "\n"))
	}
}

// Navigate loads url in the tab and waits for it to load.
func (tab *Tab) Navigate(url string) {
	tab.t.Helper()
	tab.Do(chromedp.Navigate(url))
}

// String describes the tab for failure messages.
func (tab *Tab) String() string {
	return fmt.Sprintf("tab with %d console messages", len(tab.Messages()))
}

// ColorScheme makes the tab's pages see prefers-color-scheme: scheme
// ("light" or "dark").
func (tab *Tab) ColorScheme(scheme string) {
	tab.t.Helper()
	_, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		tab.t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
}

// Phone sets a phone-sized viewport (375×740, touch, mobile).
func (tab *Tab) Phone() {
	tab.t.Helper()
	tab.Do(chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
}

// WaitPath waits until the tab has navigated to a URL whose path (and
// fragment, if want has one) is want. It survives the navigation itself,
// which a JavaScript poll does not.
func (tab *Tab) WaitPath(want string, timeout time.Duration) {
	tab.t.Helper()
	deadline := time.Now().Add(timeout)
	last := ""
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tab.Ctx, time.Second)
		loc, err := chromedp.Run(ctx, chromedp.Location())
		cancel()
		if err == nil {
			last = loc
			if u, perr := url.Parse(loc); perr == nil {
				got := u.Path
				if strings.Contains(want, "#") {
					got += "#" + u.Fragment
				}
				if got == want {
					return
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tab.t.Fatalf("the tab is at %q, want path %q", last, want)
}

// Viewport sets the tab's viewport to w×h CSS pixels; a width under 500
// is emulated as a phone (mobile, touch).
func (tab *Tab) Viewport(w, h int64) {
	tab.t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if w < 500 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	tab.Do(chromedp.EmulateViewport(w, h, opts...))
}

// NoScript turns JavaScript off in the tab, for pages loaded after it:
// what a reader without JavaScript gets.
func (tab *Tab) NoScript() {
	tab.t.Helper()
	if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		tab.t.Fatalf("turning JavaScript off: %v", err)
	}
}
