// Package editorfiles owns the names that editors, operating systems,
// version control and patch tools write beside the files being edited. None
// is a page, a layout or an asset: the watcher does not report them and the
// build neither reads nor publishes them.
package editorfiles

import (
	"strconv"
	"strings"
)

// Match reports whether a file or folder with this base name was written by
// a tool beside the files being edited. Matching is case-insensitive. The
// names are:
//
//   - backups: "page.md~" (vim, Emacs, nano), "*.bak", "*.bck" (Helix writes
//     "page.md<random>.bck" before saving; a rebuild triggered by it reads
//     stale content), JetBrains' "page.md___jb_old___" and "___jb_bak___";
//   - temporary files of atomic saves: "*.tmp", "*.temp", JetBrains'
//     "page.md___jb_tmp___", GNOME's ".goutputstream-XXXXXX";
//   - swap and lock files: vim's ".page.md.swp" (and .swo … .swa, .swx),
//     Kate's ".page.md.kate-swp", Emacs' lock ".#page.md" and auto-save
//     "#page.md#", LibreOffice's ".~lock.name#", Microsoft Office's "~$name";
//   - vim's write probe: "4913" (then 5036, 5159, …: 4913 + 123·n), created
//     and deleted at once to test that the folder is writable;
//   - leftovers of patches and merges: "*.orig", "*.rej";
//   - unfinished downloads: "*.crdownload", "*.part";
//   - operating system files: ".DS_Store", "._name" (macOS resource forks),
//     "Thumbs.db", "desktop.ini";
//   - version control folders: ".git", ".hg", ".svn", ".jj".
//
// Other hidden files are not ignored: static/.well-known/ is a real folder.
func Match(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case ".ds_store", "thumbs.db", "desktop.ini", ".git", ".hg", ".svn", ".jj":
		return true
	}
	return hasAnyPrefix(n, ".#", "._", ".goutputstream-", ".~lock.", "~$") ||
		hasAnySuffix(n, "~", ".bak", ".orig", ".rej", ".bck", ".tmp", ".temp", ".swp", ".swx",
			".kate-swp", "jb_tmp___", "jb_old___", "jb_bak___", ".crdownload", ".part") ||
		(len(n) > 2 && n[0] == '#' && n[len(n)-1] == '#') ||
		isVimSwap(n) || isVimProbe(n)
}

// isVimSwap matches vim's hidden swap files: ".name.swp" down to ".name.swa"
// when .swp is taken. Only hidden names, so that "movie.swf" stays.
func isVimSwap(n string) bool {
	if len(n) < 5 || n[0] != '.' || !strings.HasSuffix(n[:len(n)-1], ".sw") {
		return false
	}
	last := n[len(n)-1]
	return last >= 'a' && last <= 'p'
}

// isVimProbe matches the names vim tries, in order, for the file it creates
// to test that a folder is writable (bufwrite.c: 4913, then +123 while taken).
func isVimProbe(n string) bool {
	if len(n) < 4 || len(n) > 9 || n[0] == '0' {
		return false
	}
	for i := range len(n) {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	v, _ := strconv.Atoi(n) // nine digits at most: cannot overflow
	return v >= 4913 && (v-4913)%123 == 0
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, p := range suffixes {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}
