package eval

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	"gopkg.in/yaml.v3"
)

// yamlDecodeFunc is Terraform's yamldecode: YAML to the value JSON would give.
var yamlDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "src", Type: cty.String}},
	Type:   func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var doc any
		if err := yaml.Unmarshal([]byte(args[0].AsString()), &doc); err != nil {
			return cty.NilVal, fmt.Errorf("invalid YAML: %w", err)
		}
		b, err := json.Marshal(jsonable(doc))
		if err != nil {
			return cty.NilVal, fmt.Errorf("YAML cannot be represented: %w", err)
		}
		ty, err := ctyjson.ImpliedType(b)
		if err != nil {
			return cty.NilVal, err
		}
		return ctyjson.Unmarshal(b, ty)
	},
})

// jsonable turns YAML's map[any]any-free tree into JSON-encodable values.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	}
	return v
}

// yamlEncodeFunc is Terraform's yamlencode.
var yamlEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.String), nil
		}
		b, err := ctyjson.Marshal(args[0], args[0].Type())
		if err != nil {
			return cty.NilVal, err
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return cty.NilVal, err
		}
		out, err := yaml.Marshal(doc)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(string(out)), nil
	},
})

// fileHash returns an encoder that hashes with h and writes the sum in hex
// (filemd5, filesha1, filesha256, filesha512) or base64
// (filebase64sha256, filebase64sha512).
func fileHash(h func() hash.Hash, b64 bool) func([]byte) string {
	return func(src []byte) string {
		d := h()
		d.Write(src)
		if b64 {
			return base64.StdEncoding.EncodeToString(d.Sum(nil))
		}
		return hex.EncodeToString(d.Sum(nil))
	}
}

func (r *fileReader) addHashFuncs(f map[string]function.Function) {
	f["filemd5"] = r.fileStringFunc(fileHash(md5.New, false))
	f["filesha1"] = r.fileStringFunc(fileHash(sha1.New, false))
	f["filesha256"] = r.fileStringFunc(fileHash(sha256.New, false))
	f["filesha512"] = r.fileStringFunc(fileHash(sha512.New, false))
	f["filebase64sha256"] = r.fileStringFunc(fileHash(sha256.New, true))
	f["filebase64sha512"] = r.fileStringFunc(fileHash(sha512.New, true))
}
