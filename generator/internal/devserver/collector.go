package devserver

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// collector owns the steering of the garbage collector, which the server
// does in three ways: a long session collects sooner than the default
// (session), the background build with highlighted code sooner still
// (background), and the garbage a save leaves is collected between saves
// rather than during the next one (soon).
type collector struct {
	// collecting is set while an idle-time collection runs.
	collecting atomic.Bool
}

// session sets the target for the rest of a session and returns what puts
// the last one back. From the first build on, the server holds a site and
// the caches of a long session, and each rebuild allocates a little more
// garbage: collect it sooner than the default (heap twice the live data),
// so a large site's server stays within half the memory Hugo's needs. The
// first build ran with the default, which is faster. Edits allocate
// little, so their speed does not suffer. A GOGC set by the user wins.
func (c *collector) session() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(50)
	return func() { debug.SetGCPercent(old) }
}

// background sets the target for the build with highlighted code and
// returns what puts the last one back. The old site is served while the
// new one is made: the one time the server would need twice its memory. It
// is background work, so it spends more time collecting garbage instead.
func (c *collector) background() (restore func()) {
	old := debug.SetGCPercent(20)
	return func() { debug.SetGCPercent(old) }
}

// soon collects garbage now, while the editor is between saves, when the
// heap has grown by a quarter since the last collection: each save leaves
// some garbage (the search update most), and a collection that starts on
// its own during a save's rebuild (at GOGC's growth) takes a core from it,
// which on a large site made every third or fourth save twice as slow to
// show. A save that comes meanwhile still builds at once.
func (c *collector) soon() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[1].Value.Kind() != metrics.KindUint64 {
		return
	}
	live, now := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	if now < live+live/4 || !c.collecting.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer c.collecting.Store(false)
		runtime.GC()
	}()
}
