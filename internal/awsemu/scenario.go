package awsemu

import (
	"encoding/json"
	"fmt"
	"os"
)

// Scenario is one AWS account as the emulator serves it.
type Scenario struct {
	// Account is the 12-digit account ID; Partition defaults to "aws".
	Account   string `json:"account"`
	Partition string `json:"partition,omitempty"`
	// Caller is the ARN sts:GetCallerIdentity answers with.
	Caller string `json:"caller"`
	// Regions are the regions the account has enabled (ec2:DescribeRegions).
	Regions []string `json:"regions"`
	// PageSize bounds every list page (default 2, so paginators run).
	PageSize int `json:"page_size,omitempty"`
	// Trails are the account's trails (and organization trails it sees).
	Trails []Trail `json:"trails,omitempty"`
	// Regional holds the regional resources by region.
	Regional map[string]*Region `json:"regional,omitempty"`
	// Buckets are the account's S3 buckets.
	Buckets []Bucket `json:"buckets,omitempty"`
	// AccountBlock is the account-level public access block; nil is none (404).
	AccountBlock *Block `json:"account_public_access_block,omitempty"`
	// IAM holds users, groups, roles and customer-managed policies.
	IAM IAM `json:"iam"`
	// Faults are injected into matching calls.
	Faults []Fault `json:"faults,omitempty"`
}

// Trail is a CloudTrail trail.
type Trail struct {
	Name       string `json:"name"`
	HomeRegion string `json:"home_region"`
	// ARN defaults to the account's trail ARN; an organization trail of
	// the management account sets its own.
	ARN                string             `json:"arn,omitempty"`
	MultiRegion        bool               `json:"multi_region,omitempty"`
	Organization       bool               `json:"organization,omitempty"`
	LogFileValidation  bool               `json:"log_file_validation,omitempty"`
	KMSKeyID           string             `json:"kms_key_id,omitempty"`
	LogGroupARN        string             `json:"log_group_arn,omitempty"`
	Bucket             string             `json:"bucket"`
	KeyPrefix          string             `json:"key_prefix,omitempty"`
	Logging            bool               `json:"logging"`
	Selectors          []Selector         `json:"selectors,omitempty"`
	AdvancedSelectors  []AdvancedSelector `json:"advanced_selectors,omitempty"`
	OmitGlobalServices bool               `json:"omit_global_services,omitempty"`
}

// Selector is a basic event selector.
type Selector struct {
	ReadWriteType string `json:"read_write_type"`
	Management    *bool  `json:"management,omitempty"`
}

// AdvancedSelector is an advanced event selector.
type AdvancedSelector struct {
	Name   string          `json:"name"`
	Fields []FieldSelector `json:"fields"`
}

// FieldSelector is one condition of an advanced event selector.
type FieldSelector struct {
	Field     string   `json:"field"`
	Equals    []string `json:"equals,omitempty"`
	NotEquals []string `json:"not_equals,omitempty"`
}

// Region holds one region's resources.
type Region struct {
	Recorders      []Recorder      `json:"recorders,omitempty"`
	Channels       []Channel       `json:"delivery_channels,omitempty"`
	VPCs           []VPC           `json:"vpcs,omitempty"`
	FlowLogs       []FlowLog       `json:"flow_logs,omitempty"`
	SecurityGroups []SecurityGroup `json:"security_groups,omitempty"`
	NetworkACLs    []NetworkACL    `json:"network_acls,omitempty"`
	LogGroups      []LogGroup      `json:"log_groups,omitempty"`
}

// Recorder is an AWS Config recorder with its status.
type Recorder struct {
	Name             string `json:"name"`
	AllSupported     bool   `json:"all_supported"`
	IncludeGlobal    bool   `json:"include_global,omitempty"`
	Recording        bool   `json:"recording"`
	ServicePrincipal string `json:"service_principal,omitempty"`
}

// Channel is an AWS Config delivery channel.
type Channel struct {
	Name      string `json:"name"`
	Bucket    string `json:"bucket"`
	KeyPrefix string `json:"key_prefix,omitempty"`
}

// VPC is a virtual network.
type VPC struct {
	ID      string `json:"id"`
	CIDR    string `json:"cidr"`
	Default bool   `json:"default,omitempty"`
}

// FlowLog is a flow log; DestinationType defaults to cloud-watch-logs.
type FlowLog struct {
	ID              string `json:"id"`
	Resource        string `json:"resource"`
	DestinationType string `json:"destination_type,omitempty"`
	Destination     string `json:"destination,omitempty"`
	LogGroupName    string `json:"log_group_name,omitempty"`
	Traffic         string `json:"traffic,omitempty"`
}

// SecurityGroup is a security group with its rules.
type SecurityGroup struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	VPC     string       `json:"vpc"`
	Ingress []Permission `json:"ingress,omitempty"`
	Egress  []Permission `json:"egress,omitempty"`
}

// Permission is an IpPermission: protocol "tcp", "udp", "icmp", "-1", a number.
type Permission struct {
	Protocol    string   `json:"protocol"`
	From        *int     `json:"from,omitempty"`
	To          *int     `json:"to,omitempty"`
	CIDRs       []string `json:"cidrs,omitempty"`
	IPv6        []string `json:"ipv6,omitempty"`
	PrefixLists []string `json:"prefix_lists,omitempty"`
	Groups      []string `json:"groups,omitempty"`
}

// NetworkACL is a network ACL with its entries.
type NetworkACL struct {
	ID      string  `json:"id"`
	VPC     string  `json:"vpc"`
	Default bool    `json:"default,omitempty"`
	Entries []Entry `json:"entries"`
}

// Entry is a network ACL entry; Protocol is a number string ("6", "-1").
type Entry struct {
	Rule     int    `json:"rule"`
	Egress   bool   `json:"egress,omitempty"`
	Protocol string `json:"protocol"`
	Action   string `json:"action"`
	CIDR     string `json:"cidr,omitempty"`
	IPv6     string `json:"ipv6,omitempty"`
	From     *int   `json:"from,omitempty"`
	To       *int   `json:"to,omitempty"`
}

// LogGroup is a CloudWatch Logs log group; Retention nil is never expire.
type LogGroup struct {
	Name      string `json:"name"`
	Retention *int   `json:"retention,omitempty"`
}

// Bucket is an S3 bucket with its settings.
type Bucket struct {
	Name   string `json:"name"`
	Region string `json:"region"`
	// HideRegion leaves BucketRegion out of ListBuckets, so the scanner
	// must ask GetBucketLocation.
	HideRegion bool `json:"hide_region,omitempty"`
	// LoggingTarget set means server access logging is on.
	LoggingTarget string `json:"logging_target,omitempty"`
	LoggingPrefix string `json:"logging_prefix,omitempty"`
	// Block is the bucket's public access block; nil is none (404).
	Block *Block `json:"public_access_block,omitempty"`
	// PolicyPublic is the policy status; nil is no policy (404).
	PolicyPublic *bool   `json:"policy_public,omitempty"`
	Grants       []Grant `json:"grants,omitempty"`
	// Lifecycle nil is no lifecycle configuration (404).
	Lifecycle []LifecycleRule `json:"lifecycle,omitempty"`
}

// Block is a public access block.
type Block struct {
	BlockPublicACLs       bool `json:"block_public_acls"`
	IgnorePublicACLs      bool `json:"ignore_public_acls"`
	BlockPublicPolicy     bool `json:"block_public_policy"`
	RestrictPublicBuckets bool `json:"restrict_public_buckets"`
}

// Grant is an ACL grant to a group URI (or a canonical user ID).
type Grant struct {
	URI        string `json:"uri,omitempty"`
	ID         string `json:"id,omitempty"`
	Permission string `json:"permission"`
}

// LifecycleRule is a lifecycle rule that expires current objects.
type LifecycleRule struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Prefix string `json:"prefix,omitempty"`
	Tag    string `json:"tag,omitempty"`
	Days   int    `json:"days,omitempty"`
	Date   string `json:"date,omitempty"`
}

// IAM holds principals and customer-managed policies.
type IAM struct {
	Users    []Principal `json:"users,omitempty"`
	Groups   []Principal `json:"groups,omitempty"`
	Roles    []Principal `json:"roles,omitempty"`
	Policies []Policy    `json:"policies,omitempty"`
}

// Principal is a user, group or role. Managed lists attached managed
// policies: an ARN, or the name of a customer-managed policy of Policies.
type Principal struct {
	Name     string            `json:"name"`
	Path     string            `json:"path,omitempty"`
	Managed  []string          `json:"managed,omitempty"`
	Boundary string            `json:"boundary,omitempty"`
	Inline   map[string]string `json:"inline,omitempty"`
}

// Policy is a customer-managed policy with its default document.
type Policy struct {
	Name     string `json:"name"`
	Document string `json:"document"`
}

// Fault kinds.
const (
	// FaultDenied answers with the protocol's access-denied error.
	FaultDenied = "denied"
	// FaultThrottle answers with the protocol's throttling error.
	FaultThrottle = "throttle"
	// FaultTimeout never answers; the caller's timeout ends the call.
	FaultTimeout = "timeout"
	// FaultError answers with Code and Status.
	FaultError = "error"
)

// Fault is injected into the calls it matches.
type Fault struct {
	// Operation is "service:Operation" ("ec2:DescribeFlowLogs",
	// "s3:GetBucketLogging", "s3control:GetPublicAccessBlock").
	Operation string `json:"operation"`
	// Region limits the fault to one region; Bucket to one bucket.
	Region string `json:"region,omitempty"`
	Bucket string `json:"bucket,omitempty"`
	Kind   string `json:"kind"`
	// Times is how many matching calls fail; 0 is all of them.
	Times int `json:"times,omitempty"`
	// Code and Status are the error of FaultError.
	Code   string `json:"code,omitempty"`
	Status int    `json:"status,omitempty"`
}

// Load reads a scenario from a JSON file.
func Load(path string) (*Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Scenario
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

func (s *Scenario) partition() string {
	if s.Partition == "" {
		return "aws"
	}
	return s.Partition
}

func (s *Scenario) pageSize() int {
	if s.PageSize <= 0 {
		return 2
	}
	return s.PageSize
}

func (s *Scenario) region(name string) *Region {
	if r := s.Regional[name]; r != nil {
		return r
	}
	return &Region{}
}

func (s *Scenario) trailARN(t Trail) string {
	if t.ARN != "" {
		return t.ARN
	}
	return fmt.Sprintf("arn:%s:cloudtrail:%s:%s:trail/%s", s.partition(), t.HomeRegion, s.Account, t.Name)
}

// Int returns a pointer to v, for ports in scenarios built in code.
func Int(v int) *int { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }
