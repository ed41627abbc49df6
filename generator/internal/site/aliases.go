package site

import (
	"bytes"
	"context"
	"html/template"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// renderAliases writes, at the URL of each symbolic link to a page (a
// README.md linked to index.md), a page that sends the browser on to the
// page the link names, as a static host can: a meta refresh, a canonical
// link, and a plain link for whoever stops there. Links in pages to the
// link's file lead to the page itself (see resolver).
func (s *build) renderAliases(context.Context) {
	if s.content == nil {
		return
	}
	for _, a := range s.content.Aliases {
		target := s.bySource[a.Target]
		if target == nil || target.URL == a.URL {
			// A draft, a page that failed (reported), or the same URL.
			if target == nil && s.failed.source(a.Target) {
				s.failed.addOutput(a.OutFile) // a link to it is not broken
			}
			continue
		}
		var b bytes.Buffer
		err := redirectPage.Execute(&b, struct{ URL, Permalink, Title string }{target.URL, s.absURL(target.URL), s.typesetIn(target.Section, target.Title())})
		if err == nil {
			err = s.files.Add(a.OutFile, b.Bytes(), a.Source)
		}
		if err != nil {
			s.diags.Append(diag.AsList(err, diag.Pos{File: a.Source}))
		}
	}
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.Permalink}}">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This page is at <a href="{{.URL}}">{{.Title}}</a>.</p>
</body>
</html>
`))
