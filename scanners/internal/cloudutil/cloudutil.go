package cloudutil

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/kansa-sec/kansa/internal/model"
)

// regionPattern matches region IDs of both clouds: us-east-1,
// ap-southeast-1, cn-hangzhou, cn-shanghai-finance-1.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)

// Regions is the parsed --regions flag: every enabled region, or a list.
type Regions struct {
	// All asks for every region the account has enabled.
	All bool
	// List holds the regions asked for, sorted, without duplicates.
	List []string
}

// ParseRegions parses "all" or a comma-separated list of region IDs. The
// empty string means def (the scanner's default, "all" or a region).
func ParseRegions(s, def string) (Regions, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = def
	}
	if strings.EqualFold(s, "all") {
		return Regions{All: true}, nil
	}
	var r Regions
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.EqualFold(part, "all") {
			return Regions{}, fmt.Errorf("--regions %q: \"all\" cannot be combined with a list", s)
		}
		if !regionPattern.MatchString(part) {
			return Regions{}, fmt.Errorf("--regions: %q is not a region ID (e.g. eu-west-1, cn-hangzhou)", part)
		}
		r.List = append(r.List, part)
	}
	if len(r.List) == 0 {
		return Regions{}, fmt.Errorf("--regions %q: no region given", s)
	}
	slices.Sort(r.List)
	r.List = slices.Compact(r.List)
	return r, nil
}

// Select returns the regions to scan out of the account's enabled ones:
// all of them, or the asked-for list. Asked-for regions the account has not
// enabled are returned in missing, so the caller can say so.
func (r Regions) Select(enabled []string) (scan, missing []string) {
	enabled = slices.Sorted(slices.Values(enabled))
	if r.All {
		return slices.Compact(enabled), nil
	}
	for _, want := range r.List {
		if slices.Contains(enabled, want) {
			scan = append(scan, want)
		} else {
			missing = append(missing, want)
		}
	}
	return scan, missing
}

// Each calls fn for every item with at most limit calls at once and returns
// the results in the items' order. The first error fn returns (or the
// context's) stops the rest and is returned; errors that only make a part
// of the model unknown should be recorded as gaps instead and not returned.
func Each[T any](ctx context.Context, items []string, limit int, fn func(ctx context.Context, item string) (T, error)) ([]T, error) {
	out := make([]T, len(items))
	g, gctx := errgroup.WithContext(ctx)
	if limit < 1 {
		limit = 1
	}
	g.SetLimit(limit)
	for i, it := range items {
		g.Go(func() error {
			v, err := fn(gctx, it)
			out[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// Gaps records model.Gaps from concurrent collectors.
type Gaps struct {
	mu   sync.Mutex
	gaps []model.Gap
}

// Add records that op failed in region with reason, so the model paths it
// feeds are not judged there ("" region for a global call).
func (g *Gaps) Add(region, op, reason string, paths ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, p := range paths {
		g.gaps = append(g.gaps, model.Gap{Path: p, Region: region, Operation: op, Reason: reason})
	}
}

// List returns the recorded gaps, sorted and without duplicates.
func (g *Gaps) List() []model.Gap {
	g.mu.Lock()
	defer g.mu.Unlock()
	return model.SortGaps(slices.Clone(g.gaps))
}

// Progress is told when a unit of a long scan (a region) is done; done
// counts finished units of total. Nil means nobody listens.
type Progress func(done, total int, unit string)

// Counter calls a Progress safely from concurrent workers.
type Counter struct {
	mu    sync.Mutex
	done  int
	total int
	p     Progress
}

// NewCounter returns a counter of total units reporting to p (which may be nil).
func NewCounter(total int, p Progress) *Counter { return &Counter{total: total, p: p} }

// Done marks unit finished and reports it.
func (c *Counter) Done(unit string) {
	if c == nil || c.p == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	c.p(c.done, c.total, unit)
}
