package sse

import (
	"io"
	"strings"
	"testing"
)

func TestReaderReadsTheDevServersStream(t *testing.T) {
	stream := "event: hello\ndata: {\"build\":1}\n\n: keepalive\n\n" +
		"event: update\ndata: {\"build\":2,\"pages\":[\"/notes/a/\"]}\n\n" +
		"data: line one\ndata: line two\n\n"
	r := NewReader(strings.NewReader(stream))
	want := []Event{
		{"hello", `{"build":1}`},
		{"update", `{"build":2,"pages":["/notes/a/"]}`},
		{"message", "line one\nline two"},
	}
	for i, w := range want {
		got, err := r.Next()
		if err != nil || got != w {
			t.Fatalf("event %d = %+v, %v; want %+v", i, got, err, w)
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("after the last event: %v, want io.EOF", err)
	}
}
