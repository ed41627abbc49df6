package search

import (
	"strings"
	"testing"
)

func BenchmarkTokens(b *testing.B) {
	docs := syntheticDocs(200, 1)
	var sb strings.Builder
	for _, d := range docs {
		for _, bl := range d.Blocks {
			sb.WriteString(bl.Text)
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	st := newStemmer()
	b.SetBytes(int64(len(text)))
	c0 := cpuTime()
	defer func() { reportCPU(b, c0) }()
	for b.Loop() {
		n := 0
		st.tokens(text, func(tw termWord, _, _ int) { n += int(tw.id) })
	}
}
