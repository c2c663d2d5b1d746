package colour

import (
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	white, black := RGB{255, 255, 255}, RGB{}
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#ffffff", "#000000", 21},
		{"#777777", "#ffffff", 4.48},
		{"#0f5c6e", "#ffffff", 7.56},
		{"#b0141f", "#ffffff", 7.08},
	} {
		a, _ := Parse(tc.a)
		b, _ := Parse(tc.b)
		if got := Contrast(a, b); math.Abs(got-tc.want) > 0.02 {
			t.Errorf("contrast %s/%s = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
	yellow, _ := Parse("#ffdd00")
	p := Passing(yellow, white, AA)
	if Contrast(p, white) < AA || p == yellow {
		t.Errorf("Passing(yellow, white) = %s with contrast %.2f", p, Contrast(p, white))
	}
	if got := Passing(black, white, AA); got != black {
		t.Errorf("a passing colour was changed to %s", got)
	}
	if _, err := Parse("teal"); err == nil {
		t.Error("parsed a colour name")
	}
}
