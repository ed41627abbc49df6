package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/buildcache"
)

// cardSite is a small site on disk, with a page whose title an edit
// changes.
func cardSite(t *testing.T) (root string, write func(name, data string)) {
	root = t.TempDir()
	write = writer(t, root)
	write("content/_site.yaml", "title: Site\nbase_url: https://kb.example.org/\n")
	write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
	write("content/notes/a.md", "---\ntitle: First title\ndate: 2024-01-01\ntags: [x]\n---\nA.\n")
	write("content/notes/b.md", "---\ntitle: Other\ndate: 2024-01-02\n---\nB.\n")
	return root, write
}

func cardBuild(t *testing.T, root string, opts Options) *Site {
	t.Helper()
	opts.FS, opts.Now = os.DirFS(root), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := Build(context.Background(), opts)
	if err != nil || s.Diags.HasErrors() || s.CacheErr != nil {
		t.Fatalf("build: %v %v %v", err, s.Diags, s.CacheErr)
	}
	return s
}

// cardOf returns the key of the card the page at path names.
func cardOf(t *testing.T, s *Site, path string) string {
	t.Helper()
	f, _ := s.Files.Get(path)
	m := cardKey.FindString(readHead(t, f.Data).get("og:image"))
	if m == "" {
		t.Fatalf("%s names no card", path)
	}
	return strings.TrimSuffix(strings.TrimPrefix(m, "social/"), ".png")
}

// TestCardsComeFromTheCache: a build with a cache folder saves the cards
// it draws there, and the next build takes them from it instead of
// drawing them again, each checked first: a damaged card is drawn again
// (and said to be), and the site is what a build without a cache makes.
// The cards no page names any more leave the cache.
func TestCardsComeFromTheCache(t *testing.T) {
	root, write := cardSite(t)
	cache := filepath.Join(root, ".cache")
	first := cardBuild(t, root, Options{CacheDir: cache})
	cards := len(first.build.cards)
	if first.Stats.CardsDrawn != cards || cards < 8 {
		t.Fatalf("a build with an empty cache drew %d of %d cards", first.Stats.CardsDrawn, cards)
	}
	second := cardBuild(t, root, Options{CacheDir: cache})
	if second.Stats.CardsDrawn != 0 {
		t.Errorf("a build with the cache drew %d cards", second.Stats.CardsDrawn)
	}
	if msg := compareSites(second, first); msg != "" {
		t.Errorf("the build with the cache differs: %s", msg)
	}

	// What the cache holds is what is published: a card put there under
	// a page's key is the page's card.
	key := cardOf(t, first, "notes/a/index.html")
	store := buildcache.OpenCards(cache)
	marker := []byte("a card from the cache")
	if err := store.Put(key, marker); err != nil {
		t.Fatal(err)
	}
	if f, _ := cardBuild(t, root, Options{CacheDir: cache}).Files.Get("social/" + key + ".png"); !bytes.Equal(f.Data, marker) {
		t.Error("the card was not taken from the cache")
	}
	// A damaged card is not used.
	file := filepath.Join(cache, "social", key+".png")
	b, _ := os.ReadFile(file)
	b[3] ^= 1
	os.WriteFile(file, b, 0o644)
	damaged := cardBuild(t, root, Options{CacheDir: cache})
	if damaged.Stats.CardsDrawn != 1 || damaged.CacheIgnored == nil || !strings.Contains(damaged.CacheIgnored.Error(), file) {
		t.Errorf("with a damaged card: %d drawn, ignored: %v", damaged.Stats.CardsDrawn, damaged.CacheIgnored)
	}
	if msg := compareSites(damaged, first); msg != "" {
		t.Errorf("the build with a damaged card differs: %s", msg)
	}
	if again := cardBuild(t, root, Options{CacheDir: cache}); again.Stats.CardsDrawn != 0 {
		t.Errorf("the card drawn again was not saved: %d drawn", again.Stats.CardsDrawn)
	}

	// A new title is a new card; the old one leaves the cache.
	write("content/notes/a.md", "---\ntitle: Second title\ndate: 2024-01-01\ntags: [x]\n---\nA.\n")
	edited := cardBuild(t, root, Options{CacheDir: cache})
	if edited.Stats.CardsDrawn != 1 || cardOf(t, edited, "notes/a/index.html") == key {
		t.Errorf("after a new title: %d cards drawn, key %s (was %s)", edited.Stats.CardsDrawn, cardOf(t, edited, "notes/a/index.html"), key)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("the card of the old title is still in the cache: %v", err)
	}
	if msg := compareSites(edited, cardBuild(t, root, Options{})); msg != "" {
		t.Errorf("the build with the cache differs from one without: %s", msg)
	}
}

// TestWarmBuildKeepsCards: a build into the last build's folder with the
// cache folder draws no card again (they come from the cache), and draws
// only the card of a retitled page.
func TestWarmBuildKeepsCards(t *testing.T) {
	root, write := cardSite(t)
	cache, out := filepath.Join(root, ".cache"), filepath.Join(t.TempDir(), "public")
	opts := Options{FS: os.DirFS(root), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	full := cardBuild(t, root, Options{})
	for i := range 2 {
		msg, s := warmStep(t, opts, out, cache, full)
		if msg != "" {
			t.Fatalf("build %d: %s", i, msg)
		}
		if want := []int{len(full.build.cards), 0}[i]; s.Stats.CardsDrawn != want {
			t.Errorf("build %d drew %d cards, want %d", i, s.Stats.CardsDrawn, want)
		}
	}
	write("content/notes/a.md", "---\ntitle: Second title\ndate: 2024-01-01\ntags: [x]\n---\nA.\n")
	full = cardBuild(t, root, Options{})
	msg, s := warmStep(t, opts, out, cache, full)
	if msg != "" || s.Stats.CardsDrawn != 1 {
		t.Errorf("after a new title: %s; %d cards drawn", msg, s.Stats.CardsDrawn)
	}
}

// TestBuilderKeepsCards: the preview server's Builder draws a card once,
// and again only when what it shows changes.
func TestBuilderKeepsCards(t *testing.T) {
	root, write := cardSite(t)
	b := NewBuilder()
	build := func(changed ...string) *Site {
		s, err := b.Build(context.Background(), Options{FS: os.DirFS(root), Changed: changed, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil || s.Diags.HasErrors() {
			t.Fatalf("build: %v %v", err, s.Diags)
		}
		return s
	}
	if s := build(); s.Stats.CardsDrawn < 8 {
		t.Fatalf("the first build drew %d cards", s.Stats.CardsDrawn)
	}
	write("content/notes/b.md", "---\ntitle: Other\ndate: 2024-01-02\n---\nB, edited.\n")
	if s := build("content/notes/b.md"); s.Stats.CardsDrawn != 0 {
		t.Errorf("an edit of a body drew %d cards", s.Stats.CardsDrawn)
	}
	write("content/notes/b.md", "---\ntitle: Retitled\ndate: 2024-01-02\n---\nB, edited.\n")
	s := build("content/notes/b.md")
	if s.Stats.CardsDrawn != 1 {
		t.Errorf("a new title drew %d cards, want 1", s.Stats.CardsDrawn)
	}
	if msg := compareSites(s, cardBuild(t, root, Options{})); msg != "" {
		t.Errorf("the Builder's build differs from a fresh one: %s", msg)
	}
}
