package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"strconv"
	"strings"
)

// Size returns the intrinsic width and height of an SVG or PNG image, so that pages can
// set width and height on <img> and reserve its space before it loads.
func Size(name string, body []byte) (w, h float64, ok bool) {
	switch {
	case strings.HasSuffix(name, ".png"):
		// Signature (8 bytes), IHDR length and type (8), then width and height.
		if len(body) >= 24 && bytes.HasPrefix(body, []byte("\x89PNG\r\n\x1a\n")) && string(body[12:16]) == "IHDR" {
			return float64(binary.BigEndian.Uint32(body[16:20])), float64(binary.BigEndian.Uint32(body[20:24])), true
		}
	case strings.HasSuffix(name, ".svg"):
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			tok, err := dec.Token()
			if err != nil {
				return 0, 0, false
			}
			el, isStart := tok.(xml.StartElement)
			if !isStart {
				continue
			}
			var width, height, viewBox string
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "width":
					width = a.Value
				case "height":
					height = a.Value
				case "viewBox":
					viewBox = a.Value
				}
			}
			if f := strings.Fields(strings.ReplaceAll(viewBox, ",", " ")); len(f) == 4 {
				vw, err1 := strconv.ParseFloat(f[2], 64)
				vh, err2 := strconv.ParseFloat(f[3], 64)
				if err1 == nil && err2 == nil && vw > 0 && vh > 0 {
					return vw, vh, true
				}
			}
			pw, err1 := strconv.ParseFloat(strings.TrimSuffix(width, "px"), 64)
			ph, err2 := strconv.ParseFloat(strings.TrimSuffix(height, "px"), 64)
			if err1 == nil && err2 == nil && pw > 0 && ph > 0 {
				return pw, ph, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}
