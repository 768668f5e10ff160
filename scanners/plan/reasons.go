package plan

import (
	"reflect"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// reasonAfterApply says why a plan value is unknown: in a plan every
// unresolved value is one Terraform itself knows only after apply.
const reasonAfterApply = "known only after apply (the plan's after_unknown)"

var metaType = reflect.TypeOf(model.Meta{})

// restateReasons replaces the adapters' generic reason for an unknown
// value with the plan's own, in every Meta of the state.
func restateReasons(st *model.State) {
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 16 {
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), depth+1)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), depth+1)
			}
		case reflect.Struct:
			if v.Type() == metaType {
				// Reasons is a map: the Meta's copy shares it.
				for k, r := range v.Interface().(model.Meta).Reasons {
					if r == terraform.ReasonUnresolved {
						v.Interface().(model.Meta).Reasons[k] = reasonAfterApply
					}
				}
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(st), 0)
}
