package config

import (
	"container/list"
	"io/fs"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// Cache shares parsed module directories between the root modules of one
// scan: a monorepo's deployments call the same modules, and each directory
// is then parsed once instead of once per caller. A loaded Module is never
// modified afterwards, so it is safe to share between concurrent
// evaluations. A nil *Cache loads without caching. The cache is bound to
// one file system; do not reuse it for another.
type Cache struct {
	mu   sync.Mutex
	dirs map[cacheKey]*list.Element // of *cacheEntry
	// lru orders the entries from most to least recently asked for.
	lru list.List
	// src holds file contents read by root discovery (ModuleCalls) until
	// the scan that parses them asks for them, so each file is read once.
	src map[string][]byte
	// files holds the configuration files of each directory discovery
	// listed, for the first load of the directory.
	files map[string][]string
}

type cacheKey struct {
	dir string
	lim Limits
}

type cacheEntry struct {
	key   cacheKey
	once  sync.Once
	mod   *Module
	diags hcl.Diagnostics
	err   error
}

// MaxCachedDirs bounds how many directories a Cache keeps, so memory stays
// bounded by a fixed number of modules rather than growing with the tree;
// past it, the directory asked for least recently is forgotten (roots are
// scanned in path order, so the modules of one part of a monorepo are
// asked for together).
const MaxCachedDirs = 512

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{dirs: map[cacheKey]*list.Element{}, src: map[string][]byte{}, files: map[string][]string{}}
}

// keep holds src, the content of file name, for the load that parses it.
func (c *Cache) keep(name string, src []byte) {
	c.mu.Lock()
	c.src[name] = src
	c.mu.Unlock()
}

// keepFiles holds the configuration files of dir for its first load.
func (c *Cache) keepFiles(dir string, files []string) {
	c.mu.Lock()
	c.files[dir] = files
	c.mu.Unlock()
}

// readFile returns the content of file name: the one kept by discovery
// (handed over and forgotten), else read from fsys.
func (c *Cache) readFile(fsys fs.FS, name string, lim Limits) ([]byte, error) {
	c.mu.Lock()
	src, ok := c.src[name]
	delete(c.src, name)
	c.mu.Unlock()
	if ok {
		return src, nil
	}
	return ReadFile(fsys, name, lim.fileSize())
}

// load is LoadDirWithLimits reading through the kept listing and contents.
func (c *Cache) load(fsys fs.FS, dir string, lim Limits) (*Module, hcl.Diagnostics, error) {
	c.mu.Lock()
	files, listed := c.files[dir]
	delete(c.files, dir)
	c.mu.Unlock()
	if !listed {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, nil, err
		}
		files = Files(dir, entries)
	}
	m, diags := loadFiles(dir, files, lim, func(name string) ([]byte, error) { return c.readFile(fsys, name, lim) })
	return m, diags, nil
}

// LoadDir is LoadDirWithLimits, served from the cache when dir was loaded
// before with the same limits (and not forgotten since).
func (c *Cache) LoadDir(fsys fs.FS, dir string, lim Limits) (*Module, hcl.Diagnostics, error) {
	if c == nil {
		return LoadDirWithLimits(fsys, dir, lim)
	}
	key := cacheKey{dir, lim}
	c.mu.Lock()
	var e *cacheEntry
	if el, ok := c.dirs[key]; ok {
		c.lru.MoveToFront(el)
		e = el.Value.(*cacheEntry)
	} else {
		e = &cacheEntry{key: key}
		c.dirs[key] = c.lru.PushFront(e)
		if c.lru.Len() > MaxCachedDirs {
			oldest := c.lru.Back()
			c.lru.Remove(oldest)
			delete(c.dirs, oldest.Value.(*cacheEntry).key) // its loaders keep their pointer
		}
	}
	c.mu.Unlock()
	e.once.Do(func() { e.mod, e.diags, e.err = c.load(fsys, dir, lim) })
	return e.mod, e.diags, e.err
}

// Take is LoadDir for a directory no other caller will ask for again (a
// root module: nothing calls it): a cached entry is handed over and
// forgotten, and an uncached one is loaded without being cached, so the
// cache keeps only directories shared between roots.
func (c *Cache) Take(fsys fs.FS, dir string, lim Limits) (*Module, hcl.Diagnostics, error) {
	if c == nil {
		return LoadDirWithLimits(fsys, dir, lim)
	}
	key := cacheKey{dir, lim}
	c.mu.Lock()
	el, ok := c.dirs[key]
	if ok {
		c.lru.Remove(el)
		delete(c.dirs, key)
	}
	c.mu.Unlock()
	if !ok {
		return c.load(fsys, dir, lim)
	}
	e := el.Value.(*cacheEntry)
	e.once.Do(func() { e.mod, e.diags, e.err = c.load(fsys, dir, lim) })
	return e.mod, e.diags, e.err
}
