package site

import (
	"errors"
	"io/fs"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/config"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/netlifyconf"
)

// checkDeployImgSrc warns when the site's netlify.toml, if it has one,
// sends a Content-Security-Policy whose img-src leaves out an origin of
// img_src: the preview would show those images and the published site
// would not.
func (s *build) checkDeployImgSrc() {
	if len(s.cfg.ImgSrc) == 0 || s.opts.FS == nil {
		return
	}
	data, err := fs.ReadFile(s.opts.FS, netlifyconf.File)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	pos := diag.Pos{File: netlifyconf.File}
	if err != nil {
		s.diags.Warnf(pos, "cannot read %s to check its Content-Security-Policy: %v", netlifyconf.File, err)
		return
	}
	srcs, ok, err := netlifyconf.ImgSrc(data)
	if err != nil || !ok {
		return // not this site's deploy configuration, or no policy to check
	}
	var missing []string
	for _, o := range s.cfg.ImgSrc {
		if !slices.ContainsFunc(srcs, func(src string) bool { return strings.EqualFold(strings.TrimSuffix(src, "/"), o) }) {
			missing = append(missing, o)
		}
	}
	if len(missing) > 0 {
		s.diags.Warnf(pos, "the Content-Security-Policy for /* does not let the published site show images from %s, which img_src in %s allows: make its img-src %q",
			strings.Join(missing, " and "), config.File, s.cfg.CSPImgSrc())
	}
}
