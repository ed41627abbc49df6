//go:build !linux && !darwin

package output

import "errors"

// exchangeDirs is not available: swap falls back to two renames.
func exchangeDirs(a, b string) error { return errors.ErrUnsupported }
