package terraform

import (
	"strconv"
	"strings"

	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// providerBelow reports whether the version constraint on provider name (in
// the instance's module, else the root module) admits only versions below limit.
func (a *adapter) providerBelow(in *eval.Instance, name string, limit version) bool {
	for mi := in.Module; mi != nil; mi = mi.Parent() {
		if c, ok := mi.Mod.RequiredProviders[name]; ok {
			return maxBelow(c, limit)
		}
	}
	return false
}

// version is a provider version (major, minor, patch).
type version [3]int

func parseVersion(s string) (version, int, bool) {
	var v version
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(s), "v"), ".")
	if len(parts) == 0 || len(parts) > 3 {
		return v, 0, false
	}
	for i, p := range parts {
		if j := strings.IndexAny(p, "-+"); j >= 0 {
			p = p[:j]
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, 0, false
		}
		v[i] = n
	}
	return v, len(parts), true
}

func (v version) less(o version) bool {
	for i := range v {
		if v[i] != o[i] {
			return v[i] < o[i]
		}
	}
	return false
}

// maxBelow reports whether every version a Terraform version constraint
// (e.g. "= 1.162.0", "~> 1.200", ">= 1.0, < 1.250") admits is lower than
// limit. Unparsable or unbounded constraints admit limit (false).
func maxBelow(constraint string, limit version) bool {
	bounded := false
	for _, c := range strings.Split(constraint, ",") {
		c = strings.TrimSpace(c)
		op := ""
		for _, o := range []string{"~>", ">=", "<=", "!=", "=", ">", "<"} {
			if strings.HasPrefix(c, o) {
				op, c = o, strings.TrimSpace(strings.TrimPrefix(c, o))
				break
			}
		}
		v, n, ok := parseVersion(c)
		if !ok {
			return false
		}
		var upper version // exclusive upper bound admitted by this clause
		switch op {
		case "", "=":
			upper = version{v[0], v[1], v[2] + 1}
		case "<=":
			upper = version{v[0], v[1], v[2] + 1}
		case "<":
			upper = v
		case "~>":
			switch n {
			case 1:
				continue
			case 2:
				upper = version{v[0] + 1, 0, 0}
			default:
				upper = version{v[0], v[1] + 1, 0}
			}
		default:
			continue
		}
		if !limit.less(upper) {
			bounded = true
		}
	}
	return bounded
}
