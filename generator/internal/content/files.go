package content

import (
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/editorfiles"
)

// What a file under content/ is, by its name alone.
//
//   - A page: a name ending in .md or .markdown, in any letter case.
//   - Not content at all, never read nor published: names starting with "."
//     or "_" (except _index.md), and the files editors, patch tools and
//     operating systems leave beside the ones edited (package editorfiles:
//     "page.md~", "#page.md#", "page.md.orig", ".page.md.swp", ...).
//   - An asset: a file of a type browsers show or download as it is
//     (AssetTypes); published beside the pages, at its path under content/.
//   - Anything else outside a page bundle is not published, with a warning
//     naming it: a stray notes.txt.bak or draft.docx must not reach the
//     site because it sits next to a page. Inside a bundle every file that
//     is not a page or an editor's is the page's resource.

// IsPage reports whether a file with this base name is a page.
func IsPage(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return (ext == ".md" || ext == ".markdown") && !editorfiles.Match(name)
}

// pageSlug is a page file's name without its extension.
func pageSlug(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// ignored reports names that are not content: hidden files, editor backups,
// and underscore names other than _index.md.
func ignored(name string) bool {
	switch {
	case name == "_index.md":
		return false
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "_"), editorfiles.Match(name):
		return true
	}
	return false
}

// AssetTypes are the extensions (lower case) of the files published from
// content/ outside bundles: images, documents, data, audio, video and fonts.
var AssetTypes = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true, ".ico": true,
	".pdf": true, ".txt": true, ".csv": true, ".json": true,
	".mp3": true, ".ogg": true, ".wav": true, ".mp4": true, ".webm": true,
	".woff": true, ".woff2": true,
}

// isAsset reports whether a file with this base name is published as an
// asset from outside a bundle.
func isAsset(name string) bool { return AssetTypes[strings.ToLower(path.Ext(name))] }
