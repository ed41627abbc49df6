package buildcache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
)

// cardsDir is the folder of social cards inside the cache folder.
const cardsDir = "social"

// Cards are the social cards (package socialcard) kept in the cache
// folder: one sealed file per card, named by its key. Unlike highlighted
// code, cards are tens of kilobytes each, tens of thousands of them on a
// large site: in one file, every build would read them all and rewrite
// them all when one changed; as files of their own, a build reads the
// cards it needs and writes only those it drew. A key names what a card
// shows and the versions of what drew it, so a card is never stale, only
// unused (Prune).
type Cards struct {
	dir string
}

// OpenCards returns the cards kept in the cache folder dir.
func OpenCards(dir string) *Cards { return &Cards{dir: filepath.Join(dir, cardsDir)} }

// ErrNoCard is what Get returns for a key the cache does not hold.
var ErrNoCard = errors.New("no such card")

// Get returns the card saved under key, if its bytes are as they were
// written: else an error, ErrNoCard when there is none, one saying the
// file is damaged (cachefile.ErrDamaged) when it does not check out.
func (c *Cards) Get(key string) ([]byte, error) {
	if !validKey(key) {
		return nil, ErrNoCard
	}
	var png []byte
	err := cachefile.Decode(c.dir, key+".png", func(b []byte) error {
		png = append(make([]byte, 0, len(b)), b...)
		return nil
	})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ErrNoCard
	case errors.Is(err, cachefile.ErrDamaged):
		return nil, fmt.Errorf("the social card %w; it was not used", err)
	case err != nil:
		return nil, err
	}
	return png, nil
}

// Put saves a card under key.
func (c *Cards) Put(key string, png []byte) error {
	if !validKey(key) {
		return fmt.Errorf("buildcache: %q is not a card's key", key)
	}
	return cachefile.WriteBytes(c.dir, key+".png", png)
}

// Prune removes the cards whose key keep does not want, and anything else
// in the cards' folder (a temporary file left by a killed build).
func (c *Cards) Prune(keep func(key string) bool) error {
	entries, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		key, isCard := strings.CutSuffix(e.Name(), ".png")
		if isCard && validKey(key) && e.Type().IsRegular() && keep(key) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(c.dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// validKey reports whether key can be a card's key: lower-case hex digits,
// so it names a file and nothing else.
func validKey(key string) bool {
	if key == "" || len(key) > 64 {
		return false
	}
	for _, r := range key {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}
