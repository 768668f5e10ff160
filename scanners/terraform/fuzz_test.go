package terraform

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzScan feeds arbitrary bytes as a module's only file: Scan must neither
// panic nor hang, whatever the input. The fixtures under testdata seed it.
func FuzzScan(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "terraform", "*", "*.tf"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`locals { a = local.a }`))
	f.Add([]byte(`module "m" { source = "./" }`))
	f.Add([]byte(`resource "aws_vpc" "v" { for_each = { for i in range(3) : i => i } }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"main.tf": {Data: src}, "mod/main.tf": {Data: src}}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			_, _, err := Scan(ctx, fsys, ".", Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil && ctx.Err() == nil {
				t.Fatalf("Scan: %v", err)
			}
		case <-time.After(3 * time.Second):
			panic("Scan hangs on input " + strconv.Quote(string(src)))
		}
	})
}

// TestMutatedFixtures is a deterministic, fast stand-in for fuzzing in CI:
// seeded random edits of the fixtures (broken braces, templates, bytes) must
// never panic or hang the scanner.
func TestMutatedFixtures(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "terraform", "*", "*.tf"))
	var corpus [][]byte
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			corpus = append(corpus, b)
		}
	}
	if len(corpus) == 0 {
		t.Skip("no fixtures")
	}
	toks := []string{"{", "}", "[", "]", "(", ")", `"`, "${", "%{", "=", "\n", "local.a", "var.x", "[*]", ".", "...", "=>", "?", ":"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		src := append([]byte{}, corpus[rng.IntN(len(corpus))]...)
		for range 1 + rng.IntN(5) {
			p := rng.IntN(len(src) + 1)
			switch rng.IntN(3) {
			case 0:
				tok := toks[rng.IntN(len(toks))]
				src = append(src[:p], append([]byte(tok), src[p:]...)...)
			case 1:
				if p < len(src) {
					src = append(src[:p], src[p+1:]...)
				}
			default:
				if p < len(src) {
					src[p] = byte(rng.IntN(256))
				}
			}
		}
		fsys := fstest.MapFS{"main.tf": {Data: src}, "mod/main.tf": {Data: src}}
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _, _ = Scan(context.Background(), fsys, ".", Options{})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Scan hangs on input %q", src)
		}
	}
}
