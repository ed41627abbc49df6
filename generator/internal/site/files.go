package site

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/editorfiles"
	"github.com/tradeoffs/tradeoffs/generator/internal/feeds"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
)

// StaticDir is the site folder copied to the output as it is.
const StaticDir = "static"

// renderFeeds writes sitemap.xml, atom.xml and robots.txt.
func (s *build) renderFeeds(ctx context.Context) {
	key := reuse.Sum("sitemap", s.sitemapKey())
	if data, ok := s.b.sitemap.Get(key); ok {
		s.add("sitemap.xml", data, nil)
	} else {
		var all []feeds.Entry
		for _, p := range s.pages {
			b := p.Base()
			all = append(all, feeds.Entry{URL: s.absURL(p.URL), Published: b.Date.Time, Updated: p.lastMod})
		}
		for _, sec := range append(slices.Clone(s.sections), s.lists...) {
			if s.made(sec) {
				all = append(all, feeds.Entry{URL: s.absURL(sec.URL)})
			}
		}
		for _, t := range s.tags {
			all = append(all, feeds.Entry{URL: s.absURL(t.url())})
		}
		sitemap, err := feeds.Sitemap(all)
		s.add("sitemap.xml", sitemap, err)
		if err == nil {
			s.b.sitemap.Put(key, sitemap)
		}
	}
	s.renderAtom(ctx)
	s.add("robots.txt", feeds.Robots(s.absURL("/sitemap.xml"), s.opts.Preview), nil)
}

// sitemapKey hashes what the sitemap lists: every page's URL and dates
// (front matter and git), the made-up section pages and the tag pages.
func (s *build) sitemapKey() uint64 {
	x := newSum("sitemap", s.frontKey())
	x.str(s.cfg.BaseURL)
	for _, p := range s.pages {
		x.u64(uint64(p.lastMod.Unix()))
	}
	for _, sec := range s.sections {
		x.str(sec.URL)
	}
	for _, sec := range s.lists {
		x.str(sec.URL)
	}
	for _, t := range s.tags {
		x.str(t.slug)
	}
	return x.value()
}

// frontKey hashes the pages' front matter and where they are, in order:
// what lists, tags and the sitemap take from pages. An edit to a page's
// body leaves it alone, so steps that read only that (lint, the sitemap,
// taxonomies) reuse their last result instead of reading every page again.
func (s *build) frontKey() uint64 {
	if !s.frontDone {
		x := newSum("front", 0)
		for _, p := range s.pages {
			x.str(p.Source)
			x.u64(p.FrontHash)
		}
		s.front, s.frontDone = x.value(), true
	}
	return s.front
}

func (s *build) add(out string, data []byte, err error) {
	if err == nil {
		err = s.files.Add(out, data, "")
	}
	if err != nil {
		s.diags.Append(diag.AsList(err, diag.Pos{}))
	}
}

// copyStatic copies the site's static/ folder, the files of page bundles
// and the loose files under content/ (images beside pages), as they are.
func (s *build) copyStatic(context.Context) {
	err := fs.WalkDir(s.opts.FS, StaticDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() || strings.HasPrefix(d.Name(), ".") || editorfiles.Match(d.Name()):
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			// Followed when it leads to a file inside the site root;
			// the file system refuses one that leaves it.
			if info, err := fs.Stat(s.opts.FS, p); err != nil {
				s.diags.Errorf(diag.Pos{File: p}, "%v", err)
				return nil
			} else if info.IsDir() {
				s.diags.Errorf(diag.Pos{File: p}, "symbolic links to folders are not followed in static/: replace the link with the folder itself")
				return nil
			}
		}
		s.copyFile(p, strings.TrimPrefix(p, StaticDir+"/"))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.diags.Errorf(diag.Pos{File: StaticDir}, "cannot read static files: %v", err)
	}
	if s.content == nil {
		return
	}
	for _, p := range s.pages {
		for _, r := range p.Resources {
			s.copyFile(r.Source, r.OutFile)
		}
	}
	for _, f := range s.content.Files {
		switch {
		case s.consumed(f):
		case f.Asset:
			s.copyFile(f.Source, f.Out)
		default:
			s.diags.Warnf(diag.Pos{File: f.Source}, "not published: %s is not a page (.md, .markdown) or a file type published from content/ (images, PDF, text, CSV, JSON, audio, video, fonts); to publish it as it is, put it in static/ or in a page bundle (a folder with index.md)", path.Base(f.Source))
		}
	}
}

// consumed reports content files that the build reads instead of
// publishing (calculator definitions).
func (s *build) consumed(f content.File) bool {
	return isCalculatorFile(f.Rel)
}

// themeSource marks output files that come from the theme's assets; a file
// of the site's static/ folder with the same path replaces them.
const themeSource = "generator/internal/theme/static"

func (s *build) copyFile(src, out string) {
	if strings.HasPrefix(out, searchDir+"/") {
		// The search index is written there while the pages render; a
		// file of the site's own would be replaced or not depending on
		// which came first.
		s.diags.Errorf(diag.Pos{File: src}, "/%s is where the search index is written: move the file out of %s/", out, searchDir)
		return
	}
	data, err := fs.ReadFile(s.opts.FS, src)
	if err != nil {
		s.diags.Errorf(diag.Pos{File: src}, "cannot read: %v", err)
		return
	}
	if src, ok := s.files.Source(out); ok && src == themeSource {
		s.files.Put(out, data, src)
		return
	}
	if err := s.files.Add(out, data, src); err != nil {
		s.diags.Append(diag.AsList(err, diag.Pos{File: src}))
	}
}
