package watch

import "github.com/fsnotify/fsnotify"

// item is one event or one error from fsnotify.
type item struct {
	ev  fsnotify.Event
	err error
}

// maxQueued bounds the events queued for the working goroutine. Past it the
// queue is replaced by one overflow, which makes the watcher rescan, as it
// does when the system's own queue overflows.
const maxQueued = 1 << 16

// pump moves fsnotify's events and errors to out through a queue, so that
// fsnotify's reader never waits for the working goroutine. Without it, the
// working goroutine adding a watch (which takes fsnotify's lock) and
// fsnotify's reader sending an error (while holding that lock) could wait
// for each other forever, and a slow batch would let the system's queue
// overflow.
func pump(done <-chan struct{}, events <-chan fsnotify.Event, errs <-chan error, out chan<- item) {
	var q []item
	for {
		var send chan<- item
		var head item
		if len(q) > 0 {
			send, head = out, q[0]
		}
		select {
		case <-done:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			q = enqueue(q, item{ev: ev})
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			q = enqueue(q, item{err: err})
		case send <- head:
			q[0] = item{}
			q = q[1:]
		}
	}
}

func enqueue(q []item, it item) []item {
	if len(q) >= maxQueued {
		return append(q[:0], item{err: fsnotify.ErrEventOverflow})
	}
	return append(q, it)
}
