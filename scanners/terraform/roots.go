package terraform

import (
	"context"
	"io/fs"
	"path"
	"sort"
	"strings"

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
	called := map[string]bool{}
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
		if !d.IsDir() {
			return nil
		}
		if p != dir && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
			return fs.SkipDir
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			return nil
		}
		files := config.Files(p, entries)
		if len(files) == 0 {
			return nil
		}
		withTF = append(withTF, p)
		for _, call := range opts.Modules.cache().ModuleCalls(fsys, p, files, opts.Limits.files()) {
			if !call.SourceSet || !eval.IsLocalSource(call.Source) {
				continue
			}
			if target := path.Clean(path.Join(p, call.Source)); target != p {
				called[target] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
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
