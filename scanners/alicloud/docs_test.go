package alicloud

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDocumentedPolicy holds the least-privilege RAM policy of
// docs/live-alicloud.md to exactly the actions of the operations the
// scanner calls.
func TestDocumentedPolicy(t *testing.T) {
	b, err := os.ReadFile("../../docs/live-alicloud.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	_, after, ok := strings.Cut(doc, "## Least-privilege RAM policy")
	if !ok {
		t.Fatal("no least-privilege section")
	}
	_, block, ok := strings.Cut(after, "```json\n")
	if !ok {
		t.Fatal("no JSON policy in the section")
	}
	block, _, _ = strings.Cut(block, "```")
	var policy struct {
		Version   string
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal([]byte(block), &policy); err != nil {
		t.Fatalf("policy is not JSON: %v", err)
	}
	if policy.Version != "1" || len(policy.Statement) != 1 || policy.Statement[0].Effect != "Allow" {
		t.Fatalf("policy %+v", policy)
	}
	var want []string
	for _, op := range Operations() {
		if op.RAMAction != "" {
			want = append(want, op.RAMAction)
		}
		if _, action, _ := strings.Cut(op.Name, ":"); !strings.Contains(doc, action) {
			t.Errorf("the docs do not mention %s", op.Name)
		}
	}
	slices.Sort(want)
	got := policy.Statement[0].Action
	if !slices.Equal(got, want) {
		t.Errorf("documented actions:\n%s\nscanner's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
