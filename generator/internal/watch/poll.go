package watch

import (
	"maps"
	"time"
)

// poller watches by scanning the roots: every interval while nothing
// changes, every quiet period while something does, until a scan finds
// nothing new. That is the poller's quiet period: a burst seen halfway
// through by one scan is finished by the time a scan sees it still.
type poller struct {
	*engine
	interval time.Duration
	prev     map[string]fileState // the last scan
	timer    *time.Timer
}

// startPoller reads the starting state and starts the scanning goroutine.
func startPoller(w *Watcher, e *engine, interval time.Duration) func() error {
	e.tree.files, e.tree.dirs, _ = e.tree.scanAll(nil)
	p := &poller{engine: e, interval: interval, prev: maps.Clone(e.tree.files)}
	p.timer = time.NewTimer(interval)
	w.goRun(func() { p.run(w.done, w.batches, w.errs) })
	return func() error { return nil }
}

func (p *poller) run(done <-chan struct{}, batches chan<- Batch, errs chan<- error) {
	for {
		out, b := p.batch.outbox(batches)
		errOut, err := p.errbox(errs)
		select {
		case <-done:
			p.timer.Stop()
			return
		case <-p.timer.C:
			if !p.poll(done) {
				return
			}
			p.timer.Reset(p.next())
		case out <- b:
			p.batch.pending = nil
		case errOut <- err:
			p.sentErr()
		}
	}
}

// poll scans once and marks what changed since the last scan; once a scan
// finds nothing new, or the batch is overdue, it looks at what was marked.
// It reports false if done closed during the scan.
func (p *poller) poll(done <-chan struct{}) bool {
	files, _, ok := p.tree.scanAll(done)
	if !ok {
		return false
	}
	now := time.Now()
	changed := diffFiles(p.prev, files)
	p.prev = files
	for _, q := range changed {
		p.batch.mark(q, false, now)
	}
	if len(p.batch.dirty) > 0 && (len(changed) == 0 || p.batch.overdue(now)) {
		p.batch.flush(p.tree, now)
	}
	return true
}

// next returns the time until the next scan: a quiet period while a batch
// is forming, but not past its MaxDelay.
func (p *poller) next() time.Duration {
	if len(p.batch.dirty) == 0 {
		return p.interval
	}
	return max(0, min(p.batch.quiet, time.Until(p.batch.first.Add(p.batch.maxDelay))))
}

// diffFiles returns the paths whose state differs between two scans.
func diffFiles(prev, cur map[string]fileState) []string {
	var out []string
	for q, st := range cur {
		if old, ok := prev[q]; !ok || old != st {
			out = append(out, q)
		}
	}
	for q := range prev {
		if _, ok := cur[q]; !ok {
			out = append(out, q)
		}
	}
	return out
}
