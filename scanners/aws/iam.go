package aws

import (
	"context"
	"net/url"
	"slices"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/policydoc"
)

// adminPolicy is the AWS managed AdministratorAccess policy, in the aws
// partition; adminPolicyARN gives it in the scanned one.
const adminPolicy = "iam::aws:policy/AdministratorAccess"

// iam reads which users, groups and roles hold full administrator rights:
// AdministratorAccess attached as a permissions policy
// (ListEntitiesForPolicy; a permissions boundary grants nothing), and every
// other attachment and inline policy with its document
// (GetAccountAuthorizationDetails), judged for "*" on "*". IAM is global:
// a failure is a gap in every region.
func (r *reader) iam(ctx context.Context, api iamAPI) model.IAM {
	out := model.IAM{PolicyAttachments: []model.PolicyAttachment{}, Policies: []model.IAMPolicy{}}
	details, ok := r.authorizationDetails(ctx, api)
	if !ok {
		return out
	}
	admins, ok := r.adminEntities(ctx, api)
	if !ok {
		return out
	}
	arns := map[string]string{} // "role/name" -> ARN
	for _, u := range details.users {
		arns["user/"+awssdk.ToString(u.UserName)] = awssdk.ToString(u.Arn)
	}
	for _, g := range details.groups {
		arns["group/"+awssdk.ToString(g.GroupName)] = awssdk.ToString(g.Arn)
	}
	for _, ro := range details.roles {
		arns["role/"+awssdk.ToString(ro.RoleName)] = awssdk.ToString(ro.Arn)
	}
	principalARN := func(kind, name string) string {
		if a := arns[kind+"/"+name]; a != "" {
			return a
		}
		return "arn:" + r.partition + ":iam::" + r.account + ":" + kind + "/" + name
	}

	// Customer-managed policies, judged on their default version.
	docs := map[string]*bool{}
	for _, p := range details.policies {
		arn := awssdk.ToString(p.Arn)
		ip := model.IAMPolicy{Meta: r.meta("aws_iam_policy", arn, arn, ""), Name: p.PolicyName, Attached: model.Ptr(awssdk.ToInt32(p.AttachmentCount) > 0)}
		ip.FullAdmin = r.document(&ip.Meta, defaultVersion(p.PolicyVersionList))
		docs[arn] = ip.FullAdmin
		out.Policies = append(out.Policies, ip)
	}
	admin := r.adminPolicyARN()
	for _, a := range admins {
		att := r.attachment(a.kind, principalARN(a.kind, a.name), a.name, admin, "")
		att.FullAdmin = model.Ptr(true)
		out.PolicyAttachments = append(out.PolicyAttachments, att)
	}
	managed := func(kind, name string, list []iamtypes.AttachedPolicy) {
		for _, p := range list {
			arn := awssdk.ToString(p.PolicyArn)
			if arn == admin {
				continue // from ListEntitiesForPolicy, which leaves boundaries out
			}
			att := r.attachment(kind, principalARN(kind, name), name, arn, "")
			att.PolicyName = p.PolicyName
			switch full, known := docs[arn]; {
			case known && full != nil:
				att.FullAdmin = model.Ptr(*full)
			case known:
				att.Meta.MarkUnknown("full_admin", "the attached policy's document could not be read")
			case r.awsManaged(arn):
				// Of the AWS managed policies only AdministratorAccess grants everything.
				att.FullAdmin = model.Ptr(false)
			default:
				att.Meta.MarkUnknown("full_admin", "iam:GetAccountAuthorizationDetails did not return the attached policy")
			}
			out.PolicyAttachments = append(out.PolicyAttachments, att)
		}
	}
	inline := func(kind, name string, list []iamtypes.PolicyDetail) {
		for _, p := range list {
			att := r.attachment(kind, principalARN(kind, name), name, "", awssdk.ToString(p.PolicyName))
			att.FullAdmin = r.document(&att.Meta, awssdk.ToString(p.PolicyDocument))
			out.PolicyAttachments = append(out.PolicyAttachments, att)
		}
	}
	for _, u := range details.users {
		managed("user", awssdk.ToString(u.UserName), u.AttachedManagedPolicies)
		inline("user", awssdk.ToString(u.UserName), u.UserPolicyList)
	}
	for _, g := range details.groups {
		managed("group", awssdk.ToString(g.GroupName), g.AttachedManagedPolicies)
		inline("group", awssdk.ToString(g.GroupName), g.GroupPolicyList)
	}
	for _, ro := range details.roles {
		managed("role", awssdk.ToString(ro.RoleName), ro.AttachedManagedPolicies)
		inline("role", awssdk.ToString(ro.RoleName), ro.RolePolicyList)
	}
	return out
}

func (r *reader) adminPolicyARN() string { return "arn:" + r.partition + ":" + adminPolicy }

func (r *reader) awsManaged(arn string) bool {
	return strings.HasPrefix(arn, "arn:"+r.partition+":iam::aws:policy/")
}

// attachment returns the attachment of a managed policy (policyARN) or an
// inline policy (inlineName) to a principal. It is reported on the
// principal's ARN, the thing to change; its ID also names the policy, so
// two policies of one principal stay two resources.
func (r *reader) attachment(kind, principalARN, principal, policyARN, inlineName string) model.PolicyAttachment {
	typ, policy := "aws_iam_"+kind+"_policy_attachment", policyARN
	if inlineName != "" {
		typ, policy = "aws_iam_"+kind+"_policy", "inline:"+inlineName
	}
	att := model.PolicyAttachment{Meta: r.meta(typ, principalARN, principalARN+"|"+policy, ""), PrincipalType: kind, Principal: model.Ptr(principal)}
	if policyARN != "" {
		att.PolicyARN = model.Ptr(policyARN)
	} else {
		att.PolicyName = model.Ptr(inlineName)
	}
	return att
}

// document judges a URL-encoded policy document; unknown when unreadable.
func (r *reader) document(m *model.Meta, encoded string) *bool {
	if encoded == "" {
		m.MarkUnknown("full_admin", "iam:GetAccountAuthorizationDetails returned no policy document")
		return nil
	}
	doc, err := url.PathUnescape(encoded)
	if err != nil {
		doc = encoded
	}
	full, ok := policydoc.GrantsFullAdmin(doc)
	if !ok {
		m.MarkUnknown("full_admin", "the policy document is not JSON")
		return nil
	}
	return model.Ptr(full)
}

func defaultVersion(vs []iamtypes.PolicyVersion) string {
	for _, v := range vs {
		if v.IsDefaultVersion {
			return awssdk.ToString(v.Document)
		}
	}
	return ""
}

// details is what GetAccountAuthorizationDetails returns, all pages.
type details struct {
	users    []iamtypes.UserDetail
	groups   []iamtypes.GroupDetail
	roles    []iamtypes.RoleDetail
	policies []iamtypes.ManagedPolicyDetail
}

func (r *reader) authorizationDetails(ctx context.Context, api iamAPI) (details, bool) {
	var d details
	p := iam.NewGetAccountAuthorizationDetailsPaginator(api, &iam.GetAccountAuthorizationDetailsInput{
		Filter:   []iamtypes.EntityType{iamtypes.EntityTypeUser, iamtypes.EntityTypeGroup, iamtypes.EntityTypeRole, iamtypes.EntityTypeLocalManagedPolicy},
		MaxItems: awssdk.Int32(iamPageSize),
	})
	if !listPages(ctx, r, "", "iam:GetAccountAuthorizationDetails", p.HasMorePages, p.NextPage, func(page *iam.GetAccountAuthorizationDetailsOutput) {
		d.users = append(d.users, page.UserDetailList...)
		d.groups = append(d.groups, page.GroupDetailList...)
		d.roles = append(d.roles, page.RoleDetailList...)
		d.policies = append(d.policies, page.Policies...)
	}, pathIAMAttachments, pathIAMPolicies) {
		return d, false
	}
	return d, true
}

// entity is a principal AdministratorAccess is attached to.
type entity struct{ kind, name string }

func (r *reader) adminEntities(ctx context.Context, api iamAPI) ([]entity, bool) {
	var out []entity
	p := iam.NewListEntitiesForPolicyPaginator(api, &iam.ListEntitiesForPolicyInput{
		PolicyArn:         awssdk.String(r.adminPolicyARN()),
		PolicyUsageFilter: iamtypes.PolicyUsageTypePermissionsPolicy,
		MaxItems:          awssdk.Int32(iamPageSize),
	})
	if !listPages(ctx, r, "", "iam:ListEntitiesForPolicy", p.HasMorePages, p.NextPage, func(page *iam.ListEntitiesForPolicyOutput) {
		for _, u := range page.PolicyUsers {
			out = append(out, entity{"user", awssdk.ToString(u.UserName)})
		}
		for _, g := range page.PolicyGroups {
			out = append(out, entity{"group", awssdk.ToString(g.GroupName)})
		}
		for _, ro := range page.PolicyRoles {
			out = append(out, entity{"role", awssdk.ToString(ro.RoleName)})
		}
	}, pathIAMAttachments) {
		return nil, false
	}
	slices.SortFunc(out, func(a, b entity) int { return strings.Compare(a.kind+"/"+a.name, b.kind+"/"+b.name) })
	return out, true
}
