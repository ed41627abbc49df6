package content

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/rootfs"
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
}

// Load walks content/ in fsys and decodes every page. It returns all
// problems found, in every file, together.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Site, diag.List) {
	w, ok := opts.Cache.lastWalk(fsys, opts.Changed)
	if !ok {
		w = &walker{fsys: fsys}
		if err := fs.WalkDir(fsys, Dir, w.visit); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				w.diags.Errorf(diag.Pos{File: Dir}, "no content folder: create content/ with at least content/_index.md")
			} else {
				w.diags.Errorf(diag.Pos{File: Dir}, "cannot read the content folder: %v", err)
			}
			return &Site{}, w.diags
		}
		opts.Cache.storeWalk(w)
	}
	pages, failed, diags := parseAll(ctx, fsys, w.pages, opts)
	diags = append(w.diags, diags...)
	pages, collisions := checkCollisions(pages, w.files)
	diags.Append(collisions)
	site := &Site{Files: w.files, Failed: failed}
	for _, p := range pages {
		if p.Base().Draft && !opts.Drafts {
			site.Drafts++
			continue
		}
		site.Pages = append(site.Pages, p)
	}
	return site, diags
}

// walker collects the files under content/.
type walker struct {
	fsys  fs.FS
	pages []*Page // Source, Bundle and Resources set; the rest by parse
	files []File
	diags diag.List
}

func (w *walker) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		if p == Dir {
			return err
		}
		w.diags.Errorf(diag.Pos{File: p}, "cannot read: %v", err)
		return nil
	}
	if p == Dir {
		return nil
	}
	name := d.Name()
	if ignored(name) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.Type()&fs.ModeSymlink != 0 && !w.linkedFile(p) {
		return nil
	}
	rel := strings.TrimPrefix(p, Dir+"/")
	if d.IsDir() {
		if !ValidSlug(name) {
			w.diags.Errorf(diag.Pos{File: p}, "folder name %q cannot be part of a URL: rename it to %q (lower-case letters, digits and hyphens)", name, Slugify(name))
			return fs.SkipDir
		}
		if _, err := fs.Stat(w.fsys, p+"/index.md"); err == nil {
			w.addBundle(p)
			return fs.SkipDir
		}
		return nil
	}
	if IsPage(name) {
		w.addPage(p, rel, "")
		return nil
	}
	w.files = append(w.files, File{Source: p, Rel: rel, Asset: isAsset(name)})
	return nil
}

func (w *walker) addPage(p, rel, bundle string) *Page {
	slug, _, _, kind := urlFor(rel)
	if kind == KindPage && !ValidSlug(slug) {
		w.diags.Errorf(diag.Pos{File: p}, "file name %q cannot be used as a URL: rename it to %q (lower-case letters, digits and hyphens)", slug, Slugify(slug)+".md")
		return nil
	}
	page := &Page{Source: p, Bundle: bundle}
	w.pages = append(w.pages, page)
	return page
}

// addBundle adds dir/index.md and every other file under dir as its resources.
func (w *walker) addBundle(dir string) {
	rel := strings.TrimPrefix(dir, Dir+"/") + "/index.md"
	page := w.addPage(dir+"/index.md", rel, dir)
	err := fs.WalkDir(w.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			w.diags.Errorf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		case p == dir || p == dir+"/index.md":
			return nil
		case ignored(d.Name()):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0 && !w.linkedFile(p):
			return nil
		case d.IsDir():
			return nil
		case IsPage(d.Name()):
			w.diags.Errorf(diag.Pos{File: p}, "a page bundle cannot hold other pages: %s is inside the bundle %s/; move it out, or make it part of index.md", p, dir)
			return nil
		}
		if page != nil {
			out := strings.TrimPrefix(p, Dir+"/")
			page.Resources = append(page.Resources, Resource{Source: p, OutFile: out})
		}
		return nil
	})
	if err != nil {
		w.diags.Errorf(diag.Pos{File: dir}, "cannot read the bundle: %v", err)
	}
}

// linkedFile reports whether the symbolic link p is followed as a file. A
// link that leaves the site root cannot be read (package rootfs names the
// link and its target); a page or a folder behind a link is not followed
// either: a page has one source file, and a folder's link could loop.
func (w *walker) linkedFile(p string) bool {
	info, err := fs.Stat(w.fsys, p)
	switch {
	case err != nil:
		var esc *rootfs.EscapeError
		if errors.As(err, &esc) {
			w.diags.Errorf(diag.Pos{File: p}, "%v", err)
		} else {
			w.diags.Errorf(diag.Pos{File: p}, "cannot read the symbolic link's target: %v", err)
		}
		return false
	case info.IsDir():
		w.diags.Errorf(diag.Pos{File: p}, "symbolic links to folders are not followed: replace the link with the folder itself")
		return false
	case IsPage(path.Base(p)):
		target, _ := fs.ReadLink(w.fsys, p)
		w.diags.Errorf(diag.Pos{File: p}, "symbolic links to pages are not followed: replace the link with the file itself (it points to %s)", target)
		return false
	}
	return true
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
	rel := strings.TrimPrefix(p.Source, Dir+"/")
	p.Slug, p.URL, p.OutFile, p.Kind = urlFor(rel)
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
	p.Section = sectionOf(rel)
	fm, fmLine, body, bodyLine, err := splitPage(p, src)
	if err != nil {
		return false, diag.AsList(err, pos)
	}
	p.Body, p.BodyLine = body, bodyLine
	p.Meta = newSchema(p.Section, p.Kind)
	h := xxhash.New()
	fmt.Fprintf(h, "%d\x00", fmLine)
	h.Write(fm)
	reader, readsBody := p.Meta.(bodyReader)
	if readsBody {
		// What lists show of the page comes from its text too.
		h.Write([]byte{0})
		h.Write(body)
	}
	p.FrontHash = h.Sum64()
	doc, diags := yamldoc.Decode(p.Source, fm, max(fmLine, 1), p.Meta)
	p.Front = doc
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

// splitPage splits a page's front matter from its body, as split does; a
// decision record may have no front matter (fmLine is then 0), as the
// formats it is read in need none.
func splitPage(p *Page, src []byte) (fm []byte, fmLine int, body []byte, bodyLine int, err error) {
	if p.Section == DecisionsSection && p.Kind == KindPage && !hasFence(src, 0) {
		return nil, 0, src, 1, nil
	}
	return split(p.Source, src)
}

// Reparse reads old's file again into a new page with old's place in the
// tree (its bundle and resources), for a caller that knows only that file
// changed. The cache is neither read nor updated: the caller's next Load
// must list the file in Options.Changed.
func Reparse(fsys fs.FS, old *Page, opts Options) (*Page, bool, diag.List) {
	p := &Page{Source: old.Source, Bundle: old.Bundle, Resources: old.Resources}
	ok, diags := parse(fsys, p, opts)
	return p, ok, diags
}
