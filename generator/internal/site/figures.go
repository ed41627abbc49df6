package site

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
	"github.com/tradeoffs/tradeoffs/generator/internal/houserules"
)

// loadFigures reads the shared figures (content/_figures.yaml), which
// pages show with :figure[id].
func (s *build) loadFigures(context.Context) {
	set, diags := figures.Load(s.opts.FS)
	s.diags.Append(diags)
	s.figures = set
	h := sha256.New()
	h.Write(s.calcs.key[:])
	h.Write(set.Key[:])
	h.Sum(s.defsKey[:0])
}

// definitionsKey (made by loadFigures, after loadWidgets) identifies what pages embed from other files: the
// calculator definitions and the shared figures. A page that uses either
// is converted again when it changes.
func (s *build) definitionsKey() [32]byte { return s.defsKey }

// usesDefinitions reports whether a page's conversion depends on the
// definitions definitionsKey covers.
func usesDefinitions(features []string) bool {
	return slices.Contains(features, "calculator") || slices.Contains(features, "figure")
}

// houseRulesPage is what the house rules need of a page besides its body.
func houseRulesPage(p *page) houserules.Page {
	hp := houserules.Page{File: p.Source, BodyLine: p.BodyLine, Section: p.Section}
	if d, ok := p.Meta.(*content.Decision); ok {
		hp.Format = string(d.Record.Format)
	}
	if cs, ok := p.Meta.(*content.CaseStudy); ok {
		hp.Sources = make([]houserules.Source, 0, len(cs.Sources))
		for i, src := range cs.Sources {
			hp.Sources = append(hp.Sources, houserules.Source{URL: src.URL, Pos: p.Front.Value(fmt.Sprintf("sources[%d].url", i))})
		}
	}
	return hp
}
