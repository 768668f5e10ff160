package benchcorpus

// knob is an optional argument a module exposes as a variable and passes to
// one of its resources, the way published modules expose most of a
// resource's arguments (and why their variables.tf files are long).
type knob struct {
	attr, typ, def, desc string
}

// knobs by resource type: arguments no check reads.
var knobs = map[string][]knob{
	"aws_vpc": {
		{"instance_tenancy", "string", `"default"`, "A tenancy option for instances launched into the VPC"},
		{"enable_network_address_usage_metrics", "bool", "null", "Whether Network Address Usage metrics are enabled for the VPC"},
		{"assign_generated_ipv6_cidr_block", "bool", "false", "Requests an Amazon-provided IPv6 CIDR block with a /56 prefix length"},
		{"ipv4_ipam_pool_id", "string", "null", "The ID of an IPv4 IPAM pool to allocate the VPC CIDR from"},
		{"ipv4_netmask_length", "number", "null", "The netmask length of the IPv4 CIDR allocated from the IPAM pool"},
		{"ipv6_ipam_pool_id", "string", "null", "IPAM pool ID for the IPv6 CIDR"},
		{"ipv6_netmask_length", "number", "null", "Netmask length of the IPv6 CIDR allocated from IPAM"},
		{"ipv6_cidr_block_network_border_group", "string", "null", "Network border group of the IPv6 CIDR"},
	},
	"aws_flow_log": {
		{"log_format", "string", "null", "The fields to include in the flow log record, in the order in which they should appear"},
		{"deliver_cross_account_role", "string", "null", "ARN of the IAM role that allows delivery to a log group in another account"},
		{"log_destination_type", "string", `"cloud-watch-logs"`, "The type of the logging destination"},
	},
	"aws_security_group": {
		{"revoke_rules_on_delete", "bool", "false", "Revoke all of the group's attached ingress and egress rules before deleting it"},
	},
	"aws_s3_bucket": {
		{"object_lock_enabled", "bool", "false", "Whether the bucket has an Object Lock configuration enabled"},
		{"bucket_prefix", "string", "null", "Creates a unique bucket name beginning with the specified prefix"},
	},
	"aws_cloudtrail": {
		{"is_organization_trail", "bool", "false", "Whether the trail is an AWS Organizations trail"},
		{"sns_topic_name", "string", "null", "Name of the Amazon SNS topic defined for notification of log file delivery"},
		{"s3_key_prefix", "string", "null", "S3 key prefix that follows the name of the bucket designated for log file delivery"},
		{"enable_logging", "bool", "true", "Enables logging for the trail"},
	},
	"aws_iam_role": {
		{"path", "string", `"/"`, "Path to the role"},
		{"permissions_boundary", "string", "null", "ARN of the policy that is used to set the permissions boundary for the role"},
		{"force_detach_policies", "bool", "true", "Whether to force detaching any policies the role has before destroying it"},
		{"description", "string", "null", "Description of the role"},
	},
	"aws_launch_template": {
		{"ebs_optimized", "bool", "true", "If true, the launched EC2 instance will be EBS-optimized"},
		{"disable_api_stop", "bool", "false", "If true, enables EC2 instance stop protection"},
		{"disable_api_termination", "bool", "false", "If true, enables EC2 instance termination protection"},
		{"instance_initiated_shutdown_behavior", "string", `"stop"`, "Shutdown behavior for the instance"},
		{"kernel_id", "string", "null", "The kernel ID"},
		{"key_name", "string", "null", "The key name to use for the instance"},
		{"ram_disk_id", "string", "null", "The ID of the RAM disk"},
		{"update_default_version", "bool", "true", "Whether to update the default version each update"},
	},
	"aws_lb_target_group": {
		{"deregistration_delay", "number", "300", "Amount time for Elastic Load Balancing to wait before deregistering a target"},
		{"slow_start", "number", "0", "Amount time for targets to warm up before the load balancer sends them a full share of requests"},
		{"load_balancing_algorithm_type", "string", `"round_robin"`, "Determines how the load balancer selects targets when routing requests"},
		{"proxy_protocol_v2", "bool", "false", "Whether to enable support for proxy protocol v2 on Network Load Balancers"},
	},
	"aws_kms_key": {
		{"key_usage", "string", `"ENCRYPT_DECRYPT"`, "Specifies the intended use of the key"},
		{"customer_master_key_spec", "string", `"SYMMETRIC_DEFAULT"`, "Whether the key contains a symmetric key or an asymmetric key pair"},
		{"multi_region", "bool", "false", "Indicates whether the KMS key is a multi-Region or regional key"},
		{"bypass_policy_lockout_safety_check", "bool", "false", "Whether to bypass the key policy lockout safety check"},
	},
	"alicloud_vpc": {
		{"description", "string", "null", "The VPC description"},
		{"enable_ipv6", "bool", "false", "Whether to enable the IPv6 network segment"},
		{"resource_group_id", "string", "null", "The ID of the resource group to which the VPC belongs"},
		{"classic_link_enabled", "bool", "false", "The status of ClassicLink function"},
		{"dry_run", "bool", "false", "Whether to PreCheck only this request"},
	},
	"alicloud_security_group": {
		{"inner_access_policy", "string", `"Accept"`, "Whether to allow both machines in the security group to communicate with each other"},
		{"resource_group_id", "string", "null", "The ID of the resource group to which the security group belongs"},
		{"security_group_type", "string", `"normal"`, "The type of the security group"},
	},
	"alicloud_log_project": {
		{"resource_group_id", "string", "null", "The ID of the resource group"},
	},
	"alicloud_ram_role": {
		{"max_session_duration", "number", "3600", "The maximum session duration of the RAM role"},
		{"force", "bool", "false", "Whether to delete the role's policy attachments when deleting the role"},
	},
}

// knobAttrs writes, for a random subset of the knobs of typ, an argument
// into the open resource block of main and a variable (prefix_attr) into vars.
func (t *team) knobAttrs(main, vars *file, typ, prefix string) {
	for _, k := range knobs[typ] {
		if !chance(t.rng, 0.8) {
			continue
		}
		name := k.attr
		if prefix != "" {
			name = prefix + "_" + k.attr
		}
		main.attr(k.attr, "var."+name)
		vars.variable(name, k.typ, k.desc, k.def)
	}
}
