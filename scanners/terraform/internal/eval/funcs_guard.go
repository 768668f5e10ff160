package eval

import (
	"fmt"
	"regexp"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Guards around library functions whose cost grows with an argument the
// configuration controls, so that a hostile file cannot exhaust memory or
// the stack. Each limit is far above what real configurations use.
const (
	maxFormatWidth = 10000
	maxIndent      = 10000
	maxProductSize = 100000
	maxDecodeDepth = 512
)

// guarded wraps fn with check, run on the arguments before fn's own Impl.
func guarded(fn function.Function, check func(args []cty.Value) error) function.Function {
	params := fn.Params()
	spec := &function.Spec{
		Description: fn.Description(),
		Params:      params,
		VarParam:    fn.VarParam(),
		Type:        fn.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for _, a := range args {
				if !a.IsWhollyKnown() {
					return fn.Call(args)
				}
			}
			if err := check(args); err != nil {
				return cty.NilVal, err
			}
			return fn.Call(args)
		},
	}
	return function.New(spec)
}

var formatWidth = regexp.MustCompile(`%[-+# 0]*(\[[0-9]+\])?([0-9]{5,})|%[-+# 0]*(\[[0-9]+\])?[0-9]*\.([0-9]{5,})`)

func checkFormat(args []cty.Value) error {
	if len(args) == 0 || args[0].IsNull() || args[0].Type() != cty.String {
		return nil
	}
	if formatWidth.MatchString(args[0].AsString()) {
		return fmt.Errorf("format width or precision above %d is not supported", maxFormatWidth)
	}
	return nil
}

func checkIndent(args []cty.Value) error {
	if len(args) > 0 && !args[0].IsNull() && args[0].Type() == cty.Number {
		if n, _ := args[0].AsBigFloat().Int64(); n > maxIndent {
			return fmt.Errorf("indent above %d spaces is not supported", maxIndent)
		}
	}
	return nil
}

func checkProduct(args []cty.Value) error {
	size := 1
	for _, a := range args {
		if a.IsNull() || !a.CanIterateElements() {
			continue
		}
		size *= a.LengthInt()
		if size > maxProductSize {
			return fmt.Errorf("setproduct would produce more than %d elements", maxProductSize)
		}
	}
	return nil
}

func checkDecodeDepth(args []cty.Value) error {
	if len(args) == 0 || args[0].IsNull() || args[0].Type() != cty.String {
		return nil
	}
	depth := 0
	for _, c := range args[0].AsString() {
		switch c {
		case '[', '{':
			depth++
			if depth > maxDecodeDepth {
				return fmt.Errorf("document nests deeper than %d levels", maxDecodeDepth)
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

func guardFunctions(f map[string]function.Function) {
	f["format"] = guarded(stdlib.FormatFunc, checkFormat)
	f["formatlist"] = guarded(stdlib.FormatListFunc, checkFormat)
	f["indent"] = guarded(stdlib.IndentFunc, checkIndent)
	f["setproduct"] = guarded(stdlib.SetProductFunc, checkProduct)
	f["jsondecode"] = guarded(stdlib.JSONDecodeFunc, checkDecodeDepth)
	f["yamldecode"] = guarded(yamlDecodeFunc, checkDecodeDepth)
}
