package devserver

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestInjectClient(t *testing.T) {
	const tags = `<meta name="tradeoffs-build" content="7"><script type="module" src="/_tradeoffs/live.js"></script>`
	tests := []struct{ name, page, want string }{
		{"before </head>",
			"<!doctype html>\n<html><head><title>t</title></head><body><p>x</p></body></html>",
			"<!doctype html>\n<html><head><title>t</title>" + tags + "</head><body><p>x</p></body></html>"},
		{"upper-case tags",
			"<!DOCTYPE html><HTML><HEAD><TITLE>t</TITLE></HEAD><BODY></BODY></HTML>",
			"<!DOCTYPE html><HTML><HEAD><TITLE>t</TITLE>" + tags + "</HEAD><BODY></BODY></HTML>"},
		{"first </head> only",
			"<head></head><body>&lt;/head&gt;</head></body>",
			"<head>" + tags + "</head><body>&lt;/head&gt;</head></body>"},
		{"no head: before <body",
			"<!doctype html><title>t</title><body class=x><p>x",
			"<!doctype html><title>t</title>" + tags + "<body class=x><p>x"},
		{"no head or body: after the doctype",
			"\ufeff <!doctype html><p>x</p>",
			"\ufeff <!doctype html>" + tags + "<p>x</p>"},
		{"fragment: at the start", "<p>x</p>", tags + "<p>x</p>"},
		{"empty", "", tags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(InjectClient([]byte(tt.page), 7)); got != tt.want {
				t.Errorf("InjectClient(%q)\n got %q\nwant %q", tt.page, got, tt.want)
			}
		})
	}
}

// FuzzInjectClient: the page comes out unchanged but for the tags, inserted
// once, never after the page's first </head>.
func FuzzInjectClient(f *testing.F) {
	for _, s := range []string{"", "<head></head>", "<!doctype html><body>", "</HEAD", "<!DOCTYPE", "<bod", "\ufeff<!doctype x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		tags := clientTags(42)
		out := InjectClient(page, 42)
		at := injectAt(page)
		if at < 0 || at > len(page) {
			t.Fatalf("insertion point %d outside a page of %d bytes", at, len(page))
		}
		want := append(append(append([]byte{}, page[:at]...), tags...), page[at:]...)
		if !bytes.Equal(out, want) {
			t.Fatalf("InjectClient changed the page around the tags:\n got %q\nwant %q", out, want)
		}
		if head := indexFold(page, "</head"); head >= 0 && at != head {
			t.Fatalf("tags at %d, the page's </head> at %d", at, head)
		}
	})
}

func TestClientIsEmbedded(t *testing.T) {
	js, dom, css := Client()
	if !bytes.Contains(js, []byte(ClientEventsPath)) || !bytes.Contains(js, []byte(ClientStylePath)) ||
		!bytes.Contains(js, []byte(`"`+ClientUpdatedEvent+`"`)) || !bytes.Contains(js, []byte(`meta[name="`+ClientBuildMeta+`"]`)) {
		t.Error("live.js does not use the paths and names client.go documents")
	}
	if !bytes.Contains(css, []byte(".tl-overlay")) {
		t.Error("live.css lacks the overlay's styles")
	}
	if !bytes.Contains(js, []byte(`from "./dom.js"`)) || !bytes.Contains(dom, []byte("export function el(")) {
		t.Error("live.js does not import the theme's dom.js, or Client does not serve it")
	}
	js[0] = 'x' // the embedded copy must not change
	if again, _, _ := Client(); again[0] == 'x' {
		t.Error("Client returned the embedded bytes themselves: a caller can change them")
	}
}

// TestClientStaysWithinCSP guards against what the site's Content Security
// Policy forbids or what would run server text as markup or code.
func TestClientStaysWithinCSP(t *testing.T) {
	js, dom, _ := Client()
	src := stripComments(string(js) + string(dom))
	forbidden := []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
		"setAttribute(\"style\"", "cssText", "console.error"}
	for _, f := range forbidden {
		if strings.Contains(src, f) {
			t.Errorf("live.js uses %s", f)
		}
	}
	if regexp.MustCompile(`set(Timeout|Interval)\(\s*["']`).MatchString(src) {
		t.Error("live.js passes a string to setTimeout or setInterval")
	}
	if !strings.Contains(src, `"use strict"`) {
		t.Error(`live.js is not in strict mode`)
	}
}

func stripComments(js string) string {
	var b strings.Builder
	for _, line := range strings.Split(js, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
