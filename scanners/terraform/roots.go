package terraform

import (
	"context"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// skipDirs are never searched for root modules: Terraform's own working
// directory (downloaded modules are reached through modules.json instead),
// version control and package manager folders.
var skipDirs = map[string]bool{".terraform": true, ".git": true, "node_modules": true}

// Roots returns the root modules under dir in fsys, sorted: the directories
// holding .tf or .tf.json files that no other directory of the tree calls as
// a local module. A monorepo of many deployments scans each deployment once
// and its shared modules only through their callers. When no directory
// qualifies (an empty tree, or a module that only calls itself), dir itself
// is returned so that scanning it reports what is wrong.
//
// Discovery follows no symlinked directory and reads only module blocks'
// literal sources, parsing only the files that can declare a module block;
// syntax errors are left for the scan of each root to report. It keeps no
// parsed file: the scans load every directory once, through opts.Modules,
// which hands them the contents discovery read.
func Roots(ctx context.Context, fsys fs.FS, dir string, opts Options) ([]string, error) {
	dir = CleanPath(dir)
	var withTF []string
	files := map[string][]string{} // directory -> its configuration files, in walk (sorted) order
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return fs.SkipDir // an unreadable subdirectory is not a root we can scan
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			if p != dir && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		if parent := path.Dir(p); p != dir && config.IsLoaded(d.Name()) {
			if files[parent] == nil {
				withTF = append(withTF, parent)
			}
			files[parent] = append(files[parent], p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Reading and parsing is most of discovery's cost and each directory
	// stands alone: do it on every CPU, results in slots.
	calls := make([]map[string]*config.ModuleCall, len(withTF))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range withTF {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			calls[i] = opts.Modules.cache().ModuleCalls(fsys, p, files[p], opts.Limits.files())
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	called := map[string]bool{}
	for i, p := range withTF {
		for _, call := range calls[i] {
			if !call.SourceSet || !eval.IsLocalSource(call.Source) {
				continue
			}
			if target := path.Clean(path.Join(p, call.Source)); target != p {
				called[target] = true
			}
		}
	}
	var roots []string
	for _, p := range withTF {
		if !called[p] {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		return []string{dir}, nil
	}
	sort.Strings(roots)
	return roots, nil
}
