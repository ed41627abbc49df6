package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// pagefindVersion is the Pagefind the peer figures were taken with.
const pagefindVersion = "1.6.0"

// hugo returns the hugo binary, installing Debian's package when missing
// and allowed (root with apt-get), as the peer kit's run-peers.sh does.
func (b *bench) hugo() (string, error) {
	return b.debianTool("hugo", "hugo", []string{"hugo"})
}

// chromium returns a Chromium for the browser measurements.
func (b *bench) chromium() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	return b.debianTool("chromium", "chromium", []string{"chromium", "chromium-browser", "google-chrome"})
}

func (b *bench) debianTool(key, pkg string, names []string) (string, error) {
	if p, ok := b.tools[key]; ok {
		return p, nil
	}
	find := func() string {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		return ""
	}
	p := find()
	if p == "" && os.Geteuid() == 0 {
		if _, err := exec.LookPath("apt-get"); err == nil {
			b.logf("%s is missing: apt-get install %s", key, pkg)
			c := exec.CommandContext(b.ctx, "sh", "-c", "apt-get update -qq && apt-get install -y -qq "+pkg)
			c.Stdout, c.Stderr = os.Stderr, os.Stderr
			if err := c.Run(); err == nil {
				p = find()
			}
		}
	}
	if p == "" {
		return "", fmt.Errorf("%s is needed and was not found: install it (Debian: apt-get install %s)", key, pkg)
	}
	b.tools[key] = p
	return p, nil
}

// pagefind returns the pagefind_extended binary of npm's pagefind
// 1.6.0, installing it into the user's cache folder on first use.
func (b *bench) pagefind() (string, error) {
	if b.o.pagefind != "" {
		return b.o.pagefind, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = filepath.Join(b.out, "tools")
	}
	dir := filepath.Join(cache, "tradeoffs-bench", "pagefind-"+pagefindVersion)
	bin := filepath.Join(dir, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		return "", fmt.Errorf("pagefind: only linux/amd64 is set up; pass -pagefind PATH to a pagefind_extended %s binary", pagefindVersion)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return "", fmt.Errorf("pagefind %s is installed with npm, which was not found: install Node.js and npm (Debian: apt-get install npm) or pass -pagefind PATH", pagefindVersion)
	}
	b.logf("installing npm pagefind@%s into %s", pagefindVersion, dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	c := exec.CommandContext(b.ctx, "npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "pagefind@"+pagefindVersion)
	if msg, err := c.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install pagefind@%s: %w\n%s", pagefindVersion, err, msg)
	}
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("npm installed pagefind but %s is missing: %w", bin, err)
	}
	return bin, nil
}

// machineLine describes the machine and the tools, for every report.
func (b *bench) machineLine() string {
	if b.machine != "" {
		return b.machine
	}
	mem := "?"
	if f, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		for _, l := range strings.Split(string(f), "\n") {
			if _, err := fmt.Sscanf(l, "MemTotal: %d kB", &kb); err == nil {
				mem = fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
			}
		}
	}
	cpu := "?"
	if f, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(f), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	b.machine = fmt.Sprintf("machine: %d cores, %s RAM, %s; %s; hugo %s; pagefind %s; chromium %s; %s",
		runtime.NumCPU(), mem, cpu, runtime.Version(), b.version("hugo", "version"),
		b.version("pagefind", "--version"), b.version("chromium", "--version"), time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	return b.machine
}

// version asks an installed tool its version, without installing it.
func (b *bench) version(tool, flag string) string {
	p := b.tools[tool]
	switch {
	case p != "":
	case tool == "pagefind":
		if b.o.pagefind != "" {
			p = b.o.pagefind
		} else if cache, err := os.UserCacheDir(); err == nil {
			p = filepath.Join(cache, "tradeoffs-bench", "pagefind-"+pagefindVersion, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended")
		}
	default:
		p, _ = exec.LookPath(tool)
	}
	if p == "" {
		return "not installed"
	}
	out, err := exec.CommandContext(b.ctx, p, flag).Output()
	if err != nil {
		return "not installed"
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	v := strings.TrimSpace(lines[len(lines)-1])
	for _, prefix := range []string{"Chromium ", "pagefind ", "hugo "} {
		v = strings.TrimPrefix(v, prefix)
	}
	if i := strings.Index(v, " BuildDate"); i > 0 {
		v = v[:i]
	}
	if i := strings.Index(v, " built on"); i > 0 {
		v = v[:i]
	}
	return v
}
