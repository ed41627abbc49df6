// Package houserules owns the checkable rules of CONTRIBUTING.md: what
// `check` demands of a page beyond valid markdown and front matter, per
// section of the site. Each rule is a named function; its messages start
// with the rule's name in brackets and say how to fix the page.
//
// Case studies (content/case-studies/):
//
//   - required-sections: the sections Context, What they changed, The
//     numbers, What it cost them, Lessons, When it would not apply, in
//     this order, as level-2 headings.
//   - non-empty-sections: each of them has something under it (an HTML
//     comment, such as the scaffold's guidance, does not count).
//   - cited-figures: every sentence that states a figure carries a footnote
//     to a source listed in the front matter, or a footnote whose text
//     starts "Our calculation" (the site's own arithmetic), or uses a
//     shared figure (:figure[id], see package figures). A list or table
//     introduced by a cited sentence ending in ":" is covered by it, and so
//     is a table whose header row cites a listed source.
//   - https-sources: the front matter's sources and every link use https.
//   - links-trade-off: the page links at least one trade-off page
//     (/patterns/...).
//
// Trade-off pages (content/patterns/): required-sections and
// non-empty-sections with the sections Forces, Options side by side,
// Costs, Case studies on each side, Questions that decide it, Related;
// https-sources; and cites-cases: at least two case studies linked.
//
// Decision records (content/decisions/): required-sections and
// non-empty-sections with the sections of the record's format: MADR's
// Context and Problem Statement, Considered Options, Decision Outcome,
// and consequences: something under a "Consequences" heading (level 2 or
// 3; MADR 2's "Positive Consequences" and "Negative Consequences" count);
// Nygard's Context, Decision, Consequences (Page.Format "nygard"). Their
// figures need no citation and their links may be http: records are often
// a team's own, brought in as they are.
//
// Calculators and checklists have no house rules yet.
//
// # What states a figure
//
// A sentence states a figure when it has money ("$3.2 million"), a
// percentage ("90%"), a number with a magnitude or unit ("13.14 billion",
// "500 petabytes", "4.4 months", "1 vCPU", "10×"), a number with a
// thousands separator ("1,600 services"), or any other whole number of ten
// or more ("11 web servers"). It does not when its numbers are words ("two
// teams"), part of a name ("HTTP/2", "S3", "us-east-1", "x86"), a single
// digit without a unit ("Python 3"), a version ("Istio 1.5"), a year or a
// date ("in 2008", "19 October 2022", "2012–2013"), or "24×7". Numbers in
// code, link addresses, headings and footnotes are not read.
//
// Sentences end at ".", "!" or "?" followed by a capital, a digit, a
// currency sign or an opening quote or bracket ("vs.", "e.g." and initials
// do not end one). A footnote reference right after a sentence's stop
// belongs to that sentence. Table cells are sentences of their own, and a
// citation anywhere in a row covers the row.
//
// It is a goldmark extension that reads the converted document after every
// other transformer (links rewritten, footnotes and figure notes
// appended) and changes nothing. It imports diag, figures, markdown (for
// node offsets), goldmark and the standard library.
package houserules
