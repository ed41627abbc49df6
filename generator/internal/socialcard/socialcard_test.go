package socialcard

import (
	"bytes"
	"image"
	"image/png"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var caseStudy = Card{
	Title:   "Prime Video’s monitoring service: from Step Functions to a single process",
	Section: "Case studies", Site: "Tradeoffs", Host: "tradeoffs.example.org",
	Byline: "Prime Video (Amazon)",
	Detail: "Infrastructure cost down by over 90%, with capacity for thousands of concurrent streams and room to grow",
}

func render(t *testing.T, c Card) (image.Image, []byte) {
	t.Helper()
	b, err := Render(c)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the card is not a PNG: %v", err)
	}
	if cfg.Width != Width || cfg.Height != Height || Width != 1200 || Height != 630 {
		t.Fatalf("the card is %d×%d, want 1200×630", cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img, b
}

// differs returns how many pixels differ between a and b in r.
func differs(a, b image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestCardShowsItsTitle: a card is a 1200×630 PNG, drawn the same every
// time; another title changes the pixels where the title is, and only
// there and below (the section label and footer stay).
func TestCardShowsItsTitle(t *testing.T) {
	a, ab := render(t, caseStudy)
	_, again := render(t, caseStudy)
	if !bytes.Equal(ab, again) {
		t.Fatal("the same card drew two different PNGs")
	}
	other := caseStudy
	other.Title = "Segment: from 140 microservices back to one service"
	b, _ := render(t, other)
	title := image.Rect(margin, top+lineHeight(labelSize), Width-margin, bottom)
	if n := differs(a, b, title); n < 2000 {
		t.Errorf("another title changed %d pixels of the title's area", n)
	}
	above := image.Rect(0, 0, Width, top+lineHeight(labelSize))
	footer := image.Rect(0, ruleY, Width, Height)
	if n := differs(a, b, above) + differs(a, b, footer); n != 0 {
		t.Errorf("another title changed %d pixels of the label and footer", n)
	}
	if n := differs(a, blank(t), title); n < 2000 {
		t.Errorf("the title's area has %d pixels that are not background", n)
	}
}

// blank is a card with nothing but its frame.
func blank(t *testing.T) image.Image {
	img, _ := render(t, Card{})
	return img
}

// TestEveryFieldShows: each field changes the picture and the key.
func TestEveryFieldShows(t *testing.T) {
	base, _ := render(t, caseStudy)
	v := reflect.ValueOf(&caseStudy).Elem()
	for i := range v.NumField() {
		c := caseStudy
		reflect.ValueOf(&c).Elem().Field(i).SetString("Other text")
		if c.Key() == caseStudy.Key() {
			t.Errorf("changing %s leaves the key", v.Type().Field(i).Name)
		}
		img, _ := render(t, c)
		if differs(base, img, image.Rect(0, 0, Width, Height)) == 0 {
			t.Errorf("changing %s leaves the picture", v.Type().Field(i).Name)
		}
	}
	if k := caseStudy.Key(); len(k) != 32 || strings.Trim(k, "0123456789abcdef") != "" {
		t.Errorf("key %q is not 32 hex digits", k)
	}
}

// TestLongTextFits: a title of any length is wrapped within the margins,
// set smaller as it grows, and cut with an ellipsis only when it would
// reach the footer; no ink falls outside the margins or between the text
// and the footer's rule.
func TestLongTextFits(t *testing.T) {
	r := newRenderer()
	word := "architecture "
	prevSize := titleSizes[0]
	for n := 1; n < 60; n += 3 {
		title := strings.Repeat(word, n)
		size, lines := r.title(clean(title), bottom-top)
		if size > prevSize {
			t.Errorf("%d words: size %d after %d", n, size, prevSize)
		}
		prevSize = size
		if len(lines)*lineHeight(size) > bottom-top {
			t.Errorf("%d words: %d lines of %d px overflow %d px", n, len(lines), size, bottom-top)
		}
		for _, l := range lines {
			if w := r.face(true, size).width(l); w > textWidth {
				t.Errorf("%d words: a line of %d px: %q", n, w, l)
			}
		}
		last := lines[len(lines)-1]
		cut := strings.Count(strings.Join(lines, " "), "architecture") < n
		if cut != strings.HasSuffix(last, "…") {
			t.Errorf("%d words: cut %v, last line %q", n, cut, last)
		}
	}
	long := caseStudy
	long.Title = strings.Repeat("Supercalifragilisticexpialidocious", 8) + " " + strings.Repeat("word ", 80)
	long.Detail = strings.Repeat("detail ", 80)
	img, _ := render(t, long)
	bg := blank(t)
	for _, r := range []image.Rectangle{
		image.Rect(0, barHeight, margin-4, ruleY), image.Rect(Width-margin+4, barHeight, Width, ruleY), image.Rect(0, bottom+8, Width, ruleY),
	} {
		if n := differs(img, bg, r); n != 0 {
			t.Errorf("%d pixels of ink in %v, which must stay empty", n, r)
		}
	}
}

// TestWrap: words are kept whole unless one is wider than a line.
func TestWrap(t *testing.T) {
	f := newRenderer().face(true, 60)
	for _, s := range []string{"a b c", "Prime Video’s monitoring service: from Step Functions to a single process", strings.Repeat("x", 200), "é" + strings.Repeat("ü", 90)} {
		lines := wrap(f, s, 500)
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(s, " ", "") {
			t.Errorf("wrap(%q) lost text: %q", s, lines)
		}
		for _, l := range lines {
			if f.width(l) > 500 && utf8.RuneCountInString(l) > 1 {
				t.Errorf("wrap(%q): %q is %d px", s, l, f.width(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("wrap(%q) split a character: %q", s, l)
			}
		}
	}
}

// TestGlyphs: the fonts have every character the site's typography puts
// in titles, so none is drawn as a missing-glyph box.
func TestGlyphs(t *testing.T) {
	r := newRenderer()
	for _, bold := range []bool{false, true} {
		f := r.face(bold, 30)
		for _, ch := range "‘’“”–—…→×·%&é " {
			if _, ok := f.GlyphAdvance(ch); !ok {
				t.Errorf("no glyph for %q (bold %v)", ch, bold)
			}
		}
	}
}

// BenchmarkRender draws a case study's card with a title that changes
// every time (a warm renderer, as in a build).
func BenchmarkRender(b *testing.B) {
	c := caseStudy
	for i := 0; b.Loop(); i++ {
		c.Title = caseStudy.Title[:len(caseStudy.Title)-2] + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
		if _, err := Render(c); err != nil {
			b.Fatal(err)
		}
	}
}
