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
// # Strict and generic sections
//
// The sections with a typed schema (case-studies/, checklists/,
// decisions/, patterns/) and calculators/ are strict (Strict): every page
// has front matter (a decision record may read it from its text, see
// below), and every file and folder name is a URL element already (lower-case letters,
// digits, hyphens); a name that is not is an error, reported with what the
// folder holds, not instead of it.
//
// Every other section, the pages at the top of content/ and the home page
// are generic: a folder of markdown as GitHub shows it builds unchanged
// (generic.go).
//
//   - Any name becomes a URL element (slug.Path): "Getting Started/Step_1.md"
//     → /getting-started/step-1/, "Über uns.md" → /über-uns/ (letters of
//     every script are kept, lower-cased, not transliterated). Two names
//     that give one URL are an error naming both files.
//   - A folder's page is its _index.md, else its index.md, else its
//     README.md (any letter case; .markdown too): a section page when the
//     folder holds other pages, beside or below, else a page bundle. A
//     folder with pages and none of these gets a list page from the site.
//     content/README.md is the home page when there is no _index.md.
//   - Front matter is optional. Without a title, the title is the first
//     "#" heading at the top level of the body (Page.TitleLine: the
//     markdown converter then leaves it out) or else the file's name (the
//     folder's, for a README); description is taken as the summary; any
//     other key the page's schema lacks is ignored, with one warning per
//     key for the whole site.
//   - Files that are not pages are published beside the pages of their
//     folder, their names made URL elements as pages' are (File.Out).
//
// A symbolic link that resolves inside the site root is followed: a link
// to a page of content/ (README.md → index.md) makes no second page but an
// Alias, whose URL leads to the page; a link to any other file is read as
// that file. One that leaves the root is an error (package rootfs names it
// and its target), and so is a link to a folder, which could loop.
//
// # Front matter
//
// A page may start with YAML between two "---" lines. The keys allowed
// depend on the section: case-studies/, checklists/, decisions/ and
// patterns/ have typed schemas (CaseStudy, Checklist, Decision, Pattern);
// calculators/ and the list pages of strict sections use Common, generic
// sections Generic. In strict sections, unknown keys, wrong types, missing
// required fields and invalid values are errors positioned at the key in
// the original file; in generic ones, all but unknown keys are.
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
// of a link out of the site root), decision (to read records' text), xxhash,
// goldmark (FromBody finds a body's first heading and paragraph) and the
// standard library.
package content
