// Package talksite holds the default site, embedded in the binary so that `talksite build`
// works with nothing but the binary: the repository's own content/, data/, layouts/,
// assets/, i18n/ and site.toml. A site folder is laid over it file by file (see
// internal/source; data files are merged by id, see internal/data).
package talksite

import (
	"embed"
	"io/fs"
)

//go:embed site.toml all:content all:data all:layouts all:assets all:i18n
var defaultSite embed.FS

// DefaultSite returns the embedded default site.
func DefaultSite() fs.FS { return defaultSite }
