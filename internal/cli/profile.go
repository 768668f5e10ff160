package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
)

// startProfile starts the profile named by spec ("cpu=FILE" or "mem=FILE",
// from the hidden --profile flag) and returns the function that finishes it.
// Users attach the file to a bug report about a slow scan.
func startProfile(spec string) (stop func() error, err error) {
	if spec == "" {
		return func() error { return nil }, nil
	}
	kind, file, ok := strings.Cut(spec, "=")
	if !ok || file == "" || (kind != "cpu" && kind != "mem") {
		return nil, usageError("--profile %q: want cpu=FILE or mem=FILE", spec)
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, usageError("--profile: %v", err)
	}
	if kind == "cpu" {
		if err := pprof.StartCPUProfile(f); err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("--profile: %w", err)
		}
		return func() error {
			pprof.StopCPUProfile()
			return f.Close()
		}, nil
	}
	return func() error {
		runtime.GC() // an up-to-date heap profile
		if err := pprof.WriteHeapProfile(f); err != nil {
			_ = f.Close()
			return fmt.Errorf("--profile: %w", err)
		}
		return f.Close()
	}, nil
}
