package site

import (
	"errors"
	"fmt"
)

// Publish puts the built site in the folder its Options.Output was staged
// for (output.Stage), in one step. A site with errors is not published. On
// any error the folder is left as it was.
func (s *Site) Publish() error {
	if s.Files.Target() == "" {
		return errors.New("site: Publish needs Options.Output made with output.Stage")
	}
	if s.Diags.HasErrors() {
		s.Files.Discard()
		n, _ := s.Diags.Count()
		return fmt.Errorf("the site has %d %s: not published", n, plural(n, "error", "errors"))
	}
	return s.Files.Publish()
}
