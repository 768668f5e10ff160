package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	tests := []struct {
		name        string
		floor, live uint64
		want        int
	}{
		{"small live heap: grow to the floor", 128 << 20, 16 << 20, 700},
		{"floor exactly twice live", 128 << 20, 64 << 20, 100},
		{"live heap over half the floor: default pacing", 128 << 20, 100 << 20, 100},
		{"live heap over the floor: default pacing", 128 << 20, 1 << 30, 100},
		{"tiny live heap counts as 1 MiB", 128 << 20, 10, 12700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percent(tt.floor, tt.live); got != tt.want {
				t.Errorf("Percent(%d, %d) = %d, want %d", tt.floor, tt.live, got, tt.want)
			}
		})
	}
}

func gcPercent(t *testing.T) int {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

func TestStartRespectsEnvironment(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		stop := Start(DefaultFloor, func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		})
		if got := gcPercent(t); got != 100 {
			t.Errorf("%s set: GC percent %d, want the runtime's 100 untouched", name, got)
		}
		stop()
	}
}

// TestStartRetunes: after a collection the percent follows the live heap,
// and stop restores the default.
func TestStartRetunes(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const floor = 128 << 20
	stop := Start(floor, func(string) string { return "" })
	if got, want := debug.SetMemoryLimit(-1), int64(floor); got != want {
		t.Errorf("memory limit %d, want the floor %d", got, want)
	}
	if got, want := gcPercent(t), floor*100/minHeap; got != want {
		t.Fatalf("before the first collection: GC percent %d, want %d", got, want)
	}
	keep := make([][]byte, 0, 32)
	for range 32 {
		keep = append(keep, make([]byte, 1<<20)) // 32 MiB live
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		got := gcPercent(t)
		if got <= 400 && got >= 150 { // 128 MiB over ~33 MiB live: about 280
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d after collections with ~32 MiB live, want about 280", got)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
	stop()
	if got := gcPercent(t); got != 100 {
		t.Errorf("after stop: GC percent %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after stop: memory limit %d, want none", got)
	}
}

func TestLimit(t *testing.T) {
	tests := []struct {
		floor, live uint64
		want        int64
	}{
		{160 << 20, 10 << 20, 160 << 20},
		{160 << 20, 100 << 20, 240 << 20},
		{160 << 20, 0, 160 << 20},
	}
	for _, tt := range tests {
		if got := Limit(tt.floor, tt.live); got != tt.want {
			t.Errorf("Limit(%d, %d) = %d, want %d", tt.floor, tt.live, got, tt.want)
		}
	}
}
