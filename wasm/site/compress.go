//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// compressible are the file types worth a .br and .gz copy.
var compressible = map[string]bool{
	".html": true, ".js": true, ".css": true, ".wasm": true, ".svg": true,
	".json": true, ".webmanifest": true, ".txt": true,
}

// Precompress writes name.br (brotli, quality 11) and name.gz (gzip -9)
// beside every compressible file under dir that lacks an up-to-date one, so
// that a host (or `make run`) can send them with Content-Encoding instead
// of compressing on every request.
func Precompress(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressible[filepath.Ext(p)] {
			return err
		}
		return CompressFile(p)
	})
}

// CompressFile writes p.br and p.gz unless both are newer than p.
func CompressFile(p string) error {
	if fresh(p, p+".br") && fresh(p, p+".gz") {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var br bytes.Buffer
	w := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	w.Write(b)
	if err := w.Close(); err != nil {
		return err
	}
	var gz bytes.Buffer
	g, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	g.Write(b)
	if err := g.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(p+".br", br.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(p+".gz", gz.Bytes(), 0o644)
}

// fresh reports whether derived exists and is not older than src.
func fresh(src, derived string) bool {
	s, err1 := os.Stat(src)
	d, err2 := os.Stat(derived)
	return err1 == nil && err2 == nil && !d.ModTime().Before(s.ModTime())
}

// PublishWasm copies the wasm to dst with its .br and .gz. Compressing 20
// MB at brotli's best quality takes a minute or two, so the copies are kept
// beside the source (web/app.wasm.br, .gz; ignored by git) and made again
// only when the wasm changed.
func PublishWasm(src, dst string) error {
	if err := CompressFile(src); err != nil {
		return err
	}
	for _, ext := range []string{"", ".br", ".gz"} {
		if err := copyFile(src+ext, dst+ext); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// isCompressed reports whether name is a precompressed copy.
func isCompressed(name string) bool {
	return strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz")
}
