package watch

import (
	"errors"
	"fmt"
	"syscall"
)

// LimitError reports that the operating system refused another watch: on
// Linux, the per-user limit of inotify watches (ENOSPC, "no space left on
// device") or of inotify instances or open files (EMFILE, "too many open
// files"). Its message says how to raise the limit, or to use polling.
type LimitError struct {
	// Path is the folder that could not be watched, relative to the site
	// folder; empty when no watcher at all could be started.
	Path string
	// Err is the system's error: syscall.ENOSPC or syscall.EMFILE.
	Err error
}

// Error describes the limit reached and how to get past it.
func (e *LimitError) Error() string {
	where := "cannot start watching files"
	if e.Path != "" {
		where = e.Path + ": cannot watch this folder"
	}
	if errors.Is(e.Err, syscall.ENOSPC) {
		return fmt.Sprintf("%s: the system's limit of inotify watches is reached (%v); "+
			"raise it with \"sudo sysctl fs.inotify.max_user_watches=524288\" "+
			"(to keep it after a reboot, add the line fs.inotify.max_user_watches=524288 "+
			"to /etc/sysctl.d/90-inotify.conf), or run with --poll", where, e.Err)
	}
	return fmt.Sprintf("%s: the system's limit of inotify instances or open files is reached (%v); "+
		"close other programs that watch files, or raise it with "+
		"\"sudo sysctl fs.inotify.max_user_instances=512\" "+
		"(to keep it after a reboot, add the line fs.inotify.max_user_instances=512 "+
		"to /etc/sysctl.d/90-inotify.conf) or \"ulimit -n 65536\", or run with --poll", where, e.Err)
}

// Unwrap returns the system's error.
func (e *LimitError) Unwrap() error { return e.Err }

// asLimit returns err as a *LimitError for rel when it is one of the limits
// of watching, and nil otherwise.
func asLimit(rel string, err error) *LimitError {
	var le *LimitError
	if errors.As(err, &le) {
		return le
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return &LimitError{Path: rel, Err: err}
	}
	return nil
}
