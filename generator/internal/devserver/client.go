package devserver

import (
	"bytes"
	_ "embed"
	"io/fs"
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// The browser client of the preview server: live.js (live reload, DOM
// morphing, stylesheet swap, error overlay), an ES module, and live.css (the
// styles of its overlay and panel, loaded by live.js into its own shadow
// root). Both are embedded here and served by the preview server only: they
// are never part of a built site. live.js imports the theme's dom.js (the
// helpers the theme's scripts use too, written once), which the server
// serves from the theme at ClientDOMPath.
//
// Protocol between server and client (live.js documents the same at its top):
//
//   - Every HTML page served carries the build it comes from and the client,
//     before </head> (InjectClient writes exactly this):
//     <meta name="tradeoffs-build" content="7"><script type="module" src="/_tradeoffs/live.js"></script>
//   - GET ClientEventsPath is a Server-Sent Events stream (text/event-stream)
//     with three events, each with one line of JSON data:
//     "hello"    {"build": 7} on every connect: the build served now;
//     "update"   {"build": 8, "pages": ["/x/", "/"], "all": false, "css": ["/css/main.ab12cd34.css"], "js": false}
//     when a rebuild finished: pages are the URL paths whose HTML changed
//     ("/x/" or "/x/index.html"), all means every page (layout or config
//     change), css the new URLs of the stylesheets that changed, js whether
//     a script changed;
//     "problems" {"build": 8, "failed": true, "problems": [{"file": "content/x.md", "line": 3, "col": 7, "severity": "error", "message": "..."}]}
//     after every build and after hello on connect: failed means the build
//     failed and the last good site is still served. line and col are 0
//     when unknown; severity is "error" or "warning".
//   - Build ids only need to differ from one build to the next; a tab that
//     reconnects after losing the stream catches up whatever the id.
//   - GET ClientScriptPath, ClientDOMPath and ClientStylePath serve the
//     three files of Client (text/javascript and text/css), same origin, so
//     the site's CSP allows them.
const (
	ClientScriptPath = "/_tradeoffs/live.js"
	ClientStylePath  = "/_tradeoffs/live.css"
	ClientDOMPath    = "/_tradeoffs/dom.js"
	ClientEventsPath = "/_tradeoffs/events"
	// ClientBuildMeta is the name of the meta element holding the build id.
	ClientBuildMeta = "tradeoffs-build"
	// ClientUpdatedEvent is dispatched on document after a page was morphed
	// in place, so page scripts can re-scan what changed.
	ClientUpdatedEvent = "tradeoffs:updated"
)

//go:embed live.js
var liveJS string

//go:embed live.css
var liveCSS string

// Client returns the browser client: the script to serve at
// ClientScriptPath, the module it imports to serve at ClientDOMPath and
// the stylesheet to serve at ClientStylePath.
func Client() (js, dom, css []byte) {
	dom, err := fs.ReadFile(theme.FS, "static/js/dom.js")
	if err != nil {
		panic("devserver: the theme has no static/js/dom.js: " + err.Error())
	}
	return []byte(liveJS), dom, []byte(liveCSS)
}

// clientTags is what InjectClient inserts for build.
func clientTags(build int64) []byte {
	return []byte(`<meta name="` + ClientBuildMeta + `" content="` + strconv.FormatInt(build, 10) +
		`"><script type="module" src="` + ClientScriptPath + `"></script>`)
}

// InjectClient returns a copy of the HTML page with the build meta element
// and the client script inserted before </head> (or, in a page without one,
// before <body, or after the doctype), so the page follows every rebuild.
func InjectClient(page []byte, build int64) []byte {
	at := injectAt(page)
	tags := clientTags(build)
	out := make([]byte, 0, len(page)+len(tags))
	out = append(out, page[:at]...)
	out = append(out, tags...)
	return append(out, page[at:]...)
}

// injectAt finds where the client tags go: the first </head>, else the
// first <body, else just after a leading doctype, else the start. Text
// before </head> in a generated page is escaped by html/template, so the
// first match is the real tag.
func injectAt(page []byte) int {
	if i := indexFold(page, "</head"); i >= 0 {
		return i
	}
	if i := indexFold(page, "<body"); i >= 0 {
		return i
	}
	start := len(page) - len(bytes.TrimLeft(page, " \t\r\n\ufeff"))
	if indexFold(page[start:], "<!doctype") == 0 {
		if end := bytes.IndexByte(page[start:], '>'); end >= 0 {
			return start + end + 1
		}
	}
	return 0
}

// indexFold is bytes.Index ignoring ASCII case in the (lower-case) needle.
func indexFold(s []byte, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(needle)], []byte(needle)) {
			return i
		}
	}
	return -1
}
