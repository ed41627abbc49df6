package editorfiles

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
		why  string
	}{
		{"page.md", false, "a page"},
		{"_site.yaml", false, "the config file"},
		{"style.css", false, "an asset"},
		{".well-known", false, "a real hidden folder"},
		{".htaccess", false, "a real hidden file"},
		{"movie.swf", false, "not a vim swap: not hidden"},
		{"2024", false, "a number that is not one of vim's probes"},
		{"4914", false, "next to vim's probe"},
		{"04913", false, "leading zero: not what vim writes"},
		{"#tags.md", false, "one hash: a real name"},
		{"notes.partial", false, "only .part is a download"},
		{"page.md~", true, "vim and Emacs backup"},
		{"4913", true, "vim's write probe"},
		{"5036", true, "vim's second write probe (4913+123)"},
		{".page.md.swp", true, "vim swap"},
		{".page.md.swo", true, "vim second swap"},
		{".page.md.swa", true, "vim last swap"},
		{".page.md.swx", true, "vim swap probe"},
		{"page.md.swp", true, "vim swap in another folder layout"},
		{"page.md___jb_tmp___", true, "JetBrains safe write: new content"},
		{"page.md___jb_old___", true, "JetBrains safe write: old content"},
		{"page.md.__jb_bak___", true, "JetBrains backup"},
		{".#page.md", true, "Emacs lock"},
		{"#page.md#", true, "Emacs auto-save"},
		{"page.mdc3gzwd.bck", true, "Helix backup"},
		{"page.md.bak", true, "backup"},
		{"about.md.orig", true, "a merge's or a patch's copy of the original"},
		{"about.md.rej", true, "a patch's rejected hunks"},
		{"origin.md", false, "not a .orig"},
		{"page.md.tmp", true, "temporary file"},
		{"PAGE.MD.TMP", true, "case-insensitive"},
		{"page.md.temp", true, "temporary file"},
		{".page.md.kate-swp", true, "Kate swap"},
		{".goutputstream-ABC123", true, "GNOME atomic save"},
		{".~lock.sheet.ods#", true, "LibreOffice lock"},
		{"~$report.docx", true, "Microsoft Office lock"},
		{"image.png.crdownload", true, "unfinished Chrome download"},
		{"image.png.part", true, "unfinished Firefox download"},
		{".DS_Store", true, "macOS folder metadata"},
		{".DS_STORE", true, "case-insensitive"},
		{"._page.md", true, "macOS resource fork"},
		{"Thumbs.db", true, "Windows thumbnails"},
		{"desktop.ini", true, "Windows folder settings"},
		{".git", true, "git"},
		{".hg", true, "Mercurial"},
		{".svn", true, "Subversion"},
		{".jj", true, "Jujutsu"},
	} {
		if got := Match(tc.name); got != tc.want {
			t.Errorf("Match(%q) = %v, want %v (%s)", tc.name, got, tc.want, tc.why)
		}
	}
}

// File names come from contributors' pull requests: Ignored must take any
// of them, decide the same whatever the case of ASCII letters, and always
// leave out what an editor derives from a name.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"page.md", "4913", ".page.md.swp", "a___jb_tmp___", "#x#", "", "~", ".", "ünïcödé.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := Match(name)
		if isASCII(name) && got != Match(strings.ToUpper(name)) {
			t.Errorf("Match(%q) = %v, but not for its upper case", name, got)
		}
		for _, derived := range []string{name + "~", ".#" + name, name + "___jb_tmp___", name + ".swp"} {
			if !Match(derived) {
				t.Errorf("Match(%q) = false for an editor's file", derived)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
