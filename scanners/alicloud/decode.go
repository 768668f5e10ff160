package alicloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Alibaba Cloud APIs are loose about JSON types: DescribeFlowLogs sends
// TotalCount as a string, DescribeSecurityGroupAttribute sends Priority as
// a number or a string, and booleans come as true or "true". The wire
// structs of this package use these types for every scalar the scanner
// reads, so either form decodes. A missing or null value stays unset.

// flexInt is an integer sent as a JSON number or string.
type flexInt struct {
	v   int
	set bool
}

// UnmarshalJSON accepts 42, 42.0 and "42".
func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		return nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("want an integer, got %s", b)
	}
	f.v, f.set = int(n), true
	return nil
}

// ptr returns the value, or nil when the field was absent.
func (f flexInt) ptr() *int {
	if !f.set {
		return nil
	}
	v := f.v
	return &v
}

// flexBool is a boolean sent as true or "true".
type flexBool struct {
	v   bool
	set bool
}

// UnmarshalJSON accepts true, false, "true" and "false".
func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.ToLower(strings.Trim(string(bytes.TrimSpace(b)), `"`))
	switch s {
	case "", "null":
		return nil
	case "true":
		f.v, f.set = true, true
	case "false":
		f.v, f.set = false, true
	default:
		return fmt.Errorf("want a boolean, got %s", b)
	}
	return nil
}

// flexString is a string that may be sent as a JSON number (ids, counts).
type flexString string

// UnmarshalJSON accepts "x" and 12.
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	*f = flexString(b)
	return nil
}

// decodeBody converts a generic response body (what the OpenAPI client
// returns) into the wire struct out.
func decodeBody(body any, out any) error {
	if out == nil {
		return nil
	}
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("re-encode response: %w", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decode response: %w", err)
	}
	return nil
}

// strPtr returns a pointer to s, or nil when s is empty.
func strPtr[S ~string](s S) *string {
	if s == "" {
		return nil
	}
	v := string(s)
	return &v
}
