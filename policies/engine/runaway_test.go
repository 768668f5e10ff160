package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kansa-sec/kansa/internal/model"
)

// loopingCheck is a custom check whose evaluation would take minutes: 125
// million iterations for every VPC.
var loopingCheck = strings.Replace(strings.Replace(customCheck, "id: corp-vpc-range", "id: corp-loop", 1),
	"\tlib.known(vpc, \"cidr_block\")\n",
	"\tlib.known(vpc, \"cidr_block\")\n\tsome a in numbers.range(1, 500)\n\tsome b in numbers.range(1, 500)\n\tsome c in numbers.range(1, 500)\n\ta * b * c == -1\n", 1)

// TestRunawayCustomPolicy: a custom check that loops is cancelled by the
// caller's deadline, and the error names the check and its file.
func TestRunawayCustomPolicy(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ok.rego": customCheck, "loop.rego": strings.Replace(loopingCheck, "kansa.custom.vpc_range", "kansa.custom.loop", 1)})
	eng, err := New(context.Background(), Options{Custom: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	cidr := "192.168.0.0/16"
	state := &model.State{}
	state.AWS.EC2.VPCs = []model.VPC{{Meta: model.Meta{Address: "aws_vpc.a"}, CIDRBlock: &cidr}}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = eng.Evaluate(ctx, state)
	if elapsed := time.Since(start); elapsed > 200*time.Millisecond+3*RunawayBudget {
		t.Errorf("Evaluate took %s after the deadline", elapsed)
	}
	var re *RunawayError
	if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a RunawayError wrapping the deadline", err)
	}
	if re.CheckID != "corp-loop" || !strings.HasSuffix(re.File, "loop.rego") {
		t.Errorf("runaway check %q in %q, want corp-loop in loop.rego", re.CheckID, re.File)
	}
	for _, w := range []string{"corp-loop", "loop.rego", "did not finish"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not name %q", err, w)
		}
	}
}
