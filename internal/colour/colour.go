// Package colour computes WCAG contrast between colours, so that a school's brand colour can
// be refused when text on it would be hard to read, with a suggestion that passes.
package colour

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour with 8-bit channels.
type RGB struct{ R, G, B uint8 }

// Parse reads "#rrggbb" or "#rgb".
func Parse(s string) (RGB, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return RGB{}, fmt.Errorf("%q is not a colour written #rrggbb", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return RGB{}, fmt.Errorf("%q is not a colour written #rrggbb", s)
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the relative luminance of WCAG 2.2 (1.4.3).
func (c RGB) Luminance() float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// AA is the contrast WCAG 2.2 level AA asks of normal-size text.
const AA = 4.5

// Passing returns the colour nearest to c, darkened (or lightened) in steps with its hue
// kept, whose contrast with text reaches min; c itself if it already does.
func Passing(c, text RGB, min float64) RGB {
	if Contrast(c, text) >= min {
		return c
	}
	darken := text.Luminance() > 0.5 // light text needs a darker background
	for i := 1; i <= 100; i++ {
		f := float64(i) / 100
		var n RGB
		if darken {
			n = RGB{scale(c.R, 1-f), scale(c.G, 1-f), scale(c.B, 1-f)}
		} else {
			n = RGB{toward(c.R, f), toward(c.G, f), toward(c.B, f)}
		}
		if Contrast(n, text) >= min {
			return n
		}
	}
	if darken {
		return RGB{}
	}
	return RGB{255, 255, 255}
}

func scale(v uint8, f float64) uint8 { return uint8(math.Round(float64(v) * f)) }
func toward(v uint8, f float64) uint8 {
	return uint8(math.Round(float64(v) + (255-float64(v))*f))
}
