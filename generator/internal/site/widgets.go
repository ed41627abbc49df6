package site

import (
	"context"
	"crypto/sha256"
	"fmt"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/calc"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// calculatorDir is where calculator definitions live under content/.
const calculatorDir = "calculators/"

// loadWidgets parses the calculator definitions (content/calculators/*.yaml).
func (s *build) loadWidgets(context.Context) {
	s.calcs = &calcEmbedder{byID: map[string]*calc.Calculator{}, defined: map[string]string{}, perPage: map[string][]string{}, inline: map[string]bool{}}
	if s.content == nil {
		return
	}
	h := sha256.New()
	defer func() { h.Sum(s.calcs.key[:0]) }()
	for _, f := range s.content.Files {
		if !isCalculatorFile(f.Rel) {
			continue
		}
		src, err := fs.ReadFile(s.opts.FS, f.Source)
		if err != nil {
			s.diags.Errorf(diag.Pos{File: f.Source}, "cannot read: %v", err)
			continue
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f.Source, len(src))
		h.Write(src)
		c, diags := calc.ParseFile(f.Source, src)
		s.diags.Append(diags)
		if c == nil {
			continue
		}
		if other, dup := s.calcs.defined[c.ID]; dup {
			s.diags.Errorf(diag.Pos{File: f.Source}, "calculator id %q is already defined in %s", c.ID, other)
			continue
		}
		s.calcs.byID[c.ID] = c
		s.calcs.defined[c.ID] = f.Source
	}
}

func isCalculatorFile(rel string) bool {
	return strings.HasPrefix(rel, calculatorDir) && !strings.Contains(strings.TrimPrefix(rel, calculatorDir), "/") &&
		(path.Ext(rel) == ".yaml" || path.Ext(rel) == ".yml")
}

// calcEmbedder renders calculators for `::calculator[id]` lines and
// ```calculator blocks. Pages convert in parallel, so the record of inline
// definitions is guarded.
type calcEmbedder struct {
	byID map[string]*calc.Calculator // file-defined, read-only once loaded
	// key identifies the definitions, for the markdown cache.
	key [32]byte

	mu      sync.Mutex
	defined map[string]string   // id → file or page defining it
	perPage map[string][]string // page → ids embedded, to catch repeats
	inline  map[string]bool     // pages defining a calculator in a block
}

// definesInline reports whether page defines a calculator of its own: its
// conversion is never reused, so the check that ids are unique across pages
// always sees it.
func (e *calcEmbedder) definesInline(page string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.inline[page]
}

// Embed implements markdown.Embedder.
func (e *calcEmbedder) Embed(em markdown.Embed) ([]byte, diag.List) {
	var c *calc.Calculator
	if em.Body == nil {
		c = e.byID[em.Arg]
		if c == nil {
			return nil, diag.List{diag.Errorf(em.Pos, "%s", e.unknown(em.Arg))}
		}
	} else {
		var diags diag.List
		c, diags = calc.ParseBlock(em.Source, em.Body, em.BodyLine)
		if c == nil {
			return nil, diags
		}
		if msg := e.defineInline(c.ID, em.Source); msg != "" {
			return nil, diag.List{diag.Errorf(em.Pos, "%s", msg)}
		}
	}
	if msg := e.embedOnce(c.ID, em.Source); msg != "" {
		return nil, diag.List{diag.Errorf(em.Pos, "%s", msg)}
	}
	html, err := c.RenderLevel(em.Level)
	if err != nil {
		return nil, diag.List{diag.Errorf(em.Pos, "%v", err)}
	}
	return []byte(html), nil
}

func (e *calcEmbedder) unknown(id string) string {
	if id == "" {
		return "::calculator needs the calculator's id: ::calculator[serverless-vs-containers]"
	}
	ids := make([]string, 0, len(e.byID))
	for k := range e.byID {
		ids = append(ids, k)
	}
	slices.Sort(ids)
	msg := "no calculator " + `"` + id + `"` + " in content/calculators/"
	best, bestD := "", 4
	for _, k := range ids {
		if d := suggest.Distance(id, k, bestD); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return msg + `: did you mean "` + best + `"?`
	}
	if len(ids) > 0 {
		msg += "; the calculators are " + strings.Join(ids, ", ")
	}
	return msg
}

func (e *calcEmbedder) defineInline(id, page string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if other, ok := e.defined[id]; ok && other != page {
		return "calculator id " + `"` + id + `"` + " is already defined in " + other + ": give this one another id"
	}
	e.defined[id] = page
	e.inline[page] = true
	return ""
}

func (e *calcEmbedder) embedOnce(id, page string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if slices.Contains(e.perPage[page], id) {
		return "calculator " + `"` + id + `"` + " is already on this page: embed it once"
	}
	e.perPage[page] = append(e.perPage[page], id)
	return ""
}
