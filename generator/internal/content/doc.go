// Package content owns the content model: walking content/, splitting front
// matter from the markdown body, decoding it into the typed schema of the
// page's section, and deciding each page's slug, URL and output file.
//
// # Layout of content/
//
//	content/_index.md                    the home page            → /
//	content/about.md                     a top-level page         → /about/
//	content/<section>/_index.md          a section's list page    → /<section>/
//	content/<section>/<slug>.md          a page                   → /<section>/<slug>/
//	content/<section>/<slug>/index.md    a page bundle: the files beside index.md
//	                                     are its resources          → /<section>/<slug>/<file>
//	content/<section>/<sub>/<slug>.md    a page in a nested folder → /<section>/<sub>/<slug>/
//	content/_site.yaml                   the site config (package config)
//
// Pages are the files named *.md or *.markdown, in any letter case. Names
// starting with "." or "_" are ignored, except _index.md, and so are the
// files editors and patch tools leave beside pages ("page.md~", "#page.md#",
// "page.md.orig"; package editorfiles): they are never published. Other
// files (images, calculator definitions under calculators/) are reported in
// Site.Files for the later stages, marked Asset when their type is one that
// is published as it is (files.go says which).
//
// # Front matter
//
// Every page starts with YAML between two "---" lines. The keys allowed
// depend on the section: case-studies/, checklists/, decisions/ and
// patterns/ have typed schemas (CaseStudy, Checklist, Decision, Pattern);
// every other page uses Common. Unknown keys, wrong types, missing required
// fields and invalid values are errors positioned at the key in the
// original file.
//
// A decision record (decisions/) may have no front matter, or only part of
// it: its title, status, date, deciders and supersede links are then read
// from its text, in MADR's or Nygard's format (package decision), and
// checked as strictly, at the line that says them. Its FrontHash covers its
// text, which lists show.
//
// Drafts (draft: true) are loaded and validated but left out of Site.Pages
// unless Options.Drafts is set.
//
// A Cache of parsed pages lets a Builder that builds again (the preview
// server) read and parse only the files that changed.
//
// content imports diag, yamldoc, slug, editorfiles, rootfs (for the error
// of a link out of the site root), decision (to read records' text), xxhash
// and the standard library.
package content
