package watch

import (
	"fmt"
	"time"
)

// Options tune a Watcher. The zero value watches with inotify (or the
// system's equivalent) and the default timings.
type Options struct {
	// Poll scans the roots every PollInterval instead of asking the system
	// for events: for network shares, some containers and virtual machines,
	// or when the inotify limits cannot be raised.
	Poll bool

	// PollInterval is the time between two scans when polling; 0 means
	// DefaultPollInterval.
	PollInterval time.Duration

	// Quiet is how long no change must have been seen before a batch is
	// delivered; 0 means DefaultQuiet.
	Quiet time.Duration

	// MaxDelay caps how long the first change of a batch waits while changes
	// keep coming; 0 means DefaultMaxDelay.
	MaxDelay time.Duration
}

// DefaultQuiet is the default quiet period: 20 ms.
//
// The dev server aims at 50 ms from a save to the updated page at 1,000
// pages, and the quiet period is spent before the rebuild even starts, so it
// must be as short as correctness allows. Correctness does not rest on it:
// events are only hints, and a batch is what the disk holds once they stop,
// so a save whose steps straddle two batches still ends up reported right.
// The quiet period only has to be longer than the gaps inside one burst, so
// that a burst is one rebuild and not several:
//   - inotify delivers an event well under a millisecond after the system
//     call;
//   - an editor's save is a few system calls issued back to back,
//     microseconds apart; its slow step (fsync, up to tens of milliseconds
//     on a slow disk) comes after the data is written or before the rename
//     that makes it visible, so nothing half-done is visible meanwhile. The
//     one exception, vim renaming the file away before writing the new one,
//     is covered by looking again before reporting a removal;
//   - git checkout, cp and tar write thousands of files a second: gaps far
//     below a millisecond.
//
// Below 10 ms a burst could be cut in two on a busy machine, whose scheduler
// slices are a few milliseconds; 20 ms leaves a wide margin and still leaves
// 30 ms of the budget for the rebuild and the reload.
const DefaultQuiet = 20 * time.Millisecond

// DefaultMaxDelay is the default cap on how long a change can wait while
// others keep coming: 1 s. A constant stream of writes (a tool regenerating
// assets in a loop, a long copy) still shows progress every second, while a
// large git checkout on a slow disk (a millisecond a file is common in
// virtual machines) stays one batch, and one rebuild, up to about a thousand
// files.
const DefaultMaxDelay = time.Second

// DefaultPollInterval is the default time between two scans when polling:
// 300 ms, a reload that still feels immediate. A scan reads each file's
// metadata, not its content: one lstat per file. For 10,000 files that is
// about 40 ms of CPU in a virtual machine whose system calls are slow
// (BenchmarkPollScan), a few times less on a laptop, so polling costs about
// a tenth of one core at worst.
const DefaultPollInterval = 300 * time.Millisecond

func (o Options) withDefaults() (Options, error) {
	for _, d := range []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"PollInterval", &o.PollInterval, DefaultPollInterval},
		{"Quiet", &o.Quiet, DefaultQuiet},
		{"MaxDelay", &o.MaxDelay, DefaultMaxDelay},
	} {
		if *d.v < 0 {
			return o, fmt.Errorf("watch: option %s is negative (%v); give a positive duration, or 0 for the default", d.name, *d.v)
		}
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	return o, nil
}
