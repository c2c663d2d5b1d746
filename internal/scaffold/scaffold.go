// Package scaffold writes a new site folder for `talksite new`: a site.toml that documents
// every setting, an example local page, a README for the site's owner and a .gitignore. The
// folder holds only what the owner changes; everything else comes from the default site,
// so updating talksite brings new content. For `talksite override` it copies files of the
// default site into a site folder, to be changed there (Override).
package scaffold

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/tomlfile"
)

// Options fill in the new site.
type Options struct {
	Name    string // organisation name
	Country string // ISO 3166 code
}

// File is a file to create, with a path relative to the new folder.
type File struct {
	Path string
	Body []byte
}

// oneLine turns every run of spaces and control characters into one space, for a name
// written into a heading of the README.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// Files returns the files of a new site folder.
func Files(o Options) ([]File, error) {
	if o.Country != "" {
		if err := config.CheckCountry(o.Country); err != nil {
			return nil, fmt.Errorf("--country %w", err)
		}
	}
	if !utf8.ValidString(o.Name) {
		return nil, fmt.Errorf("--name %q is not valid UTF-8 text", o.Name)
	}
	name := o.Name
	if name == "" {
		name = "Our school"
	}
	country := o.Country
	if country == "" {
		country = "GB"
	}
	return []File{
		{"site.toml", []byte(siteTOML(name, country))},
		{"content/en/our-safeguarding-team.md", []byte(localPage)},
		{"README.md", []byte(strings.ReplaceAll(readme, "{{name}}", oneLine(name)))},
		{".gitignore", []byte("# The built site: make it again with talksite build.\n/public/\n")},
	}, nil
}

func siteTOML(name, country string) string {
	return `# Settings for this copy of the site. Every line starting with # is a comment: remove the
# # in front of a setting to use it. Anything you leave out keeps talksite's default.
# After a change, run:  talksite build -s <this folder>

# Your organisation's name, shown in the header and footer of every page.
name = ` + tomlfile.String(name) + `

# The country whose helplines are listed first on the help page: GB, IE, US or AU.
country = ` + tomlfile.String(country) + `

# Your logo: an SVG or PNG file. Put it in this folder's assets/ folder and name it here.
# logo = "assets/logo.svg"

# The colour of the header and buttons, written #rrggbb. White text goes on it, so it must
# be dark enough: the build refuses a colour that is hard to read and suggests one that
# works.
# brandColor = "#0f5c6e"

# Where the "Exit this page" button takes someone who needs to leave quickly. Choose an
# ordinary page that shows nothing personal. Default: BBC Weather.
# exitURL = "https://www.bbc.co.uk/weather"

# The full address the site will have, only for search engines (sitemap.xml and canonical
# links). The site works at any address without it.
# baseURL = "https://www.example.sch.uk/online-safety/"

# The licence line in the footer.
# licence = ` + tomlfile.String("Content CC BY-SA 4.0, adapted by "+name+". Code MIT.") + `

# People families can talk to here, shown on the help page and in the footer. Copy the
# block for each person or team. Every field is optional except a name or a role.
# [[contacts]]
# name = "Ms A. Example"
# role = "Designated safeguarding lead"
# email = "safeguarding@example.sch.uk"
# phone = "01234 567890"
# url = "https://www.example.sch.uk/safeguarding"
# note = "Term time, 8.30am to 4pm"

# Languages. Leave this out to publish every language talksite has (English, Welsh, Polish,
# Arabic, Urdu). To publish only some, list them; the first is the language the others are
# translated from. Add a new one with: talksite i18n new fr -s <this folder>
# [languages.en]
# name = "English"
# order = 1
# [languages.pl]
# name = "Polski"
# order = 2
# fallback = ["en"]        # where a missing page or word comes from (English anyway)
# dir = "rtl"              # only to override the direction talksite works out itself
#
# The language the others are translated from (default: the first by order).
# defaultLanguage = "en"

# Also write .gz and .br copies of every page, stylesheet and script, for a web server set
# up to send them (nginx gzip_static, see talksite's README). Leave it off for a USB stick.
# precompress = false

# Set to false to leave out talksite's own pages and lists and build only your own.
# defaultContent = true
`
}

const localPage = `---
title: "Our safeguarding team"
linkTitle: "Our team"
description: "Who to talk to at our school if you are worried about a child."
reviewed: 2026-11-22
menu: footer
weight: 80
---

This is an example of a page of your own. Change the words, or delete this file.

## Who we are

Our designated safeguarding lead is the person to talk to if you are worried about a child.
You can find their details on our [help page](help.md).

## How to reach us

Talk to any member of staff, or contact the school office.
`

const readme = `# Online safety site for {{name}}

This folder holds your changes to the talksite online-safety site: your settings in
site.toml and any page you add or replace. Everything else (guidance, conversation starters,
the family agreement, translations) comes from talksite itself, so a newer talksite brings
new and updated content.

## Build and preview

    talksite serve -s .        # preview at http://127.0.0.1:1313/ while you edit
    talksite build -s .        # write the finished site to public/
    talksite check -s .        # check the finished site

Open public/index.html to see it, or copy the public/ folder to your web server (any
address, any sub-folder), a shared drive or a USB stick. talksite build --zip site.zip
makes one file to hand over.

## Change things

- Settings (name, logo, colour, local contacts, languages): site.toml. Every setting is
  explained there.
- Add a page: a Markdown file in content/en/, like content/en/our-safeguarding-team.md.
  "menu: main" or "menu: footer" puts it in the navigation.
- Replace any page, template, stylesheet or wording of talksite's own: copy it into this
  folder with talksite override -s . PATH (talksite override -s . --list shows them all,
  e.g. content/en/help.md) and edit the copy. talksite files -s . lists every file and
  where it comes from.
- Add a helpline or change one: put just that entry in data/helplines.toml here (see
  talksite's docs/content-format.md); the others stay.

## Getting talksite

Download the archive for your computer and SHA256SUMS from talksite's releases page, check
the archive's hash against SHA256SUMS (Windows PowerShell: Get-FileHash FILE; macOS:
shasum -a 256 FILE), unpack it, and run talksite from that folder. A newer release brings
updated guidance and helplines: build again after updating.
`
