package browser

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// Screenshots are kept small and compared the way a person looks at a page: in grey, at half
// size, in 16 shades. Anti-aliasing noise changes a few pixels a little; a lost margin or a
// moved block changes many pixels a lot, and the mean brightness of many rows.

// keepScale is how many screen pixels make one kept pixel, in each direction.
const keepScale = 2

// greys is the palette of kept screenshots: 16 shades, which PNG stores in 4 bits a pixel.
var greys = func() color.Palette {
	p := make(color.Palette, 16)
	for i := range p {
		p[i] = color.Gray{Y: uint8(i * 17)}
	}
	return p
}()

// reduce turns a screenshot into its kept form: grey, keepScale times smaller (each kept
// pixel the mean of its block), 16 shades.
func reduce(img image.Image) *image.Paletted { return reduceBy(img, keepScale) }

// reduceBy is reduce with another scale.
func reduceBy(img image.Image, keepScale int) *image.Paletted {
	b := img.Bounds()
	w, h := b.Dx()/keepScale, b.Dy()/keepScale
	out := image.NewPaletted(image.Rect(0, 0, w, h), greys)
	// Chromium's PNGs are opaque and decode to NRGBA or RGBA (the same bytes when opaque):
	// read those pixels directly, as At would take a second on a long page.
	var data []byte
	var stride int
	switch n := img.(type) {
	case *image.NRGBA:
		data, stride = n.Pix, n.Stride
	case *image.RGBA:
		data, stride = n.Pix, n.Stride
	}
	if data != nil {
		for y := range h {
			for x := range w {
				var sum int
				for dy := range keepScale {
					i := (y*keepScale+dy)*stride + x*keepScale*4
					for range keepScale {
						sum += (299*int(data[i]) + 587*int(data[i+1]) + 114*int(data[i+2]) + 500) / 1000
						i += 4
					}
				}
				out.Pix[y*out.Stride+x] = uint8(math.Round(float64(sum) / float64(keepScale*keepScale) / 17))
			}
		}
		return out
	}
	for y := range h {
		for x := range w {
			var sum uint32
			for dy := range keepScale {
				for dx := range keepScale {
					r, g, bl, _ := img.At(b.Min.X+x*keepScale+dx, b.Min.Y+y*keepScale+dy).RGBA()
					// Rec. 601 luma, on 16-bit channels.
					sum += (19595*r + 38470*g + 7471*bl + 1<<15) >> 24
				}
			}
			mean := float64(sum) / float64(keepScale*keepScale)
			out.SetColorIndex(x, y, uint8(math.Round(mean/17)))
		}
	}
	return out
}

// greyAt returns a kept pixel's brightness, 0 to 255.
func greyAt(img *image.Paletted, x, y int) int {
	return int(img.ColorIndexAt(x, y)) * 17
}

// Tolerances. A kept pixel differs when its brightness changed by more than pixelThreshold; a
// row differs when its mean brightness changed by more than rowThreshold. A screenshot
// matches when at most pixelBudget of its pixels and rowBudget of its rows differ, and its
// height is the same.
const (
	pixelThreshold = 48
	pixelBudget    = 0.0005 // 0.05%
	rowThreshold   = 1.5
	rowBudget      = 0.003 // 0.3%
)

type comparison struct {
	width, wantHeight, gotHeight int
	pixels, pixelLimit           int // differing pixels, and how many may differ
	rows, rowLimit               int // differing rows, and how many may differ
}

func (c comparison) ok() bool {
	return c.wantHeight == c.gotHeight && c.pixels <= c.pixelLimit && c.rows <= c.rowLimit
}

func (c comparison) String() string {
	s := fmt.Sprintf("%d of %d pixels differ (at most %d may), %d of %d rows (at most %d may)",
		c.pixels, c.width*min(c.wantHeight, c.gotHeight), c.pixelLimit, c.rows, min(c.wantHeight, c.gotHeight), c.rowLimit)
	if c.wantHeight != c.gotHeight {
		s += fmt.Sprintf(", height %d px instead of %d", c.gotHeight*keepScale, c.wantHeight*keepScale)
	}
	return s
}

// compare compares two kept screenshots of the same width and returns the verdict and a
// picture of the differences: the golden image faded, differing pixels red, differing rows
// marked magenta at both edges, and rows only one image has in blue.
func compare(want, got *image.Paletted) (comparison, *image.RGBA) {
	w := want.Bounds().Dx()
	c := comparison{width: w, wantHeight: want.Bounds().Dy(), gotHeight: got.Bounds().Dy()}
	if got.Bounds().Dx() != w {
		c.width = min(w, got.Bounds().Dx())
		c.pixels, c.pixelLimit = 1, 0
	}
	w = c.width
	h := min(c.wantHeight, c.gotHeight)
	diff := image.NewRGBA(image.Rect(0, 0, w, max(c.wantHeight, c.gotHeight)))
	c.pixelLimit += int(pixelBudget * float64(w*h))
	c.rowLimit = int(rowBudget * float64(h))
	red := color.RGBA{R: 230, A: 255}
	mark := color.RGBA{R: 200, B: 200, A: 255}
	for y := range h {
		var rowWant, rowGot int
		for x := range w {
			a, b := greyAt(want, x, y), greyAt(got, x, y)
			rowWant += a
			rowGot += b
			if abs(a-b) > pixelThreshold {
				c.pixels++
				diff.Set(x, y, red)
			} else {
				v := uint8(160 + a*95/255)
				diff.Set(x, y, color.RGBA{R: v, G: v, B: v, A: 255})
			}
		}
		if math.Abs(float64(rowWant-rowGot))/float64(w) > rowThreshold {
			c.rows++
			for x := range min(6, w) {
				diff.Set(x, y, mark)
				diff.Set(w-1-x, y, mark)
			}
		}
	}
	blue := color.RGBA{B: 230, A: 255}
	for y := h; y < diff.Bounds().Dy(); y++ {
		for x := range w {
			diff.Set(x, y, blue)
		}
	}
	return c, diff
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// readKept reads a kept screenshot.
func readKept(path string) (*image.Paletted, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if p, ok := img.(*image.Paletted); ok && len(p.Palette) == len(greys) {
		p.Palette = greys
		return p, nil
	}
	// Not in the kept form (edited by hand?): bring it to the palette without scaling.
	b := img.Bounds()
	out := image.NewPaletted(image.Rect(0, 0, b.Dx(), b.Dy()), greys)
	for y := range b.Dy() {
		for x := range b.Dx() {
			g := color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			out.SetColorIndex(x, y, uint8(math.Round(float64(g.Y)/17)))
		}
	}
	return out, nil
}

// writePNG writes an image as a maximally compressed PNG.
func writePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// syntheticPage draws a page of "text": lines of dark words with grey anti-aliased edges on
// white, some of them on a light grey card.
func syntheticPage(width, height int, seed uint64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	fill := func(x0, y0, x1, y1 int, v uint8) {
		for y := max(y0, 0); y < min(y1, height); y++ {
			for x := max(x0, 0); x < min(x1, width); x++ {
				img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
			}
		}
	}
	fill(0, 0, width, height, 255)
	fill(40, 300, width-40, 700, 238) // a card
	rnd := seed
	next := func(n int) int { // a small deterministic generator (xorshift)
		rnd ^= rnd << 13
		rnd ^= rnd >> 7
		rnd ^= rnd << 17
		return int(rnd % uint64(n))
	}
	for y := 40; y+14 < height-40; y += 28 {
		for x := 60; ; {
			w := 20 + next(60)
			if x+w > width-60 {
				break
			}
			fill(x, y, x+w, y+14, 34)
			fill(x-1, y, x, y+14, 140) // anti-aliased edges
			fill(x+w, y, x+w+1, y+14, 140)
			x += w + 8
		}
	}
	return img
}

// antiAliasNoise changes every pixel on a horizontal edge by up to ±60, as another
// rasteriser or font hinting would.
func antiAliasNoise(img *image.NRGBA, seed uint64) *image.NRGBA {
	out := image.NewNRGBA(img.Bounds())
	copy(out.Pix, img.Pix)
	rnd := seed
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X + 1; x < b.Max.X-1; x++ {
			v := int(img.NRGBAAt(x, y).R)
			if v == int(img.NRGBAAt(x-1, y).R) && v == int(img.NRGBAAt(x+1, y).R) {
				continue
			}
			rnd ^= rnd << 13
			rnd ^= rnd >> 7
			rnd ^= rnd << 17
			v = min(255, max(0, v+int(rnd%121)-60))
			out.SetNRGBA(x, y, color.NRGBA{uint8(v), uint8(v), uint8(v), 255})
		}
	}
	return out
}

// TestCompareTolerance proves the screenshot comparison on drawn pages: anti-aliasing noise
// passes; a block moved by 16 px, a lost margin and a missing card background fail.
func TestCompareTolerance(t *testing.T) {
	t.Parallel()
	const w, h = 720, 1200
	golden := syntheticPage(w, h, 1)
	want := reduce(golden)

	// Kept form survives a round trip through a file.
	path := filepath.Join(t.TempDir(), "kept.png")
	if err := writePNG(path, want); err != nil {
		t.Fatal(err)
	}
	back, err := readKept(path)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := compare(want, back); c.pixels != 0 || c.rows != 0 || !c.ok() {
		t.Errorf("round trip: %v", c)
	}

	// Anti-aliasing noise on every glyph edge.
	c0, _ := compare(want, reduce(antiAliasNoise(golden, 7)))
	t.Logf("anti-aliasing noise: %v", c0)
	if c := c0; !c.ok() {
		t.Errorf("anti-aliasing noise failed the comparison: %v", c)
	}

	// A block of text moved 16 px down, the page as tall as before.
	shifted := image.NewNRGBA(golden.Bounds())
	copy(shifted.Pix, golden.Pix)
	draw.Draw(shifted, image.Rect(0, 416, w, 616), golden, image.Pt(0, 400), draw.Src)
	draw.Draw(shifted, image.Rect(0, 400, w, 416), image.NewUniform(color.NRGBA{238, 238, 238, 255}), image.Point{}, draw.Src)
	c, diff := compare(want, reduce(shifted))
	t.Logf("block moved 16 px: %v", c)
	if c.ok() || c.pixels <= c.pixelLimit || c.rows <= c.rowLimit {
		t.Errorf("a block moved 16 px passed: %v", c)
	}
	if diff.Bounds() != want.Bounds() {
		t.Errorf("diff image is %v, want %v", diff.Bounds(), want.Bounds())
	}

	// A lost margin: 40 px more above the rest of the page.
	taller := image.NewNRGBA(image.Rect(0, 0, w, h+40))
	draw.Draw(taller, taller.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(taller, image.Rect(0, 0, w, 500), golden, image.Point{}, draw.Src)
	draw.Draw(taller, image.Rect(0, 540, w, h+40), golden, image.Pt(0, 500), draw.Src)
	if c, _ := compare(want, reduce(taller)); c.ok() {
		t.Errorf("a 40 px margin passed: %v", c)
	}

	// The card's background gone: few pixels change much, but many rows change a little.
	plain := image.NewNRGBA(golden.Bounds())
	copy(plain.Pix, golden.Pix)
	for i := 0; i < len(plain.Pix); i += 4 {
		if plain.Pix[i] == 238 {
			plain.Pix[i], plain.Pix[i+1], plain.Pix[i+2] = 255, 255, 255
		}
	}
	if c, _ := compare(want, reduce(plain)); c.ok() {
		t.Errorf("a lost card background passed: %v", c)
	}
}
