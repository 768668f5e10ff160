package aws_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kansa-sec/kansa/internal/awsemu"
	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/policies/engine"
	awsscan "github.com/kansa-sec/kansa/scanners/aws"
)

// benchRegions are the 17 regions every account has enabled by default.
var benchRegions = []string{
	"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	"ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
	"us-east-1", "us-east-2", "us-west-1", "us-west-2",
}

// large is an account with groups security groups (three rules each, one
// in ten open to SSH), a VPC with a flow log, a NACL and log groups in
// every region, a multi-region trail and 50 buckets.
func large(groups, pageSize int) *awsemu.Scenario {
	sc := &awsemu.Scenario{
		Account: "111122223333", Caller: "arn:aws:iam::111122223333:user/bench", Regions: benchRegions, PageSize: pageSize,
		Trails:   []awsemu.Trail{{Name: "main", HomeRegion: "us-east-1", MultiRegion: true, Bucket: "bucket-0", Logging: true, LogFileValidation: true}},
		Regional: map[string]*awsemu.Region{},
		IAM:      awsemu.IAM{Roles: []awsemu.Principal{{Name: "admin", Managed: []string{"arn:aws:iam::aws:policy/AdministratorAccess"}}}},
	}
	for i, region := range benchRegions {
		r := &awsemu.Region{
			Recorders: []awsemu.Recorder{{Name: "default", AllSupported: true, IncludeGlobal: i == 0, Recording: true}},
			Channels:  []awsemu.Channel{{Name: "default", Bucket: "bucket-1"}},
			VPCs:      []awsemu.VPC{{ID: fmt.Sprintf("vpc-%02d", i), CIDR: "10.0.0.0/16", Default: true}},
			FlowLogs:  []awsemu.FlowLog{{ID: fmt.Sprintf("fl-%02d", i), Resource: fmt.Sprintf("vpc-%02d", i), LogGroupName: "flows"}},
			NetworkACLs: []awsemu.NetworkACL{{ID: fmt.Sprintf("acl-%02d", i), VPC: fmt.Sprintf("vpc-%02d", i), Default: true, Entries: []awsemu.Entry{
				{Rule: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}, {Rule: 32767, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"}}}},
			LogGroups: []awsemu.LogGroup{{Name: "flows", Retention: awsemu.Int(30)}, {Name: "app"}},
		}
		for g := 0; g < groups; g++ {
			cidr := "10.0.0.0/8"
			if g%10 == 0 {
				cidr = "0.0.0.0/0"
			}
			r.SecurityGroups = append(r.SecurityGroups, awsemu.SecurityGroup{
				ID: fmt.Sprintf("sg-%02d%04d", i, g), Name: fmt.Sprintf("group-%d", g), VPC: fmt.Sprintf("vpc-%02d", i),
				Ingress: []awsemu.Permission{
					{Protocol: "tcp", From: awsemu.Int(22), To: awsemu.Int(22), CIDRs: []string{cidr}},
					{Protocol: "tcp", From: awsemu.Int(443), To: awsemu.Int(443), CIDRs: []string{"0.0.0.0/0"}, IPv6: []string{"::/0"}},
				},
				Egress: []awsemu.Permission{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}},
			})
		}
		sc.Regional[region] = r
	}
	for b := 0; b < 50; b++ {
		sc.Buckets = append(sc.Buckets, awsemu.Bucket{Name: fmt.Sprintf("bucket-%d", b), Region: benchRegions[b%len(benchRegions)],
			Block: &awsemu.Block{BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}})
	}
	return sc
}

func benchCollector(b *testing.B, sc *awsemu.Scenario) *awsscan.Collector {
	b.Helper()
	awsemu.Isolate(b)
	emu := awsemu.Start(sc)
	b.Cleanup(emu.Close)
	c, err := awsscan.New(context.Background(), awsscan.Options{EndpointURL: emu.URL, Parallel: 4, RetryMode: awsscan.RetryStandard, MaxBackoff: time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkCollect reads 17 regions x 200 security groups (pages of 100).
func BenchmarkCollect(b *testing.B) {
	c := benchCollector(b, large(200, 100))
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := c.Collect(context.Background())
		if err != nil || len(s.AWS.EC2.SecurityGroups) != 17*200 || len(s.Gaps) != 0 {
			b.Fatalf("collect: %v, %d groups, gaps %v", err, len(s.AWS.EC2.SecurityGroups), s.Gaps)
		}
	}
}

// BenchmarkLiveScan reads and judges the same account with every check.
func BenchmarkLiveScan(b *testing.B) {
	c := benchCollector(b, large(200, 100))
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Live(context.Background(), eng, c, scan.Options{})
		if err != nil || len(res.Report.Findings) == 0 {
			b.Fatalf("scan: %v", err)
		}
	}
}
