// Package watch owns noticing that the site's source files changed: it watches
// a set of roots under a site folder (content/, layouts/, static/, the config
// file) and delivers batches of changes, each change a path relative to the
// site folder, how it changed (created, modified, removed) and which part of
// the site it belongs to (content, layout, static, config, other).
//
// It imports the standard library, github.com/fsnotify/fsnotify and
// editorfiles (the names editors write beside files, which it never reports).
// Only devserver imports it; the build never does.
//
// # How it stays correct
//
// File system events are treated as hints, never as facts. The watcher keeps
// a snapshot of every file under the roots (size, modification time, inode)
// and, once events have stopped for a quiet period, looks at each path the
// events named and compares what is on disk with the snapshot. So:
//
//   - an editor's atomic save (write a temporary file, rename it over the real
//     one; vim's rename-to-backup then write; JetBrains' safe write) becomes one
//     "modified" change for the real file, whatever the order of its events;
//   - a file created and deleted within one batch is never reported;
//   - a folder created with files already inside, or moved in whole, is
//     scanned, and every file found in it is reported as created;
//   - a folder removed or renamed reports each of its files as removed (and,
//     for a rename, each file under the new name as created), and its watches
//     are dropped before the new name is watched, so inotify's reused watch
//     descriptors never report a file under a stale name.
//
// A path that has just vanished is looked at once more one quiet period later
// before it is reported as removed, so a save that briefly leaves no file
// (vim renames the original away before writing the new one) is never seen as
// a deletion, even on a slow disk.
//
// Names that editors and operating systems use for temporary, backup, lock
// and swap files are left out entirely (see [Ignored]).
//
// Roots may not exist yet: the nearest existing folder above each root is
// watched too, so a layouts/ created after start is picked up.
//
// # Batching
//
// Changes are delivered once no event has arrived for [Options.Quiet] (a
// burst such as a git checkout of 500 files becomes one batch), but never
// later than [Options.MaxDelay] after the first change of a batch, so a
// constant stream of writes still delivers batches. While the receiver is
// busy (rebuilding the site), new changes are merged into the batch waiting
// to be received, so the receiver never falls behind by more than one batch.
//
// # Polling
//
// With [Options.Poll], the roots are scanned every [Options.PollInterval]
// instead, for file systems where inotify does not work (network shares,
// some containers and virtual machines) or when the inotify limits cannot be
// raised. The batches are the same.
//
// Symbolic links are not followed: a link is reported when the link itself
// changes.
package watch
