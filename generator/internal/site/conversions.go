package site

import (
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
)

// A one-shot build with a cache folder keeps every page's conversion in
// the Builder's reuse.Store, by the page's key (mdKey: the file's content
// and the settings, with the generator's version), so the next such build
// converts only the pages whose key changed, whatever folder it builds
// into and whatever times its files have: a deploy from a fresh clone
// with .cache/ restored converts the pages that changed.

// keptConversion is a conversion to keep, by key.
type keptConversion struct {
	key  reuse.Key
	conv reuse.Conversion
}

// storedMarkdown returns the conversion of p kept under key in the store,
// if there is one and it decodes.
func (s *build) storedMarkdown(p *page, key [32]byte) *mdEntry {
	if s.b.store == nil {
		return nil
	}
	b, ok := s.b.store.Get(key)
	if !ok {
		return nil
	}
	c, err := reuse.DecodeConversion(b)
	if err != nil {
		return nil
	}
	e := &mdEntry{key: key, src: p.Hash, res: c.Result, calcs: c.Definitions}
	for _, rw := range c.Rewrites {
		e.rewrites = append(e.rewrites, rewrite{rw.Dest, rw.Href})
	}
	for _, x := range c.Extras {
		e.extras = append(e.extras, extraFile{x.Path, x.Data})
	}
	return e.finish()
}

// keep notes e, converted by this build, to be kept in the store: a
// copy of its result, so that steps letting go of its parts (the HTML once
// rendered) do not change what is kept.
func (s *build) keep(e *mdEntry) {
	if s.b.store == nil || len(e.res.Code) > 0 {
		return
	}
	res := *e.res
	c := reuse.Conversion{Result: &res, Definitions: e.calcs}
	for _, rw := range e.rewrites {
		c.Rewrites = append(c.Rewrites, reuse.Rewrite{Dest: rw.dest, Href: rw.href})
	}
	for _, x := range e.extras {
		c.Extras = append(c.Extras, reuse.File{Path: x.path, Data: x.data})
	}
	s.kept = append(s.kept, keptConversion{e.key, c})
}

// saveConversions writes the kept conversions to the store in the
// background, and returns where its error will be, or nil without a store.
func (s *build) saveConversions() chan error {
	st, kept := s.b.store, s.kept
	s.kept = nil
	if st == nil {
		return nil
	}
	done := make(chan error, 1)
	go func() {
		done <- st.Save(func(put func(reuse.Key, []byte) error) error {
			for i := range kept {
				if err := put(kept[i].key, kept[i].conv.Encode()); err != nil {
					return err
				}
				kept[i] = keptConversion{} // written: let go of it
			}
			return nil
		})
	}()
	return done
}
