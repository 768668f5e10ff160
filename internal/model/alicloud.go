package model

// Alicloud groups Alibaba Cloud resources by service.
type Alicloud struct {
	ActionTrail ActionTrail    `json:"actiontrail"`
	Config      AlicloudConfig `json:"config"`
	VPC         AlicloudVPC    `json:"vpc"`
	ECS         ECS            `json:"ecs"`
	SLS         SLS            `json:"sls"`
	OSS         OSS            `json:"oss"`
	RAM         RAM            `json:"ram"`
	// SecurityCenterLogAnalysis says whether Security Center delivers logs to
	// SLS; nil when unknown (code scans).
	SecurityCenterLogAnalysis *bool `json:"security_center_log_analysis,omitempty"`
	// CloudFirewallLogAnalysis says whether Cloud Firewall log analysis
	// delivers to SLS; nil when unknown (code scans: Terraform cannot show it).
	CloudFirewallLogAnalysis *bool `json:"cloudfirewall_log_analysis,omitempty"`
	// WAFInstance says whether the account has a WAF instance; nil when
	// unknown (code scans).
	WAFInstance *bool `json:"waf_instance,omitempty"`
	// WAFLogAnalysis says whether WAF log analysis is enabled; nil when
	// unknown (code scans) or when there is no WAF instance.
	WAFLogAnalysis *bool `json:"waf_log_analysis,omitempty"`
}

// ActionTrail holds ActionTrail trails.
type ActionTrail struct {
	Trails []ActionTrailTrail `json:"trails"`
}

// ActionTrailTrail is an ActionTrail trail (alicloud_actiontrail_trail).
// Defaults per alicloud provider >= 1.256: trail_region "All", event_rw "All",
// status "Enable".
type ActionTrailTrail struct {
	Meta          Meta    `json:"meta"`
	Name          *string `json:"name,omitempty"`
	TrailRegion   *string `json:"trail_region,omitempty"`
	EventRW       *string `json:"event_rw,omitempty"`
	Status        *string `json:"status,omitempty"`
	SLSProjectARN *string `json:"sls_project_arn,omitempty"`
	OSSBucketName *string `json:"oss_bucket_name,omitempty"`
	// Bucket is the Meta.ID of the OSS bucket in the model ("" when not in the scan).
	Bucket string `json:"bucket,omitempty"`
}

// AlicloudConfig holds Cloud Config recorders.
type AlicloudConfig struct {
	Recorders []AlicloudConfigRecorder `json:"recorders"`
}

// AlicloudConfigRecorder is a Cloud Config recorder (alicloud_config_configuration_recorder).
type AlicloudConfigRecorder struct {
	Meta Meta `json:"meta"`
	// Recording is true when the recorder is on (its existence in Terraform).
	Recording *bool `json:"recording,omitempty"`
}

// AlicloudVPC holds VPCs and flow logs.
type AlicloudVPC struct {
	VPCs     []VPC     `json:"vpcs"`
	FlowLogs []FlowLog `json:"flow_logs"`
}

// ECS holds security groups.
type ECS struct {
	SecurityGroups []SecurityGroup `json:"security_groups"`
	// SecurityGroupRules holds rules whose group is not in the scan.
	SecurityGroupRules []SecurityGroupRule `json:"security_group_rules"`
}

// SLS holds Log Service projects and logstores.
type SLS struct {
	Projects  []LogProject `json:"projects"`
	Logstores []Logstore   `json:"logstores"`
}

// LogProject is an SLS project (alicloud_log_project).
type LogProject struct {
	Meta Meta    `json:"meta"`
	Name *string `json:"name,omitempty"`
}

// Logstore is an SLS logstore (alicloud_log_store).
type Logstore struct {
	Meta    Meta    `json:"meta"`
	Project *string `json:"project,omitempty"`
	Name    *string `json:"name,omitempty"`
	// RetentionPeriod in days (provider default 30; 3650 = permanent).
	RetentionPeriod *int     `json:"retention_period,omitempty"`
	HotTTL          *int     `json:"hot_ttl,omitempty"`
	FedBy           []Feeder `json:"fed_by"`
	Tier            string   `json:"tier"`
}

// OSS holds OSS buckets.
type OSS struct {
	Buckets []OSSBucket `json:"buckets"`
}

// OSSBucket is an OSS bucket (alicloud_oss_bucket, alicloud_oss_bucket_acl merged in).
type OSSBucket struct {
	Meta Meta    `json:"meta"`
	Name *string `json:"name,omitempty"`
	// ACL is "private", "public-read" or "public-read-write" (default private).
	ACL *string `json:"acl,omitempty"`
	// ACLMeta locates a standalone alicloud_oss_bucket_acl when one sets the ACL.
	ACLMeta *Meta `json:"acl_meta,omitempty"`
}

// RAM holds policy attachments.
type RAM struct {
	PolicyAttachments []PolicyAttachment `json:"policy_attachments"`
}
