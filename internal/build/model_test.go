package build_test

import (
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
)

// TestModelNotChangedAfterLoad holds the load stage to its package comment: the site
// model content.Load returns is complete, and no later stage changes it (no title filled
// in, no list sorted again, no body emptied). The model of a whole build of the default
// site is compared, field by field, with a model loaded on its own; and a `talksite serve`
// rebuild that reuses a build must leave that build's model and files as they were.
func TestModelNotChangedAfterLoad(t *testing.T) {
	t.Run("full build", func(t *testing.T) {
		files, err := build.LoadSiteFiles(nil, talksite.DefaultSite(), false)
		if err != nil {
			t.Fatal(err)
		}
		list := &diag.List{}
		loaded := content.Load(files.Tree, files.Config, list)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		diffDumps(t, "the model as loaded", dumpModel(loaded), "after a whole build", dumpModel(buildDefault(t).Site))
	})

	t.Run("incremental rebuild", func(t *testing.T) {
		const path = "content/en/guidance/warning-signs.md"
		src, err := fs.ReadFile(talksite.DefaultSite(), path)
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(src), "Children do not always tell", "Children do not always say", 1)
		if edited == string(src) {
			t.Fatalf("%s no longer has the sentence this test edits", path)
		}
		first, err := build.Run(build.Options{Site: mapFS(map[string][]byte{path: src}), Default: talksite.DefaultSite()})
		if err != nil {
			t.Fatal(err)
		}
		before := dumpModel(first.Site) + dumpModel(first.Output.Files)
		second, err := build.Run(build.Options{Site: mapFS(map[string][]byte{path: []byte(edited)}), Default: talksite.DefaultSite(), Previous: first})
		if err != nil {
			t.Fatal(err)
		}
		if !second.Incremental {
			t.Fatal("an edit of one body was not rebuilt incrementally, so this test proves nothing")
		}
		diffDumps(t, "the previous build", before, "after a rebuild that reused it", dumpModel(first.Site)+dumpModel(first.Output.Files))
	})
}

// diffDumps reports the first lines where two dumps differ.
func diffDumps(t *testing.T, aName, a, bName, b string) {
	t.Helper()
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) < 1000 {
		t.Fatalf("the dump has %d lines: too few to be the model", len(al))
	}
	shown := 0
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y && shown < 10 {
			x, y = around(x, y)
			t.Errorf("line %d:\n  %s: %s\n  %s: %s", i+1, aName, x, bName, y)
			shown++
		}
	}
}

// around shortens two different lines (a page's HTML is one) to where they differ.
func around(x, y string) (string, string) {
	i := 0
	for i < len(x) && i < len(y) && x[i] == y[i] {
		i++
	}
	cut := func(s string) string {
		from, to := max(0, i-80), min(len(s), i+80)
		return strings.ToValidUTF8("…"+s[from:to]+"…", "")
	}
	if len(x) <= 200 && len(y) <= 200 {
		return x, y
	}
	head := x[:strings.IndexByte(x+" = ", ' ')] + " … "
	return head + cut(x), head + cut(y)
}

// notModel are the fields a dump leaves out, with why: state that changes as the build
// asks questions of the model, without changing any answer.
var notModel = map[string]string{
	"i18n.Localizer.mu":    "the lock of the cache",
	"i18n.Localizer.cache": "translations already made, remembered as pages ask for them",
}

// dumpModel writes v as text, one field a line, following pointers (each pointer is
// shown whole once, then as a reference to where it was) and listing maps in the order
// of their keys, so that two equal models give equal text. It reads unexported fields
// too: a change a stage hides is still a change. It reads this module's types and the
// values they are made of; of another package's types (a go-i18n bundle, an fs.FS) it
// writes only the name.
func dumpModel(v any) string {
	d := &dumper{seen: map[uintptr]int{}}
	d.value("", reflect.ValueOf(v))
	return d.b.String()
}

type dumper struct {
	b    strings.Builder
	seen map[uintptr]int // pointer → its number in order of first sight
}

func (d *dumper) line(path string, format string, args ...any) {
	d.b.WriteString(path)
	d.b.WriteString(" = ")
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) value(path string, v reflect.Value) {
	if !v.IsValid() {
		d.line(path, "nil")
		return
	}
	t := v.Type()
	if pkg := t.PkgPath(); pkg != "" && !strings.HasPrefix(pkg, "github.com/talksite/talksite/") {
		switch {
		case v.Kind() == reflect.String: // template.HTML
			d.line(path, "%q", v.String())
		case t == reflect.TypeFor[time.Time]() && v.CanInterface():
			d.line(path, "%s", v.Interface())
		default:
			d.line(path, "%s (not read)", t)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			d.line(path, "nil")
			return
		}
		if n, ok := d.seen[v.Pointer()]; ok {
			d.line(path, "→ #%d", n)
			return
		}
		d.seen[v.Pointer()] = len(d.seen)
		d.line(path, "#%d %s", len(d.seen)-1, t)
		d.value(path+"*", v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			d.line(path, "nil")
			return
		}
		d.value(path, v.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			name := strings.TrimPrefix(t.String(), "*") + "." + f.Name
			if _, skip := notModel[name]; skip {
				continue
			}
			d.value(path+"."+f.Name, v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			d.line(path, "nil")
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			d.line(path, "%q", v.Bytes())
			return
		}
		d.line(path, "%d items", v.Len())
		for i := range v.Len() {
			d.value(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			d.line(path, "nil")
			return
		}
		keys := v.MapKeys()
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = fmt.Sprint(keyText(k))
		}
		order := make([]int, len(keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
		d.line(path, "%d entries", len(keys))
		for _, i := range order {
			d.value(fmt.Sprintf("%s[%s]", path, names[i]), v.MapIndex(keys[i]))
		}
	case reflect.Func, reflect.Chan:
		d.line(path, "%s, nil: %v", t, v.IsNil())
	case reflect.String:
		d.line(path, "%q", v.String())
	case reflect.Bool:
		d.line(path, "%v", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.line(path, "%d", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.line(path, "%d", v.Uint())
	case reflect.Float32, reflect.Float64:
		d.line(path, "%v", v.Float())
	default:
		d.line(path, "%s (kind %s, not read)", t, v.Kind())
	}
}

// keyText shows a map key: a pointer key by what it points at (a page by its language and
// address), so that the order does not depend on where the pointer is.
func keyText(k reflect.Value) string {
	switch k.Kind() {
	case reflect.String:
		return fmt.Sprintf("%q", k.String())
	case reflect.Pointer: // read by reflection: a key of an unexported map is read-only
		switch k.Type() {
		case reflect.TypeFor[*content.Page]():
			return "page " + k.Elem().FieldByName("Lang").String() + "/" + k.Elem().FieldByName("URLPath").String()
		case reflect.TypeFor[*content.SourceFile]():
			return "file " + k.Elem().FieldByName("Path").String()
		}
		panic("dumpModel: no text for a map key of type " + k.Type().String())
	case reflect.Struct:
		var parts []string
		for i := range k.NumField() {
			parts = append(parts, keyText(k.Field(i)))
		}
		return "{" + strings.Join(parts, " ") + "}"
	default:
		return fmt.Sprint(k)
	}
}
