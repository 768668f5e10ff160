// Package config reads kansa's settings file (.kansa.yaml): suppressions
// (`skip:`), policy parameters (`retention:` and `parameters:`, merged into
// data.kansa.config), and defaults for scan flags. Flags given on the command
// line win over the file. internal/cli loads it; internal/waiver and
// policies/engine consume what it holds.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/kansa-sec/kansa/internal/waiver"
)

// DefaultName is the settings file looked up in the scanned root.
const DefaultName = ".kansa.yaml"

// File is the parsed settings file.
type File struct {
	// Skip lists config-file suppressions.
	Skip []waiver.Skip `yaml:"skip"`
	// FailOn is the default --fail-on severity.
	FailOn string `yaml:"fail_on"`
	// Only and SkipChecks filter checks by ID (as --only / --skip).
	Only       []string `yaml:"only"`
	SkipChecks []string `yaml:"skip_checks"`
	// Policies are extra policy directories (as --policy), relative to the file.
	Policies []string `yaml:"policies"`
	// Retention sets retention minimums in days: per tier ("audit", "access",
	// "network", "default") and per check ID (a map of tiers).
	Retention map[string]any `yaml:"retention"`
	// Parameters are merged into data.kansa.config for policies.
	Parameters map[string]any `yaml:"parameters"`
	// Limits bound what a hostile or broken input may cost (docs/limits.md).
	Limits Limits `yaml:"limits"`
	// Path is where the file was read from (not part of the YAML).
	Path string `yaml:"-"`
}

// Limits override the scanner's default limits; zero keeps a default.
type Limits struct {
	// MaxFileSize is the largest Terraform or tfvars file parsed, in bytes.
	MaxFileSize int64 `yaml:"max_file_size"`
	// MaxNesting bounds bracket and unary-operator nesting in a file.
	MaxNesting int `yaml:"max_nesting"`
	// MaxInstances bounds the instances of one count or for_each.
	MaxInstances int `yaml:"max_instances"`
	// MaxTotalInstances bounds resource and module instances of a scan.
	MaxTotalInstances int `yaml:"max_total_instances"`
	// MaxEvalDepth bounds how deeply references nest.
	MaxEvalDepth int `yaml:"max_eval_depth"`
}

func (l Limits) validate() error {
	for _, v := range []struct {
		name string
		n    int64
	}{
		{"max_file_size", l.MaxFileSize}, {"max_nesting", int64(l.MaxNesting)},
		{"max_instances", int64(l.MaxInstances)}, {"max_total_instances", int64(l.MaxTotalInstances)},
		{"max_eval_depth", int64(l.MaxEvalDepth)},
	} {
		if v.n < 0 {
			return fmt.Errorf("limits.%s: %d is negative (0 keeps the default)", v.name, v.n)
		}
	}
	return nil
}

// Load reads the settings file at path. A missing file is an error.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	f, err := Parse(path, b)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// LoadDefault reads DefaultName from dir in fsys; it returns nil, nil when
// there is none.
func LoadDefault(fsys fs.FS, name string) (*File, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(name, b)
}

// Parse parses settings from b; name is used in error messages. Unknown keys
// are an error so that a typo does not silently disable a suppression.
func Parse(name string, b []byte) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Limits.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	f.Path = name
	return &f, nil
}

// PolicyConfig returns the parameters to merge into data.kansa.config.
func (f *File) PolicyConfig() map[string]any {
	if f == nil {
		return nil
	}
	out := map[string]any{}
	for k, v := range f.Parameters {
		out[k] = v
	}
	if len(f.Retention) > 0 {
		out["retention"] = f.Retention
	}
	return out
}
