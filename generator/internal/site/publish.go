package site

import (
	"errors"
	"fmt"
)

// Publish puts the built site in the folder its Options.Output was staged
// for (output.Stage), and keeps the build state in Options.CacheDir right:
// the state of the site being replaced is removed first and this build's
// is written once the new site is in place, so whenever the build is
// stopped, a state describes the site in the folder or there is none. A
// site with errors is not published. On any error the folder is left as it
// was. A state that cannot be written is in StateErr: it costs the next
// build time only.
func (s *Site) Publish() error {
	if s.Files.Target() == "" {
		return errors.New("site: Publish needs Options.Output made with output.Stage")
	}
	if s.Diags.HasErrors() {
		s.Files.Discard()
		n, _ := s.Diags.Count()
		return fmt.Errorf("the site has %d %s: not published", n, plural(n, "error", "errors"))
	}
	o := s.build.opts
	if err := forgetState(o.CacheDir); err != nil {
		s.Files.Discard()
		return fmt.Errorf("removing the build state in %s: %w", o.CacheDir, err)
	}
	if err := s.Files.Publish(); err != nil {
		return err
	}
	if s.build.keepsState() {
		s.StateErr = s.build.saveState(o.CacheDir, o.out())
	}
	return nil
}

// out is the folder the build is published in, or "".
func (o *Options) out() string {
	if o.Output == nil {
		return ""
	}
	return o.Output.Target()
}
