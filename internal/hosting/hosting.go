// Package hosting writes the files that web servers and search engines read beside the
// pages: HTTP header rules for the common hosts (Netlify and Cloudflare Pages `_headers`,
// Apache `.htaccess`, IIS `web.config`), and, when the site has a base URL, `sitemap.xml`
// and `robots.txt`. The header rules carry the same security policy as the pages' <meta>
// tags (internal/policy), plus what only a header can say (frame-ancestors), a year of
// caching for fingerprinted assets and revalidation for everything else, the 404 page, and
// (Apache, with --precompress) the rules that send the .br and .gz copies. docs/hosting.md
// gives the same settings for nginx; TestRealServers runs both against Debian's servers.
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

// NotFoundPage is the site's 404 page, at the root of the output. Its links start at the
// site's path (config.BasePath), so it works at whatever depth a server shows it.
const NotFoundPage = content.NotFoundName

// Revalidate is the Cache-Control of everything that is not fingerprinted (pages, the
// search indexes): browsers keep a copy but ask the server whether it changed before using
// it, so a corrected helpline number reaches readers at once.
const Revalidate = "no-cache"

// fingerprinted matches the names of fingerprinted assets (see internal/assets), and their
// compressed copies.
const fingerprinted = `\.[0-9a-f]{10}\.(css|js|svg|png|jpe?g|webp|ico)`

// compressible matches the files that --precompress writes .br and .gz copies of.
const compressible = `\.(html|css|js|svg|xml|txt|json)`

// Files returns the host configuration files and, with a base URL, the sitemap and
// robots.txt, by output path. precompress says whether the build writes .br and .gz copies,
// which the Apache rules then send.
func Files(site *content.Site, precompress bool) map[string][]byte {
	base := site.Config.BasePath()
	out := map[string][]byte{
		"_headers":   netlify(),
		".htaccess":  apache(base, precompress),
		"web.config": iis(base),
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
	b.WriteString("# HTTP headers for Netlify and Cloudflare Pages (written by talksite). Both show\n")
	b.WriteString("# 404.html for a missing page by themselves, and revalidate pages by default.\n/*\n")
	for _, h := range policy.Headers {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "/assets/*\n  Cache-Control: %s\n", policy.ImmutableCache)
	return []byte(b.String())
}

// apache writes .htaccess. Each part is inside <IfModule>, so a server without mod_headers
// or mod_rewrite serves the site without that part rather than failing. Every directive
// needs "AllowOverride FileInfo": with "AllowOverride None" Apache ignores the file; a
// server that reads .htaccess but does not allow FileInfo answers every request with a 500
// (docs/hosting.md says so, and how to fix it).
func apache(base string, precompress bool) []byte {
	var b strings.Builder
	b.WriteString(`# Apache settings for this folder (written by talksite; see docs/hosting.md).
# Needs "AllowOverride FileInfo" for the folder, and mod_headers for the security headers
# (a2enmod headers). Parts whose module is missing are skipped.
AddDefaultCharset utf-8
`)
	fmt.Fprintf(&b, "ErrorDocument 404 %s%s\n", base, NotFoundPage)
	b.WriteString("<IfModule mod_mime.c>\n  AddType image/svg+xml .svg\n  AddType image/webp .webp\n")
	if precompress {
		// Debian's mime.conf maps .gz to a type and .br to the Breton language: a
		// compressed copy must keep the type of the file it is a copy of.
		b.WriteString("  RemoveType .br .gz\n  RemoveLanguage .br\n  AddEncoding br .br\n  AddEncoding gzip .gz\n")
	}
	b.WriteString("</IfModule>\n<IfModule mod_headers.c>\n")
	for _, h := range policy.Headers {
		fmt.Fprintf(&b, "  Header always set %s %q\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "  Header set Cache-Control %q\n", Revalidate)
	fmt.Fprintf(&b, "  <FilesMatch \"%s(\\.br|\\.gz)?$\">\n    Header set Cache-Control %q\n  </FilesMatch>\n", fingerprinted, policy.ImmutableCache)
	if precompress {
		fmt.Fprintf(&b, "  <FilesMatch \"%s(\\.br|\\.gz)?$\">\n    Header merge Vary Accept-Encoding\n  </FilesMatch>\n", compressible)
	}
	b.WriteString("</IfModule>\n")
	if precompress {
		// The substitution is the request's own path plus .br: an absolute path, so it
		// works at the web root and under an Alias alike, with no RewriteBase.
		b.WriteString("# Send the .br or .gz copy that the build wrote, when the browser accepts it.\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n")
		for _, enc := range []string{"br", "gz"} {
			accept := map[string]string{"br": "br", "gz": "gzip"}[enc]
			fmt.Fprintf(&b, "  RewriteCond %%{HTTP:Accept-Encoding} \\b%s\\b\n  RewriteCond %%{REQUEST_FILENAME}.%s -f\n  RewriteRule %s$ %%{REQUEST_URI}.%s [L]\n", accept, enc, compressible, enc)
		}
		b.WriteString("</IfModule>\n")
	}
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
	HTTPErrors      *iisHTTPErrors   `xml:"httpErrors,omitempty"`
}

// iisHTTPErrors shows the site's 404 page: ExecuteURL keeps the 404 status and runs the
// page through the same static file handler, headers included.
type iisHTTPErrors struct {
	Remove []iisStatus `xml:"remove"`
	Error  []iisError  `xml:"error"`
}

type iisStatus struct {
	Status int `xml:"statusCode,attr"`
}

type iisError struct {
	Status int    `xml:"statusCode,attr"`
	Path   string `xml:"path,attr"`
	Mode   string `xml:"responseMode,attr"`
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

func iis(base string) []byte {
	var headers []iisHeader
	var remove []iisName
	for _, h := range append(policy.Headers[:len(policy.Headers):len(policy.Headers)], [2]string{"Cache-Control", Revalidate}) {
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
			HTTPErrors: &iisHTTPErrors{
				Remove: []iisStatus{{404}},
				Error:  []iisError{{404, base + NotFoundPage, "ExecuteURL"}},
			},
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
