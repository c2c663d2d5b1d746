package config

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

const base = `
name = "Default"
country = "GB"
[languages.en]
name = "English"
order = 1
[languages.cy]
name = "Cymraeg"
order = 2
`

func TestLayering(t *testing.T) {
	c, err := Load([]byte(base), []byte(`name = "Hilltop Primary"`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Hilltop Primary" || c.Country != "GB" || len(c.Langs) != 2 || c.ExitURL != DefaultExitURL {
		t.Errorf("site keys must override one by one: %+v", c)
	}
	// Declaring languages replaces the whole list.
	c, err = Load([]byte(base), []byte("[languages.pl]\nname = \"Polski\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Langs) != 1 || c.DefaultLang.Code != "pl" {
		t.Errorf("languages %+v, default %v", c.Langs, c.DefaultLang)
	}
}

func TestChainsAndDirection(t *testing.T) {
	c, err := Load([]byte(`
defaultLanguage = "en"
[languages.en]
name = "English"
[languages.pt]
name = "Português"
order = 2
[languages.pt-BR]
name = "Português do Brasil"
order = 3
fallback = ["pt"]
[languages.ar]
name = "العربية"
order = 4
[languages.pa-Arab]
name = "پنجابی"
order = 5
[languages.pa]
name = "ਪੰਜਾਬੀ"
order = 6
[languages.he]
name = "עברית"
order = 7
dir = "rtl"
[languages.dv]
name = "Dhivehi"
order = 8
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"en": "ltr", "ar": "rtl", "pa-Arab": "rtl", "pa": "ltr", "he": "rtl", "dv": "rtl", "pt-BR": "ltr"} {
		if got := c.Lang(code).Dir; got != want {
			t.Errorf("%s: dir %s, want %s", code, got, want)
		}
	}
	if got := c.Lang("pt-BR").Chain; !slices.Equal(got, []string{"pt-BR", "pt", "en"}) {
		t.Errorf("pt-BR chain %v", got)
	}
	if got := c.Lang("en").Chain; !slices.Equal(got, []string{"en"}) {
		t.Errorf("en chain %v", got)
	}
	var order []string
	for _, l := range c.Langs {
		order = append(order, l.Code)
	}
	if !slices.Equal(order, []string{"en", "pt", "pt-BR", "ar", "pa-Arab", "pa", "he", "dv"}) {
		t.Errorf("order %v", order)
	}
}

func TestDirectionFromScript(t *testing.T) {
	for tag, want := range map[string]string{"ur": "rtl", "fa": "rtl", "yi": "rtl", "ps": "rtl", "sd": "rtl", "ckb": "rtl", "syr": "rtl", "nqo": "rtl", "ff-Adlm": "rtl", "pl": "ltr", "cy": "ltr", "zh-Hant": "ltr", "uz-Arab": "rtl", "az": "ltr"} {
		if got := Direction(language.MustParse(tag)); got != want {
			t.Errorf("%s: %s, want %s", tag, got, want)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ site, want string }{
		{"nmae = \"x\"", `site.toml:1: unknown key "nmae" (did you mean "name"?)`},
		{"\n\nbrandColour = \"#fff\"", `site.toml:3: unknown key "brandColour" (did you mean "brandColor"?)`},
		{"[languages.en]\nname = \"English\"\nordr = 1", `site.toml:3: unknown key "languages.en.ordr" (did you mean "order"?)`},
		{"name = ", "site.toml:1:7: unexpected EOF"},
		{"[languages.english]\nname = \"English\"", `"english" is not a BCP 47 language tag`},
		{"[languages.pt-br]\nname = \"P\"", `write the tag as "pt-BR"`},
		{"[languages.en]\nname = \"E\"\n[languages.cy]\nname = \"C\"\nfallback = [\"fr\"]", `fallback "fr" is not a declared language`},
		{"[languages.en]\nname = \"E\"\ndir = \"up\"", `dir must be "ltr" or "rtl"`},
		{"[languages.en]", "name is missing"},
		{"exitURL = \"http://weather.example\"", "must be a full https:// address"},
		{"brandColor = \"teal\"", "must be written as #rrggbb"},
		{"brandColor = \"#ffdd00\"", "brandColor #ffdd00: white text on it has contrast 1.35:1, below the 4.5:1 WCAG AA needs; #877500 is the nearest colour that passes"},
		{"baseURL = \"school.example\"", "must be a full address"},
		{"defaultLanguage = \"fr\"", `defaultLanguage "fr" is not one of the declared languages`},
		{"country = \"UK\"", `country "UK" is not a two-letter ISO 3166 country code, such as GB, IE, US or AU (the United Kingdom's code is "GB")`},
		{"country = \"XY\"", `country "XY" is not a two-letter ISO 3166`},
		{"country = \"<script>\"", `is not a two-letter ISO 3166`},
		{"country = \"826\"", `is not a two-letter ISO 3166`},
		{"[[contacts]]\nemail = \"x\"", "give at least a name or a role"},
		{"[[contacts]]\nname = \"A\"\nurl = \"javascript:alert(1)\"", "must start with https://"},
	} {
		_, err := Load([]byte(base), []byte(tc.site))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("site.toml %q: error %v, want %q", tc.site, err, tc.want)
		}
	}
}
