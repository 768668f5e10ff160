package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudRAM adapts alicloud_ram_user_policy_attachment, _group_ and _role_.
// An attachment is FullAdmin when it attaches the system policy
// AdministratorAccess; a custom policy's document is not judged (unknown).
// No provider defaults apply (alicloud provider >= 1.256: every argument is required).
func (a *adapter) alicloudRAM() {
	ram := &a.state.Alicloud.RAM
	for _, spec := range []struct{ typ, kind, attr string }{
		{"alicloud_ram_user_policy_attachment", "user", "user_name"},
		{"alicloud_ram_group_policy_attachment", "group", "group_name"},
		{"alicloud_ram_role_policy_attachment", "role", "role_name"},
	} {
		for _, in := range a.of(spec.typ) {
			att := model.PolicyAttachment{Meta: a.meta(in), PrincipalType: spec.kind}
			r := reader{meta: &att.Meta, body: in.Body}
			att.Principal, _ = r.str(spec.attr)
			att.PolicyName, _ = r.str("policy_name")
			att.PolicyType, _ = r.str("policy_type")
			switch {
			case att.PolicyName == nil || att.PolicyType == nil:
				att.Meta.MarkUnknown("full_admin", "the attached policy could not be resolved")
			case *att.PolicyType == "System":
				att.FullAdmin = model.Ptr(*att.PolicyName == "AdministratorAccess")
			default:
				att.Meta.MarkUnknown("full_admin", "custom policy documents are not judged")
			}
			ram.PolicyAttachments = append(ram.PolicyAttachments, att)
		}
	}
}
