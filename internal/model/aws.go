package model

// AWS groups Amazon Web Services resources by service.
type AWS struct {
	CloudTrail CloudTrail `json:"cloudtrail"`
	Config     AWSConfig  `json:"config"`
	EC2        EC2        `json:"ec2"`
	Logs       Logs       `json:"logs"`
	S3         S3         `json:"s3"`
	IAM        IAM        `json:"iam"`
}

// CloudTrail holds CloudTrail trails.
type CloudTrail struct {
	Trails []Trail `json:"trails"`
}

// Trail is an AWS CloudTrail trail (aws_cloudtrail). Defaults per the AWS
// provider's aws_cloudtrail documentation: is_multi_region_trail false,
// enable_log_file_validation false, enable_logging true,
// include_global_service_events true.
type Trail struct {
	Meta                       Meta    `json:"meta"`
	Name                       *string `json:"name,omitempty"`
	IsMultiRegionTrail         *bool   `json:"is_multi_region_trail,omitempty"`
	EnableLogFileValidation    *bool   `json:"enable_log_file_validation,omitempty"`
	EnableLogging              *bool   `json:"enable_logging,omitempty"`
	IncludeGlobalServiceEvents *bool   `json:"include_global_service_events,omitempty"`
	// KMSKeyID is the KMS key ARN; "" when unset.
	KMSKeyID *string `json:"kms_key_id,omitempty"`
	// CloudWatchLogsGroupARN is the log group the trail delivers to; "" when unset.
	CloudWatchLogsGroupARN *string `json:"cloud_watch_logs_group_arn,omitempty"`
	// S3BucketName is the bucket the trail writes to (a name or a placeholder identity).
	S3BucketName *string `json:"s3_bucket_name,omitempty"`
	// Bucket is the Meta.ID of the bucket in the model that S3BucketName
	// resolves to; "" when the bucket is not in the scanned code/account.
	Bucket string `json:"bucket,omitempty"`
	// LogGroup is the Meta.ID of the log group CloudWatchLogsGroupARN resolves to.
	LogGroup string `json:"log_group,omitempty"`
	// ManagementEvents says whether the trail records management read and write events
	// (live: event selectors); nil when unknown.
	ManagementEventsReadWrite *bool `json:"management_events_read_write,omitempty"`
}

// AWSConfig holds AWS Config recorders and delivery channels.
type AWSConfig struct {
	Recorders        []ConfigRecorder  `json:"recorders"`
	DeliveryChannels []DeliveryChannel `json:"delivery_channels"`
}

// ConfigRecorder is an AWS Config configuration recorder
// (aws_config_configuration_recorder, with aws_config_configuration_recorder_status merged in).
type ConfigRecorder struct {
	Meta Meta    `json:"meta"`
	Name *string `json:"name,omitempty"`
	// AllSupported is recording_group.all_supported (provider default true).
	AllSupported *bool `json:"all_supported,omitempty"`
	// IncludeGlobalResourceTypes is recording_group.include_global_resource_types (default false).
	IncludeGlobalResourceTypes *bool `json:"include_global_resource_types,omitempty"`
	// Recording is the recorder status (aws_config_configuration_recorder_status.is_enabled);
	// nil when no status resource/API answer says.
	Recording *bool `json:"recording,omitempty"`
	// DeliveryChannels lists Meta.IDs of delivery channels in the same region/module.
	DeliveryChannels []string `json:"delivery_channels"`
}

// DeliveryChannel is an AWS Config delivery channel (aws_config_delivery_channel).
type DeliveryChannel struct {
	Meta         Meta    `json:"meta"`
	Name         *string `json:"name,omitempty"`
	S3BucketName *string `json:"s3_bucket_name,omitempty"`
}

// EC2 holds networking resources.
type EC2 struct {
	VPCs           []VPC           `json:"vpcs"`
	SecurityGroups []SecurityGroup `json:"security_groups"`
	// SecurityGroupRules holds standalone rules whose group is not in the scan
	// (code scope); rules whose group is known are merged into its Rules.
	SecurityGroupRules []SecurityGroupRule `json:"security_group_rules"`
	FlowLogs           []FlowLog           `json:"flow_logs"`
	NetworkACLs        []NetworkACL        `json:"network_acls"`
	// NetworkACLRules holds standalone NACL rules whose ACL is not in the scan.
	NetworkACLRules []NetworkACLRule `json:"network_acl_rules"`
}

// VPC is a virtual network (aws_vpc, aws_default_vpc, alicloud_vpc).
type VPC struct {
	Meta      Meta    `json:"meta"`
	CIDRBlock *string `json:"cidr_block,omitempty"`
	IsDefault bool    `json:"is_default"`
	// FlowLogs lists the Meta.IDs of flow logs that target this VPC (resolved
	// by the adapter through references or literal IDs). When some flow log's
	// target could not be resolved and none is known to target this VPC,
	// Meta.Unknown contains "flow_logs".
	FlowLogs []string `json:"flow_logs"`
}

// FlowLog is a VPC flow log (aws_flow_log).
type FlowLog struct {
	Meta Meta `json:"meta"`
	// ResourceType is what the flow log is attached to: "VPC", "Subnet",
	// "NetworkInterface", "TransitGateway", ...
	ResourceType *string `json:"resource_type,omitempty"`
	// ResourceID is the identity of the attached resource (vpc_id etc.).
	ResourceID         *string `json:"resource_id,omitempty"`
	TrafficType        *string `json:"traffic_type,omitempty"`
	LogDestinationType *string `json:"log_destination_type,omitempty"`
	LogDestination     *string `json:"log_destination,omitempty"`
	// Status is "Active" or "Inactive" (Alibaba; AWS flow logs are always Active).
	Status *string `json:"status,omitempty"`
}

// SecurityGroup is a security group with every rule that applies to it,
// whatever Terraform form declared the rule.
type SecurityGroup struct {
	Meta      Meta                `json:"meta"`
	Name      *string             `json:"name,omitempty"`
	VPCID     *string             `json:"vpc_id,omitempty"`
	IsDefault bool                `json:"is_default"`
	Rules     []SecurityGroupRule `json:"rules"`
}

// SecurityGroupRule is one ingress or egress rule.
//
// Meta locates the code that must change: for an inline or dynamic block the
// group's resource with the block's lines; for a standalone rule resource
// (aws_security_group_rule, aws_vpc_security_group_ingress_rule,
// alicloud_security_group_rule) that resource itself.
type SecurityGroupRule struct {
	Meta Meta `json:"meta"`
	// Label names the rule in messages: "ingress[1]", "ingress[0] (dynamic)",
	// or the standalone resource's address.
	Label string `json:"label"`
	// Group is the Meta.ID of the group the rule belongs to ("" if unresolved).
	Group string `json:"group,omitempty"`
	// Direction is "ingress" or "egress".
	Direction *string `json:"direction,omitempty"`
	// Protocol as written, lower-cased: "tcp", "udp", "icmp", "6", "-1", "all", ...
	Protocol *string `json:"protocol,omitempty"`
	// FromPort and ToPort (AWS). Nil when unknown.
	FromPort *int `json:"from_port,omitempty"`
	ToPort   *int `json:"to_port,omitempty"`
	// PortRange is Alibaba's "from/to" string ("22/22", "-1/-1").
	PortRange *string `json:"port_range,omitempty"`
	// CIDRBlocks are IPv4 sources (AWS cidr_blocks / cidr_ipv4, Alibaba cidr_ip).
	// Known elements are listed even when others are unknown ("cidr_blocks" in Meta.Unknown).
	CIDRBlocks []string `json:"cidr_blocks"`
	// IPv6CIDRBlocks are IPv6 sources (ipv6_cidr_blocks / cidr_ipv6 / ipv6_cidr_ip).
	IPv6CIDRBlocks []string `json:"ipv6_cidr_blocks"`
	// PrefixListIDs and SourceSecurityGroups are non-CIDR sources.
	PrefixListIDs        []string `json:"prefix_list_ids"`
	SourceSecurityGroups []string `json:"source_security_groups"`
	Self                 *bool    `json:"self,omitempty"`
	// Policy is Alibaba's "accept" or "drop" (default accept); nil for AWS.
	Policy *string `json:"policy,omitempty"`
	// Priority is Alibaba's rule priority (1 highest; default 1).
	Priority *int `json:"priority,omitempty"`
}

// NetworkACL is a network ACL (aws_network_acl, aws_default_network_acl) with its rules.
type NetworkACL struct {
	Meta      Meta             `json:"meta"`
	VPCID     *string          `json:"vpc_id,omitempty"`
	IsDefault bool             `json:"is_default"`
	Rules     []NetworkACLRule `json:"rules"`
}

// NetworkACLRule is one NACL entry (inline ingress/egress or aws_network_acl_rule).
type NetworkACLRule struct {
	Meta          Meta    `json:"meta"`
	Label         string  `json:"label"`
	ACL           string  `json:"acl,omitempty"`
	Egress        *bool   `json:"egress,omitempty"`
	RuleNumber    *int    `json:"rule_number,omitempty"`
	Protocol      *string `json:"protocol,omitempty"`
	RuleAction    *string `json:"rule_action,omitempty"`
	CIDRBlock     *string `json:"cidr_block,omitempty"`
	IPv6CIDRBlock *string `json:"ipv6_cidr_block,omitempty"`
	FromPort      *int    `json:"from_port,omitempty"`
	ToPort        *int    `json:"to_port,omitempty"`
}

// Logs holds CloudWatch Logs log groups.
type Logs struct {
	LogGroups []LogGroup `json:"log_groups"`
}

// LogGroup is a CloudWatch Logs log group (aws_cloudwatch_log_group).
type LogGroup struct {
	Meta Meta    `json:"meta"`
	Name *string `json:"name,omitempty"`
	// RetentionInDays; 0 means never expire (the provider default when unset).
	RetentionInDays *int `json:"retention_in_days,omitempty"`
	// FedBy lists what writes to the group ("cloudtrail", "vpc_flow_log", ...)
	// with the address/ARN of the feeder, resolved by the adapter.
	FedBy []Feeder `json:"fed_by"`
	// Tier is the retention tier derived from FedBy: audit, access, network or default.
	Tier string `json:"tier"`
}

// Feeder names a resource that writes logs into a log group, bucket or logstore.
type Feeder struct {
	// Kind is what feeds: "cloudtrail", "config", "vpc_flow_log", "access_logs", "actiontrail".
	Kind string `json:"kind"`
	// Resource is the feeder's address or ARN.
	Resource string `json:"resource"`
}

// S3 holds buckets and public access blocks.
type S3 struct {
	Buckets []Bucket `json:"buckets"`
	// PublicAccessBlocks holds aws_s3_bucket_public_access_block resources
	// (also those whose bucket is not in the scan).
	PublicAccessBlocks []PublicAccessBlock `json:"public_access_blocks"`
	// AccountPublicAccessBlock is the account-level block, nil when absent/unknown.
	AccountPublicAccessBlock *PublicAccessBlock `json:"account_public_access_block,omitempty"`
}

// Bucket is an S3 bucket with its logging, lifecycle and public-access settings merged in.
type Bucket struct {
	Meta Meta    `json:"meta"`
	Name *string `json:"name,omitempty"`
	// Logging says whether server access logging is enabled; TargetBucket where it goes.
	Logging      *bool   `json:"logging,omitempty"`
	TargetBucket *string `json:"target_bucket,omitempty"`
	// PublicAccessBlock is the Meta.ID of the block that applies ("" when none).
	PublicAccessBlock string `json:"public_access_block,omitempty"`
	// ACL is the canned ACL ("private", "public-read", ...).
	ACL *string `json:"acl,omitempty"`
	// PolicyIsPublic says whether the bucket policy grants public access.
	PolicyIsPublic *bool `json:"policy_is_public,omitempty"`
	// ExpirationDays is the shortest lifecycle expiration of current objects
	// (0 = never expires); LifecycleMeta locates the lifecycle configuration.
	ExpirationDays *int  `json:"expiration_days,omitempty"`
	LifecycleMeta  *Meta `json:"lifecycle_meta,omitempty"`
	// Receives lists what delivers logs into the bucket.
	Receives []Feeder `json:"receives"`
	Tier     string   `json:"tier"`
}

// PublicAccessBlock is an S3 public access block (bucket or account level).
type PublicAccessBlock struct {
	Meta                  Meta    `json:"meta"`
	Bucket                *string `json:"bucket,omitempty"`
	BlockPublicACLs       *bool   `json:"block_public_acls,omitempty"`
	BlockPublicPolicy     *bool   `json:"block_public_policy,omitempty"`
	IgnorePublicACLs      *bool   `json:"ignore_public_acls,omitempty"`
	RestrictPublicBuckets *bool   `json:"restrict_public_buckets,omitempty"`
}

// IAM holds policy attachments to principals.
type IAM struct {
	PolicyAttachments []PolicyAttachment `json:"policy_attachments"`
	// Policies holds customer-managed and inline policy documents, with
	// whether they grant "*" on "*".
	Policies []IAMPolicy `json:"policies"`
}

// PolicyAttachment attaches a managed policy to a user, group or role (AWS or RAM).
type PolicyAttachment struct {
	Meta Meta `json:"meta"`
	// PrincipalType is "user", "group" or "role".
	PrincipalType string  `json:"principal_type"`
	Principal     *string `json:"principal,omitempty"`
	// PolicyARN (AWS) or PolicyName (Alibaba) of the attached policy.
	PolicyARN  *string `json:"policy_arn,omitempty"`
	PolicyName *string `json:"policy_name,omitempty"`
	// PolicyType is Alibaba's "System" or "Custom".
	PolicyType *string `json:"policy_type,omitempty"`
	// FullAdmin is true when the attached policy document allows "*" on "*".
	FullAdmin *bool `json:"full_admin,omitempty"`
}

// IAMPolicy is a policy document and whether it allows every action on every resource.
type IAMPolicy struct {
	Meta      Meta    `json:"meta"`
	Name      *string `json:"name,omitempty"`
	FullAdmin *bool   `json:"full_admin,omitempty"`
	// Attached says whether the policy is attached to any principal.
	Attached *bool `json:"attached,omitempty"`
}
