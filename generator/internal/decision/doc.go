// Package decision owns decision records (content/decisions/): what a
// record says about itself, read from its text when it has no front matter,
// the supersede links between records and the checks that they agree, and
// the decision log's chains.
//
// # The two formats
//
// A record is recognised by its level-2 headings:
//
//   - MADR (adr.github.io/madr, versions 2 to 4): "Context and Problem
//     Statement", "Considered Options", "Decision Outcome" (with "###
//     Consequences", or MADR 2's "### Positive Consequences" and "###
//     Negative Consequences"). Its metadata is YAML front matter (status,
//     date, deciders or decision-makers, consulted, informed) or, in MADR 2,
//     a list under the title: "* Status: accepted", "* Deciders: ...",
//     "* Date: 2018-06-14".
//   - Michael Nygard's, as adr-tools writes it: "# 1. Title", a line
//     "Date: 2016-02-12", then "## Status", "## Context", "## Decision",
//     "## Consequences". The Status section holds the status word and the
//     links adr-tools adds: "Supersedes [1. First](0001-first.md)",
//     "Superseded by [3. Third](0003-third.md)" (adr-tools spells them
//     "Supercedes" and "Superceded by"; both spellings are read), and other
//     relations ("Amended by [...]"), which stay text.
//
// The first "#" heading before any "##" is the record's title; "1. " or
// "ADR-0001: " before it is the record's number. Read returns all of this
// with the position of each value, so a problem points at the line that
// says it.
//
// # Statuses and supersede links
//
// A status is proposed, accepted, rejected, deprecated or superseded;
// "superseded by X" also names the record that replaced this one. Check
// resolves every supersedes and superseded-by reference (a file name such as
// 0001-use-x.md, a number such as ADR-0001, or a URL) to a record of the log
// and checks them both ways: a record that supersedes another must be named
// by it as superseded-by, a superseded record must say by which record, and
// a record is superseded only by an accepted one. Each problem is reported
// at the record that must change, with what to write.
//
// # Rendering
//
// Extension, enabled per document with Enable, leaves out of the rendered
// page what the layout shows in the record's header instead: the title
// heading, and the lines of metadata under it (MADR 2's list, Nygard's
// "Date:" line). The Status section stays, as on GitHub.
//
// decision imports diag, suggest, goldmark and the standard library.
package decision
