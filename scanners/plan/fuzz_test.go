package plan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScan: no input makes the scanner fail internally (a recovered panic);
// every problem is a diagnostic.
func FuzzScan(f *testing.F) {
	for _, dir := range []string{"aws-network", "alicloud"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "plan", dir, "plan.json")); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.a[\"x\"]","resources":[{"address":"module.a[\"x\"].aws_vpc.v[0]","mode":"managed","type":"aws_vpc","name":"v","index":0,"values":{}}]}]}},"configuration":{"root_module":{"module_calls":{"a":{"source":"./a","module":{"resources":[{"mode":"managed","type":"aws_vpc","name":"v","expressions":{"x":[{"y":{"references":["var.z"]}}]}}]}}}}}}`)
	f.Add(`{"format_version":"0.1","values":{"root_module":{"resources":[{"mode":"managed","type":"aws_flow_log","name":"f","values":{"vpc_id":null}}]}}}`)
	f.Fuzz(func(t *testing.T, data string) {
		fsys := mapFS("plan.json", data, "main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\nlocals {\n  a = local.a\n}\n")
		_, _, err := Scan(context.Background(), fsys, "plan.json", Options{})
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
	})
}
