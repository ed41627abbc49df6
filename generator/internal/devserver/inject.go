package devserver

import (
	"bytes"
	"strconv"
)

// Paths the preview server answers itself. Content cannot publish anything
// under /_tradeoffs/: names starting with "_" are never content.
const (
	eventsPath = "/_tradeoffs/events"
	scriptPath = "/_tradeoffs/live.js"
	stylePath  = "/_tradeoffs/live.css"
)

// inject adds the live-reload client to an HTML page: the id of the build
// it comes from, the client's stylesheet and script, just before </head>.
// Pages of a built site never contain it; only responses of serve do.
func inject(page []byte, build int) []byte {
	tag := []byte(`<meta name="tradeoffs-build" content="` + strconv.Itoa(build) + `">` +
		`<link rel="stylesheet" href="` + stylePath + `">` +
		`<script src="` + scriptPath + `" defer></script>`)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(append([]byte{}, page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
