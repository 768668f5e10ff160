package model

// State is the whole normalized input of one scan, as policies read it.
type State struct {
	// Scope says whether the scan saw a whole account (live) or code.
	Scope Scope `json:"scope"`
	// Source is the scanner that filled the state.
	Source Source `json:"source"`
	// AWS holds Amazon Web Services resources.
	AWS AWS `json:"aws"`
	// Alicloud holds Alibaba Cloud resources.
	Alicloud Alicloud `json:"alicloud"`
	// Account is the account ID a live scan read (AWS account ID, Alibaba
	// Cloud account UID); "" for code.
	Account string `json:"account,omitempty"`
	// Regions are the regions a live scan read, sorted; empty for code.
	// Account-scope checks that want something in every region ("a Config
	// recorder in each region") read it.
	Regions []string `json:"regions,omitempty"`
	// Gaps are the parts of the model a live scan could not fill. Policies
	// do not read them: the scan reports the checks that read a gap's path
	// as errors for its region.
	Gaps []Gap `json:"-"`
}

// New returns an empty state of the given source and scope, with every list
// non-nil so that its JSON form has empty arrays rather than nulls.
func New(source Source, scope Scope) *State {
	s := &State{Source: source, Scope: scope}
	s.Normalize()
	return s
}

// Normalize replaces nil resource lists with empty ones so that policies see
// `[]` rather than `null`.
func (s *State) Normalize() {
	a := &s.AWS
	a.CloudTrail.Trails = nonNil(a.CloudTrail.Trails)
	a.Config.Recorders = nonNil(a.Config.Recorders)
	a.Config.DeliveryChannels = nonNil(a.Config.DeliveryChannels)
	a.EC2.VPCs = nonNil(a.EC2.VPCs)
	a.EC2.SecurityGroups = nonNil(a.EC2.SecurityGroups)
	a.EC2.SecurityGroupRules = nonNil(a.EC2.SecurityGroupRules)
	a.EC2.FlowLogs = nonNil(a.EC2.FlowLogs)
	a.EC2.NetworkACLs = nonNil(a.EC2.NetworkACLs)
	a.EC2.NetworkACLRules = nonNil(a.EC2.NetworkACLRules)
	a.Logs.LogGroups = nonNil(a.Logs.LogGroups)
	a.S3.Buckets = nonNil(a.S3.Buckets)
	a.S3.PublicAccessBlocks = nonNil(a.S3.PublicAccessBlocks)
	a.IAM.PolicyAttachments = nonNil(a.IAM.PolicyAttachments)
	a.IAM.Policies = nonNil(a.IAM.Policies)
	c := &s.Alicloud
	c.ActionTrail.Trails = nonNil(c.ActionTrail.Trails)
	c.Config.Recorders = nonNil(c.Config.Recorders)
	c.VPC.VPCs = nonNil(c.VPC.VPCs)
	c.VPC.FlowLogs = nonNil(c.VPC.FlowLogs)
	c.ECS.SecurityGroups = nonNil(c.ECS.SecurityGroups)
	c.ECS.SecurityGroupRules = nonNil(c.ECS.SecurityGroupRules)
	c.SLS.Projects = nonNil(c.SLS.Projects)
	c.SLS.Logstores = nonNil(c.SLS.Logstores)
	c.OSS.Buckets = nonNil(c.OSS.Buckets)
	c.RAM.PolicyAttachments = nonNil(c.RAM.PolicyAttachments)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Ptr returns a pointer to v; adapters use it to set known scalar values.
func Ptr[T any](v T) *T { return &v }
