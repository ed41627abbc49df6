package checklist

import (
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/yuin/goldmark/parser"
)

// Config is what the core knows about a checklist page before its body is
// converted: the front matter's options and where the body sits in its file.
type Config struct {
	// ID names the checklist: the form's data-checklist attribute and the
	// key its answers are saved under in the browser. Empty means the base
	// name of File without its extension (the folder's name for index.md).
	ID string
	// Options are the choices the answers lean toward, in the order the
	// front matter declares them.
	Options []Option
	// File is the page's path as diagnostics print it.
	File string
	// BodyLine is the 1-based line of File on which the markdown body
	// starts (the line after the front matter's closing "---"); 0 or 1 mean
	// the body starts the file.
	BodyLine int
}

// Option is one choice the answers lean toward.
type Option struct {
	ID    string   `json:"id"`
	Label string   `json:"label"`
	Pos   diag.Pos `json:"-"` // where the front matter declares it, for diagnostics; may be zero
}

// Kind is how a question is answered.
type Kind string

const (
	// Check is a checkbox: checking it answers Yes.
	Check Kind = "check"
	// YesNo is answered yes, no or not sure (Unsure) with radio buttons.
	YesNo Kind = "yesno"
)

// Checklist is the model of one checklist page, as the browser script
// receives it (JSON) and as the core may index it.
type Checklist struct {
	ID        string     `json:"id"`
	Options   []Option   `json:"options"`
	Questions []Question `json:"questions"`
}

// Question is one task item of the page.
type Question struct {
	// ID is stable across edits elsewhere on the page: the {#id} the author
	// wrote, else a slug of the question's text, deduplicated in page order.
	ID string `json:"id"`
	// Text is the question as plain text (no markup).
	Text string `json:"text"`
	// Section is the plain text of the nearest heading above the question.
	Section string `json:"section,omitempty"`
	Kind    Kind   `json:"kind"`
	// Answers maps an answer (Yes, No, Unsure) to the weights it adds.
	// Answers without weights are left out.
	Answers map[string][]Weight `json:"answers,omitempty"`
	// Rule is Gate or Blocker for a question written {gate: ...} or
	// {blocker: ...}, else "".
	Rule Rule `json:"rule,omitempty"`
	// Blocks maps an answer to the options it rules out whatever the
	// scores (see Rule). Only gate and blocker questions have it.
	Blocks map[string][]string `json:"blocks,omitempty"`
	// Anchor is the id of the question's element in the page.
	Anchor string   `json:"anchor"`
	Pos    diag.Pos `json:"-"`
}

// Weight is what an answer adds to one option's score.
type Weight struct {
	Option string  `json:"option"`
	Value  float64 `json:"weight"`
}

// stateKey finds a document's checklist state in its parser.Context. It is
// set once at package initialization and never changes: the state itself
// lives in the context, one per document.
var stateKey = parser.NewContextKey()

// state is one document's checklist: its configuration, then what parsing
// found. It lives in the document's parser.Context, never in the converter,
// which is shared by every document a worker converts.
type state struct {
	cfg   Config
	lines *diag.Lines // offsets of the body, built on first use
	diags diag.List
	model *Checklist
}

// Enable makes the next conversion with pc treat its task lists as a
// checklist configured by cfg. Call it on a fresh context before
// converting: md.Convert(src, w, parser.WithContext(pc)).
func Enable(pc parser.Context, cfg Config) {
	if cfg.ID == "" {
		cfg.ID = idFromFile(cfg.File)
	}
	pc.Set(stateKey, &state{cfg: cfg})
}

// idFromFile names a checklist after its file: its base name without
// extension, or its folder's name for an index.md or _index.md.
func idFromFile(file string) string {
	file = strings.ReplaceAll(file, "\\", "/")
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if name == "index" || name == "_index" {
		name = path.Base(path.Dir(file))
	}
	return name
}

// Result returns the checklist that converting with pc built, and every
// diagnostic found, sorted. Both are nil when Enable was not called on pc.
// The model is nil when the conversion has not run.
func Result(pc parser.Context) (*Checklist, diag.List) {
	st := stateOf(pc)
	if st == nil {
		return nil, nil
	}
	st.diags.Sort()
	return st.model, st.diags
}

func stateOf(pc parser.Context) *state {
	st, _ := pc.Get(stateKey).(*state)
	return st
}

// pos maps a byte offset in the body to a position in the page file.
func (s *state) pos(src []byte, off int) diag.Pos {
	if s.lines == nil {
		s.lines = diag.NewLines(s.cfg.File, src)
	}
	p := s.lines.Pos(off)
	if s.cfg.BodyLine > 1 {
		p.Line += s.cfg.BodyLine - 1
	}
	return p
}

// filePos is the position for a problem with no place in the body.
func (s *state) filePos(p diag.Pos) diag.Pos {
	if p.File == "" {
		return diag.Pos{File: s.cfg.File}
	}
	return p
}
