// Package importclaims holds the test that keeps what package docs say
// about imports true. A package doc that says what its package imports says
// it in one of two forms, which the test reads and checks against go list;
// any other sentence saying a package imports "only" or "nothing" fails it.
//
// What a package imports: a sentence beginning "NAME imports " or "It
// imports " (NAME is the package's name), ending with a full stop, that
// lists every package it imports outside its tests, separated by commas and
// a last "and":
//   - the generator's packages by their path below generator/internal/
//     ("diag", "markdown"), or below generator/ ("bench/internal/stats");
//   - other modules by their path ("github.com/yuin/goldmark") or its last
//     element ("goldmark", "chroma" for github.com/alecthomas/chroma/v2);
//   - "the standard library".
//
// A name may carry a remark in parentheses (with no full stop in it), and
// the list may begin or end with "only". The list is exact: an import it
// does not name fails the test, and so does a name the package does not
// import. For example:
//
//	content imports diag, yamldoc, slug, editorfiles, rootfs (for the error
//	of a link out of the site root), xxhash and the standard library.
//
// Who imports a package: a sentence "Only NAMES import this package." or
// "Only NAMES import it.", where the names are the generator's packages or
// "tests": no other package of the generator may import it outside its
// tests.
//
// It imports nothing; its test imports the standard library and runs the go
// command.
package importclaims
