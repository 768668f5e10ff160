package terraform

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
)

// files builds a MapFS from path -> content pairs.
func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

func scan(t *testing.T, fsys fstest.MapFS, opts Options) (*model.State, diag.Diagnostics) {
	t.Helper()
	state, diags, err := Scan(context.Background(), fsys, ".", opts)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return state, diags
}

func vpcByAddr(t *testing.T, s *model.State, addr string) model.VPC {
	t.Helper()
	for _, v := range s.AWS.EC2.VPCs {
		if v.Meta.Address == addr {
			return v
		}
	}
	var have []string
	for _, v := range s.AWS.EC2.VPCs {
		have = append(have, v.Meta.Address)
	}
	t.Fatalf("no VPC %s; have %v", addr, have)
	return model.VPC{}
}

func sgByAddr(t *testing.T, s *model.State, addr string) model.SecurityGroup {
	t.Helper()
	for _, g := range s.AWS.EC2.SecurityGroups {
		if g.Meta.Address == addr {
			return g
		}
	}
	t.Fatalf("no security group %s", addr)
	return model.SecurityGroup{}
}

func addrs(vpcs []model.VPC) string {
	var out []string
	for _, v := range vpcs {
		out = append(out, v.Meta.Address)
	}
	return strings.Join(out, ",")
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func hasDiag(ds diag.Diagnostics, sev diag.Severity, substr string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.Contains(d.Summary+": "+d.Detail, substr) {
			return true
		}
	}
	return false
}

func fmtInt(i int) string { return strconv.Itoa(i) }
