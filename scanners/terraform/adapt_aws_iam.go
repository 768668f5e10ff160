package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/policydoc"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// adminPolicyARN is the AWS managed AdministratorAccess policy.
const adminPolicyARN = "arn:aws:iam::aws:policy/AdministratorAccess"

// awsIAM adapts customer-managed policies (aws_iam_policy), inline policies
// (aws_iam_role_policy, _user_policy, _group_policy) and attachments to
// principals (aws_iam_user/group/role_policy_attachment,
// aws_iam_policy_attachment, aws_iam_role managed_policy_arns). An
// attachment is FullAdmin when it attaches AdministratorAccess or a policy in
// the scan whose document allows "*" on "*"; unknown when the policy is
// neither known nor in the scan. No provider defaults apply (AWS provider v5/v6).
func (a *adapter) awsIAM() {
	iam := &a.state.AWS.IAM
	for _, in := range a.of("aws_iam_policy") {
		p := model.IAMPolicy{Meta: a.meta(in)}
		r := reader{meta: &p.Meta, body: in.Body}
		p.Name, _ = r.str("name")
		p.FullAdmin = docFullAdmin(&p.Meta, in.Body)
		iam.Policies = append(iam.Policies, p)
	}
	for _, spec := range []struct{ typ, kind, attr string }{
		{"aws_iam_role_policy", "role", "role"}, {"aws_iam_user_policy", "user", "user"}, {"aws_iam_group_policy", "group", "group"},
	} {
		for _, in := range a.of(spec.typ) {
			att := model.PolicyAttachment{Meta: a.meta(in), PrincipalType: spec.kind}
			r := reader{meta: &att.Meta, body: in.Body}
			att.Principal, _ = r.str(spec.attr)
			att.PolicyName, _ = r.str("name")
			att.FullAdmin = docFullAdmin(&att.Meta, in.Body)
			iam.PolicyAttachments = append(iam.PolicyAttachments, att)
		}
	}
	attach := func(in *eval.Instance, kind string, principal *string, arn *string, m model.Meta) {
		att := model.PolicyAttachment{Meta: m, PrincipalType: kind, Principal: principal, PolicyARN: arn}
		att.FullAdmin = a.arnFullAdmin(&att.Meta, arn)
		iam.PolicyAttachments = append(iam.PolicyAttachments, att)
	}
	for _, spec := range []struct{ typ, kind, attr string }{
		{"aws_iam_role_policy_attachment", "role", "role"}, {"aws_iam_user_policy_attachment", "user", "user"}, {"aws_iam_group_policy_attachment", "group", "group"},
	} {
		for _, in := range a.of(spec.typ) {
			m := a.meta(in)
			r := reader{meta: &m, body: in.Body}
			principal, _ := r.str(spec.attr)
			arn, _ := r.str("policy_arn")
			attach(in, spec.kind, principal, arn, m)
		}
	}
	for _, in := range a.of("aws_iam_policy_attachment") {
		m := a.meta(in)
		r := reader{meta: &m, body: in.Body}
		arn, _ := r.str("policy_arn")
		for _, spec := range []struct{ attr, kind string }{{"users", "user"}, {"groups", "group"}, {"roles", "role"}} {
			names, _ := r.strs(spec.attr)
			for _, n := range names {
				attach(in, spec.kind, model.Ptr(n), arn, m)
			}
		}
	}
	for _, in := range a.of("aws_iam_role") {
		m := a.meta(in)
		r := reader{meta: &m, body: in.Body}
		name, _ := r.str("name")
		if name == nil {
			name = model.Ptr(in.Address)
		}
		arns, _ := r.strs("managed_policy_arns")
		for _, arn := range arns {
			attach(in, "role", name, model.Ptr(arn), m)
		}
		for _, b := range in.Body.Blocks {
			if b.Type != "inline_policy" {
				continue
			}
			att := model.PolicyAttachment{Meta: m, PrincipalType: "role", Principal: name}
			att.PolicyName, _ = reader{meta: &att.Meta, body: b.Body, prefix: "inline_policy."}.str("name")
			att.FullAdmin = docFullAdmin(&att.Meta, b.Body)
			iam.PolicyAttachments = append(iam.PolicyAttachments, att)
		}
	}
	// A policy in the scan is attached when an attachment names it.
	for i := range iam.Policies {
		p := &iam.Policies[i]
		attached := false
		for _, att := range iam.PolicyAttachments {
			if att.PolicyARN != nil && refersTo(*att.PolicyARN, p.Meta) {
				attached = true
			}
		}
		p.Attached = model.Ptr(attached)
	}
}

// docFullAdmin judges the policy document in body's "policy" attribute.
func docFullAdmin(m *model.Meta, body *eval.Body) *bool {
	doc, st := readString(body.Get("policy"))
	switch st {
	case known:
		if admin, ok := policydoc.GrantsFullAdmin(doc); ok {
			return model.Ptr(admin)
		}
		m.MarkUnknown("full_admin", "the policy is not a JSON document")
	case unknownVal:
		m.MarkUnknown("full_admin", "the policy document could not be resolved (e.g. a data source)")
	}
	return nil
}

func (a *adapter) arnFullAdmin(m *model.Meta, arn *string) *bool {
	if arn == nil {
		m.MarkUnknown("full_admin", "the attached policy could not be resolved")
		return nil
	}
	if *arn == adminPolicyARN {
		return model.Ptr(true)
	}
	for _, p := range a.state.AWS.IAM.Policies {
		if refersTo(*arn, p.Meta) {
			if p.FullAdmin == nil {
				m.MarkUnknown("full_admin", "the attached policy's document could not be resolved")
			}
			return p.FullAdmin
		}
	}
	if model.IsPlaceholder(*arn) {
		m.MarkUnknown("full_admin", "the attached policy is not in the scanned code")
		return nil
	}
	// A literal ARN of a policy that is not in the scan: only AWS managed
	// AdministratorAccess is known to grant everything.
	return model.Ptr(false)
}
