package aws

import (
	"context"
	"net/url"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

type fakeIAM struct {
	admins    *iam.ListEntitiesForPolicyOutput
	adminsErr error
	details   *iam.GetAccountAuthorizationDetailsOutput
	detErr    error
	usage     iamtypes.PolicyUsageType
}

func (f *fakeIAM) ListEntitiesForPolicy(_ context.Context, in *iam.ListEntitiesForPolicyInput, _ ...func(*iam.Options)) (*iam.ListEntitiesForPolicyOutput, error) {
	f.usage = in.PolicyUsageFilter
	return f.admins, f.adminsErr
}

func (f *fakeIAM) GetAccountAuthorizationDetails(context.Context, *iam.GetAccountAuthorizationDetailsInput, ...func(*iam.Options)) (*iam.GetAccountAuthorizationDetailsOutput, error) {
	return f.details, f.detErr
}

var _ iamAPI = (*fakeIAM)(nil)

func enc(doc string) *string {
	return awssdk.String(strings.ReplaceAll(url.QueryEscape(doc), "+", "%20"))
}

func TestIAM(t *testing.T) {
	const star = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	const narrow = `{"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}`
	custom := "arn:aws:iam::111122223333:policy/everything"
	details := &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList: []iamtypes.UserDetail{{UserName: awssdk.String("alice"), Arn: awssdk.String("arn:aws:iam::111122223333:user/people/alice"),
			AttachedManagedPolicies: []iamtypes.AttachedPolicy{{PolicyArn: awssdk.String("arn:aws:iam::aws:policy/AdministratorAccess")}}}},
		GroupDetailList: []iamtypes.GroupDetail{{GroupName: awssdk.String("ops"), Arn: awssdk.String("arn:aws:iam::111122223333:group/ops"),
			GroupPolicyList: []iamtypes.PolicyDetail{{PolicyName: awssdk.String("all"), PolicyDocument: enc(star)}, {PolicyName: awssdk.String("bad"), PolicyDocument: enc("{")}}}},
		RoleDetailList: []iamtypes.RoleDetail{{RoleName: awssdk.String("deploy"), Arn: awssdk.String("arn:aws:iam::111122223333:role/deploy"),
			AttachedManagedPolicies: []iamtypes.AttachedPolicy{{PolicyArn: awssdk.String(custom), PolicyName: awssdk.String("everything")},
				{PolicyArn: awssdk.String("arn:aws:iam::aws:policy/ReadOnlyAccess")}, {PolicyArn: awssdk.String("arn:aws:iam::222233334444:policy/shared")}},
			RolePolicyList: []iamtypes.PolicyDetail{{PolicyName: awssdk.String("narrow"), PolicyDocument: enc(narrow)}}}},
		Policies: []iamtypes.ManagedPolicyDetail{{Arn: awssdk.String(custom), PolicyName: awssdk.String("everything"), AttachmentCount: awssdk.Int32(1),
			PolicyVersionList: []iamtypes.PolicyVersion{{Document: enc(narrow)}, {Document: enc(star), IsDefaultVersion: true}}}},
	}
	admins := &iam.ListEntitiesForPolicyOutput{PolicyUsers: []iamtypes.PolicyUser{{UserName: awssdk.String("alice")}}, PolicyRoles: []iamtypes.PolicyRole{{RoleName: awssdk.String("gone")}}}
	t.Run("attachments", func(t *testing.T) {
		r := testReader()
		f := &fakeIAM{admins: admins, details: details}
		got := r.iam(context.Background(), f)
		equal(t, "usage filter", f.usage, iamtypes.PolicyUsageTypePermissionsPolicy)
		want := map[string]struct {
			typ, arn, admin string
		}{
			"arn:aws:iam::111122223333:user/people/alice|arn:aws:iam::aws:policy/AdministratorAccess": {"aws_iam_user_policy_attachment", "arn:aws:iam::111122223333:user/people/alice", "true"},
			"arn:aws:iam::111122223333:role/gone|arn:aws:iam::aws:policy/AdministratorAccess":         {"aws_iam_role_policy_attachment", "arn:aws:iam::111122223333:role/gone", "true"},
			"arn:aws:iam::111122223333:group/ops|inline:all":                                          {"aws_iam_group_policy", "arn:aws:iam::111122223333:group/ops", "true"},
			"arn:aws:iam::111122223333:group/ops|inline:bad":                                          {"aws_iam_group_policy", "arn:aws:iam::111122223333:group/ops", "unknown"},
			"arn:aws:iam::111122223333:role/deploy|" + custom:                                         {"aws_iam_role_policy_attachment", "arn:aws:iam::111122223333:role/deploy", "true"},
			"arn:aws:iam::111122223333:role/deploy|arn:aws:iam::aws:policy/ReadOnlyAccess":            {"aws_iam_role_policy_attachment", "arn:aws:iam::111122223333:role/deploy", "false"},
			"arn:aws:iam::111122223333:role/deploy|arn:aws:iam::222233334444:policy/shared":           {"aws_iam_role_policy_attachment", "arn:aws:iam::111122223333:role/deploy", "unknown"},
			"arn:aws:iam::111122223333:role/deploy|inline:narrow":                                     {"aws_iam_role_policy", "arn:aws:iam::111122223333:role/deploy", "false"},
		}
		if len(got.PolicyAttachments) != len(want) {
			t.Errorf("%d attachments, want %d", len(got.PolicyAttachments), len(want))
		}
		for _, att := range got.PolicyAttachments {
			w, ok := want[att.Meta.ID]
			if !ok {
				t.Errorf("unexpected attachment %s", att.Meta.ID)
				continue
			}
			admin := "unknown"
			if att.FullAdmin != nil {
				admin = map[bool]string{true: "true", false: "false"}[*att.FullAdmin]
			} else if !att.Meta.IsUnknown("full_admin") {
				t.Errorf("%s: full_admin neither set nor unknown", att.Meta.ID)
			}
			equal(t, att.Meta.ID+" type", att.Meta.Type, w.typ)
			equal(t, att.Meta.ID+" arn", att.Meta.ARN, w.arn)
			equal(t, att.Meta.ID+" full_admin", admin, w.admin)
		}
		if len(got.Policies) != 1 || got.Policies[0].FullAdmin == nil || !*got.Policies[0].FullAdmin || !*got.Policies[0].Attached {
			t.Errorf("policies = %+v, want everything: full admin (default version), attached", got.Policies)
		}
		equalSlice(t, "gaps", gapPaths(r), nil)
	})
	for _, tt := range []struct {
		name string
		f    fakeIAM
		gaps []string
	}{
		{"details denied", fakeIAM{admins: admins, detErr: denied}, []string{" aws.iam.policies", " aws.iam.policy_attachments"}},
		{"entities denied", fakeIAM{adminsErr: denied, details: details}, []string{" aws.iam.policy_attachments"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := testReader()
			got := r.iam(context.Background(), &tt.f)
			equal(t, "attachments", len(got.PolicyAttachments), 0)
			equalSlice(t, "gaps", gapPaths(r), tt.gaps)
		})
	}
}

func TestDocument(t *testing.T) {
	tests := []struct {
		name, doc string
		want      any
	}{
		{"encoded star", *enc(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`), true},
		{"a plus sign stays", *enc(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Sid":"a+b"}]}`), true},
		{"plain JSON", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, false},
		{"empty", "", "nil"},
		{"not JSON", "%7B", "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r reader
			m := testReader().meta("aws_iam_policy", "a", "a", "")
			equal(t, "full admin", ptrText(r.document(&m, tt.doc)), tt.want)
			equal(t, "unknown", m.IsUnknown("full_admin"), tt.want == "nil")
		})
	}
}
