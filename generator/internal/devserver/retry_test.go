package devserver

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// starvedFS is the site's folder as seen by a process that has run out of
// file descriptors while armed: files and folders whose path starts with
// prefix fail to open with EMFILE, as os.Open does then. Stat needs no
// descriptor and still works.
type starvedFS struct {
	fsys   fs.FS
	prefix string
	armed  atomic.Bool
	failed atomic.Int64
}

func (o *starvedFS) check(op, name string) error {
	if o.armed.Load() && strings.HasPrefix(name, o.prefix) {
		o.failed.Add(1)
		return &fs.PathError{Op: op, Path: name, Err: syscall.EMFILE}
	}
	return nil
}

func (o *starvedFS) Open(name string) (fs.File, error) {
	if err := o.check("open", name); err != nil {
		return nil, err
	}
	return o.fsys.Open(name)
}

func (o *starvedFS) ReadFile(name string) ([]byte, error) {
	if err := o.check("open", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(o.fsys, name)
}

func (o *starvedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := o.check("open", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(o.fsys, name)
}

func (o *starvedFS) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(o.fsys, name) }
func (o *starvedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(o.fsys, name) }
func (o *starvedFS) ReadLink(name string) (string, error)   { return fs.ReadLink(o.fsys, name) }

// A save made while the process is out of descriptors (idle connections
// held them all) must not be shown as a failed build with false broken
// links: the rebuild is tried again, and once descriptors are back the
// edit appears, with no save needed and no problem left. Nothing read
// while descriptors were short is remembered: when only some files could
// not be opened (the last descriptors come and go), those are read again.
func TestRebuildRetriesWhenOutOfDescriptors(t *testing.T) {
	other := "---\ntitle: Another note\n---\nSee [the long note](/notes/long/). OTHER-EDITED\n"
	for _, tt := range []struct {
		name, prefix string
		edits        map[string]string
		want         map[string]string // URL path: text the page must hold
	}{
		{"every file", "content", map[string]string{
			"content/notes/long.md": strings.Replace(previewSite["content/notes/long.md"], "ORIGINAL-TEXT", "EDITED-TEXT", 1),
		}, map[string]string{"/notes/long/": "EDITED-TEXT", "/notes/other/": "Another note", "/notes/": "A long note", "/": "Welcome"}},
		{"one file", "content/notes/other.md", map[string]string{
			"content/notes/third.md": "---\ntitle: Third\n---\nTHIRD-PAGE\n",
			"content/notes/other.md": other,
		}, map[string]string{"/notes/other/": "OTHER-EDITED", "/notes/third/": "THIRD-PAGE", "/notes/long/": "ORIGINAL-TEXT"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(previewSite)
			files["content/_site.yaml"] = "title: Out of descriptors\n"
			fsys := &starvedFS{prefix: tt.prefix}
			p := startPreview(t, files, func(c *Config) {
				fsys.fsys = os.DirFS(c.Root)
				c.Site.FS = fsys
			})
			p.waitBuilds(1)
			n := p.builds()

			fsys.armed.Store(true)
			for name, data := range tt.edits {
				p.write(name, data)
			}
			// Wait until the server has met the failure: it either shows
			// a build (wrong) or says it will try again.
			p.until("the save to meet the failure", func() bool {
				return fsys.failed.Load() > 0 && (len(p.done) > n || strings.Contains(p.out.String(), "trying again"))
			})
			if p.builds() > n {
				t.Fatalf("a build that could not open its files was shown (failed: %v). Server output:\n%s", p.failedBuild(n+1), p.output())
			}
			if code, body := p.get("/notes/long/"); code != 200 || !strings.Contains(body, "A long note") {
				t.Errorf("while the files cannot be read, the last good site is not served (status %d)", code)
			}

			fsys.armed.Store(false)
			p.waitBuilds(n + 1)
			if p.failedBuild(n + 1) {
				t.Errorf("once descriptors are back, the build failed. Server output:\n%s", p.output())
			}
			for path, text := range tt.want {
				if code, body := p.get(path); code != 200 || !strings.Contains(body, text) {
					t.Errorf("once descriptors are back, %s: status %d, want the page with %q", path, code, text)
				}
			}
			// What an open tab shows on connecting: the last build's
			// problems.
			events := p.stream()
			for {
				ev := events.next(t)
				if ev.name != "problems" {
					continue
				}
				var probs Problems
				if err := json.Unmarshal([]byte(ev.data), &probs); err != nil {
					t.Fatal(err)
				}
				if probs.Failed || len(probs.Problems) > 0 {
					t.Errorf("the tabs show problems after descriptors came back: %s", ev.data)
				}
				break
			}
			if out := p.output(); strings.Contains(out, "broken link") || strings.Contains(out, "cannot read") {
				t.Errorf("problems caused by the lack of descriptors were reported:\n%s", out)
			}

			// The next save is built right, from what the retry read.
			p.write("content/notes/other.md", strings.Replace(other, "OTHER-EDITED", "SECOND-EDIT", 1))
			p.waitBuilds(n + 2)
			if code, body := p.get("/notes/other/"); code != 200 || !strings.Contains(body, "SECOND-EDIT") || p.failedBuild(n+2) {
				t.Errorf("the next save: status %d, failed %v", code, p.failedBuild(n+2))
			}
			for path, text := range tt.want {
				if path == "/notes/other/" {
					continue
				}
				if code, body := p.get(path); code != 200 || !strings.Contains(body, text) {
					t.Errorf("after the next save, %s: status %d, want the page with %q", path, code, text)
				}
			}
		})
	}
}
