package site

import (
	"reflect"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// fullRecord is a record with every field the state keeps set.
func fullRecord() *pageRecord {
	pos := diag.Pos{File: "content/notes/a.md", Line: 7, Col: 3}
	res := &markdown.Result{
		Headings: []markdown.Heading{{Level: 2, ID: "why", Text: "Why", Pos: pos}},
		TOC:      []*markdown.TOCEntry{{Level: 2, ID: "why", Text: "Why", Children: []*markdown.TOCEntry{{Level: 3, ID: "how", Text: "How"}}}},
		Links:    []markdown.Link{{Dest: "b.md#x", Href: "/notes/b/#x", Image: true, External: true, Pos: pos}},
		Words:    412,
		Summary:  "A summary.",
		Features: []string{"code", "d2"},
		Diags:    diag.List{{Pos: pos, Severity: diag.Warning, Msg: "a warning"}},
	}
	md := &mdEntry{key: [32]byte{1}, src: [32]byte{2}, calcs: [32]byte{3}, contentKey: [32]byte{4}, linksKey: 5, textKey: 6,
		rewrites: []rewrite{{"b.md#x", "/notes/b/#x"}}, extras: []extraFile{{"notes/a/d.svg", []byte("<svg/>")}}, res: res, noHTML: true}
	return &pageRecord{source: "content/notes/a.md", md: md, search: &stateSearch{DocKey: 9, Rec: []byte{1, 2, 3}}}
}

// TestStateRecordRoundTrip checks that a record reads back as written, and
// that the test sets every field of a conversion but those the state does
// not keep: a field added to markdown.Result must be added to the codec.
func TestStateRecordRoundTrip(t *testing.T) {
	r := fullRecord()
	notKept := map[string]bool{"HTML": true, "Blocks": true, "Code": true}
	v := reflect.ValueOf(*r.md.res)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() != notKept[name] {
			t.Errorf("markdown.Result.%s: kept by the state %v, set by this test %v: add it to the state codec (statecodec.go) and here", name, !notKept[name], !v.Field(i).IsZero())
		}
	}
	var e wire.Buf
	writeRecord(&e, r)
	got := readRecord(wire.NewReader(e))
	if !reflect.DeepEqual(got, r) {
		t.Errorf("record read back as\n%+v\n%+v\nwant\n%+v\n%+v", got, got.md, r, r.md)
	}
	for _, tc := range []*pageRecord{{source: "no md"}, {source: "md only", md: r.md}, {source: "search only", search: r.search}} {
		var e wire.Buf
		writeRecord(&e, tc)
		if got := readRecord(wire.NewReader(e)); !reflect.DeepEqual(got, tc) {
			t.Errorf("%s: read back as %+v", tc.source, got)
		}
	}
	for n := range len(e) {
		if readRecord(wire.NewReader(e[:n])) != nil {
			t.Fatalf("a record cut at %d of %d bytes was read", n, len(e))
		}
	}
}

// FuzzStateRecord: no bytes, however damaged, panic the record decoder.
func FuzzStateRecord(f *testing.F) {
	var e wire.Buf
	writeRecord(&e, fullRecord())
	f.Add([]byte(e))
	f.Fuzz(func(t *testing.T, b []byte) {
		if r := readRecord(wire.NewReader(b)); r != nil {
			var again wire.Buf
			writeRecord(&again, r)
		}
	})
}

// TestTaxonomyRoundTrip: the taxonomies read back as written, and a
// taxonomy whose indexes do not fit the pages is not used.
func TestTaxonomyRoundTrip(t *testing.T) {
	tax := &taxonomy{key: 42, tags: []savedTag{{"Serverless", "serverless", []int32{0, 2}}, {"Empty", "empty", nil}},
		backlinks: [][]int32{{1}, nil, {0, 1}}, related: [][]int32{nil, {2}, {0}}}
	var e wire.Buf
	writeTaxonomy(&e, tax)
	got := readTaxonomy(wire.NewReader(e))
	if !reflect.DeepEqual(got, tax) {
		t.Errorf("read back as %+v, want %+v", got, tax)
	}
	if !got.fits(3) || got.fits(2) || got.fits(4) {
		t.Error("fits does not check the indexes against the number of pages")
	}
	for n := range len(e) {
		if readTaxonomy(wire.NewReader(e[:n])) != nil {
			t.Fatalf("a taxonomy cut at %d of %d bytes was read", n, len(e))
		}
	}
}
