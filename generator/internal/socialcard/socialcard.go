// Package socialcard draws the picture a link to a page shows when it is
// shared (Open Graph's og:image, a "summary_large_image" card): a 1200×630
// PNG with the page's title, its section and the site's name, and for a
// case study the company and its headline outcome.
//
// Text is set in the Go fonts (golang.org/x/image/font/gofont, BSD
// licence, embedded in the binary) and rasterised by golang.org/x/image's
// OpenType rasteriser into a paletted image, which image/png writes
// without filtering: a card costs a few milliseconds (BenchmarkRender).
// Long titles are wrapped, set smaller when they need more lines, and cut
// with an ellipsis only when they fill the card at the smallest size.
//
// A card is a function of its Card and of this package's drawing: Key
// names it by both, so a card kept by its key is never stale.
//
// socialcard imports golang.org/x/image and the standard library.
package socialcard

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"runtime/debug"
	"strings"
	"sync"
)

// Width and Height are the card's size in pixels: the 1.91:1 image that
// Open Graph consumers show full width.
const (
	Width  = 1200
	Height = 630
)

// Card is what a card shows. Every field is plain text.
type Card struct {
	// Title is the page's title.
	Title string
	// Section is the title of the page's section ("Case studies"), or a
	// label for a page outside any ("Tags"); "" for none.
	Section string
	// Site is the site's title, and Host the site's address as a reader
	// would type it ("tradeoffs.example.org").
	Site string
	Host string
	// Byline is a bold line under the title (a case study's company), and
	// Detail at most two lines under that (a case study's outcome, the
	// home page's description).
	Byline string
	Detail string
}

// design changes whenever the same Card would be drawn differently.
const design = "socialcard-1"

// Key names the card by what it shows and how it is drawn: 32 hex digits.
func (c Card) Key() string {
	h := sha256.New()
	for _, s := range []string{libraries(), c.Title, c.Section, c.Site, c.Host, c.Byline, c.Detail} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Alt is a text alternative to the card, for og:image:alt.
func (c Card) Alt() string {
	var b strings.Builder
	b.WriteString(c.Title)
	if c.Byline != "" {
		b.WriteString(" – " + c.Byline)
	}
	if c.Detail != "" {
		b.WriteString(": " + c.Detail)
	}
	if c.Section != "" {
		b.WriteString(" (" + c.Section + ", " + c.Site + ")")
	} else if c.Site != "" && c.Site != c.Title {
		b.WriteString(" (" + c.Site + ")")
	}
	return b.String()
}

var librariesOnce = sync.OnceValue(func() string {
	v := design
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "golang.org/x/image" {
				v += " " + m.Path + "@" + m.Version
			}
		}
	}
	return v
})

// libraries is the design and the version of the rasteriser and fonts.
func libraries() string { return librariesOnce() }

// Render draws the card as a PNG. It is safe to call from several
// goroutines at once.
func Render(c Card) ([]byte, error) {
	r := renderers.Get().(*renderer)
	defer renderers.Put(r)
	r.draw(c)
	var out bytes.Buffer
	out.Grow(48 << 10)
	if err := r.enc.Encode(&out, r.img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var renderers = sync.Pool{New: func() any { return newRenderer() }}

// encoder writes the fastest zlib level: a card is mostly runs of one
// colour, which that level compresses to within a few per cent of the
// best, at a fraction of the time.
func encoder() png.Encoder {
	return png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &bufferPool{}}
}

type bufferPool struct{ b *png.EncoderBuffer }

func (p *bufferPool) Get() *png.EncoderBuffer  { return p.b }
func (p *bufferPool) Put(b *png.EncoderBuffer) { p.b = b }
