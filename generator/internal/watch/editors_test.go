package watch

import (
	"os"
	"os/exec"
	"testing"
)

// Each editor's save sequence, replayed with the system calls the editor
// makes, must be one "modified" change for the real file, in one batch,
// with nothing trailing after it.
func TestEditorSaves(t *testing.T) {
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel() // the two watchers side by side: a site folder each
			for _, tc := range []struct {
				name string
				save func(h *harness)
			}{
				{"rename over, named temp file", func(h *harness) {
					h.writeInPlace("content/page.md.tmp", "second version")
					h.rename("content/page.md.tmp", "content/page.md")
				}},
				{"rename over, unlisted temp name", func(h *harness) {
					// rsync, Qt's QSaveFile and others use random names no
					// filter can know: the rename must still be one change.
					h.writeInPlace("content/.page.md.Xk3v9a", "second version")
					h.rename("content/.page.md.Xk3v9a", "content/page.md")
				}},
				{"in place, truncate then write", func(h *harness) {
					f, err := os.OpenFile(h.path("content/page.md"), os.O_WRONLY|os.O_TRUNC, 0)
					if err != nil {
						t.Fatal(err)
					}
					_, _ = f.WriteString("second version")
					_ = f.Close()
				}},
				{"vim writebackup", func(h *harness) {
					h.writeInPlace("content/.page.md.swp", "swap while editing")
					h.writeInPlace("content/4913", "") // the probe for a writable folder
					h.remove("content/4913")
					h.rename("content/page.md", "content/page.md~")
					h.writeInPlace("content/page.md", "second version")
					h.remove("content/page.md~")
					h.remove("content/.page.md.swp")
				}},
				{"JetBrains safe write", func(h *harness) {
					h.writeInPlace("content/page.md___jb_tmp___", "second version")
					h.rename("content/page.md", "content/page.md___jb_old___")
					h.rename("content/page.md___jb_tmp___", "content/page.md")
					h.remove("content/page.md___jb_old___")
				}},
				{"Emacs first save", func(h *harness) {
					// The lock while editing, the backup made by renaming,
					// the new file, then the lock released.
					if err := os.Symlink("user@host.1234:1700000000", h.path("content/.#page.md")); err != nil {
						t.Fatal(err)
					}
					h.writeInPlace("content/#page.md#", "auto-save")
					h.rename("content/page.md", "content/page.md~")
					h.writeInPlace("content/page.md", "second version")
					h.remove("content/#page.md#")
					h.remove("content/.#page.md")
				}},
				{"Helix backup", func(h *harness) {
					h.writeInPlace("content/page.mdc3gzwd.bck", "first")
					h.writeInPlace("content/page.md", "second version")
					h.remove("content/page.mdc3gzwd.bck")
				}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					h := newHarness(t, impl.opts, map[string]string{"content/page.md": "first"})
					tc.save(h)
					b := h.expect("modified content/page.md")
					if b.Changes[0].Class != Content {
						t.Errorf("class = %v, want content", b.Changes[0].Class)
					}
					h.sync()
				})
			}
		})
	}
}

// Files editors keep beside the page while it is open are never reported.
func TestEditorFilesAloneReportNothing(t *testing.T) {
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel() // the two watchers side by side: a site folder each
			h := newHarness(t, impl.opts, map[string]string{"content/page.md": "first"})
			if err := os.Symlink("user@host.1234:1700000000", h.path("content/.#page.md")); err != nil {
				t.Fatal(err)
			}
			h.writeInPlace("content/.page.md.swp", "vim swap")
			h.writeInPlace("content/#page.md#", "emacs auto-save")
			h.writeInPlace("static/.DS_Store", "finder")
			h.writeInPlace("content/.git/objects/ab/cdef", "a repository inside content")
			h.remove("content/.#page.md")
			h.sync()
		})
	}
}

// The real vim, where installed, in its three ways of writing: rename the
// file to a backup and write a new one (backupcopy=no), copy it to a backup
// and write in place (backupcopy=yes), and no backup at all.
func TestRealVim(t *testing.T) {
	vim, err := exec.LookPath("vim")
	if err != nil {
		t.Skip("vim is not installed")
	}
	for _, impl := range implementations() {
		for _, set := range []string{"writebackup backupcopy=no", "writebackup backupcopy=yes", "nowritebackup"} {
			t.Run(impl.name+"/"+set, func(t *testing.T) {
				t.Parallel() // the two watchers side by side: a site folder each
				h := newHarness(t, impl.opts, map[string]string{"content/page.md": "first\n"})
				// backupskip= : vim makes no backup under /tmp by default.
				cmd := exec.Command(vim, "-N", "-u", "NONE", "-i", "NONE", "-es",
					"-c", "set backupskip= nobackup "+set, "-c", "normal Goadded line", "-c", "wq",
					h.path("content/page.md"))
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("vim: %v\n%s", err, out)
				}
				h.expect("modified content/page.md")
				h.sync()
			})
		}
	}
}
