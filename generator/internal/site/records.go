package site

import (
	"bufio"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// The page records (conversions and search analyses) are most of the state,
// a hundred megabytes on a 10,000-page site, and a warm build changes a
// few of them. So they live in a file of their own, records.bin, that a
// warm build appends to: the state names each page's record by its offset,
// length and hash there, and only new records are written. Rewriting the
// whole state cost a one-page rebuild a sixth of its time.
//
// records.bin is recordsMagic, an 8-byte identifier, then records back to
// back. A build without a usable records file, or whose appends would
// leave more dead bytes than live ones, writes a new file (a new
// identifier) through a temporary file renamed into place; a state names
// the identifier of the file it points into. Appending never changes a
// byte a state points to, and each record's hash is checked as it is read,
// so a state whose records did not all reach the disk (a crash after the
// state was written) is not used.

// recordsFile is the records' name inside the cache folder.
const recordsFile = "records.bin"

// recordsMagic starts the records file; it changes when the layout of the
// file or of a record changes.
const recordsMagic = "tradeoffs-records-1\n"

const recordsHead = len(recordsMagic) + 8

// readRecordsFile reads the records file in dir if its identifier is id.
// Its records are taken from it with cachefile.Part.Of, which checks them
// against the sums the state keeps.
func readRecordsFile(dir string, id uint64) ([]byte, bool) {
	data, err := cachefile.Map(dir, recordsFile)
	if err != nil || !isRecordsHead(data, id) {
		return nil, false
	}
	return data, true
}

// isRecordsHead reports whether data starts as the records file id does.
func isRecordsHead(data []byte, id uint64) bool {
	return len(data) >= recordsHead && string(data[:len(recordsMagic)]) == recordsMagic &&
		binary.LittleEndian.Uint64(data[len(recordsMagic):]) == id
}

// recordsWriter writes the records of the pages a state keeps.
type recordsWriter struct {
	w    io.Writer
	off  uint64
	refs []cachefile.Part
}

func (rw *recordsWriter) add(rec []byte) error {
	if _, err := rw.w.Write(rec); err != nil {
		return err
	}
	rw.refs = append(rw.refs, cachefile.Part{Off: rw.off, Sum: cachefile.SumOf(rec)})
	rw.off += uint64(len(rec))
	return nil
}

// writeRecords writes the record of each page of sources into the records
// file in dir and returns the file's identifier and where each record is.
// A record that would be the same as the warm state's (the page's
// conversion and analysis were taken from it) is where the state had it;
// the others are appended, or, when there is no file to append to or it
// would be more than half dead bytes, every record is written into a new
// file.
func (s *build) writeRecords(dir string, sources []string) (uint64, []cachefile.Part, error) {
	ws := s.b.warm
	if ws != nil && ws.records.id != 0 {
		if id, refs, ok := s.appendRecords(dir, ws, sources); ok {
			return id, refs, nil
		}
	}
	id := rand.Uint64() | 1
	var refs []cachefile.Part
	err := cachefile.Create(dir, recordsFile, func(w io.Writer) error {
		rw := &recordsWriter{w: w, off: uint64(recordsHead), refs: make([]cachefile.Part, 0, len(sources))}
		head := wire.Buf(recordsMagic)
		head = binary.LittleEndian.AppendUint64(head, id)
		if _, err := w.Write(head); err != nil {
			return err
		}
		err := s.eachRecord(ws, sources, rw.add)
		refs = rw.refs
		return err
	})
	return id, refs, err
}

// appendRecords appends the records of sources that are not the warm
// state's to its records file, and returns where every record is. It does
// nothing when many records changed (a new file is then as quick to write,
// and the new records need not be held at once) or the file would be more
// than half dead bytes. That is decided before any record is encoded, so
// that none is encoded twice: a changed page's new record is taken to be
// as long as its last one.
func (s *build) appendRecords(dir string, ws *warmState, sources []string) (uint64, []cachefile.Part, bool) {
	refs := make([]cachefile.Part, len(sources))
	var again []int
	kept, live := uint64(0), uint64(0) // bytes kept where they are; bytes live after the append
	for i, src := range sources {
		old, ok := ws.records.refs[src]
		if ok && s.sameRecord(ws, src) {
			refs[i] = old
			kept += old.Len
		} else {
			again = append(again, i)
		}
		live += old.Len
	}
	if len(again) > len(sources)/4 || ws.records.size-kept > live {
		return 0, nil, false
	}
	fresh := make([][]byte, len(again))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for wk := range workers {
		wg.Go(func() {
			for i := wk; i < len(again); i += workers {
				fresh[i] = s.newRecord(sources[again[i]])
			}
		})
	}
	wg.Wait()
	f, err := os.OpenFile(filepath.Join(dir, recordsFile), os.O_RDWR, 0)
	if err != nil {
		return 0, nil, false
	}
	defer f.Close()
	head := make([]byte, recordsHead)
	if _, err := io.ReadFull(f, head); err != nil || !isRecordsHead(head, ws.records.id) {
		return 0, nil, false
	}
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, nil, false
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	rw := &recordsWriter{w: bw, off: uint64(end)}
	for k, rec := range fresh {
		if err := rw.add(rec); err != nil {
			return 0, nil, false
		}
		refs[again[k]] = rw.refs[k]
	}
	if bw.Flush() != nil || f.Close() != nil {
		return 0, nil, false
	}
	return ws.records.id, refs, true
}

// eachRecord calls add with the record of each page of sources, in order.
// Records are encoded on every core, a batch at a time: on a large site
// they are a hundred megabytes, which a one-shot build need not hold all
// at once.
func (s *build) eachRecord(ws *warmState, sources []string, add func([]byte) error) error {
	const batch = 512
	raw := make([][]byte, batch)
	for start := 0; start < len(sources); start += batch {
		chunk := sources[start:min(start+batch, len(sources))]
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for wk := range workers {
			wg.Go(func() {
				for i := wk; i < len(chunk); i += workers {
					raw[i] = s.record(ws, chunk[i])
				}
			})
		}
		wg.Wait()
		for i := range chunk {
			if err := add(raw[i]); err != nil {
				return err
			}
			raw[i] = nil
		}
	}
	return nil
}
