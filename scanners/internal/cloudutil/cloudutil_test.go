package cloudutil

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
)

func TestParseRegions(t *testing.T) {
	tests := []struct {
		in, def string
		want    Regions
		wantErr bool
	}{
		{"", "all", Regions{All: true}, false},
		{"ALL", "us-east-1", Regions{All: true}, false},
		{"", "us-east-1", Regions{List: []string{"us-east-1"}}, false},
		{"us-east-1, eu-west-1,us-east-1", "all", Regions{List: []string{"eu-west-1", "us-east-1"}}, false},
		{"cn-hangzhou,cn-shanghai-finance-1", "all", Regions{List: []string{"cn-hangzhou", "cn-shanghai-finance-1"}}, false},
		{"all,us-east-1", "all", Regions{}, true},
		{"US-EAST-1", "all", Regions{}, true},
		{"us-east-1;rm -rf", "all", Regions{}, true},
		{" , ", "all", Regions{}, true},
	}
	for _, tt := range tests {
		got, err := ParseRegions(tt.in, tt.def)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseRegions(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got.All != tt.want.All || !slices.Equal(got.List, tt.want.List) {
			t.Errorf("ParseRegions(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestSelect(t *testing.T) {
	enabled := []string{"us-east-1", "eu-west-1", "ap-south-1"}
	scan, missing := Regions{All: true}.Select(enabled)
	if !slices.Equal(scan, []string{"ap-south-1", "eu-west-1", "us-east-1"}) || missing != nil {
		t.Errorf("all: scan %v missing %v", scan, missing)
	}
	scan, missing = Regions{List: []string{"eu-west-1", "me-south-1"}}.Select(enabled)
	if !slices.Equal(scan, []string{"eu-west-1"}) || !slices.Equal(missing, []string{"me-south-1"}) {
		t.Errorf("list: scan %v missing %v", scan, missing)
	}
}

func TestEach(t *testing.T) {
	var running, peak atomic.Int32
	items := []string{"a", "b", "c", "d", "e"}
	got, err := Each(context.Background(), items, 2, func(_ context.Context, s string) (string, error) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		defer running.Add(-1)
		return s + s, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"aa", "bb", "cc", "dd", "ee"}) {
		t.Errorf("results out of order: %v", got)
	}
	if peak.Load() > 2 {
		t.Errorf("%d calls at once, limit 2", peak.Load())
	}
	boom := errors.New("boom")
	if _, err := Each(context.Background(), items, 2, func(_ context.Context, s string) (int, error) {
		if s == "c" {
			return 0, boom
		}
		return 1, nil
	}); !errors.Is(err, boom) {
		t.Errorf("error = %v, want boom", err)
	}
}

func TestGapsAndCounter(t *testing.T) {
	var g Gaps
	g.Add("eu-west-1", "ec2:DescribeFlowLogs", "denied", "aws.ec2.vpcs.flow_logs", "aws.ec2.flow_logs")
	g.Add("eu-west-1", "ec2:DescribeFlowLogs", "denied", "aws.ec2.flow_logs")
	if got := g.List(); len(got) != 2 || got[0].Path != "aws.ec2.flow_logs" {
		t.Errorf("gaps = %+v", got)
	}
	var seen []int
	c := NewCounter(3, func(done, total int, unit string) { seen = append(seen, done) })
	c.Done("a")
	c.Done("b")
	if !slices.Equal(seen, []int{1, 2}) {
		t.Errorf("progress %v", seen)
	}
	var nilCounter *Counter
	nilCounter.Done("x") // no listener: no panic
}
