package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// runProfile builds each corpus in-process under the CPU profiler and
// prints the step times and the profile's top functions: where to look
// when a figure of the other commands is off. It is the one place where
// the benchmark calls the generator's packages instead of its binary.
func runProfile(b *bench) error {
	b.section("Profile of our build", "go run ./generator/bench profile"+b.flagsLine())
	for _, n := range b.o.sizes {
		root, err := b.corpus(n)
		if err != nil {
			return err
		}
		out, err := b.site("profile-n" + strconv.Itoa(n))
		if err != nil {
			return err
		}
		prof := filepath.Join(b.out, "profile-n"+strconv.Itoa(n)+".pprof")
		f, err := os.Create(prof)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		t0 := time.Now()
		s, err := site.Build(b.ctx, site.Options{FS: os.DirFS(root)})
		if err == nil {
			err = output.Publish(b.ctx, out, s.Files)
		}
		took := time.Since(t0)
		pprof.StopCPUProfile()
		f.Close()
		if err != nil {
			return fmt.Errorf("building %d pages: %w", n, err)
		}
		heap, err := writeHeapProfile(filepath.Join(b.out, "heap-n"+strconv.Itoa(n)+".pprof"))
		if err != nil {
			return err
		}
		runtime.KeepAlive(s) // the heap profile shows what the built site holds
		fmt.Fprintf(b.w, "%s pages: %s wall in-process (write included); steps:\n\n", thousands(int64(n)), took.Round(time.Millisecond))
		b.table("step", "time")
		for _, st := range s.Stats.Steps {
			b.row(st.Name, st.Duration.Round(time.Millisecond).String())
		}
		top, err := exec.CommandContext(b.ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=30", prof).Output()
		if err != nil {
			return fmt.Errorf("go tool pprof %s: %w", prof, err)
		}
		fmt.Fprintf(b.w, "\nprofile: %s (go tool pprof -http=: %s)\n\n```\n%s```\n", prof, prof, top)
		top, err = exec.CommandContext(b.ctx, "go", "tool", "pprof", "-top", "-sample_index=inuse_space", "-nodecount=20", heap).Output()
		if err != nil {
			return fmt.Errorf("go tool pprof %s: %w", heap, err)
		}
		fmt.Fprintf(b.w, "\nheap in use once built, site held: %s\n\n```\n%s```\n", heap, top)
	}
	b.cleanSites()
	return nil
}

// writeHeapProfile writes the live heap after a collection.
func writeHeapProfile(path string) (string, error) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return "", fmt.Errorf("writing the heap profile: %w", err)
	}
	return path, nil
}
