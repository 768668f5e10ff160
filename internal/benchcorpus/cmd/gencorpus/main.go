// Command gencorpus writes the benchmark Terraform corpus to a directory:
//
//	go run ./internal/benchcorpus/cmd/gencorpus -scale 4 -seed 1 -out DIR
//
// It prints the corpus statistics and, with -roots FILE, writes the root
// module directories to FILE one per line (for scripts that scan each root).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kansa-sec/kansa/internal/benchcorpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	scale := fl.Float64("scale", 1, "corpus size; 1 is about 2,000 files")
	seed := fl.Int64("seed", 1, "random seed")
	out := fl.String("out", "", "directory to write the corpus into (required)")
	roots := fl.String("roots", "", "also write the root module directories, one per line, to `FILE`")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "gencorpus: -out DIR is required")
		return 2
	}
	c := benchcorpus.Build(*scale, *seed)
	if err := c.Write(*out); err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	if *roots != "" {
		if err := os.WriteFile(*roots, []byte(strings.Join(c.Roots, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(stderr, "gencorpus:", err)
			return 1
		}
	}
	fmt.Fprintln(stdout, c.Stats())
	return 0
}
