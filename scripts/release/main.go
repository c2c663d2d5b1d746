// Command release builds talksite for Windows, macOS and Linux (amd64 and arm64) into dist/,
// one archive per platform, with SHA256SUMS beside them. The build is reproducible: the same
// commit gives byte-identical archives on any machine with the same Go toolchain, because
// paths are trimmed (-trimpath), the build id is empty, and every archive entry has a fixed
// time (the commit's), owner and mode, in a fixed order.
//
//	go run ./scripts/release [-version v1.2.3] [-o dist]
//
// The version defaults to `git describe --tags --always --dirty`. `talksite version` in a
// release prints it with the commit.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// targets are the platforms a school or charity is likely to run the program on.
var targets = []struct{ goos, goarch string }{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
}

// extras are copied next to the program in every archive.
var extras = []string{"README.md", "LICENSE", "LICENSE-CONTENT"}

func main() {
	version := flag.String("version", "", "version to stamp (default: git describe --tags --always --dirty)")
	out := flag.String("o", "dist", "folder to write the archives and SHA256SUMS into")
	flag.Parse()
	if err := run(*version, *out); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

func run(version, out string) error {
	if version == "" {
		v, err := git("describe", "--tags", "--always", "--dirty")
		if err != nil {
			return fmt.Errorf("finding the version (give -version): %w", err)
		}
		version = v
	}
	stamp, err := commitTime()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "talksite-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var sums []string
	for _, t := range targets {
		exe := "talksite"
		if t.goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, t.goos+"-"+t.goarch, exe)
		cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true",
			"-ldflags", "-s -w -buildid= -X main.releaseVersion="+version,
			"-o", bin, "./cmd/talksite")
		cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building for %s/%s: %w", t.goos, t.goarch, err)
		}
		files := map[string]string{exe: bin}
		for _, e := range extras {
			files[e] = e
		}
		base := fmt.Sprintf("talksite_%s_%s_%s", strings.TrimPrefix(version, "v"), t.goos, t.goarch)
		var archive []byte
		if t.goos == "windows" {
			base += ".zip"
			archive, err = zipArchive(files, exe, stamp)
		} else {
			base += ".tar.gz"
			archive, err = tarArchive(files, exe, stamp)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", base, err)
		}
		if err := os.WriteFile(filepath.Join(out, base), archive, 0o644); err != nil {
			return err
		}
		sums = append(sums, fmt.Sprintf("%x  %s\n", sha256.Sum256(archive), base))
		fmt.Printf("%s\n", filepath.Join(out, base))
	}
	slices.Sort(sums)
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644)
}

// sortedNames lists an archive's entries in a fixed order: the program first.
func sortedNames(files map[string]string, exe string) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		if n != exe {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return append([]string{exe}, names...)
}

func tarArchive(files map[string]string, exe string, stamp time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	gz.ModTime = stamp // the header's time is part of the bytes
	tw := tar.NewWriter(gz)
	for _, name := range sortedNames(files, exe) {
		b, err := os.ReadFile(files[name])
		if err != nil {
			return nil, err
		}
		mode := int64(0o644)
		if name == exe {
			mode = 0o755
		}
		hdr := &tar.Header{Name: name, Mode: mode, Size: int64(len(b)), ModTime: stamp, Format: tar.FormatPAX, Uname: "root", Gname: "root"}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(b); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func zipArchive(files map[string]string, exe string, stamp time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedNames(files, exe) {
		b, err := os.ReadFile(files[name])
		if err != nil {
			return nil, err
		}
		hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp}
		mode := os.FileMode(0o644)
		if name == exe {
			mode = 0o755
		}
		hdr.SetMode(mode)
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, bytes.NewReader(b)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// commitTime is the time of the commit being built (SOURCE_DATE_EPOCH wins, as in other
// reproducible builds), so archives made from the same commit carry the same times.
func commitTime() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		var err error
		if s, err = git("log", "-1", "--format=%ct"); err != nil {
			return time.Time{}, fmt.Errorf("finding the commit time (set SOURCE_DATE_EPOCH): %w", err)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("commit time %q: %w", s, err)
	}
	return time.Unix(n, 0).UTC(), nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	return strings.TrimSpace(string(out)), err
}
