package search

import (
	"fmt"
	"testing"
)

// BenchmarkBuild builds the index of the synthetic corpus (see
// corpus_test.go) and reports the number of files and their total size.
//
//	go test -run '^$' -bench Build -benchmem ./generator/internal/search/
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := syntheticDocs(n, 1)
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var f Files
			c0 := cpuTime()
			for b.Loop() {
				var err error
				if f, err = Build(docs, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
			b.ReportMetric(float64(len(f.Data)), "files")
			b.ReportMetric(float64(f.Size()), "bytes")
		})
	}
}

// BenchmarkUpdate measures the preview server's case: one page of a
// 10,000-page index is edited and the files are asked for again.
func BenchmarkUpdate(b *testing.B) {
	docs := syntheticDocs(10000, 1)
	ix := NewIndex(Options{})
	if err := ix.Add(docs...); err != nil {
		b.Fatal(err)
	}
	ix.Files()
	i := 0
	c0 := cpuTime()
	defer func() { reportCPU(b, c0) }()
	for b.Loop() {
		d := docs[i%len(docs)]
		d.Blocks = append([]Block(nil), d.Blocks...)
		d.Blocks[0].Text += fmt.Sprintf(" edit %d", i)
		i++
		if err := ix.Add(d); err != nil {
			b.Fatal(err)
		}
		_, ch := ix.Files()
		b.ReportMetric(float64(len(ch.Added)), "files-changed")
	}
}
