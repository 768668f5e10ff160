package benchcorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// teamsPerScale is how many teams scale 1 holds; one team is about 165 files.
const teamsPerScale = 12

// Corpus is a generated tree of Terraform files held in memory.
type Corpus struct {
	// Files maps a slash-separated path relative to the corpus root to the
	// file's contents.
	Files map[string][]byte
	// Roots lists the root module directories (slash paths), sorted. Each is
	// scanned on its own; modules live outside them under modules/.
	Roots []string
	// Modules lists the local module directories, sorted.
	Modules []string
}

// Stats summarizes a corpus.
type Stats struct {
	Files   int    // number of files (.tf and .tfvars)
	Lines   int    // lines over all files
	Bytes   int    // bytes over all files
	Roots   int    // root module directories
	Modules int    // local module directories
	Digest  string // hex SHA-256 over the sorted paths and contents
}

// String renders the stats on one line.
func (s Stats) String() string {
	return fmt.Sprintf("%d files, %d lines, %d bytes, %d root modules, %d modules, sha256 %s",
		s.Files, s.Lines, s.Bytes, s.Roots, s.Modules, s.Digest)
}

// Teams returns how many teams a corpus of the given scale holds (at least one).
func Teams(scale float64) int {
	if math.IsNaN(scale) || scale <= 0 {
		return 1
	}
	return max(1, int(math.Round(scale*teamsPerScale)))
}

// Build generates the corpus for scale (1 ≈ 2,000 files; fractions give
// smaller corpora, down to one team) and seed.
func Build(scale float64, seed int64) *Corpus {
	c := &Corpus{Files: map[string][]byte{}}
	for i := range Teams(scale) {
		// Each team draws from its own stream so that a larger scale
		// extends a smaller one instead of reshuffling it.
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)+0x9e3779b97f4a7c15))
		t := newTeam(i, rng)
		t.generate(c)
	}
	slices.Sort(c.Roots)
	slices.Sort(c.Modules)
	return c
}

// Paths returns the file paths in sorted order.
func (c *Corpus) Paths() []string {
	ps := make([]string, 0, len(c.Files))
	for p := range c.Files {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Stats counts files and lines and computes the digest.
func (c *Corpus) Stats() Stats {
	h := sha256.New()
	s := Stats{Roots: len(c.Roots), Modules: len(c.Modules)}
	for _, p := range c.Paths() {
		b := c.Files[p]
		s.Files++
		s.Bytes += len(b)
		s.Lines += strings.Count(string(b), "\n")
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	s.Digest = hex.EncodeToString(h.Sum(nil))
	return s
}

// Write writes every file under dir, creating directories as needed.
func (c *Corpus) Write(dir string) error {
	for _, p := range c.Paths() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("write corpus: %w", err)
		}
		if err := os.WriteFile(full, c.Files[p], 0o644); err != nil {
			return fmt.Errorf("write corpus: %w", err)
		}
	}
	return nil
}

// Generate builds the corpus for scale and seed and writes it under dir.
func Generate(dir string, scale float64, seed int64) (Stats, error) {
	c := Build(scale, seed)
	if err := c.Write(dir); err != nil {
		return Stats{}, err
	}
	return c.Stats(), nil
}

func (c *Corpus) add(p string, f *file) {
	c.Files[path.Clean(p)] = []byte(f.String())
}
