package site

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/tradeoffs/tradeoffs/generator/internal/assets"
	"github.com/tradeoffs/tradeoffs/generator/internal/checklist"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/decision"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
	"github.com/tradeoffs/tradeoffs/generator/internal/houserules"
	"github.com/tradeoffs/tradeoffs/generator/internal/layout"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// page is a content page with what the build has made of it.
type page struct {
	*content.Page
	md         *markdown.Result
	contentKey [32]byte // see mdEntry
	linksKey   uint64   // see linksKey
	textKey    uint64   // see textKey
	// lastMod is when the page last changed: its last commit, or else its
	// front matter's updated or date; published is its front matter's
	// date, or else its first commit.
	lastMod, published time.Time
	// inFeed is set for the articles the feed lists (see feed.go).
	inFeed    bool
	related   []*page
	backlinks []*page
	// link is the page as lists show it, once made (see build.link), memo
	// where it was kept from, and sig its hash (see signer.link).
	link   *PageLink
	memo   *linkMemo
	sig    uint64
	signed bool
}

func (s *build) loadLayouts(context.Context) {
	set, diags := layout.Load(
		layout.Source{FS: theme.FS, Dir: "layouts", Label: "generator/internal/theme/layouts"},
		layout.Source{FS: s.opts.FS, Dir: layout.Dir, Label: layout.Dir},
		s.funcs(),
	)
	s.diags.Append(diags)
	if !diags.HasErrors() {
		s.layouts = set
	}
}

func (s *build) buildAssets(context.Context) {
	// The theme's files are compiled in: only the code styles can change.
	key := reuse.Derive("assets", []byte(s.cfg.Highlight.Light), []byte(s.cfg.Highlight.Dark))
	if bundle, ok := s.b.assets.Get(key); ok {
		s.addAssets(bundle)
		return
	}
	css, err := highlight.Stylesheet(s.cfg.Highlight.Light, s.cfg.Highlight.Dark)
	if err != nil {
		s.diags.Errorf(diag.Pos{File: "content/_site.yaml"}, "%v", err)
		return
	}
	bundle, err := assets.Build(theme.FS, "static", css)
	if err != nil {
		s.diags.Errorf(diag.Pos{File: "generator/internal/theme/static"}, "%v", err)
		return
	}
	s.b.assets.Put(key, bundle)
	s.addAssets(bundle)
}

func (s *build) addAssets(bundle *assets.Bundle) {
	s.assets = bundle
	for name, data := range bundle.Files() {
		if err := s.files.Add(name, data, themeSource); err != nil {
			s.diags.Add(diag.AsList(err, diag.Pos{})[0])
		}
	}
}

// renderMarkdown converts every page body, in parallel, one converter per
// worker (a goldmark converter is not shared between goroutines). A page
// whose conversion the Builder still has, and whose inputs did not change,
// is not converted again.
func (s *build) renderMarkdown(ctx context.Context) {
	resolver := s.resolver()
	rec := newRecorder(s.files)
	opts := s.markdownOptions(rec)
	keys := make([][32]byte, len(s.pages))
	reused := make([]*mdEntry, len(s.pages))
	var todo []int
	// Relative links resolve the same while every page keeps its path
	// and URL: then the cached conversions' links need no checking.
	paths := s.pathsKey()
	s.samePaths = paths == s.b.pathsKey
	for i, p := range s.pages {
		if e := s.b.md[p.Source]; s.samePaths && e != nil && e.src == p.Hash {
			keys[i] = e.key // the file and the settings are the same
		} else {
			keys[i] = s.mdKey(p)
		}
		if e := s.cachedMarkdown(p, keys[i], resolver); e != nil {
			reused[i] = e
			p.md = e.res
			for _, x := range e.extras {
				s.files.Put(x.path, x.data, p.Source)
			}
			continue
		}
		todo = append(todo, i)
	}
	s.converted = len(todo)
	s.parallel(ctx, len(todo), func() func(i int) {
		conv := markdown.New(opts)
		return func(i int) { s.convert(conv, s.pages[todo[i]], resolver) }
	}, nil)
	if ctx.Err() != nil {
		return // cancelled: Build puts the caches back
	}
	fresh := make(map[string]*mdEntry, len(s.pages))
	for i, p := range s.pages {
		if p.md == nil {
			continue
		}
		s.diags.Append(p.md.Diags)
		if s.calcs.definesInline(p.Source) {
			p.contentKey = [32]byte{1} // never matches: always rendered again
			p.linksKey, p.textKey = linksKey(p.md), textKey(p.md)
			continue
		}
		e := reused[i]
		if e == nil || e.res != p.md {
			e = (&mdEntry{key: keys[i], src: p.Hash, res: p.md, calcs: s.definitionsKey(), rewrites: rewritesOf(p.md), extras: rec.of(p.Source)}).finish()
			s.keep(e)
		}
		p.contentKey, p.linksKey, p.textKey = e.contentKey, e.linksKey, e.textKey
		fresh[p.Source] = e
	}
	s.b.md = fresh
	s.b.pathsKey = paths
	if s.b.oneShot {
		s.b.md = nil
		for _, p := range s.pages {
			p.Body = nil // converted: the source text is not needed again
		}
	}
}

// markdownOptions are the conversion settings of the build; embedded
// diagrams' files go to rec.
func (s *build) markdownOptions(rec *recorder) markdown.Options {
	return markdown.Options{
		UnsafeHTML:  s.cfg.UnsafeHTML,
		Highlighter: s.b.hl,
		TOCMin:      s.cfg.TOC.Min,
		TOCMax:      s.cfg.TOC.Max,
		PlainCode:   s.opts.PlainCode,
		Extenders:   []goldmark.Extender{checklist.Extension{}, figures.Extension{Set: s.figures}, houserules.Extension{}, decision.Extension{}},
		Embedders: map[string]markdown.Embedder{
			"calculator": s.calcs,
			"d2":         s.b.diagrams.Embedder(rec).WithLanguage(s.cfg.Language),
		},
	}
}

// convert converts one page: with its shared figures, the house rules of
// its section, and the checklist extension on checklist pages.
func (s *build) convert(conv *markdown.Converter, p *page, resolver *resolver) {
	cl, isChecklist := p.Meta.(*content.Checklist)
	dr, isDecision := p.Meta.(*content.Decision)
	var extra diag.List
	var usesFigures bool
	in := markdown.Input{File: p.Source, Body: p.Body, BodyLine: p.BodyLine, Resolver: resolver,
		TitleLine: p.TitleLine, PlainPunctuation: s.cfg.PlainPunctuation(p.Section)}
	in.Prepare = func(pc parser.Context) {
		figures.Enable(pc, figures.Doc{File: p.Source, BodyLine: p.BodyLine})
		if p.Kind == content.KindPage {
			houserules.Enable(pc, houseRulesPage(p))
		}
		if isChecklist {
			checklist.Enable(pc, checklistConfig(p, cl))
		}
		if isDecision && p.Kind == content.KindPage {
			decision.Enable(pc)
		}
	}
	in.Inspect = func(pc parser.Context) {
		used, diags := figures.Result(pc)
		usesFigures = len(used) > 0
		extra.Append(diags)
		extra.Append(houserules.Result(pc))
		if isChecklist {
			_, diags := checklist.Result(pc)
			extra.Append(diags)
		}
	}
	p.md = conv.Convert(in)
	p.md.Diags.Append(extra)
	if isDecision && p.Kind == content.KindPage {
		p.md.Links = append(p.md.Links, evidenceLinks(p, dr, resolver)...)
	}
	if isChecklist {
		p.md.Features = append(p.md.Features, "checklist")
	}
	if usesFigures {
		p.md.Features = append(p.md.Features, "figure")
	}
}

// parallel runs n jobs on GOMAXPROCS workers; newWorker is called once per
// worker and returns the function that does job i. progress, if set, is
// told how many jobs are done.
func (s *build) parallel(ctx context.Context, n int, newWorker func() func(int), progress func(done, total int)) {
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			work := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				work(i)
				if d := done.Add(1); progress != nil && (d%64 == 0 || int(d) == n) {
					progress(int(d), n)
				}
			}
		})
	}
	wg.Wait()
}

// checklistConfig tells the checklist extension about a checklist page.
func checklistConfig(p *page, cl *content.Checklist) checklist.Config {
	cfg := checklist.Config{ID: p.Slug, File: p.Source, BodyLine: p.BodyLine}
	for i, o := range cl.Options {
		cfg.Options = append(cfg.Options, checklist.Option{ID: o.ID, Label: o.Label, Pos: p.Front.Key(fmt.Sprintf("options[%d]", i))})
	}
	return cfg
}
