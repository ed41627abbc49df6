package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFolders(t *testing.T) {
	start := map[string]string{
		"content/page.md":            "first",
		"content/posts/a.md":         "a",
		"content/posts/b.md":         "b",
		"content/posts/deep/c.md":    "c",
		"content/_site.yaml":         "title: x",
		"static/css/site.css":        "body{}",
		"public/index.html":          "built output, not a root",
		"layouts-not-a-root/x.html":  "x",
		"content/posts/deep/.hidden": "h",
	}
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel() // the two watchers side by side: a site folder each
			for _, tc := range []struct {
				name string
				run  func(t *testing.T, h *harness)
			}{
				{"new folder with a page, then writes in it", func(t *testing.T, h *harness) {
					h.write("content/new/a.md", "a")
					h.expectAll("created content/new/a.md")
					h.write("content/new/a.md", "a, edited")
					h.write("content/new/b.md", "b")
					h.expectAll("modified content/new/a.md", "created content/new/b.md")
				}},
				{"nested folders made at once", func(t *testing.T, h *harness) {
					h.write("content/x/y/z/page.md", "deep")
					h.expectAll("created content/x/y/z/page.md")
					h.write("content/x/y/z/page.md", "deep, edited")
					h.write("content/x/y/other.md", "other")
					h.expectAll("created content/x/y/other.md", "modified content/x/y/z/page.md")
				}},
				{"tree moved in from elsewhere", func(t *testing.T, h *harness) {
					outside := t.TempDir()
					for _, p := range []string{"guide/intro.md", "guide/parts/one.md", "guide/parts/two.md"} {
						writeFile(t, filepath.Join(outside, p), "moved")
					}
					if err := os.Rename(filepath.Join(outside, "guide"), h.path("content/guide")); err != nil {
						t.Fatal(err)
					}
					h.expect("created content/guide/intro.md", "created content/guide/parts/one.md", "created content/guide/parts/two.md")
					h.write("content/guide/parts/one.md", "edited after the move")
					h.expect("modified content/guide/parts/one.md")
				}},
				{"deleted page", func(t *testing.T, h *harness) {
					h.remove("content/posts/a.md")
					h.expect("removed content/posts/a.md")
				}},
				{"deleted folder", func(t *testing.T, h *harness) {
					h.remove("content/posts")
					h.expectAll("removed content/posts/a.md", "removed content/posts/b.md",
						"removed content/posts/deep/.hidden", "removed content/posts/deep/c.md")
				}},
				{"renamed folder", func(t *testing.T, h *harness) {
					h.rename("content/posts", "content/articles")
					h.expect(
						"created content/articles/a.md", "created content/articles/b.md",
						"created content/articles/deep/.hidden", "created content/articles/deep/c.md",
						"removed content/posts/a.md", "removed content/posts/b.md",
						"removed content/posts/deep/.hidden", "removed content/posts/deep/c.md")
					// The moved folders keep no stale names: writes report the new path.
					h.write("content/articles/deep/c.md", "edited after the rename")
					h.expect("modified content/articles/deep/c.md")
					h.rename("content/articles", "content/posts")
					h.expect(
						"removed content/articles/a.md", "removed content/articles/b.md",
						"removed content/articles/deep/.hidden", "removed content/articles/deep/c.md",
						"created content/posts/a.md", "created content/posts/b.md",
						"created content/posts/deep/.hidden", "created content/posts/deep/c.md")
					h.write("content/posts/deep/c.md", "edited after renaming back")
					h.expect("modified content/posts/deep/c.md")
				}},
				{"renamed page", func(t *testing.T, h *harness) {
					h.rename("content/posts/a.md", "content/posts/renamed.md")
					h.expect("removed content/posts/a.md", "created content/posts/renamed.md")
				}},
				{"file created and deleted at once", func(t *testing.T, h *harness) {
					h.write("content/flash.md", "here and gone")
					h.remove("content/flash.md")
				}},
				{"root created after start, removed and created again", func(t *testing.T, h *harness) {
					h.write("layouts/partials/head.html", "<head>")
					b := h.expectAll("created layouts/partials/head.html")
					if b.Changes[0].Class != Layout {
						t.Errorf("class = %v, want layout", b.Changes[0].Class)
					}
					h.write("layouts/base.html", "<html>")
					h.expectAll("created layouts/base.html")
					h.remove("layouts")
					h.expectAll("removed layouts/base.html", "removed layouts/partials/head.html")
					h.write("layouts/base.html", "<html>again")
					h.expectAll("created layouts/base.html")
				}},
				{"root renamed away and back", func(t *testing.T, h *harness) {
					h.rename("static", "static-old")
					h.expect("removed static/css/site.css")
					h.rename("static-old", "static")
					h.expect("created static/css/site.css")
					h.write("static/css/site.css", "body{color:red}")
					h.expect("modified static/css/site.css")
				}},
				{"classes by root", func(t *testing.T, h *harness) {
					h.write("content/_site.yaml", "title: changed")
					h.write("content/page.md", "second version")
					h.write("static/css/site.css", "body{color:red}")
					b := h.expectAll("modified content/_site.yaml", "modified content/page.md", "modified static/css/site.css")
					for i, want := range []Class{Config, Content, Static} {
						if got := b.Changes[i].Class; got != want {
							t.Errorf("%s: class = %v, want %v", b.Changes[i].Path, got, want)
						}
					}
				}},
				{"files outside the roots", func(t *testing.T, h *harness) {
					h.write("public/index.html", "rebuilt")
					h.write("README.md", "readme")
					h.write("layouts-not-a-root/y.html", "y")
				}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					h := newHarness(t, impl.opts, start)
					tc.run(t, h)
					h.sync()
				})
			}
		})
	}
}

// A git checkout or a copy writes hundreds of files in a burst: one batch.
// The burst is written as fast as the test can, but on a loaded test machine
// its 500 writes have been seen to stall for over 200 ms, so the quiet period
// is longer than anything seen, and MaxDelay is lifted out of the way
// (TestStreamStillDelivers covers it).
func TestBurstIsOneBatch(t *testing.T) {
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel() // the two watchers side by side: a site folder each
			opts := impl.opts
			opts.Quiet, opts.MaxDelay = time.Second, patience
			h := newHarness(t, opts, map[string]string{"content/index.md": "home"})
			want := make([]string, 500)
			var stall time.Duration // the longest gap between two writes
			last := time.Now()
			for i := range want {
				p := fmt.Sprintf("content/burst/page-%03d.md", i)
				h.write(p, "page")
				want[i] = "created " + p
				stall, last = max(stall, time.Since(last)), time.Now()
			}
			t.Logf("longest gap between two writes: %v", stall)
			h.expect(want...)
			h.sync()
		})
	}
}

func writeFile(t testing.TB, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
