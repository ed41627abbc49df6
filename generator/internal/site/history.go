package site

import (
	"context"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/history"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
)

// loadHistory dates each page's last change from git, where there is git
// history (a full clone); otherwise from the front matter. A page without
// a date in its front matter is dated by its first commit.
func (s *build) loadHistory(ctx context.Context) {
	var dates history.Dates
	if s.opts.Root != "" {
		var err error
		dates, _, err = s.b.readHistory(ctx, s.opts.Root)
		if err != nil {
			s.diags.Warnf(diag.Pos{File: content.Dir}, "cannot read the git history for the pages' last-updated dates (using their front matter): %v", err)
		}
	}
	s.dates = dates
	for _, p := range s.pages {
		p.lastMod = lastModified(p, dates)
		p.published = published(p, dates)
	}
}

func lastModified(p *page, dates history.Dates) time.Time {
	if t, ok := dates[p.Source]; ok {
		return t.Last
	}
	if b := p.Base(); !b.Updated.IsZero() {
		return b.Updated.Time
	} else if !b.Date.IsZero() {
		return b.Date.Time
	}
	return time.Time{}
}

// published is when the page was published: the date of its front
// matter, else its first commit, else zero.
func published(p *page, dates history.Dates) time.Time {
	if b := p.Base(); !b.Date.IsZero() {
		return b.Date.Time
	}
	return dates[p.Source].First
}

// readHistory returns the first and last commit dates of every file under
// content/.
// It runs git only when the reflog says something was committed since it
// last did (or when there is no reflog to go by): read reports whether it
// did.
func (b *Builder) readHistory(ctx context.Context, root string) (dates history.Dates, read bool, err error) {
	stamp, ok := history.Stamp(root)
	key := reuse.Derive("history", []byte(root), []byte(stamp))
	if dates, found := b.history.Get(key); ok && found {
		return dates, false, nil
	}
	dates, err = history.Load(ctx, root, content.Dir)
	if ok && err == nil {
		b.history.Put(key, dates)
	}
	return dates, true, err
}
