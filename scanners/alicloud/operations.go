package alicloud

import "slices"

// Site is the Alibaba Cloud site an account belongs to. It picks the
// endpoints of the services that have one per site rather than one per
// region: Cloud Config, Security Center and Cloud Firewall.
type Site string

// The sites.
const (
	// SiteChina is an account of the China site (aliyun.com).
	SiteChina Site = "china"
	// SiteInternational is an account of the international site (alibabacloud.com).
	SiteInternational Site = "international"
)

// product is an RPC-style Alibaba Cloud API: its short name (the prefix of
// operation names in gaps and logs), its API version and where it answers.
type product struct {
	name    string
	version string
	// host returns the endpoint host name for region ("" for a global
	// call) on site.
	host func(region string, site Site) string
}

// regional is a product with one endpoint per region, and a central one
// for calls that name no region.
func regional(prefix string) func(string, Site) string {
	return func(region string, _ Site) string {
		if region == "" {
			return prefix + ".aliyuncs.com"
		}
		return prefix + "." + region + ".aliyuncs.com"
	}
}

func central(host string) func(string, Site) string {
	return func(string, Site) string { return host }
}

func bySite(china, international string) func(string, Site) string {
	return func(_ string, s Site) string {
		if s == SiteInternational {
			return international
		}
		return china
	}
}

// The RPC-style products kansa calls, with their API versions.
var (
	productSTS         = &product{"sts", "2015-04-01", central("sts.aliyuncs.com")}
	productECS         = &product{"ecs", "2014-05-26", regional("ecs")}
	productVPC         = &product{"vpc", "2016-04-28", regional("vpc")}
	productActionTrail = &product{"actiontrail", "2020-07-06", regional("actiontrail")}
	productConfig      = &product{"config", "2020-09-07", bySite("config.cn-shanghai.aliyuncs.com", "config.ap-southeast-1.aliyuncs.com")}
	productRAM         = &product{"ram", "2015-05-01", central("ram.aliyuncs.com")}
	productSAS         = &product{"sas", "2018-12-03", bySite("tds.aliyuncs.com", "tds.ap-southeast-1.aliyuncs.com")}
	productCloudFW     = &product{"cloudfw", "2017-12-07", bySite("cloudfw.aliyuncs.com", "cloudfw.ap-southeast-1.aliyuncs.com")}
	// WAF answers per location of the instance: cn-hangzhou for the
	// Chinese mainland, ap-southeast-1 for everywhere else.
	productWAF  = &product{"waf", "2021-10-01", regional("wafopenapi")}
	productWAF2 = &product{"waf", "2019-09-10", regional("wafopenapi")}
)

// rpcOp is one RPC-style operation.
type rpcOp struct {
	product *product
	action  string
}

// String names the operation as gaps and logs do: "ecs:DescribeSecurityGroups".
func (o rpcOp) String() string { return o.product.name + ":" + o.action }

// The RPC-style operations kansa calls; every one is a read.
var (
	opGetCallerIdentity              = rpcOp{productSTS, "GetCallerIdentity"}
	opDescribeRegions                = rpcOp{productECS, "DescribeRegions"}
	opDescribeSecurityGroups         = rpcOp{productECS, "DescribeSecurityGroups"}
	opDescribeSecurityGroupAttribute = rpcOp{productECS, "DescribeSecurityGroupAttribute"}
	opDescribeVpcs                   = rpcOp{productVPC, "DescribeVpcs"}
	opDescribeFlowLogs               = rpcOp{productVPC, "DescribeFlowLogs"}
	opDescribeTrails                 = rpcOp{productActionTrail, "DescribeTrails"}
	opGetTrailStatus                 = rpcOp{productActionTrail, "GetTrailStatus"}
	opGetConfigurationRecorder       = rpcOp{productConfig, "GetConfigurationRecorder"}
	opListEntitiesForPolicy          = rpcOp{productRAM, "ListEntitiesForPolicy"}
	opDescribeLogMeta                = rpcOp{productSAS, "DescribeLogMeta"}
	opDescribeUserBuyVersion         = rpcOp{productCloudFW, "DescribeUserBuyVersion"}
	opDescribeWAFInstance            = rpcOp{productWAF, "DescribeInstance"}
	opDescribeWAFSlsLogStoreStatus   = rpcOp{productWAF, "DescribeSlsLogStoreStatus"}
	opDescribeWAF2InstanceInfo       = rpcOp{productWAF2, "DescribeInstanceInfo"}
	opListProject                    = slsOp("ListProject")
	opListLogStores                  = slsOp("ListLogStores")
	opGetLogStore                    = slsOp("GetLogStore")
	opGetBucketACL                   = ossOp("GetBucketAcl")
	opGetBucketLocation              = ossOp("GetBucketLocation")
)

// slsOp is a Log Service (ROA) operation.
type slsOp string

func (o slsOp) String() string { return "sls:" + string(o) }

// ossOp is an OSS operation.
type ossOp string

func (o ossOp) String() string { return "oss:" + string(o) }

// Operation is one API operation the scanner may call.
type Operation struct {
	// Name is how gaps, logs and the emulator name it: "ecs:DescribeVpcs".
	Name string
	// RAMAction is the RAM policy action that allows it
	// ("vpc:DescribeVpcs", "log:ListLogStores", "yundun-waf:DescribeInstance");
	// "" when the operation needs no permission (sts:GetCallerIdentity).
	RAMAction string
}

// Operations lists every operation the scanner may call, sorted by name:
// the read-only allow-list, and what the least-privilege RAM policy of
// docs/live-alicloud.md grants.
func Operations() []Operation {
	ops := []Operation{
		{opGetCallerIdentity.String(), ""},
		{opDescribeRegions.String(), "ecs:DescribeRegions"},
		{opDescribeSecurityGroups.String(), "ecs:DescribeSecurityGroups"},
		{opDescribeSecurityGroupAttribute.String(), "ecs:DescribeSecurityGroupAttribute"},
		{opDescribeVpcs.String(), "vpc:DescribeVpcs"},
		{opDescribeFlowLogs.String(), "vpc:DescribeFlowLogs"},
		{opDescribeTrails.String(), "actiontrail:DescribeTrails"},
		{opGetTrailStatus.String(), "actiontrail:GetTrailStatus"},
		{opGetConfigurationRecorder.String(), "config:GetConfigurationRecorder"},
		{opListEntitiesForPolicy.String(), "ram:ListEntitiesForPolicy"},
		{opDescribeLogMeta.String(), "yundun-sas:DescribeLogMeta"},
		{opDescribeUserBuyVersion.String(), "yundun-cloudfirewall:DescribeUserBuyVersion"},
		{opDescribeWAFInstance.String(), "yundun-waf:DescribeInstance"},
		{opDescribeWAFSlsLogStoreStatus.String(), "yundun-waf:DescribeSlsLogStoreStatus"},
		{opDescribeWAF2InstanceInfo.String(), "yundun-waf:DescribeInstanceInfo"},
		{opListProject.String(), "log:ListProject"},
		{opListLogStores.String(), "log:ListLogStores"},
		{opGetLogStore.String(), "log:GetLogStore"},
		{opGetBucketACL.String(), "oss:GetBucketAcl"},
		{opGetBucketLocation.String(), "oss:GetBucketLocation"},
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return ops
}
