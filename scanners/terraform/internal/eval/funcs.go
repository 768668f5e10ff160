package eval

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/collection"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
)

// functions returns Terraform's function table. File functions read through
// fsys, relative to cwd (the root module directory), and never leave fsys.
func functions(fsys fs.FS, cwd string) map[string]function.Function {
	f := map[string]function.Function{
		// go-cty stdlib.
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"upper": stdlib.UpperFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"chunklist": stdlib.ChunklistFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": stdlib.IndexFunc, "keys": stdlib.KeysFunc, "merge": stdlib.MergeFunc,
		"range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc,
		"zipmap": stdlib.ZipmapFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String),
		"tolist":   stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset":    stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap":    stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		// go-cty-funcs.
		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc,
		"cidrsubnets": cidr.SubnetsFunc, "coalesce": collection.CoalesceFunc,
		"md5": crypto.Md5Func, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func,
		"sha512": crypto.Sha512Func, "base64decode": encoding.Base64DecodeFunc,
		"base64encode": encoding.Base64EncodeFunc, "urlencode": encoding.URLEncodeFunc,
		"uuidv5": uuid.V5Func,
		// hcl extensions.
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc, "convert": typeexpr.ConvertFunc,
		// Terraform functions neither library has.
		"length": lengthFunc, "lookup": lookupFunc, "one": oneFunc, "sum": sumFunc,
		"alltrue": allTrueFunc, "anytrue": anyTrueFunc, "startswith": startsWithFunc,
		"endswith": endsWithFunc, "strcontains": strContainsFunc, "replace": replaceFunc,
		"base64sha256": base64Sha256Func, "sensitive": identityFunc, "nonsensitive": identityFunc,
		"transpose": transposeFunc,
		// Non-deterministic functions are unknown, as they are during a plan.
		"uuid": unknownFunc(cty.String), "timestamp": unknownFunc(cty.String),
		"bcrypt": unknownFunc(cty.String), "plantimestamp": unknownFunc(cty.String),
	}
	fr := &fileReader{fsys: fsys, cwd: cwd}
	f["file"] = fr.fileStringFunc(fileText)
	f["filebase64"] = fr.fileStringFunc(base64.StdEncoding.EncodeToString)
	f["fileexists"] = fr.existsFunc()
	f["fileset"] = fr.filesetFunc()
	f["basename"] = pathFunc(path.Base)
	f["dirname"] = pathFunc(path.Dir)
	f["abspath"] = pathFunc(func(s string) string { return s })
	f["yamldecode"] = yamlDecodeFunc
	f["yamlencode"] = yamlEncodeFunc
	fr.addHashFuncs(f)
	guardFunctions(f)
	f["templatefile"] = fr.templateFunc(f)
	return f
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

func unknownFunc(t cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(t),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(t), nil },
	})
}

var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.Type() == cty.String {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		}
		if !v.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if !v.CanIterateElements() {
			return cty.NilVal, fmt.Errorf("argument must be a string, a collection type, or a structural type")
		}
		return v.Length(), nil
	},
})

var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType},
		{Name: "key", Type: cty.String},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
	Type:     func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, key := args[0], args[1].AsString()
		if !m.IsWhollyKnown() {
			return cty.DynamicVal, nil
		}
		if m.Type().IsObjectType() || m.Type().IsMapType() {
			if m.Type().IsObjectType() && m.Type().HasAttribute(key) {
				return m.GetAttr(key), nil
			}
			if m.Type().IsMapType() && m.HasIndex(cty.StringVal(key)).True() {
				return m.Index(cty.StringVal(key)), nil
			}
			if len(args) > 2 {
				return args[2], nil
			}
			return cty.NilVal, fmt.Errorf("lookup failed to find key %q", key)
		}
		return cty.NilVal, fmt.Errorf("lookup() requires a map as the first argument")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true}},
	Type:   func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.DynamicVal, nil
		}
		if !v.CanIterateElements() {
			return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value")
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
})

func iterate(v cty.Value, fn func(cty.Value) error) error {
	if !v.CanIterateElements() {
		return fmt.Errorf("argument must be a collection")
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if args[0].LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("cannot sum an empty list")
		}
		total := cty.Zero
		err := iterate(args[0], func(e cty.Value) error {
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return fmt.Errorf("sum() can only sum numbers")
			}
			total = total.Add(n)
			return nil
		})
		return total, err
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			result, unknown := all, false
			err := iterate(args[0], func(e cty.Value) error {
				b, err := convert.Convert(e, cty.Bool)
				if err != nil {
					return err
				}
				if !b.IsKnown() {
					unknown = true
					return nil
				}
				if b.IsNull() {
					b = cty.False
				}
				if all && b.False() {
					result = false
				}
				if !all && b.True() {
					result = true
				}
				return nil
			})
			if err != nil {
				return cty.NilVal, err
			}
			if unknown && result == all {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(result), nil
		},
	})
}

var (
	allTrueFunc = boolFold(true)
	anyTrueFunc = boolFold(false)
)

func stringPredicate(fn func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	startsWithFunc  = stringPredicate(strings.HasPrefix)
	endsWithFunc    = stringPredicate(strings.HasSuffix)
	strContainsFunc = stringPredicate(strings.Contains)
)

// replaceFunc is Terraform's replace: a substring, or a regular expression when
// the search string is wrapped in forward slashes.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

var base64Sha256Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		h := sha256.Sum256([]byte(args[0].AsString()))
		return cty.StringVal(base64.StdEncoding.EncodeToString(h[:])), nil
	},
})

var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for k, l := range args[0].AsValueMap() {
			if l.IsNull() {
				continue
			}
			for _, e := range l.AsValueSlice() {
				out[e.AsString()] = append(out[e.AsString()], cty.StringVal(k))
			}
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		m := map[string]cty.Value{}
		for k, l := range out {
			m[k] = cty.ListVal(l)
		}
		return cty.MapVal(m), nil
	},
})

func pathFunc(fn func(string) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(fn(args[0].AsString())), nil
		},
	})
}

// fileReader implements Terraform's file functions over an fs.FS, confined
// to it: absolute paths and paths that climb out of fsys are refused.
type fileReader struct {
	fsys fs.FS
	cwd  string
}

func (r *fileReader) resolve(p string) (string, error) {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") || (len(p) > 1 && p[1] == ':') {
		return "", fmt.Errorf("path %q is outside the scanned directory", p)
	}
	full := path.Clean(path.Join(r.cwd, strings.ReplaceAll(p, "\\", "/")))
	if !fs.ValidPath(full) {
		return "", fmt.Errorf("path %q is outside the scanned directory", p)
	}
	return full, nil
}

const maxFileSize = 4 << 20

func (r *fileReader) read(p string) ([]byte, error) {
	full, err := r.resolve(p)
	if err != nil {
		return nil, err
	}
	src, err := config.ReadFile(r.fsys, full, maxFileSize)
	if tooLarge := (*config.TooLargeError)(nil); errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("file %q is too large", p)
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) && pe.Op == "read" {
		return nil, err // it opened (a directory, say) but could not be read
	}
	if err != nil {
		return nil, fmt.Errorf("no file exists at %q", p)
	}
	return src, nil
}

// fileStringFunc is a function of one path that reads the file through the
// confined reader and returns encode of its content: file, filebase64 and
// the file hash functions.
func (r *fileReader) fileStringFunc(encode func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, err := r.read(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(encode(src)), nil
		},
	})
}

// fileText is file()'s content: the text, invalid UTF-8 replaced.
func fileText(src []byte) string { return strings.ToValidUTF8(string(src), "\uFFFD") }

func (r *fileReader) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, err := r.resolve(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			fi, err := fs.Stat(r.fsys, full)
			return cty.BoolVal(err == nil && !fi.IsDir()), nil
		},
	})
}

func (r *fileReader) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			base, err := r.resolve(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			matches, err := fs.Glob(r.fsys, path.Join(base, args[1].AsString()))
			if err != nil {
				return cty.NilVal, err
			}
			sort.Strings(matches)
			var out []cty.Value
			for _, m := range matches {
				if fi, err := fs.Stat(r.fsys, m); err == nil && !fi.IsDir() {
					rel := strings.TrimPrefix(strings.TrimPrefix(m, base), "/")
					out = append(out, cty.StringVal(rel))
				}
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(out), nil
		},
	})
}

func (r *fileReader) templateFunc(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			src, err := r.read(p)
			if err != nil {
				return cty.NilVal, err
			}
			if _, ok := config.NestingOK(src); !ok {
				return cty.NilVal, fmt.Errorf("template %q nests too deeply", p)
			}
			expr, diags := hclsyntax.ParseTemplate(src, p, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			vars := args[1]
			if !vars.IsWhollyKnown() {
				return cty.DynamicVal, nil
			}
			ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: map[string]function.Function{}}
			if !vars.IsNull() && (vars.Type().IsObjectType() || vars.Type().IsMapType()) {
				for k, v := range vars.AsValueMap() {
					ctx.Variables[k] = v
				}
			}
			for k, fn := range funcs {
				if k != "templatefile" {
					ctx.Functions[k] = fn
				}
			}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			return v, nil
		},
	})
}
