package watch

import "time"

// batcher collects the paths that events named until it is time to look at
// them, and keeps the changes that wait for the receiver.
type batcher struct {
	quiet, maxDelay time.Duration

	dirty   map[string]bool // paths to look at; true if written to
	first   time.Time       // when the first path of this batch was marked
	last    time.Time       // when the last one was
	settled bool            // a vanished path was already given one more look

	pending []Change // found, not yet received
}

func newBatcher(o Options) *batcher {
	return &batcher{quiet: o.Quiet, maxDelay: o.MaxDelay, dirty: map[string]bool{}}
}

// mark notes that path p may have changed; wrote says an event reported
// a write to it.
func (b *batcher) mark(p string, wrote bool, now time.Time) {
	if len(b.dirty) == 0 {
		b.first = now
	}
	b.last = now
	b.dirty[p] = b.dirty[p] || wrote
}

// due returns when the marked paths should be looked at: a quiet period
// after the last mark, but no later than MaxDelay after the first.
func (b *batcher) due() time.Time {
	quiet, capped := b.last.Add(b.quiet), b.first.Add(b.maxDelay)
	if capped.Before(quiet) {
		return capped
	}
	return quiet
}

// overdue reports whether the first marked path has waited MaxDelay.
func (b *batcher) overdue(now time.Time) bool {
	return !now.Before(b.first.Add(b.maxDelay))
}

// flush looks at the marked paths and adds what changed to the pending
// changes. It reports false, looking at nothing, when it would report a
// known path as removed for the first time: an editor may be halfway through
// replacing it (vim renames the file away, then writes the new one), so the
// batch waits one more quiet period first.
func (b *batcher) flush(t *tree, now time.Time) bool {
	if len(b.dirty) == 0 {
		return true
	}
	if !b.settled && !b.overdue(now) && t.vanished(b.dirty) {
		b.settled = true
		b.last = now
		return false
	}
	changes := t.reconcile(b.dirty)
	b.dirty = map[string]bool{}
	b.settled = false
	b.pending = mergeChanges(b.pending, changes)
	return true
}

// outbox returns the channel to send the pending batch on, nil when there is
// nothing to send, so that a select leaves the case out.
func (b *batcher) outbox(out chan<- Batch) (chan<- Batch, Batch) {
	if len(b.pending) == 0 {
		return nil, Batch{}
	}
	return out, Batch{Changes: b.pending}
}
