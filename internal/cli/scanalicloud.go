package cli

import (
	"context"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/scanners/alicloud"
)

var _ scan.Collector = (*alicloud.Collector)(nil)

// alicloudSpec describes `kansa scan alicloud`.
func (e *env) alicloudSpec() liveSpec {
	var site string
	return liveSpec{
		cloud: "alicloud",
		short: "Scan a live Alibaba Cloud account (read-only API calls)",
		long: `Read a live Alibaba Cloud account with read-only API calls (Describe, Get,
List) and judge it with every Alibaba Cloud check, account-scope checks
included: ActionTrail trails and their OSS bucket, Cloud Config, VPC flow
logs, ECS security groups, Log Service retention, RAM AdministratorAccess,
and the log analysis of Security Center, Cloud Firewall and WAF.

Credentials come the way the Alibaba Cloud SDKs find them: the
ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (and _SECURITY_TOKEN) environment
variables, OIDC (ALIBABA_CLOUD_ROLE_ARN, _OIDC_PROVIDER_ARN,
_OIDC_TOKEN_FILE), the Alibaba Cloud CLI configuration (~/.aliyun/config.json:
AK, StsToken, RamRoleArn, EcsRamRole profiles; --profile picks one), the
credentials file, or the ECS instance's RAM role. The RAM policy kansa needs
is in docs/live-alicloud.md.

Every region the account can use is read, --parallel at a time, unless
--regions names some. A call that fails (access denied, throttled past the
retries, timed out) does not pass anything: the checks it feeds are
reported with status "error" for that region, and the exit status is 2.
--site picks the endpoints of Cloud Config, Security Center and Cloud
Firewall, which differ between the China site (aliyun.com accounts) and
the international site (alibabacloud.com accounts).`,
		example: `  # The environment's AccessKey or RAM role, every region
  kansa scan alicloud --sarif kansa-alicloud.sarif

  # An Alibaba Cloud CLI profile, two regions, an international account
  kansa scan alicloud --profile audit --regions cn-hangzhou,ap-northeast-1 --site international

  # Nightly in CI: fail on high and above, summary for the job page
  kansa scan alicloud --fail-on high --format markdown --junit kansa-alicloud.xml`,
		regionsDefault: "all",
		extraFlags: func(cmd *cobra.Command) {
			cmd.Flags().StringVar(&site, "site", string(alicloud.SiteChina),
				"`SITE` of the account: china (aliyun.com) or international (alibabacloud.com); picks the Cloud Config, Security Center and Cloud Firewall endpoints")
		},
		connect: func(_ context.Context, f *liveFlags, log *slog.Logger, progress func(done, total int, unit string)) (scan.Collector, error) {
			return alicloud.New(alicloud.Options{
				Profile:     f.profile,
				Regions:     f.regions,
				EndpointURL: f.endpointURL,
				Site:        alicloud.Site(site),
				CallTimeout: f.callTimeout,
				Parallel:    f.parallel,
				Logger:      log,
				Progress:    progress,
			})
		},
	}
}
