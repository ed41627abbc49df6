// Package sse reads a Server-Sent Events stream (the preview server's
// /_tradeoffs/events) as a sequence of named events.
//
// It imports the standard library only.
package sse

import (
	"bufio"
	"io"
	"strings"
)

// Event is one event: its name ("message" when the stream gives none) and
// its data lines joined by newlines.
type Event struct {
	Name string
	Data string
}

// Reader reads events from a stream.
type Reader struct {
	sc *bufio.Scanner
}

// NewReader reads events from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20) // an update lists every changed page
	return &Reader{sc: sc}
}

// Next returns the next event, skipping comments (keep-alives); io.EOF at
// the end of the stream.
func (r *Reader) Next() (Event, error) {
	var ev Event
	var data []string
	for r.sc.Scan() {
		line := r.sc.Text()
		if line == "" {
			if data == nil && ev.Name == "" {
				continue // a blank line after a comment
			}
			if ev.Name == "" {
				ev.Name = "message"
			}
			ev.Data = strings.Join(data, "\n")
			return ev, nil
		}
		field, val, _ := strings.Cut(line, ":")
		val = strings.TrimPrefix(val, " ")
		switch field {
		case "event":
			ev.Name = val
		case "data":
			data = append(data, val)
		}
	}
	if err := r.sc.Err(); err != nil {
		return Event{}, err
	}
	return Event{}, io.EOF
}
