package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// DefaultFloor is the memory below which kansa does not collect: large
// enough that a pull request's scan rarely collects at all, and small
// enough that a monorepo's scan stays well under its memory budget (a
// 200k-line tree peaks at about 210 MB resident instead of 165 MB, for 10%
// less CPU; see BENCHMARKS.md).
const DefaultFloor = 160 << 20

// minHeap is the runtime's smallest heap goal at GOGC=100 (4 MiB).
const minHeap = 4 << 20

// defaultPercent is the runtime's default GOGC.
const defaultPercent = 100

// liveMetric is the heap marked live by the last collection.
const liveMetric = "/gc/heap/live:bytes"

// Start paces the collector so that the heap goal is max(floor, 2×live),
// with a soft memory limit (runtime/debug.SetMemoryLimit) of the floor or
// Limit above it, so that the runtime's memory stays near the floor while
// the live heap is small; it returns a function that restores the default
// pacing and removes the limit. It does nothing (and stop does nothing)
// when getenv reports GOGC or GOMEMLIMIT set: the user's tuning wins.
func Start(floor uint64, getenv func(string) string) (stop func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" || floor <= 2*minHeap {
		return func() {}
	}
	t := &tuner{floor: floor, sample: []metrics.Sample{{Name: liveMetric}}}
	// Until the first collection the goal is the runtime's minimum heap
	// scaled by the percent: scale it up to the floor.
	debug.SetGCPercent(int(floor * defaultPercent / minHeap))
	debug.SetMemoryLimit(int64(floor))
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if !t.stopped {
			t.stopped = true
			debug.SetGCPercent(defaultPercent)
			debug.SetMemoryLimit(math.MaxInt64)
		}
	}
}

// Percent is the GOGC value that puts the next heap goal at
// max(floor, 2×live) after a collection that found live bytes live.
func Percent(floor, live uint64) int {
	if live < 1<<20 {
		live = 1 << 20
	}
	if floor <= 2*live {
		return defaultPercent
	}
	return int(floor*100/live) - 100
}

// Limit is the soft memory limit after a collection that found live bytes
// live: the floor, or room for the heap to double above it (plus the
// runtime's own memory and fragmentation, a quarter of the floor), so the
// limit never makes the collector run more often than default pacing.
func Limit(floor, live uint64) int64 {
	l := 2*live + floor/4
	if l < floor {
		l = floor
	}
	if l > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(l)
}

type tuner struct {
	floor   uint64
	mu      sync.Mutex
	stopped bool
	sample  []metrics.Sample
}

// sentinel is garbage from birth: its cleanup runs after the next
// collection, which is when the live heap is known.
type sentinel struct{ _ *tuner }

// arm registers a cleanup that retunes and re-arms after the next collection.
func (t *tuner) arm() {
	runtime.AddCleanup(&sentinel{}, func(t *tuner) {
		if t.retune() {
			t.arm()
		}
	}, t)
}

// retune sets the percent from the live heap; false once stopped.
func (t *tuner) retune() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		live := t.sample[0].Value.Uint64()
		debug.SetGCPercent(Percent(t.floor, live))
		debug.SetMemoryLimit(Limit(t.floor, live))
	}
	return true
}
