// Package hosting writes the files that web servers and search engines read beside the
// pages: HTTP header rules for the common hosts (Netlify and Cloudflare Pages `_headers`,
// Apache `.htaccess`, IIS `web.config`), and, when the site has a base URL, `sitemap.xml`
// and `robots.txt`. The header rules carry the same security policy as the pages' <meta>
// tags (internal/policy), plus what only a header can say (frame-ancestors), and a year of
// caching for fingerprinted assets.
package hosting

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/policy"
)

// Files returns the host configuration files and, with a base URL, the sitemap and
// robots.txt, by output path.
func Files(site *content.Site) map[string][]byte {
	out := map[string][]byte{
		"_headers":   netlify(),
		".htaccess":  apache(),
		"web.config": iis(),
	}
	robots := "User-agent: *\nAllow: /\n"
	if site.Config.BaseURL != "" {
		out["sitemap.xml"] = sitemap(site)
		robots += "\nSitemap: " + site.Config.BaseURL + "sitemap.xml\n"
	}
	out["robots.txt"] = []byte(robots)
	return out
}

func netlify() []byte {
	var b strings.Builder
	b.WriteString("# HTTP headers for Netlify and Cloudflare Pages (written by talksite).\n/*\n")
	for _, h := range policy.Headers {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "/assets/*\n  Cache-Control: %s\n", policy.ImmutableCache)
	return []byte(b.String())
}

func apache() []byte {
	var b strings.Builder
	b.WriteString("# HTTP headers for Apache (written by talksite). Needs mod_headers; works in any folder.\n")
	b.WriteString("AddDefaultCharset utf-8\nAddType image/svg+xml .svg\n")
	b.WriteString("<IfModule mod_headers.c>\n")
	for _, h := range policy.Headers {
		fmt.Fprintf(&b, "  Header always set %s %q\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "  <FilesMatch \"\\.[0-9a-f]{10}\\.(css|js|svg|png|jpe?g|webp|ico)$\">\n    Header set Cache-Control %q\n  </FilesMatch>\n", policy.ImmutableCache)
	b.WriteString("</IfModule>\n")
	return []byte(b.String())
}

// IIS web.config, built with encoding/xml so that every value is escaped.
type iisConfig struct {
	XMLName   xml.Name      `xml:"configuration"`
	WebServer iisWebServer  `xml:"system.webServer"`
	Locations []iisLocation `xml:"location"`
}

type iisWebServer struct {
	HTTPProtocol    *iisHTTPProtocol `xml:"httpProtocol,omitempty"`
	StaticContent   *iisStatic       `xml:"staticContent,omitempty"`
	DirectoryBrowse *iisEnabled      `xml:"directoryBrowse,omitempty"`
}

type iisHTTPProtocol struct {
	CustomHeaders iisHeaders `xml:"customHeaders"`
}

type iisHeaders struct {
	Remove []iisName   `xml:"remove"`
	Add    []iisHeader `xml:"add"`
}

type iisName struct {
	Name string `xml:"name,attr"`
}

type iisHeader struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type iisStatic struct {
	Remove []iisExt  `xml:"remove"`
	Mime   []iisMime `xml:"mimeMap"`
}

type iisExt struct {
	Ext string `xml:"fileExtension,attr"`
}

type iisMime struct {
	Ext  string `xml:"fileExtension,attr"`
	Type string `xml:"mimeType,attr"`
}

type iisEnabled struct {
	Enabled bool `xml:"enabled,attr"`
}

type iisLocation struct {
	Path      string       `xml:"path,attr"`
	WebServer iisWebServer `xml:"system.webServer"`
}

func iis() []byte {
	var headers []iisHeader
	var remove []iisName
	for _, h := range policy.Headers {
		headers = append(headers, iisHeader{h[0], h[1]})
		remove = append(remove, iisName{h[0]})
	}
	cfg := iisConfig{
		WebServer: iisWebServer{
			HTTPProtocol: &iisHTTPProtocol{iisHeaders{Remove: remove, Add: headers}},
			StaticContent: &iisStatic{
				Remove: []iisExt{{".svg"}, {".webp"}},
				Mime:   []iisMime{{".svg", "image/svg+xml"}, {".webp", "image/webp"}},
			},
			DirectoryBrowse: &iisEnabled{false},
		},
		Locations: []iisLocation{{Path: "assets", WebServer: iisWebServer{
			HTTPProtocol: &iisHTTPProtocol{iisHeaders{
				Remove: []iisName{{"Cache-Control"}},
				Add:    []iisHeader{{"Cache-Control", policy.ImmutableCache}},
			}},
		}}},
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString("<!-- HTTP headers for IIS (written by talksite). -->\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(cfg); err != nil {
		panic(err) // a fixed structure: cannot fail
	}
	buf.WriteString("\n")
	return buf.Bytes()
}

// sitemap lists every real page (not fallbacks) with its translations as hreflang
// alternates, in the sitemaps.org format with xhtml:link elements.
func sitemap(site *content.Site) []byte {
	base := site.Config.BaseURL
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	var entries []string
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			if p.Fallback {
				continue
			}
			var e strings.Builder
			fmt.Fprintf(&e, "  <url>\n    <loc>%s</loc>\n", esc(base+p.URL()))
			if p.File != nil && !p.File.Meta.Reviewed.IsZero() {
				fmt.Fprintf(&e, "    <lastmod>%s</lastmod>\n", p.File.Meta.Reviewed.Format("2006-01-02"))
			}
			for _, other := range site.Langs {
				q := other.ByKey[p.Key]
				if q == nil || q.Fallback {
					continue
				}
				fmt.Fprintf(&e, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", esc(other.Code), esc(base+q.URL()))
			}
			fmt.Fprintf(&e, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\"/>\n  </url>\n", esc(base))
			entries = append(entries, e.String())
		}
	}
	sort.Strings(entries)
	for _, e := range entries {
		b.WriteString(e)
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

func esc(s string) string {
	var buf bytes.Buffer
	xml.EscapeText(&buf, []byte(s))
	return buf.String()
}
