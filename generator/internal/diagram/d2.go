package diagram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"unicode/utf8"

	"oss.terrastruct.com/d2/d2ast"
	"oss.terrastruct.com/d2/d2compiler"
	"oss.terrastruct.com/d2/d2graph"
	"oss.terrastruct.com/d2/d2layouts/d2dagrelayout"
	"oss.terrastruct.com/d2/d2lib"
	"oss.terrastruct.com/d2/d2parser"
	"oss.terrastruct.com/d2/d2renderers/d2svg"
	"oss.terrastruct.com/d2/lib/log"
)

// The look of every diagram. lightTheme is D2's "Neutral default" (blue on
// white, close to the site's accent); darkTheme is "Dark Mauve", which D2
// switches to under prefers-color-scheme: dark.
const (
	lightTheme int64 = 0
	darkTheme  int64 = 200
	// padding is the margin around the drawing, in pixels (D2's default
	// of 100 wastes a tenth of a page width).
	padding int64 = 16
)

// Limits on a diagram: dagre runs in an embedded JavaScript engine, and
// its time grows much faster than the diagram (50 shapes with 100 cross
// connections take over 20 s), so one pull request could hold up every
// build. Diagrams near these limits are unreadable at page width anyway.
const (
	maxSource      = 32 << 10
	maxShapes      = 60
	maxConnections = 80
)

// errNoImports is what D2 gets when a diagram tries to import a file.
var errNoImports = errors.New("diagrams cannot import files: write the whole diagram in the block")

// noFS is the file system D2 resolves imports in: it opens nothing, so no
// diagram reads a file, whatever the import checks miss.
type noFS struct{}

func (noFS) Open(string) (fs.File, error) { return nil, errNoImports }

// render compiles, lays out and draws src, then checks what came out. A
// panic anywhere in D2 becomes a problem: one odd diagram must not take the
// whole build down.
func (r *Renderer) render(src []byte) (e *Entry, probs []Problem) {
	if len(src) > maxSource {
		return nil, []Problem{{Msg: fmt.Sprintf("the diagram is too large (%d KiB, at most %d KiB): split it into smaller diagrams", len(src)>>10, maxSource>>10)}}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, []Problem{{Msg: "the d2 block is empty: write a diagram in it, or remove it"}}
	}
	defer func() {
		if v := recover(); v != nil {
			e, probs = nil, []Problem{{Msg: fmt.Sprintf("D2 failed on this diagram (%v): change the diagram, and report the failure if it persists", v)}}
		}
	}()
	ast, err := d2parser.Parse("", bytes.NewReader(src), nil)
	if err != nil {
		return nil, problemsOf(err, src)
	}
	if probs := check(ast, src); len(probs) > 0 {
		return nil, probs
	}
	if probs := measure(src); len(probs) > 0 {
		return nil, probs
	}
	svg, err := r.draw(string(src))
	var le *layoutError
	if errors.As(err, &le) {
		return nil, []Problem{{Msg: le.Error()}}
	}
	if err != nil {
		return nil, problemsOf(err, src)
	}
	w, h, err := verify(svg)
	if err != nil {
		return nil, []Problem{{Msg: err.Error()}}
	}
	return &Entry{SVG: svg, Width: w, Height: h}, nil
}

// measure compiles src without laying it out (a millisecond) and refuses
// diagrams too large to lay out in reasonable time.
func measure(src []byte) []Problem {
	g, _, err := d2compiler.Compile("", bytes.NewReader(src), &d2compiler.CompileOptions{FS: noFS{}})
	if err != nil {
		return problemsOf(err, src)
	}
	if probs := append(checkNames(g, src), checkDagre(g, src)...); len(probs) > 0 {
		return probs
	}
	switch {
	case len(g.Objects) > maxShapes:
		return []Problem{{Msg: fmt.Sprintf("the diagram has %d shapes, more than %d: split it into smaller diagrams (a larger one is unreadable on a page and slow to lay out)", len(g.Objects), maxShapes)}}
	case len(g.Edges) > maxConnections:
		return []Problem{{Msg: fmt.Sprintf("the diagram has %d connections, more than %d: split it into smaller diagrams (a larger one is unreadable on a page and slow to lay out)", len(g.Edges), maxConnections)}}
	}
	return nil
}

// draw runs D2: compile, dagre layout, SVG.
func (r *Renderer) draw(src string) ([]byte, error) {
	ruler, err := r.ruler()
	if err != nil {
		return nil, fmt.Errorf("cannot load D2's fonts: %w", err)
	}
	// D2 logs through a logger in the context, and complains on stderr
	// when there is none.
	ctx := log.With(context.Background(), slog.New(slog.DiscardHandler))
	var failed error // the layout engine's own failure, if it failed
	resolve := func(engine string) (d2graph.LayoutGraph, error) {
		run, err := layout(engine)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, g *d2graph.Graph) error {
			err := run(ctx, g)
			if err != nil && failed == nil {
				failed = err
			}
			return err
		}, nil
	}
	copts := &d2lib.CompileOptions{Ruler: ruler, FS: noFS{}, LayoutResolver: resolve}
	// Compile adds the diagram's own theme overrides to ropts; the rest of
	// ropts is set here and wins over the diagram's d2-config.
	ropts := renderOptions()
	d, _, err := d2lib.Compile(ctx, src, copts, ropts)
	if failed != nil {
		return nil, &layoutError{failed}
	}
	if err != nil {
		return nil, err
	}
	svg, err := d2svg.Render(d, ropts)
	if err != nil {
		return nil, err
	}
	r.putRuler(ruler)
	return svg, nil
}

// renderOptions fixes everything that decides the look, so a diagram's own
// d2-config cannot switch on sketch mode, another theme or padding.
func renderOptions() *d2svg.RenderOpts {
	light, dark, pad := lightTheme, darkTheme, padding
	no, yes := false, true
	return &d2svg.RenderOpts{ThemeID: &light, DarkThemeID: &dark, Pad: &pad, Sketch: &no, Center: &no, OmitVersion: &yes}
}

// layout is the only layout engine: dagre, which D2 runs in an embedded
// JavaScript engine (ELK and TALA are not built in; TALA needs a binary).
func layout(engine string) (d2graph.LayoutGraph, error) {
	if engine != "dagre" {
		return nil, fmt.Errorf("layout engine %q is not available: remove layout-engine from the diagram's d2-config (diagrams are laid out with dagre)", engine)
	}
	return func(ctx context.Context, g *d2graph.Graph) error {
		return d2dagrelayout.Layout(ctx, g, nil)
	}, nil
}

// layoutError is dagre failing on a diagram D2 accepted: a bug of dagre's
// on some graphs with containers, which an author can only work around.
type layoutError struct{ err error }

func (e *layoutError) Error() string {
	msg := e.err.Error()
	msg = strings.TrimPrefix(msg, "failed to dagre layout: ")
	if i := strings.Index(msg, " at <eval>"); i >= 0 {
		msg = msg[:i] // a place in dagre's code, not in the diagram
	}
	return "the layout engine (dagre) failed on this diagram (" + msg + "): " + layoutAdvice
}

// layoutAdvice is what to try when dagre fails. Only dagre is built in (see
// layout), so changing the layout engine is not an option.
const layoutAdvice = "simplify it where containers meet: connect the shapes inside a container rather than the container itself, " +
	"remove connections between a container and the shapes inside it, or split the diagram in two"

// problemsOf turns D2's errors into problems. D2 positions are 0-based,
// with the column in bytes; its messages start with the position.
func problemsOf(err error, src []byte) []Problem {
	var pe *d2parser.ParseError
	if !errors.As(err, &pe) || len(pe.Errors) == 0 {
		return []Problem{{Msg: lowerFirst(err.Error())}}
	}
	probs := make([]Problem, 0, len(pe.Errors))
	for _, e := range pe.Errors {
		probs = append(probs, problemAt(e.Range, strings.TrimPrefix(e.Message, e.Range.String()+": "), src))
	}
	return probs
}

// problemAt positions msg at the start of rng.
func problemAt(rng d2ast.Range, msg string, src []byte) Problem {
	line, col := rng.Start.Line, rng.Start.Column
	return Problem{Line: line + 1, Col: runeCol(src, line, col), Msg: lowerFirst(msg)}
}

// runeCol converts a 0-based byte column on 0-based line to a 1-based
// column in runes.
func runeCol(src []byte, line, col int) int {
	for range line {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return col + 1
		}
		src = src[i+1:]
	}
	if end := bytes.IndexByte(src, '\n'); end >= 0 {
		src = src[:end]
	}
	return utf8.RuneCount(src[:min(max(col, 0), len(src))]) + 1
}

// lowerFirst makes a D2 message look like the project's: first letter
// lower-cased unless it starts an acronym ("D2", "SVG"), no final period.
func lowerFirst(s string) string {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') && s[1] != '2' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
