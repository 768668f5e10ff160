package policydoc

import (
	"encoding/json"
	"strings"
)

// policyDoc is the part of an IAM / bucket policy document the checks read.
type policyDoc struct {
	Statement json.RawMessage `json:"Statement"`
}

type policyStatement struct {
	Effect    string          `json:"Effect"`
	Action    json.RawMessage `json:"Action"`
	Resource  json.RawMessage `json:"Resource"`
	Principal json.RawMessage `json:"Principal"`
	Condition json.RawMessage `json:"Condition"`
}

// statements parses a policy document; ok is false when it is not JSON.
func statements(doc string) ([]policyStatement, bool) {
	var d policyDoc
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, false
	}
	var list []policyStatement
	if err := json.Unmarshal(d.Statement, &list); err == nil {
		return list, true
	}
	var one policyStatement
	if err := json.Unmarshal(d.Statement, &one); err == nil {
		return []policyStatement{one}, true
	}
	return nil, len(d.Statement) == 0
}

// stringsOf reads a JSON string or list of strings.
func stringsOf(raw json.RawMessage) []string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var l []string
	_ = json.Unmarshal(raw, &l)
	return l
}

// GrantsFullAdmin reports whether the policy document doc allows "*" (or
// "*:*") on resource "*" in one Allow statement; ok is false when doc is not
// a JSON policy document.
func GrantsFullAdmin(doc string) (admin, ok bool) {
	sts, ok := statements(doc)
	if !ok {
		return false, false
	}
	for _, st := range sts {
		if st.Effect != "Allow" {
			continue
		}
		action, resource := false, false
		for _, a := range stringsOf(st.Action) {
			action = action || a == "*" || a == "*:*"
		}
		for _, r := range stringsOf(st.Resource) {
			resource = resource || r == "*"
		}
		if action && resource {
			return true, true
		}
	}
	return false, true
}

// GrantsPublic reports whether the resource policy doc allows anyone ("*"
// principal) without a condition; ok is false when doc is not a JSON policy
// document.
func GrantsPublic(doc string) (public, ok bool) {
	sts, ok := statements(doc)
	if !ok {
		return false, false
	}
	for _, st := range sts {
		if st.Effect != "Allow" || (len(st.Condition) > 0 && string(st.Condition) != "{}" && string(st.Condition) != "null") {
			continue
		}
		p := strings.TrimSpace(string(st.Principal))
		if p == `"*"` {
			return true, true
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(st.Principal, &m) == nil {
			for _, v := range m {
				for _, s := range stringsOf(v) {
					if s == "*" {
						return true, true
					}
				}
			}
		}
	}
	return false, true
}
