package locale

import (
	"slices"
	"testing"
)

func TestCardinalForms(t *testing.T) {
	for code, want := range map[string][]string{
		"en":    {"one", "other"},
		"pl":    {"one", "few", "many", "other"},
		"ar":    {"zero", "one", "two", "few", "many", "other"},
		"zh":    {"other"},
		"xx-!!": {"other"},
	} {
		if got := CardinalForms(code); !slices.Equal(got, want) {
			t.Errorf("CardinalForms(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestNamesAndCountries(t *testing.T) {
	if got := SelfName(mustParse(t, "de")); got != "Deutsch" {
		t.Errorf("SelfName(de) = %q", got)
	}
	if got := Name(mustParse(t, "en"), mustParse(t, "fr")); got != "French" {
		t.Errorf("Name(en, fr) = %q", got)
	}
	if got := CountryName(mustParse(t, "en"), "GB"); got != "United Kingdom" {
		t.Errorf("CountryName(en, GB) = %q", got)
	}
	if CountryName(mustParse(t, "en"), "!!") != "" {
		t.Error("CountryName of a bad code is not empty")
	}
	for code, want := range map[string]bool{"GB": true, "gb": false, "ZZ": false, "EU": false} {
		if IsCountry(code) != want {
			t.Errorf("IsCountry(%q) = %v", code, !want)
		}
	}
	if NFC(NFD("é")) != "é" || len(NFD("é")) != 3 {
		t.Error("NFC/NFD do not round-trip")
	}
}

func TestDirectionFromScript(t *testing.T) {
	for tag, want := range map[string]string{"ur": "rtl", "fa": "rtl", "yi": "rtl", "ps": "rtl", "sd": "rtl", "ckb": "rtl", "syr": "rtl", "nqo": "rtl", "ff-Adlm": "rtl", "pl": "ltr", "cy": "ltr", "zh-Hant": "ltr", "uz-Arab": "rtl", "az": "ltr"} {
		if got := Direction(mustParse(t, tag)); got != want {
			t.Errorf("%s: %s, want %s", tag, got, want)
		}
	}
}

func mustParse(t *testing.T, code string) Tag {
	t.Helper()
	tag, err := Parse(code)
	if err != nil {
		t.Fatal(err)
	}
	return tag
}
