package socialcard

import (
	"image"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The card's grid, in pixels.
const (
	margin    = 80 // left and right
	textWidth = Width - 2*margin
	barHeight = 14             // the accent bar along the top
	top       = barHeight + 50 // where the first line's box starts
	bottom    = 500            // where the text above the footer must end
	baseline  = 584            // of the footer's line
	ruleY     = 522            // the rule above the footer
)

// Sizes in pixels: the title takes the first size at which it fits.
var titleSizes = []int{68, 60, 52, 46}

const (
	labelSize   = 30
	detailSize  = 32
	footerSize  = 30
	hostSize    = 28
	detailLines = 2 // of the outcome, at most
)

// lineHeight is the distance between baselines for text of a size.
func lineHeight(size int) int { return size * 6 / 5 }

// draw lays the card out and paints it into r.img.
func (r *renderer) draw(c Card) {
	r.clear()
	r.fill(image.Rect(0, 0, Width, barHeight), accent, levels)
	y := top
	if c.Section != "" {
		f := r.face(true, labelSize)
		r.text(f, ellipsize(f, clean(c.Section), textWidth), margin, y+labelSize, accent)
		y += lineHeight(labelSize) + 22
	}
	details := r.details(c)
	detailH := 0
	if len(details) > 0 {
		detailH = 26 + len(details)*lineHeight(detailSize)
	}
	size, title := r.title(clean(c.Title), bottom-y-detailH)
	f := r.face(true, size)
	for _, line := range title {
		r.text(f, line, margin, y+size, strong)
		y += lineHeight(size)
	}
	if len(details) > 0 {
		y += 26
		for _, d := range details {
			r.text(r.face(d.bold, detailSize), d.text, margin, y+detailSize, d.ink)
			y += lineHeight(detailSize)
		}
	}
	r.fill(image.Rect(margin, ruleY, Width-margin, ruleY+2), muted, levels/4)
	site := r.face(true, footerSize)
	host := r.face(false, hostSize)
	hostText := ellipsize(host, clean(c.Host), textWidth/2)
	hostW := host.width(hostText)
	r.text(site, ellipsize(site, clean(c.Site), textWidth-hostW-40), margin, baseline, strong)
	r.text(host, hostText, Width-margin-hostW, baseline, muted)
}

// detail is a line under the title.
type detail struct {
	text string
	bold bool
	ink  ink
}

// details are the lines under the title: the byline, then the detail.
func (r *renderer) details(c Card) []detail {
	var out []detail
	if c.Byline != "" {
		f := r.face(true, detailSize)
		out = append(out, detail{ellipsize(f, clean(c.Byline), textWidth), true, strong})
	}
	if c.Detail != "" {
		f := r.face(false, detailSize)
		for _, l := range fit(f, clean(c.Detail), textWidth, detailLines) {
			out = append(out, detail{l, false, muted})
		}
	}
	return out
}

// title wraps the title at the largest size whose lines fit in height,
// or cuts it at the smallest size.
func (r *renderer) title(s string, height int) (size int, lines []string) {
	for _, size := range titleSizes {
		lines := wrap(r.face(true, size), s, textWidth)
		if len(lines)*lineHeight(size) <= height {
			return size, lines
		}
	}
	size = titleSizes[len(titleSizes)-1]
	return size, fit(r.face(true, size), s, textWidth, max(1, height/lineHeight(size)))
}

// fit wraps s into at most n lines, the last ending in an ellipsis if s
// needs more.
func fit(f *face, s string, width, n int) []string {
	lines := wrap(f, s, width)
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	lines[n-1] = ellipsis(f, lines[n-1], width)
	return lines
}

// wrap breaks s into lines no wider than width, between words; a word
// wider than a line on its own is broken between letters.
func wrap(f *face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Split(s, " ") {
		if w == "" {
			continue
		}
		switch {
		case line == "":
		case f.width(line+" "+w) <= width:
			line += " " + w
			continue
		default:
			lines = append(lines, line)
		}
		for f.width(w) > width {
			n := fits(f, w, width)
			lines = append(lines, w[:n])
			w = w[n:]
		}
		line = w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fits returns how many bytes of s fit in width: at least one rune.
func fits(f *face, s string, width int) int {
	_, n := utf8.DecodeRuneInString(s)
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		if f.width(s[:end]) > width {
			break
		}
		n = max(n, end)
	}
	return n
}

// ellipsize cuts s to fit in width, ending it with an ellipsis if cut.
func ellipsize(f *face, s string, width int) string {
	if f.width(s) <= width {
		return s
	}
	return ellipsis(f, s, width)
}

// ellipsis ends s with an ellipsis, cutting it to fit in width.
func ellipsis(f *face, s string, width int) string {
	for {
		t := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",.;:–—-…", r) })
		if t == "" || f.width(t+"…") <= width {
			return t + "…"
		}
		_, n := utf8.DecodeLastRuneInString(t)
		s = t[:len(t)-n]
	}
}

// clean makes every space a plain space and drops control characters:
// a title is one paragraph.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) && r != '\u00a0' || unicode.IsControl(r) }), " ")
}

// isSpace reports the characters drawn as a space.
func isSpace(r rune) bool { return unicode.IsSpace(r) }
