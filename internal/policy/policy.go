// Package policy is the one place that states the site's security policy: the Content
// Security Policy every page carries in a <meta> tag, and the HTTP headers written for
// servers that can send them. Pages, header files and the checker all read it from here,
// so they cannot drift apart.
package policy

import "strings"

// directives of the Content Security Policy. Nothing is allowed from another origin, and no
// inline script or style: the pages need only their own stylesheet, scripts and images.
var directives = []string{
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	// Same-origin requests only. Nothing on the site needs them; crawlers' audits (such as
	// Lighthouse's) read robots.txt from inside the page, and 'none' would stop them.
	"connect-src 'self'",
}

// MetaCSP is the policy for the <meta http-equiv="Content-Security-Policy"> tag. A meta
// policy cannot carry frame-ancestors, so that one is sent only as a header.
func MetaCSP() string { return strings.Join(directives, "; ") }

// DevCSP is MetaCSP plus what `talksite serve` needs for live reload: a connection to the
// preview server's event stream.
func DevCSP() string {
	return strings.Join(append(directives[:len(directives):len(directives)], "connect-src 'self'"), "; ")
}

// HeaderCSP is the policy for the Content-Security-Policy HTTP header.
func HeaderCSP() string {
	return strings.Join(append(directives[:len(directives):len(directives)], "frame-ancestors 'none'"), "; ")
}

// ReferrerPolicy keeps the site's addresses out of the Referer header of any link a reader
// follows, such as to a helpline's site.
const ReferrerPolicy = "no-referrer"

// Headers are the HTTP headers every response should carry, in a stable order.
var Headers = [][2]string{
	{"Content-Security-Policy", HeaderCSP()},
	{"Referrer-Policy", ReferrerPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
}

// ImmutableCache is the Cache-Control of fingerprinted assets, whose names change with
// their content.
const ImmutableCache = "public, max-age=31536000, immutable"
