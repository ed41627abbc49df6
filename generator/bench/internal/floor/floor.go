// Package floor renders a corpus the way any goldmark + chroma generator
// must at the least: every page's markdown through goldmark (GFM,
// footnotes, automatic heading IDs) with fenced code highlighted by chroma
// into HTML with CSS classes, front matter stripped, no templates, nothing
// written, no cache. What a real build spends above this is its own
// overhead (templates, search index, links, writing).
//
// It imports goldmark, chroma and the standard library.
package floor

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Result counts what was rendered, so a run that rendered nothing is seen.
type Result struct {
	Pages  int
	Blocks int   // fenced code blocks highlighted
	Bytes  int64 // HTML produced
}

// Render renders every .md file under dir with workers goroutines, each
// with its own converter.
func Render(dir string, workers int) (Result, error) {
	paths, err := markdownFiles(dir)
	if err != nil {
		return Result{}, err
	}
	jobs := make(chan string)
	results := make([]Result, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { results[w], errs[w] = work(jobs) })
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	var total Result
	for w := range workers {
		if errs[w] != nil {
			return Result{}, errs[w]
		}
		total.Pages += results[w].Pages
		total.Blocks += results[w].Blocks
		total.Bytes += results[w].Bytes
	}
	return total, nil
}

func markdownFiles(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err == nil && len(paths) == 0 {
		err = fmt.Errorf("%s holds no .md files: generate the corpus first", dir)
	}
	return paths, err
}

// work renders the pages it is given; on an error it keeps draining jobs
// so the sender never blocks.
func work(jobs <-chan string) (Result, error) {
	var res Result
	var firstErr error
	hl := &codeRenderer{formatter: chromahtml.New(chromahtml.WithClasses(true)), style: styles.Fallback}
	md := newConverter(hl)
	var out bytes.Buffer
	for p := range jobs {
		if firstErr != nil {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			firstErr = fmt.Errorf("reading %s: %w", p, err)
			continue
		}
		out.Reset()
		if err := md.Convert(StripFrontMatter(src), &out); err != nil {
			firstErr = fmt.Errorf("%s: %w", p, err)
			continue
		}
		res.Pages++
		res.Bytes += int64(out.Len())
	}
	res.Blocks = hl.blocks
	return res, firstErr
}

func newConverter(hl *codeRenderer) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(hl, 100))),
	)
}

// StripFrontMatter returns src without a leading "---" YAML block.
func StripFrontMatter(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[i+len("\n---\n"):]
	}
	return src
}

// codeRenderer highlights fenced code blocks with chroma. One per worker:
// it counts blocks without locking.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	blocks    int
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lexer := lexers.Get(string(b.Language(src)))
	if lexer == nil {
		lexer = lexers.Fallback
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, fmt.Errorf("lexing a code block: %w", err)
	}
	r.blocks++
	return ast.WalkSkipChildren, r.formatter.Format(io.Writer(w), r.style, it)
}
