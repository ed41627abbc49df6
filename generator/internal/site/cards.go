package site

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/buildcache"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/socialcard"
)

// Drawing a social card costs about 3 ms of CPU, most of it compressing
// the PNG: on a site of 10,000 pages, as much again as the rest of a cold
// build. A card is the same bytes for as long as its key is, so each is
// drawn once and then taken from where it was kept, first found first:
//
//   - the preview server's Builder keeps the cards of its last build
//     (memos.cards);
//   - a build with a cache folder reads the cards it saved there
//     (buildcache.Cards), each checked before it is used, and saves the
//     ones it draws. A one-shot build then removes the cards no page
//     shows any more.
//
// A build with PlainCode (the preview server's first build of a large
// site, made to be on screen in seconds) adds no card: its pages name
// theirs, which appear with the build that highlights the code. (Drawing
// only some would make its output depend on the builds before it.)

// collectCards notes the card of every output page, for renderCards.
func (s *build) collectCards(jobs []job) {
	s.cards = make(map[string]socialcard.Card, len(jobs))
	for i := range jobs {
		s.cards[jobs[i].card.Key()] = jobs[i].card
	}
}

// renderCards puts every page's card in the output.
func (s *build) renderCards(ctx context.Context) {
	if s.cards == nil || s.opts.PlainCode {
		return // the pages were not rendered, or see above
	}
	var todo []string
	next := map[string][]byte{}
	for _, key := range slices.Sorted(maps.Keys(s.cards)) {
		if png, ok := s.b.cards[key]; ok {
			s.addCard(key, png, next)
			continue
		}
		todo = append(todo, key)
	}
	var store *buildcache.Cards
	if s.opts.CacheDir != "" {
		store = buildcache.OpenCards(s.opts.CacheDir)
	}
	var mu sync.Mutex
	s.parallel(ctx, len(todo), func() func(int) {
		return func(i int) {
			png, err := s.cardBytes(store, todo[i], &mu)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.diags.Errorf(diag.Pos{File: cardPath(todo[i])}, "drawing the social card of %q: %v", s.cards[todo[i]].Title, err)
				return
			}
			s.addCard(todo[i], png, next)
		}
	}, nil)
	if ctx.Err() != nil {
		return
	}
	if s.b.oneShot && store != nil {
		err := store.Prune(func(key string) bool { _, ok := s.cards[key]; return ok })
		s.cardCacheErr = errors.Join(s.cardCacheErr, err)
	}
	if !s.b.oneShot {
		s.b.cards = next
	}
}

// cardBytes returns the card with key from store, or else draws it and
// saves it there.
func (s *build) cardBytes(store *buildcache.Cards, key string, mu *sync.Mutex) ([]byte, error) {
	if png := s.cachedCard(store, key, mu); png != nil {
		return png, nil
	}
	png, err := socialcard.Render(s.cards[key])
	var saved error
	if err == nil && store != nil {
		saved = store.Put(key, png) // the cache only saves time
	}
	mu.Lock()
	s.cardsDrawn++
	s.cardCacheErr = errors.Join(s.cardCacheErr, saved)
	mu.Unlock()
	return png, err
}

// cachedCard returns the card saved under key in store, or nil. A card
// that does not check out is noted as ignored.
func (s *build) cachedCard(store *buildcache.Cards, key string, mu *sync.Mutex) []byte {
	if store == nil {
		return nil
	}
	png, err := store.Get(key)
	if err != nil && !errors.Is(err, buildcache.ErrNoCard) {
		mu.Lock()
		s.b.cacheIgnored = append(s.b.cacheIgnored, err)
		mu.Unlock()
	}
	return png
}

// addCard adds a card to the output and to the cards the Builder keeps.
func (s *build) addCard(key string, png []byte, keep map[string][]byte) {
	s.add(cardPath(key), png, nil)
	if !s.b.oneShot {
		keep[key] = png
	}
}
