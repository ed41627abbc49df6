package site

import (
	"html"
	"html/template"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/slug"
)

// funcs are the template functions, documented for layout authors:
//
//	asset "js/site.js"      the fingerprinted URL of a theme asset
//	absURL "/x/"            the absolute URL of a root-relative one
//	date t                  "22 March 2023" (empty for a zero time)
//	isoDate t               "2023-03-22" (for <time datetime>)
//	rfc3339 t               "2023-03-22T10:00:00Z" (Open Graph times)
//	join list sep           strings.Join
//	slug s                  "Case studies" → "case-studies"
//	plural n "page" "pages" the word for n
//	active url current      whether the current page is at or under url
func (s *build) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string {
			if s.assets == nil {
				return ""
			}
			u, _ := s.assets.URL(name)
			return u
		},
		"absURL": s.absURL,
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 January 2006")
		},
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"rfc3339": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339)
		},
		"join": strings.Join,
		"slug": slug.Make,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"active": func(url, current string) bool {
			return url != "/" && strings.HasPrefix(current, url) || url == current
		},
	}
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }
