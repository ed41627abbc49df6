package content

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// Dir is the folder of the site root that holds the content.
const Dir = "content"

// Options control loading.
type Options struct {
	// Drafts keeps draft pages in Site.Pages.
	Drafts bool
	// MaxPageBytes rejects larger markdown files; 0 means no limit.
	MaxPageBytes int
	// Cache, if set, keeps parsed pages between loads.
	Cache *Cache
	// Changed, if set, lists the only files (paths from the site root)
	// that may have changed since the last load with the same Cache; the
	// others are reused without even a look at their modification time.
	Changed map[string]bool
}

// Site is the loaded content.
type Site struct {
	// Pages are the published pages (drafts only with Options.Drafts),
	// sorted by Source.
	Pages []*Page
	// Drafts counts the draft pages left out.
	Drafts int
	// Files are the non-markdown files outside bundles, sorted by Source.
	Files []File
	// Failed are the pages that cannot be built, for the problems
	// reported with them: Source, Slug, URL, OutFile and Kind are set,
	// so a link to one need not be reported as broken too.
	Failed []*Page
	// Folders are the folders of content/, content/ itself included,
	// sorted by Source.
	Folders []Folder
	// Aliases are the symbolic links to pages, sorted by Source.
	Aliases []Alias
}

// Load walks content/ in fsys and decodes every page. It returns all
// problems found, in every file, together.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Site, diag.List) {
	w, ok := opts.Cache.lastWalk(fsys, opts.Changed)
	if !ok {
		w = &walker{fsys: fsys}
		if err := w.walk(); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				w.diags.Errorf(diag.Pos{File: Dir}, "no content folder: create content/ with at least content/_index.md")
			} else {
				w.diags.Errorf(diag.Pos{File: Dir}, "cannot read the content folder: %v", err)
			}
			return &Site{}, w.diags
		}
		w.sortWalk()
		opts.Cache.storeWalk(w)
	}
	pages, failed, diags := parseAll(ctx, fsys, w.pages, opts)
	diags = append(w.diags, diags...)
	// A page that fails has its ignored keys named too: every problem in one run.
	diags.Append(reportIgnored(append(slices.Clone(pages), failed...)))
	pages, collisions := checkCollisions(pages, w.files, w.aliases)
	diags.Append(collisions)
	site := &Site{Files: w.files, Folders: w.folders, Aliases: w.aliases, Failed: failed}
	for _, p := range pages {
		if p.Base().Draft && !opts.Drafts {
			site.Drafts++
			continue
		}
		site.Pages = append(site.Pages, p)
	}
	return site, diags
}

// parseAll reads and decodes pages in parallel; results keep Source order.
// It returns the pages that can be built and those that cannot.
func parseAll(ctx context.Context, fsys fs.FS, pages []*Page, opts Options) (out, failed []*Page, all diag.List) {
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Source, b.Source) })
	if opts.Cache != nil {
		opts.Cache.begin(opts)
		defer opts.Cache.end()
	}
	diags := make([]diag.List, len(pages))
	ok := make([]bool, len(pages))
	// Pages the caller says did not change come from the cache without a
	// look at the disk: no need to hand them to the workers one by one.
	todo := make([]int, 0, len(pages))
	for i, p := range pages {
		if opts.Cache != nil && opts.Changed != nil && !opts.Changed[p.Source] {
			var hit bool
			if ok[i], diags[i], hit = opts.Cache.reuse(fsys, p, opts); hit {
				continue
			}
		}
		todo = append(todo, i)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := range next {
				ok[i], diags[i] = load(fsys, pages[i], opts)
			}
		})
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range pages {
		all.Append(diags[i])
		if ok[i] {
			out = append(out, p)
		} else if len(diags[i]) > 0 { // else cancelled
			failed = append(failed, p)
		}
	}
	return out, failed, all
}

// load parses one page, or takes it from the cache.
func load(fsys fs.FS, p *Page, opts Options) (bool, diag.List) {
	if opts.Cache == nil {
		return parse(fsys, p, opts)
	}
	if ok, diags, hit := opts.Cache.reuse(fsys, p, opts); hit {
		return ok, diags
	}
	info, statErr := fs.Stat(fsys, p.Source)
	ok, diags := parse(fsys, p, opts)
	if statErr == nil {
		stored := *p
		stored.Bundle, stored.Resources = "", nil
		opts.Cache.store(info, &stored, ok, diags)
	}
	return ok, diags
}

// parse reads one page and decodes its front matter. It reports false when
// the page cannot be built at all.
func parse(fsys fs.FS, p *Page, opts Options) (bool, diag.List) {
	pos := diag.Pos{File: p.Source}
	if opts.MaxPageBytes > 0 {
		if info, err := fs.Stat(fsys, p.Source); err == nil && info.Size() > int64(opts.MaxPageBytes) {
			return false, diag.List{diag.Errorf(pos, "file is %d bytes, over the limit of %d (max_page_bytes in content/_site.yaml): split the page", info.Size(), opts.MaxPageBytes)}
		}
	}
	src, err := fs.ReadFile(fsys, p.Source)
	if err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			err = inner
		}
		return false, diag.List{diag.Errorf(pos, "cannot read the file: %v", err)}
	}
	p.Hash = sha256.Sum256(src)
	if src, err = checkText(p.Source, src); err != nil {
		return false, diag.AsList(err, pos)
	}
	strict := Strict(p.Section)
	fm, fmLine, body, bodyLine, err := splitPage(p, src)
	if err != nil {
		return false, diag.AsList(err, pos)
	}
	p.Body, p.BodyLine = body, bodyLine
	p.Meta = newSchema(p.Section, p.Kind)
	decode := yamldoc.Decode
	if !strict {
		decode = yamldoc.DecodeKnown
	}
	doc, diags := decode(p.Source, fm, max(fmLine, 1), p.Meta)
	p.Front = doc
	h := xxhash.New()
	fmt.Fprintf(h, "%d\x00", fmLine)
	h.Write(fm)
	reader, readsBody := p.Meta.(bodyReader)
	if readsBody {
		// What lists show of the page comes from its text too.
		h.Write([]byte{0})
		h.Write(body)
	}
	if !strict {
		p.Ignored = ignoredKeys(doc, p.Meta)
		if !doc.Has("title") && !diags.HasErrors() {
			p.Meta.Base().Title, p.TitleLine = bodyTitle(p)
			// Lists show the title: it is part of what they take.
			fmt.Fprintf(h, "\x00%d\x00%s", p.TitleLine, p.Meta.Base().Title)
		}
	}
	p.FrontHash = h.Sum64()
	if readsBody {
		reader.readBody(p.Source, body, bodyLine, fmLine > 0, &diags)
	}
	if doc.Decoded() {
		// Every problem of the front matter in one run: the values
		// Decode left out are not reported again as missing.
		var v diag.List
		p.Meta.validate(doc, &v)
		diags.Append(doc.Unreported(v))
	}
	return !diags.HasErrors(), diags
}

// splitPage separates a page's front matter from its body. A decision
// record may have no front matter (fmLine is then 0), as the formats it is
// read in need none. A page of a generic section may have none either:
// then, and when its first line "---" is not closed (GitHub shows a
// thematic break), the whole file is the body.
func splitPage(p *Page, src []byte) (fm []byte, fmLine int, body []byte, bodyLine int, err error) {
	if p.Section == DecisionsSection && p.Kind == KindPage && !hasFence(src, 0) {
		return nil, 0, src, 1, nil
	}
	strict := Strict(p.Section)
	if !strict && !hasFence(src, 0) {
		return nil, 1, src, 1, nil
	}
	fm, fmLine, body, bodyLine, err = split(p.Source, src)
	if err != nil && !strict {
		return nil, 1, src, 1, nil
	}
	return fm, fmLine, body, bodyLine, err
}

// bodyTitle is the title of a generic page without one in its front
// matter: its first "#" heading, with the heading's file line, or else its
// file's name.
func bodyTitle(p *Page) (string, int) {
	if info := FromBody(p.Body); info.Title != "" {
		return info.Title, p.BodyLine + info.TitleLine - 1
	}
	return nameTitle(p.Source), 0
}

// Reparse reads old's file again into a new page with old's place in the
// tree (its URL, bundle and resources), for a caller that knows only that file
// changed. The cache is neither read nor updated: the caller's next Load
// must list the file in Options.Changed.
func Reparse(fsys fs.FS, old *Page, opts Options) (*Page, bool, diag.List) {
	p := &Page{}
	p.place(old)
	ok, diags := parse(fsys, p, opts)
	return p, ok, diags
}
