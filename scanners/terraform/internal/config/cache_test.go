package config

import (
	"fmt"
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
	if len(c.dirs) != MaxCachedDirs {
		t.Fatalf("cache holds %d directories, want at most %d", len(c.dirs), MaxCachedDirs)
	}
}
