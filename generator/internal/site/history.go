package site

import (
	"context"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/history"
)

// loadHistory dates each page's last change from git, where there is git
// history (a full clone); otherwise from the front matter.
func (s *build) loadHistory(ctx context.Context) {
	var dates history.Dates
	if s.opts.Root != "" {
		stamp, ok := history.Stamp(s.opts.Root)
		if h := s.b.history; ok && h != nil && h.stamp == stamp && h.root == s.opts.Root {
			dates = h.dates // no commit since the last build
		} else {
			var err error
			dates, err = history.Load(ctx, s.opts.Root, content.Dir)
			if err != nil {
				s.diags.Warnf(diag.Pos{File: content.Dir}, "cannot read the git history for the pages' last-updated dates (using their front matter): %v", err)
			}
			s.b.history = nil
			if ok && err == nil && !s.b.oneShot {
				s.b.history = &historyMemo{root: s.opts.Root, stamp: stamp, dates: dates}
			}
		}
	}
	s.dates = dates
	for _, p := range s.pages {
		p.lastMod = lastModified(p, dates)
	}
}

func lastModified(p *page, dates history.Dates) time.Time {
	if t, ok := dates[p.Source]; ok {
		return t
	}
	if b := p.Base(); !b.Updated.IsZero() {
		return b.Updated.Time
	} else if !b.Date.IsZero() {
		return b.Date.Time
	}
	return time.Time{}
}

// historyMemo is the last git history read, and the stamp it was read at
// (see history.Stamp).
type historyMemo struct {
	root, stamp string
	dates       history.Dates
}
