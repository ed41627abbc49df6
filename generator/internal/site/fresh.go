package site

// Fresh returns a Builder that remembers nothing of b's builds (the pages
// read, the walk of content/, the memos) but shares b's highlighted code
// and rendered diagrams, which depend on their input alone. The preview
// server starts over with one when a build may have seen the site wrong: a
// file it could not open for lack of file descriptors would otherwise stay
// remembered as unreadable, and its page missing, after the descriptors
// come back. b must not be used again.
func (b *Builder) Fresh() *Builder {
	f := NewBuilder()
	f.hl, f.diagrams = b.hl, b.diagrams
	f.cacheDir = b.cacheDir
	return f
}
