package engine

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"

	"github.com/kansa-sec/kansa/policies"
)

// DefaultConfig returns the built-in parameters that policies read from
// data.kansa.config:
//
//	ports:      {ssh: [22], rdp: [3389]}        ports the SSH/RDP checks look for
//	open_cidrs: ["0.0.0.0/0", "::/0"]           sources that mean "the internet"
//	retention:  {audit: 1095, access: 365, network: 30, default: 365}  minimum days per tier
//	checks:     {}                              per-check overrides, e.g.
//	            {"aws-sg-no-public-ssh": {"ports": {"ssh": [22, 2222]}}}
//
// They are read from the embedded policies/data.json, so that stock
// `opa test` sees the same values. The result is a fresh copy.
func DefaultConfig() map[string]any {
	cfg, err := defaultConfig(policies.FS())
	if err != nil {
		// The embedded file is part of the binary and covered by tests.
		return map[string]any{}
	}
	return cfg
}

func defaultConfig(fsys fs.FS) (map[string]any, error) {
	b, err := fs.ReadFile(fsys, policies.DataFile)
	if err != nil {
		return nil, fmt.Errorf("read default config: %w", err)
	}
	var doc struct {
		Kansa struct {
			Config map[string]any `json:"config"`
		} `json:"kansa"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("parse default config %s: %w", policies.DataFile, err)
	}
	if doc.Kansa.Config == nil {
		return nil, fmt.Errorf("default config %s: no kansa.config object", policies.DataFile)
	}
	return doc.Kansa.Config, nil
}

// mergeConfig deep-merges over into base: objects merge key by key, any
// other value (lists included) replaces. Neither argument is modified.
func mergeConfig(base, over map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(over))
	maps.Copy(out, base)
	for k, v := range over {
		bm, bok := out[k].(map[string]any)
		om, ook := v.(map[string]any)
		if bok && ook {
			out[k] = mergeConfig(bm, om)
			continue
		}
		out[k] = v
	}
	return out
}

// normalizeJSON round-trips v through JSON so that it holds only the types
// OPA's store and json.Marshal agree on (map[string]any, []any, float64, ...).
func normalizeJSON(v map[string]any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("config is not JSON-compatible: %w", err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("config is not JSON-compatible: %w", err)
	}
	if out == nil {
		out = map[string]any{}
	}
	return out, nil
}
