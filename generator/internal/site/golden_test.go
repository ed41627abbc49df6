package site

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/sites/*.txtar from the current output")

// TestSites builds each testdata/sites/*.txtar archive and compares the
// output with its want/ files. HTML pages are compared inside <main> only,
// so a change to the frame does not touch every golden file; want/_files
// lists every output path; a want/PATH#body file holds the page's whole
// <body>, header and footer included. Fingerprints in asset names are
// normalised.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no site fixtures")
	}
	for _, path := range archives {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			var wants []*txtar.File
			for i := range ar.Files {
				f := &ar.Files[i]
				if strings.HasPrefix(f.Name, "want/") {
					wants = append(wants, f)
					continue
				}
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			}
			s := buildSite(t, fsys)
			for _, w := range wants {
				name := strings.TrimPrefix(w.Name, "want/")
				got := siteOutput(s, name)
				if *update {
					w.Data = []byte(got)
					continue
				}
				if got != string(w.Data) {
					t.Errorf("%s differs\n--- got\n%s\n--- want\n%s", name, got, w.Data)
				}
			}
			if *update {
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

var fingerprint = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)`)

// siteOutput returns what a want/ file is compared with.
func siteOutput(s *Site, name string) string {
	switch name {
	case "_files":
		// Theme assets (css/, js/) and search index files come and go
		// with widgets and the index format; their own packages test
		// them, so the list leaves them out.
		var paths []string
		for _, p := range s.Files.Paths() {
			if !strings.HasPrefix(p, "css/") && !strings.HasPrefix(p, "js/") && !(strings.HasPrefix(p, "search/") && p != "search/index.html") {
				paths = append(paths, p)
			}
		}
		return strings.Join(paths, "\n") + "\n"
	case "_diagnostics":
		if len(s.Diags) == 0 {
			return ""
		}
		return s.Diags.Error() + "\n"
	}
	file, body := strings.CutSuffix(name, "#body")
	f, ok := s.Files.Get(file)
	if !ok {
		return fmt.Sprintf("(no file %s)\n", file)
	}
	data := f.Data
	switch {
	case body:
		data = region(data, "<body", "</body>")
	case strings.HasSuffix(name, ".html"):
		data = region(data, "<main", "</main>")
	}
	return fingerprint.ReplaceAllString(string(data), ".HASH.$1")
}

// region returns the part of a page from open ("<main") to close
// ("</main>"): want/x.html files hold <main> only, so a change to the frame
// does not touch every golden file; want/x.html#body files hold the frame.
func region(page []byte, open, close string) []byte {
	start := bytes.Index(page, []byte(open))
	end := bytes.Index(page, []byte(close))
	if start < 0 || end < start {
		return page
	}
	return append(bytes.TrimSpace(page[start:end+len(close)]), '\n')
}
