// Package reuse owns what one build keeps for a later one, and the one rule
// that decides whether it may be used: a Key derived mechanically from the
// inputs that can change a result (file contents by their hashes, the
// settings that change it) and the generator's version (a hash of its
// executable). Nothing kept is keyed by a file's time or by the folder a
// site is built into, so a fresh clone with .cache/ restored finds what the
// last deploy made.
//
// A Store keeps results on disk between processes, in one sealed file of
// the cache folder (see package cachefile): every byte read back is checked
// against the sum it was written with, and a file that does not check out
// is not used at all. A Store written by another version of the generator
// is ignored. Saving keeps only the entries the build used or made, so
// the file holds what the last build needed and no more.
//
// Conversion is the record kept of a page's converted markdown. Memo and
// Table keep results in memory between the builds of one Builder (the
// preview server's), under the same kind of key; a one-shot build turns
// them Off.
//
// reuse imports cachefile, diag, markdown, wire, xxhash and the standard
// library.
package reuse
