package emulator

import (
	"encoding/json"
	"fmt"
	"os"
)

// Scenario is an emulated Alibaba Cloud account: what it holds and how it
// misbehaves. Resource objects are written with the services' wire field
// names (DescribeVpcs' "VpcId", GetLogStore's "ttl"), and are sent back as
// they are, plus the fields the emulator derives (RegionId, RequestId).
type Scenario struct {
	// Account is the account UID GetCallerIdentity answers.
	Account string `json:"account"`
	// AccessKeyID, when set, is the only AccessKey ID the emulator accepts.
	AccessKeyID string `json:"access_key_id,omitempty"`
	// PageSize caps every page, whatever the client asks (default 2), so
	// that paginators turn pages.
	PageSize int `json:"page_size,omitempty"`
	// Regions are the regions DescribeRegions lists.
	Regions []string `json:"regions"`

	// Trails are DescribeTrails' TrailList objects (HomeRegion says where
	// each lives), with "IsLogging" (GetTrailStatus) added.
	Trails []map[string]any `json:"trails,omitempty"`
	// ConfigRecorderStatus is GetConfigurationRecorder's
	// ConfigurationRecorderStatus (default REGISTRABLE: never enabled).
	ConfigRecorderStatus string `json:"config_recorder_status,omitempty"`
	// VPCs and FlowLogs are DescribeVpcs' Vpc and DescribeFlowLogs'
	// FlowLog objects per region.
	VPCs     map[string][]map[string]any `json:"vpcs,omitempty"`
	FlowLogs map[string][]map[string]any `json:"flow_logs,omitempty"`
	// SecurityGroups are the security groups per region.
	SecurityGroups map[string][]SecurityGroup `json:"security_groups,omitempty"`
	// LogProjects are the Log Service projects per region.
	LogProjects map[string][]LogProject `json:"log_projects,omitempty"`
	// Buckets are the OSS buckets.
	Buckets []Bucket `json:"buckets,omitempty"`
	// AdministratorAccess is ListEntitiesForPolicy's answer for the system
	// policy AdministratorAccess ({"Users": {"User": [...]}, ...}).
	AdministratorAccess map[string]any `json:"administrator_access,omitempty"`
	// SASLogMeta is DescribeLogMeta's LogMetaList.
	SASLogMeta []map[string]any `json:"sas_log_meta,omitempty"`
	// CloudFirewall is DescribeUserBuyVersion's answer.
	CloudFirewall map[string]any `json:"cloudfw,omitempty"`
	// WAF is the WAF instance per location (cn-hangzhou: Chinese mainland,
	// ap-southeast-1: elsewhere).
	WAF map[string]WAFInstance `json:"waf,omitempty"`

	// Faults make operations fail.
	Faults []Fault `json:"faults,omitempty"`
}

// SecurityGroup is one security group.
type SecurityGroup struct {
	// Attributes is DescribeSecurityGroups' SecurityGroup object.
	Attributes map[string]any `json:"attributes"`
	// Permissions are DescribeSecurityGroupAttribute's Permission objects.
	Permissions []map[string]any `json:"permissions,omitempty"`
}

// LogProject is one Log Service project.
type LogProject struct {
	// Name is the project name.
	Name string `json:"name"`
	// Logstores are GetLogStore's answers ("logstoreName", "ttl", "hot_ttl", ...).
	Logstores []map[string]any `json:"logstores,omitempty"`
}

// Bucket is one OSS bucket.
type Bucket struct {
	Name   string `json:"name"`
	Region string `json:"region"`
	// ACL is private, public-read or public-read-write.
	ACL string `json:"acl"`
}

// WAFInstance is the WAF instance of one location.
type WAFInstance struct {
	// InstanceID is the WAF 3.0 instance ("" for none).
	InstanceID string `json:"instance_id,omitempty"`
	// LogStoreExists is DescribeSlsLogStoreStatus' ExistStatus.
	LogStoreExists bool `json:"log_store_exists,omitempty"`
	// V2PayType is the WAF 2.0 DescribeInstanceInfo PayType (0: none).
	V2PayType int `json:"v2_pay_type,omitempty"`
}

// Fault makes an operation fail.
type Fault struct {
	// Op is the operation: "ecs:DescribeSecurityGroups", "sls:GetLogStore",
	// "oss:GetBucketAcl".
	Op string `json:"op"`
	// Region limits the fault to one region ("" = every region and global calls).
	Region string `json:"region,omitempty"`
	// Resource limits the fault to calls about one resource: a security
	// group ID, a logstore or trail name, a bucket.
	Resource string `json:"resource,omitempty"`
	// Code and Status are the error; empty Code is the product's throttling
	// error (Throttling.User, ReadQuotaExceed, SlowDown).
	Code    string `json:"code,omitempty"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message,omitempty"`
	// Times is how many calls fail before the operation answers again;
	// 0 fails every call.
	Times int `json:"times,omitempty"`
	// RetryAfterMs is the x-acs-retry-after header (milliseconds) of an
	// RPC throttling answer, which tells the client when to retry; 0 sends
	// none (the client backs off on its own).
	RetryAfterMs int `json:"retry_after_ms,omitempty"`
}

// Load reads a scenario from a JSON file.
func Load(path string) (*Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load scenario: %w", err)
	}
	var s Scenario
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("load scenario %s: %w", path, err)
	}
	return &s, nil
}
