package config

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestCacheLoadsOnce(t *testing.T) {
	fsys := fstest.MapFS{"m/main.tf": {Data: []byte(`resource "aws_vpc" "v" {}`)}, "m/bad.tf": {Data: []byte(`resource {`)}}
	c := NewCache()
	var wg sync.WaitGroup
	mods := make([]*Module, 8)
	for i := range mods {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mod, diags, err := c.LoadDir(fsys, "m", Limits{})
			if err != nil || !diags.HasErrors() {
				t.Errorf("err %v, diags %v: want the syntax error of bad.tf each time", err, diags)
			}
			mods[i] = mod
		}()
	}
	wg.Wait()
	for _, m := range mods[1:] {
		if m != mods[0] {
			t.Fatal("the directory was loaded more than once")
		}
	}
	if _, ok := mods[0].Resources["aws_vpc.v"]; !ok {
		t.Fatalf("resources %v", mods[0].Resources)
	}
	var nilCache *Cache
	if m, _, _ := nilCache.LoadDir(fsys, "m", Limits{}); m == nil || m == mods[0] {
		t.Fatal("a nil cache must load afresh")
	}
}

func TestCacheTakeForgets(t *testing.T) {
	fsys := fstest.MapFS{"r/main.tf": {Data: []byte(`resource "aws_vpc" "v" {}`)}}
	c := NewCache()
	first, _, _ := c.LoadDir(fsys, "r", Limits{})
	taken, _, _ := c.Take(fsys, "r", Limits{})
	if taken != first {
		t.Fatal("Take did not hand over the cached module")
	}
	if again, _, _ := c.LoadDir(fsys, "r", Limits{}); again == first {
		t.Fatal("the taken directory is still cached")
	}
}

func TestCacheIsBounded(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range MaxCachedDirs + 10 {
		fsys[fmt.Sprintf("m%d/main.tf", i)] = &fstest.MapFile{Data: []byte(`locals {}`)}
	}
	c := NewCache()
	for i := range MaxCachedDirs + 10 {
		if _, _, err := c.LoadDir(fsys, fmt.Sprintf("m%d", i), Limits{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.dirs) != MaxCachedDirs || c.lru.Len() != MaxCachedDirs {
		t.Fatalf("cache holds %d directories (%d in order), want at most %d", len(c.dirs), c.lru.Len(), MaxCachedDirs)
	}
}

// TestCacheForgetsLeastRecent: past the bound, the directory asked for
// least recently is forgotten, not the newest.
func TestCacheForgetsLeastRecent(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range MaxCachedDirs + 1 {
		fsys[fmt.Sprintf("m%d/main.tf", i)] = &fstest.MapFile{Data: []byte(`locals {}`)}
	}
	c := NewCache()
	load := func(i int) *Module {
		t.Helper()
		m, _, err := c.LoadDir(fsys, fmt.Sprintf("m%d", i), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	first := make([]*Module, MaxCachedDirs)
	for i := range MaxCachedDirs {
		first[i] = load(i)
	}
	load(0) // m0 is now the most recent; m1 the least
	newest := load(MaxCachedDirs)
	if load(0) != first[0] {
		t.Error("m0, asked for recently, was forgotten")
	}
	if load(MaxCachedDirs) != newest {
		t.Error("the newest directory was not cached")
	}
	if load(1) == first[1] {
		t.Error("m1, the least recently asked for, is still cached")
	}
}

// TestCacheKeepsDiscoveryReads: the contents discovery read are handed to
// the load that parses them and then forgotten, and a file over the size
// limit is not kept.
func TestCacheKeepsDiscoveryReads(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte("module \"m\" {\n  source = \"../m\"\n}\n")},
		"root/big.tf":  {Data: []byte("# " + strings.Repeat("x", 100) + "\n")},
		"m/main.tf":    {Data: []byte("resource \"aws_vpc\" \"v\" {}\n")},
	}
	lim := Limits{MaxFileSize: 50}
	c := NewCache()
	for _, dir := range []string{"root", "m"} {
		entries, err := fsys.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		c.ModuleCalls(fsys, dir, Files(dir, entries), lim)
	}
	if len(c.src) != 2 {
		t.Fatalf("kept %d files, want root/main.tf and m/main.tf", len(c.src))
	}
	// The file system changes after discovery: the loads see what discovery
	// listed and read.
	fsys["m/main.tf"] = &fstest.MapFile{Data: []byte("resource \"aws_vpc\" \"changed\" {}\n")}
	fsys["m/extra.tf"] = &fstest.MapFile{Data: []byte("resource \"aws_vpc\" \"extra\" {}\n")}
	m, _, err := c.LoadDir(fsys, "m", lim)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Resources["aws_vpc.v"]; !ok || len(m.Resources) != 1 {
		t.Errorf("module m resources %v, want only aws_vpc.v as discovery listed and read it", m.Resources)
	}
	if _, diags, _ := c.Take(fsys, "root", lim); !diags.HasErrors() {
		t.Error("root/big.tf over the size limit: want a File too large error")
	}
	if len(c.src) != 0 || len(c.files) != 0 {
		t.Errorf("%d kept files, %d kept listings not forgotten after their load", len(c.src), len(c.files))
	}
}
