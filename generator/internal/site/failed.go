package site

import (
	"path"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// failed is what the build would have published but could not, for a
// problem already reported: a page whose file failed to load, an output
// page whose layout is missing or failed. A link to one of them is not
// reported as broken: the one message to act on is the failure itself,
// and fixing it mends the link.
type failed struct {
	sources map[string]bool // content files that failed to load
	outputs map[string]bool // output files not written
}

func (f *failed) addSource(p *content.Page) {
	if f.sources == nil {
		f.sources = map[string]bool{}
	}
	f.sources[p.Source] = true
	f.addOutput(p.OutFile)
}

func (f *failed) addOutput(out string) {
	if out == "" {
		return
	}
	if f.outputs == nil {
		f.outputs = map[string]bool{}
	}
	f.outputs[out] = true
}

// source reports whether the page at source failed to load.
func (f *failed) source(source string) bool { return f.sources[source] }

// url reports whether URL path p is where a failed output would be.
func (f *failed) url(p string) bool {
	if len(f.outputs) == 0 {
		return false
	}
	for _, c := range outputCandidates(p) {
		if f.outputs[c] {
			return true
		}
	}
	return false
}

// key hashes the record: a page's last link check holds only while it is
// the same (a page that failed and is then deleted makes its links broken).
func (f *failed) key() uint64 {
	if len(f.sources)+len(f.outputs) == 0 {
		return 0
	}
	d := xxhash.New()
	for _, m := range []map[string]bool{f.sources, f.outputs} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			d.WriteString(k)
			d.WriteString("\x00")
		}
		d.WriteString("\x01")
	}
	return d.Sum64()
}

// unrendered records every output page the render step makes, when it
// cannot run at all (the layouts or the theme failed).
func (s *build) unrendered() {
	for _, p := range s.pages {
		s.failed.addOutput(p.OutFile)
	}
	for _, sec := range s.sections {
		s.failed.addOutput(sec.OutFile)
	}
	for _, l := range s.lists {
		s.failed.addOutput(l.OutFile)
	}
	s.failed.addOutput(homeOut)
	for _, t := range s.tags {
		s.failed.addOutput(tagOut(t))
	}
	for _, out := range []string{tagsOut, searchOut, notFoundOut} {
		s.failed.addOutput(out)
	}
}

// outputCandidates lists the output files that can serve URL path p.
func outputCandidates(p string) []string {
	rel := strings.TrimPrefix(p, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		return []string{rel + "index.html"}
	}
	if path.Ext(rel) == "" {
		return []string{rel, rel + "/index.html"}
	}
	return []string{rel}
}
