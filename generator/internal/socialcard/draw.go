package socialcard

import (
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The card's colours: the site's light scheme (text contrast above 7:1).
var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	inks       = [...]color.RGBA{
		strong: {0x1a, 0x1d, 0x23, 0xff},
		muted:  {0x55, 0x5d, 0x6b, 0xff},
		accent: {0x1d, 0x5f, 0xd0, 0xff},
	}
)

// An ink is a colour text is drawn in.
type ink uint8

const (
	strong ink = iota // the title's
	muted
	accent
)

// levels is how many shades of each ink the palette holds, from the
// faintest edge of a glyph to the ink itself: 3×85 and the background
// make 256 colours, one byte a pixel.
const levels = 85

// palette is the background, then each ink's shades from faint to full.
var palette = func() color.Palette {
	p := color.Palette{background}
	for _, c := range inks {
		for l := 1; l <= levels; l++ {
			p = append(p, blend(background, c, l))
		}
	}
	return p
}()

func blend(bg, fg color.RGBA, level int) color.RGBA {
	mix := func(a, b uint8) uint8 { return uint8((int(a)*(levels-level) + int(b)*level + levels/2) / levels) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 0xff}
}

// shade returns the palette index of ink k at coverage a (0–255), and
// whether a covers anything.
func shade(k ink, a uint8) (uint8, bool) {
	l := (int(a)*levels + 127) / 255
	if l == 0 {
		return 0, false
	}
	return uint8(1 + int(k)*levels + l - 1), true
}

// renderer draws cards, one at a time: its faces keep the glyphs they
// have rasterised, so a warm renderer draws a card's text from copies.
type renderer struct {
	img   *image.Paletted
	enc   png.Encoder
	faces map[faceKey]*face
}

type faceKey struct {
	bold bool
	size int
}

var fonts = func() [2]*opentype.Font {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return [2]*opentype.Font{regular, bold}
}()

func newRenderer() *renderer {
	return &renderer{
		img:   image.NewPaletted(image.Rect(0, 0, Width, Height), palette),
		enc:   encoder(),
		faces: map[faceKey]*face{},
	}
}

// face returns the font at a size in pixels.
func (r *renderer) face(bold bool, size int) *face {
	k := faceKey{bold, size}
	if f := r.faces[k]; f != nil {
		return f
	}
	fnt := fonts[0]
	if bold {
		fnt = fonts[1]
	}
	ff, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only for options out of range, which these are not
	}
	f := &face{Face: ff, size: size, glyphs: map[rune]*glyph{}}
	r.faces[k] = f
	return f
}

// face is a font at one size, with the glyphs it has drawn.
type face struct {
	font.Face
	size   int
	glyphs map[rune]*glyph
}

// glyph is a rasterised glyph: its coverage, placed relative to the dot.
type glyph struct {
	mask    []uint8 // coverage, rect.Dx() bytes a row
	rect    image.Rectangle
	advance fixed.Int26_6
}

// glyph rasterises r once, at a whole-pixel position: text is laid out on
// whole pixels, which at these sizes cannot be told from finer placing.
func (f *face) glyph(r rune) *glyph {
	if g := f.glyphs[r]; g != nil {
		return g
	}
	src := r
	if isSpace(r) {
		src = ' '
	}
	dr, mask, mp, adv, _ := f.Glyph(fixed.Point26_6{}, src)
	g := &glyph{rect: dr, advance: adv}
	if a, ok := mask.(*image.Alpha); ok && !dr.Empty() {
		g.mask = make([]uint8, 0, dr.Dx()*dr.Dy())
		for y := range dr.Dy() {
			off := a.PixOffset(mp.X, mp.Y+y)
			g.mask = append(g.mask, a.Pix[off:off+dr.Dx()]...)
		}
	}
	f.glyphs[r] = g
	return g
}

// width measures s in whole pixels, as text draws it.
func (f *face) width(s string) int {
	var w fixed.Int26_6
	for _, r := range s {
		w += f.glyph(r).advance
	}
	return w.Round()
}

// text draws s with its baseline's left end at (x, y), in ink k.
func (r *renderer) text(f *face, s string, x, y int, k ink) {
	var dot fixed.Int26_6
	for _, ch := range s {
		g := f.glyph(ch)
		r.glyph(g, x+dot.Round(), y, k)
		dot += g.advance
	}
}

// glyph paints g's coverage at (x, y). Where glyphs overlap, the stronger
// coverage of the same ink wins, and another ink where it covers at least
// half the pixel.
func (r *renderer) glyph(g *glyph, x, y int, k ink) {
	dr := g.rect.Add(image.Pt(x, y))
	clip := dr.Intersect(r.img.Rect)
	base := uint8(1 + int(k)*levels)
	for py := clip.Min.Y; py < clip.Max.Y; py++ {
		row := g.mask[(py-dr.Min.Y)*dr.Dx():]
		pix := r.img.Pix[r.img.PixOffset(0, py):]
		for px := clip.Min.X; px < clip.Max.X; px++ {
			idx, ok := shade(k, row[px-dr.Min.X])
			if !ok {
				continue
			}
			old := pix[px]
			switch {
			case old == 0:
			case old >= base && old < base+levels:
				idx = max(idx, old)
			case idx-base < levels/2:
				continue
			}
			pix[px] = idx
		}
	}
}

// fill paints a rectangle in ink k at a level of 1 (faintest) to levels
// (the ink itself).
func (r *renderer) fill(rect image.Rectangle, k ink, level int) {
	idx := uint8(1 + int(k)*levels + level - 1)
	rect = rect.Intersect(r.img.Rect)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := r.img.Pix[r.img.PixOffset(rect.Min.X, y):r.img.PixOffset(rect.Max.X, y)]
		for i := range row {
			row[i] = idx
		}
	}
}

// clear paints the whole card in the background colour.
func (r *renderer) clear() {
	clear(r.img.Pix)
}
