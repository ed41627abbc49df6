// Package highlight owns syntax highlighting of code blocks with chroma:
// HTML with CSS classes (never inline styles, which the site's Content
// Security Policy forbids), optional line numbers and highlighted lines, a
// cache of results, and the light and dark stylesheets.
//
// Lexing is most of what a build costs (chroma's regular expressions), so
// results are cached by language, options and code: a block seen before,
// in this build or a previous one kept by the caller, is never lexed again.
//
// The HTML depends on the block alone, never on the time lexing takes:
// see init.
//
// highlight imports chroma, regexp2 (the regular expression engine
// chroma's lexers run on) and the standard library only.
package highlight

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/dlclark/regexp2/v2"
)

// chroma gives each regular expression match of its lexers 250 ms of wall
// time (regexp2's MatchTimeout). A match that runs out is taken as no
// match: the lexer tries its next rule, or marks a character as an error.
// On a loaded machine (a CI host, a laptop building while it does other
// work) a thread descheduled in the middle of a match, or regexp2's clock
// goroutine waking late, runs a match out in microseconds: a call printed
// as a name instead of a function, a string cut into error spans. That
// HTML would be published, and kept in the build cache under the block's
// key, which cannot cover the load, so later builds republish it. regexp2
// adds its clock's period to every deadline, and the clock ticks once per
// period: with a period of ten seconds, a match runs out only after 10 to
// 20 s, far beyond any pause a busy machine imposes, so a block is
// highlighted the same on any machine. What the limit guarded against, a
// lexer backtracking for minutes on some input from a pull request, still
// ends: that match gives up after at most about 20 s and the block is
// shown with the rest of its text plain.
func init() {
	regexp2.SetTimeoutCheckPeriod(10 * time.Second)
}

// Options are the per-block settings written in a fence's info string.
type Options struct {
	// LineNumbers shows a number before each line.
	LineNumbers bool
	// LineStart is the first line's number (default 1).
	LineStart int
	// Lines are 1-based inclusive ranges of lines to highlight.
	Lines [][2]int
}

// Key identifies a highlighted block for caching.
type Key [32]byte

// Highlighter highlights code. It is safe for concurrent use.
type Highlighter struct {
	mu    sync.RWMutex
	cache map[Key][]byte
	used  sync.Map // keys asked for since New, for Used
	// plain formats blocks without options (nearly all of them): one
	// formatter, so its compiled style is made once, not per block.
	plain *chromahtml.Formatter
}

// New returns a Highlighter with an empty cache.
func New() *Highlighter {
	return &Highlighter{cache: map[Key][]byte{}, plain: formatter(Options{})}
}

// KeyOf returns the cache key of a block.
func KeyOf(lang, code string, o Options) Key {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%v\x00%d\x00%v\x00", lang, o.LineNumbers, o.LineStart, o.Lines)
	h.Write([]byte(code))
	var k Key
	h.Sum(k[:0])
	return k
}

// Highlight returns the HTML of a code block: a <div class="highlight">
// holding chroma's <pre class="chroma"><code>, with data-lang naming the
// language. An unknown language is shown as plain text, escaped.
func (h *Highlighter) Highlight(lang, code string, o Options) []byte {
	k := KeyOf(lang, code, o)
	h.used.Store(k, true)
	h.mu.RLock()
	out, ok := h.cache[k]
	h.mu.RUnlock()
	if ok {
		return out
	}
	f := h.plain
	if o.LineNumbers || o.LineStart > 0 || len(o.Lines) > 0 {
		f = formatter(o)
	}
	out = render(f, lang, code)
	h.mu.Lock()
	h.cache[k] = out
	h.mu.Unlock()
	return out
}

// Len returns the number of cached blocks.
func (h *Highlighter) Len() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.cache)
}

// Export returns a copy of the cache, for a caller that keeps it between
// builds; Import adds entries back.
func (h *Highlighter) Export() map[Key][]byte {
	h.mu.RLock()
	defer h.mu.RUnlock()
	m := make(map[Key][]byte, len(h.cache))
	for k, v := range h.cache {
		m[k] = v
	}
	return m
}

// Used returns the cached entries asked for since New: what a cache kept
// on disk needs, without what pages no longer have.
func (h *Highlighter) Used() map[Key][]byte {
	h.mu.RLock()
	defer h.mu.RUnlock()
	m := map[Key][]byte{}
	h.used.Range(func(k, _ any) bool {
		if v, ok := h.cache[k.(Key)]; ok {
			m[k.(Key)] = v
		}
		return true
	})
	return m
}

// Import adds cached entries.
func (h *Highlighter) Import(m map[Key][]byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, v := range m {
		h.cache[k] = v
	}
}

func render(f *chromahtml.Formatter, lang, code string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<div class="highlight" data-lang="%s">`, html.EscapeString(lang))
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	lexer = chroma.Coalesce(lexer)
	it, err := lexer.Tokenise(nil, code)
	if err == nil {
		err = f.Format(&b, styles.Fallback, it)
	}
	if err != nil {
		// A lexer failing on odd input must not lose the code: show it plain.
		b.Truncate(0)
		fmt.Fprintf(&b, `<div class="highlight" data-lang="%s"><pre class="chroma"><code>%s</code></pre>`,
			html.EscapeString(lang), html.EscapeString(code))
	}
	b.WriteString("</div>")
	// A copy of its own length: the result is kept (in the cache, in the
	// page), and the buffer's spare capacity would be kept with it.
	return bytes.Clone(b.Bytes())
}

func formatter(o Options) *chromahtml.Formatter {
	opts := []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.TabWidth(4)}
	if o.LineNumbers {
		opts = append(opts, chromahtml.WithLineNumbers(true))
	}
	if o.LineStart > 0 {
		opts = append(opts, chromahtml.BaseLineNumber(o.LineStart))
	}
	if len(o.Lines) > 0 {
		// chroma numbers highlighted lines from BaseLineNumber.
		lines := o.Lines
		if o.LineStart > 1 {
			lines = make([][2]int, len(o.Lines))
			for i, r := range o.Lines {
				lines[i] = [2]int{r[0] + o.LineStart - 1, r[1] + o.LineStart - 1}
			}
		}
		opts = append(opts, chromahtml.HighlightLines(lines))
	}
	return chromahtml.New(opts...)
}

// Block is a code block to highlight.
type Block struct {
	Lang, Code string
	Options    Options
}

// Plain returns a code block's HTML without highlighting: the same
// structure as Highlight's, the code only escaped.
func Plain(lang, code string) []byte {
	return []byte(`<div class="highlight" data-lang="` + html.EscapeString(lang) + `"><pre class="chroma"><code>` +
		html.EscapeString(code) + `</code></pre></div>`)
}

// Warm highlights blocks into the cache, one at a time, until done or ctx
// is cancelled: a preview server fills the cache in the background.
func (h *Highlighter) Warm(ctx context.Context, blocks []Block) {
	for _, b := range blocks {
		if ctx.Err() != nil {
			return
		}
		h.Highlight(b.Lang, b.Code, b.Options)
	}
}

// HasLexer reports whether chroma knows lang.
func HasLexer(lang string) bool { return lexers.Get(lang) != nil }
