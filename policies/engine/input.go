package engine

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/kansa-sec/kansa/internal/model"
)

// Input converts a state to the ast.Value policies read as input: the value
// OPA would decode from the state's JSON encoding (encoding/json field names,
// omitempty, nil slices and maps as null, invalid UTF-8 as U+FFFD), built
// directly from the Go values without the JSON text in between. The state is
// normalized on a copy; the caller's state is not changed.
func Input(state *model.State) (ast.Value, error) {
	if state == nil {
		return nil, errors.New("convert model: nil state")
	}
	enc, err := modelEncoder()
	if err != nil {
		return nil, fmt.Errorf("convert model: %w", err)
	}
	s := *state // Normalize on a shallow copy: never change the caller's state.
	s.Normalize()
	v, err := enc.value(reflect.ValueOf(&s).Elem())
	if err != nil {
		return nil, fmt.Errorf("convert model: %w", err)
	}
	return v, nil
}

// inputJSON is the reference conversion Input must equal: the model encoded
// as JSON and decoded by OPA.
func inputJSON(state *model.State) (ast.Value, error) {
	s := *state
	s.Normalize()
	b, err := json.Marshal(&s)
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	v, err := ast.ValueFromReader(strings.NewReader(string(b)))
	if err != nil {
		return nil, fmt.Errorf("convert model: %w", err)
	}
	return v, nil
}

// inputEncoder converts model values, caching how each struct type's fields
// are encoded.
type inputEncoder struct {
	plans map[reflect.Type][]inputField
}

// modelEncoder is the encoder of model.State with every type it contains
// checked and planned, once per process: the plans depend on the types
// only, and are only read afterwards, so conversions share them.
var modelEncoder = sync.OnceValues(func() (inputEncoder, error) {
	enc := inputEncoder{plans: map[reflect.Type][]inputField{}}
	return enc, enc.check(reflect.TypeFor[model.State]())
})

// inputField is one encoded struct field.
type inputField struct {
	index     int
	key       *ast.Term
	omitEmpty bool
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// errUnsupported reports a Go type whose JSON encoding the encoder does not
// reproduce; the model has none (Input checks its types before encoding).
var errUnsupported = errors.New("model type not supported by the input encoder")

// check walks type t and every type it contains, and fails on what value
// would not encode as encoding/json does: custom marshalers, interfaces (a
// dynamic type could be anything), byte slices, floats, channels, functions,
// maps without string keys, and struct fields plan rejects.
func (enc inputEncoder) check(t reflect.Type) error {
	if _, done := enc.plans[t]; done {
		return nil
	}
	if t.Implements(jsonMarshaler) || t.Implements(textMarshaler) ||
		reflect.PointerTo(t).Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return fmt.Errorf("%w: %s has a custom JSON or text encoding", errUnsupported, t)
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return nil
	case reflect.Pointer, reflect.Array:
		return enc.check(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fmt.Errorf("%w: %s (encoded as base64)", errUnsupported, t)
		}
		return enc.check(t.Elem())
	case reflect.Map:
		if t.Key().Kind() != reflect.String || enc.check(t.Key()) != nil {
			return fmt.Errorf("%w: %s (keys are not plain strings)", errUnsupported, t)
		}
		return enc.check(t.Elem())
	case reflect.Struct:
		fields, err := enc.plan(t)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if err := enc.check(t.Field(f.index).Type); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%w: %s", errUnsupported, t)
}

func (enc inputEncoder) value(v reflect.Value) (ast.Value, error) {
	switch v.Kind() {
	case reflect.Bool:
		return ast.Boolean(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.Number(strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.Number(strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.String:
		return ast.String(validUTF8(v.String())), nil
	case reflect.Pointer:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return enc.value(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return enc.array(v)
	case reflect.Array:
		return enc.array(v)
	case reflect.Map:
		return enc.object(v)
	case reflect.Struct:
		return enc.structure(v)
	}
	return nil, fmt.Errorf("%w: %s", errUnsupported, v.Type())
}

func (enc inputEncoder) array(v reflect.Value) (ast.Value, error) {
	terms := make([]*ast.Term, v.Len())
	for i := range terms {
		e, err := enc.value(v.Index(i))
		if err != nil {
			return nil, err
		}
		terms[i] = ast.NewTerm(e)
	}
	return ast.NewArray(terms...), nil
}

func (enc inputEncoder) object(v reflect.Value) (ast.Value, error) {
	if v.IsNil() {
		return ast.Null{}, nil
	}
	kvs := make([][2]*ast.Term, 0, v.Len())
	it := v.MapRange()
	for it.Next() {
		e, err := enc.value(it.Value())
		if err != nil {
			return nil, err
		}
		kvs = append(kvs, [2]*ast.Term{ast.StringTerm(validUTF8(it.Key().String())), ast.NewTerm(e)})
	}
	return ast.NewObject(kvs...), nil
}

func (enc inputEncoder) structure(v reflect.Value) (ast.Value, error) {
	fields, err := enc.plan(v.Type())
	if err != nil {
		return nil, err
	}
	kvs := make([][2]*ast.Term, 0, len(fields))
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && empty(fv) {
			continue
		}
		e, err := enc.value(fv)
		if err != nil {
			return nil, err
		}
		kvs = append(kvs, [2]*ast.Term{f.key, ast.NewTerm(e)})
	}
	return ast.NewObject(kvs...), nil
}

// plan lists the fields of struct type t as encoding/json encodes them:
// exported, named by their json tag (else their Go name), "-" skipped.
func (enc inputEncoder) plan(t reflect.Type) ([]inputField, error) {
	if p, ok := enc.plans[t]; ok {
		return p, nil
	}
	var fields []inputField
	names := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil, fmt.Errorf("%w: embedded field %s.%s", errUnsupported, t, sf.Name)
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		omit := false
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "omitempty":
				omit = true
			case "":
			default:
				return nil, fmt.Errorf("%w: option %q on %s.%s", errUnsupported, o, t, sf.Name)
			}
		}
		if names[name] {
			return nil, fmt.Errorf("%w: two fields of %s are named %q", errUnsupported, t, name)
		}
		names[name] = true
		fields = append(fields, inputField{index: i, key: ast.StringTerm(name), omitEmpty: omit})
	}
	enc.plans[t] = fields
	return fields, nil
}

// empty is encoding/json's notion of an empty value for omitempty.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// validUTF8 replaces each byte that is not valid UTF-8 with U+FFFD, as
// encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}
