package benchcorpus

import (
	"fmt"
	"strings"
)

// rootCtx is one root module being generated.
type rootCtx struct {
	t                         *team
	env, stack, dir           string
	ali                       bool
	region                    string
	main, vars, extra, tfvars *file
	outs, locals              *file
	extraName                 string
}

func (r *rootCtx) mod(name string) string { return q("../../../../" + r.t.mods + "/" + name) }

var appNames = []string{"api", "web", "worker", "gateway", "ingest", "reports", "admin", "portal", "sync", "notify"}

func (t *team) root(c *Corpus, env, stack string) {
	r := &rootCtx{
		t: t, env: env, stack: stack,
		dir:  "live/" + t.name + "/" + env + "/" + stack,
		ali:  strings.HasPrefix(stack, "ali-"),
		main: &file{}, vars: &file{}, extra: &file{}, tfvars: &file{}, outs: &file{}, locals: &file{},
	}
	r.region = t.region
	if r.ali {
		r.region = pick(t.rng, aliRegions...)
	}
	r.vars.variable("environment", "string", "Deployment environment", q(env))
	r.vars.variable("region", "string", "Region of the stack", q(r.region))
	r.vars.variable("tags", "map(string)", "Extra tags", "{}")
	r.tfvars.attr("environment", q(env))
	r.tfvars.attr("region", q(r.region))
	r.tfvars.open("tags =")
	r.tfvars.attr("CostCenter", q(fmt.Sprintf("cc-%04d", t.rng.IntN(10000))))
	r.tfvars.attr("Owner", q(t.name+"@example.com"))
	r.tfvars.close()

	r.locals.open("locals")
	r.locals.attr("team", q(t.name))
	r.locals.attr("name", q("${var.environment}-${local.team}-"+stack))
	r.locals.attr("is_prod", "var.environment == \"prod\"")
	r.locals.attr("tags", fmt.Sprintf("merge(var.tags, { Environment = var.environment, Team = local.team, Stack = %q, ManagedBy = \"terraform\" })", stack))
	if r.ali {
		r.locals.attr("zones", "formatlist(\"%s-%s\", var.region, [\"a\", \"b\", \"c\"])")
	} else {
		r.locals.attr("azs", "formatlist(\"%s%s\", var.region, [\"a\", \"b\", \"c\"])")
	}
	r.locals.close()

	switch stack {
	case "network":
		r.awsNetwork()
	case "app":
		r.awsApp()
	case "logging":
		r.awsLogging()
	case "data":
		r.awsData()
	case "iam":
		r.awsIAM()
	case "ali-network":
		r.aliNetwork()
	case "ali-app":
		r.aliApp()
	case "ali-logging":
		r.aliLogging()
	}

	c.add(r.dir+"/versions.tf", r.versions())
	c.add(r.dir+"/providers.tf", r.providers())
	c.add(r.dir+"/variables.tf", r.vars)
	c.add(r.dir+"/locals.tf", r.locals)
	c.add(r.dir+"/main.tf", r.main)
	c.add(r.dir+"/outputs.tf", r.outs)
	c.add(r.dir+"/terraform.tfvars", r.tfvars)
	if r.extraName != "" {
		c.add(r.dir+"/"+r.extraName, r.extra)
	}
	c.Roots = append(c.Roots, r.dir)
}

func (r *rootCtx) versions() *file {
	f := r.t.versions(r.ali)
	f.blank()
	f.open("terraform")
	if r.ali {
		f.open("backend %q", "oss")
		f.attr("bucket", q("tfstate-"+r.t.name))
		f.attr("prefix", q(r.env+"/"+r.stack))
		f.attr("region", q(r.region))
	} else {
		f.open("backend %q", "s3")
		f.attr("bucket", q("tfstate-"+r.t.name))
		f.attr("key", q(r.env+"/"+r.stack+"/terraform.tfstate"))
		f.attr("region", q(r.region))
		f.attr("dynamodb_table", q("tfstate-lock"))
	}
	f.close()
	f.close()
	return f
}

func (r *rootCtx) providers() *file {
	f := &file{}
	if r.ali {
		f.open("provider %q", "alicloud")
		f.attr("region", "var.region")
		f.close()
		return f
	}
	f.open("provider %q", "aws")
	f.attr("region", "var.region")
	f.open("default_tags")
	f.attr("tags", "local.tags")
	f.close()
	f.close()
	if chance(r.t.rng, 0.4) {
		f.blank()
		f.open("provider %q", "aws")
		f.attr("alias", q("replica"))
		f.attr("region", q(pick(r.t.rng, awsRegions...)))
		f.close()
	}
	return f
}

// cidr returns a private /16 for network i of this root.
func (r *rootCtx) cidr(i int) string {
	return fmt.Sprintf("10.%d.0.0/16", (r.t.idx*31+i*7+len(r.env)*3)%250)
}

// ingressRules writes a tfvars list of AWS security-group rule objects;
// now and then one opens SSH or RDP to the world.
func (r *rootCtx) ingressRules(name string) {
	rng := r.t.rng
	f := r.tfvars
	f.l("%s = [", name)
	f.depth++
	n := between(rng, 2, 6)
	for i := range n {
		port := pick(rng, 80, 443, 8443, 5432, 6379, 9090)
		cidr := pick(rng, "10.0.0.0/8", "172.16.0.0/12", "0.0.0.0/0", "192.168.0.0/16")
		desc := fmt.Sprintf("rule %d", i+1)
		if i == 0 && chance(rng, 0.15) {
			port, cidr, desc = pick(rng, 22, 3389), pick(rng, "0.0.0.0/0", "::/0"), "temporary admin access"
		}
		f.l("{ description = %q, from_port = %d, to_port = %d, protocol = \"tcp\", cidr_blocks = [%q] },", desc, port, port, cidr)
	}
	f.depth--
	f.l("]")
}

func (r *rootCtx) awsNetwork() {
	rng := r.t.rng
	r.vars.variable("networks", "map(object({ cidr = string, zones = number, flow_logs = bool }))", "VPCs of the stack", "{}")
	r.vars.variable("bastion_cidrs", "list(string)", "CIDRs allowed to SSH to bastions", "[]")
	r.vars.variable("domain", "string", "Private DNS domain", q("internal.example.com"))

	r.tfvars.open("networks =")
	for i, n := range []string{"core", "shared", "edge", "mgmt"}[:between(rng, 2, 4)] {
		r.tfvars.attr(n, fmt.Sprintf("{ cidr = %q, zones = %d, flow_logs = %v }", r.cidr(i), between(rng, 2, 3), chance(rng, 0.8)))
	}
	r.tfvars.close()
	r.tfvars.attr("bastion_cidrs", qlist(pick(rng, "203.0.113.0/24", "198.51.100.10/32", "0.0.0.0/0", "203.0.113.0/24")))

	r.main.open("module %q", "platform")
	r.main.attr("source", r.mod("platform"))
	r.main.attr("for_each", "var.networks")
	r.main.attr("name", q("${local.name}-${each.key}"))
	r.main.attr("cidr", "each.value.cidr")
	r.main.attr("azs", "slice(local.azs, 0, each.value.zones)")
	r.main.attr("flow_logs", "each.value.flow_logs")
	r.main.attr("bastion_cidrs", "each.key == \"mgmt\" || each.key == \"core\" ? var.bastion_cidrs : []")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_ec2_transit_gateway", "this")
	r.main.attr("description", q("${local.name} transit"))
	r.main.attr("auto_accept_shared_attachments", q("enable"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_ec2_transit_gateway_vpc_attachment", "this")
	r.main.attr("for_each", "module.platform")
	r.main.attr("transit_gateway_id", "aws_ec2_transit_gateway.this.id")
	r.main.attr("vpc_id", "each.value.vpc_id")
	r.main.attr("subnet_ids", "each.value.private_subnet_ids")
	r.main.close()

	r.extraName = "dns.tf"
	r.extra.open("resource %q %q", "aws_route53_zone", "private")
	r.extra.attr("name", q("${var.environment}.${var.domain}"))
	r.extra.open("dynamic %q", "vpc")
	r.extra.attr("for_each", "module.platform")
	r.extra.open("content")
	r.extra.attr("vpc_id", "vpc.value.vpc_id")
	r.extra.close()
	r.extra.close()
	r.extra.close()
	r.extra.blank()
	r.extra.open("locals")
	r.extra.open("records =")
	for i := range between(rng, 3, 8) {
		r.extra.attr(fmt.Sprintf("%s%d", pick(rng, appNames...), i), q(fmt.Sprintf("10.%d.%d.%d", rng.IntN(250), rng.IntN(250), 1+rng.IntN(250))))
	}
	r.extra.close()
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_route53_record", "a")
	r.extra.attr("for_each", "local.records")
	r.extra.attr("zone_id", "aws_route53_zone.private.zone_id")
	r.extra.attr("name", q("${each.key}.${aws_route53_zone.private.name}"))
	r.extra.attr("type", q("A"))
	r.extra.attr("ttl", "300")
	r.extra.attr("records", "[each.value]")
	r.extra.close()

	r.outs.output("vpc_ids", "VPC IDs by network", "{ for k, p in module.platform : k => p.vpc_id }")
	r.outs.output("zone_id", "Private zone", "aws_route53_zone.private.zone_id")
}

func (r *rootCtx) awsApp() {
	rng := r.t.rng
	app := pick(rng, appNames...)
	r.vars.variable("app_name", "string", "Name of the application", q(app))
	r.vars.variable("instance_count", "number", "Instances of the application", "2")
	r.vars.open("variable %q", "web_ingress")
	r.vars.attr("description", q("Ingress rules of the load balancer"))
	r.vars.attr("type", "list(object({ description = string, from_port = number, to_port = number, protocol = string, cidr_blocks = list(string) }))")
	r.vars.attr("default", "[]")
	r.vars.close()
	r.vars.blank()
	r.vars.variable("db_instance_class", "string", "RDS instance class", q("db.t3.medium"))
	r.vars.variable("deploy_policies", "list(string)", "Managed policies of the deploy role", "[]")

	r.tfvars.attr("app_name", q(app))
	r.tfvars.attr("instance_count", fmt.Sprint(between(rng, 1, 6)))
	r.tfvars.attr("db_instance_class", q(pick(rng, "db.t3.medium", "db.r6g.large", "db.m6g.xlarge")))
	r.ingressRules("web_ingress")
	pols := []string{"arn:aws:iam::aws:policy/AmazonECS_FullAccess", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"}
	if chance(rng, 0.1) {
		pols = append(pols, "arn:aws:iam::aws:policy/AdministratorAccess")
	}
	r.tfvars.attr("deploy_policies", qlist(pols...))

	r.main.open("module %q", "network")
	r.main.attr("source", r.mod("network"))
	r.main.attr("name", "local.name")
	r.main.attr("cidr", q(r.cidr(9)))
	r.main.attr("azs", "slice(local.azs, 0, local.is_prod ? 3 : 2)")
	r.main.attr("enable_flow_logs", "local.is_prod")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "service")
	r.main.attr("source", r.mod("compute"))
	r.main.attr("name", q("${local.name}-${var.app_name}"))
	r.main.attr("vpc_id", "module.network.vpc_id")
	r.main.attr("vpc_cidr", q(r.cidr(9)))
	r.main.attr("subnet_ids", "module.network.private_subnet_ids")
	r.main.attr("instance_count", "var.instance_count")
	r.main.attr("instance_type", "local.is_prod ? \"m6i.large\" : \"t3.medium\"")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "assets")
	r.main.attr("source", r.mod("s3-bucket"))
	r.main.attr("bucket", q("${local.name}-${var.app_name}-assets"))
	r.main.attr("expiration_days", "local.is_prod ? 0 : 30")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_security_group", "alb")
	r.main.attr("name", q("${local.name}-alb"))
	r.main.attr("description", q("Load balancer of ${var.app_name}"))
	r.main.attr("vpc_id", "module.network.vpc_id")
	r.main.open("dynamic %q", "ingress")
	r.main.attr("for_each", "var.web_ingress")
	r.main.open("content")
	r.main.attr("description", "ingress.value.description")
	r.main.attr("from_port", "ingress.value.from_port")
	r.main.attr("to_port", "ingress.value.to_port")
	r.main.attr("protocol", "ingress.value.protocol")
	r.main.attr("cidr_blocks", "ingress.value.cidr_blocks")
	r.main.close()
	r.main.close()
	r.main.open("egress")
	r.main.attr("from_port", "0")
	r.main.attr("to_port", "0")
	r.main.attr("protocol", q("-1"))
	r.main.attr("cidr_blocks", qlist("0.0.0.0/0"))
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_security_group", "db")
	r.main.attr("name", q("${local.name}-db"))
	r.main.attr("vpc_id", "module.network.vpc_id")
	r.main.open("ingress")
	r.main.attr("description", q("PostgreSQL from the service"))
	r.main.attr("from_port", "5432")
	r.main.attr("to_port", "5432")
	r.main.attr("protocol", q("tcp"))
	r.main.attr("security_groups", "[module.service.security_group_id]")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_lb", "this")
	r.main.attr("name", "substr(\"${local.name}-${var.app_name}\", 0, 32)")
	r.main.attr("load_balancer_type", q("application"))
	r.main.attr("security_groups", "[aws_security_group.alb.id]")
	r.main.attr("subnets", "module.network.public_subnet_ids")
	r.main.open("access_logs")
	r.main.attr("bucket", "module.assets.id")
	r.main.attr("prefix", q("alb"))
	r.main.attr("enabled", "true")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_lb_listener", "https")
	r.main.attr("load_balancer_arn", "aws_lb.this.arn")
	r.main.attr("port", "443")
	r.main.attr("protocol", q("HTTPS"))
	r.main.attr("certificate_arn", q(fmt.Sprintf("arn:aws:acm:%s:123456789012:certificate/%08x", r.region, rng.Uint32())))
	r.main.open("default_action")
	r.main.attr("type", q("forward"))
	r.main.attr("target_group_arn", "module.service.target_group_arn")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_db_subnet_group", "this")
	r.main.attr("name", "local.name")
	r.main.attr("subnet_ids", "module.network.private_subnet_ids")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_db_instance", "this")
	r.main.attr("identifier", "local.name")
	r.main.attr("engine", q("postgres"))
	r.main.attr("engine_version", q(pick(rng, "14.10", "15.5", "16.2")))
	r.main.attr("instance_class", "var.db_instance_class")
	r.main.attr("allocated_storage", fmt.Sprint(pick(rng, 20, 50, 100, 200)))
	r.main.attr("db_subnet_group_name", "aws_db_subnet_group.this.name")
	r.main.attr("vpc_security_group_ids", "[aws_security_group.db.id]")
	r.main.attr("multi_az", "local.is_prod")
	r.main.attr("storage_encrypted", "true")
	r.main.attr("backup_retention_period", "local.is_prod ? 14 : 1")
	r.main.attr("username", q("app"))
	r.main.attr("manage_master_user_password", "true")
	r.main.close()

	r.extraName = "iam.tf"
	r.extra.open("resource %q %q", "aws_iam_role", "deploy")
	r.extra.attr("name", q("${local.name}-deploy"))
	r.extra.attr("assume_role_policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Federated = \"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\" }, Action = \"sts:AssumeRoleWithWebIdentity\" }] })")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_iam_role_policy_attachment", "deploy")
	r.extra.attr("for_each", "toset(var.deploy_policies)")
	r.extra.attr("role", "aws_iam_role.deploy.name")
	r.extra.attr("policy_arn", "each.value")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_iam_role_policy", "deploy_assets")
	r.extra.attr("name", q("assets"))
	r.extra.attr("role", "aws_iam_role.deploy.id")
	r.extra.attr("policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = [\"s3:PutObject\", \"s3:GetObject\"], Resource = \"${module.assets.arn}/*\" }] })")
	r.extra.close()

	r.outs.output("lb_dns_name", "DNS name of the load balancer", "aws_lb.this.dns_name")
	r.outs.output("instance_ids", "Instances", "module.service.instance_ids")
}

func (r *rootCtx) awsLogging() {
	rng := r.t.rng
	r.vars.variable("trail_name", "string", "Name of the organization trail", q("org-trail"))
	r.vars.variable("multi_region", "bool", "Record every region", "true")
	r.vars.variable("log_groups", "map(number)", "Application log groups and their retention", "{}")
	r.vars.variable("alarm_email", "string", "Where CIS alarms are sent", q("secops@example.com"))

	r.tfvars.attr("trail_name", q(r.env+"-"+r.t.name+"-trail"))
	r.tfvars.attr("multi_region", fmt.Sprint(chance(rng, 0.85)))
	r.tfvars.open("log_groups =")
	for i := range between(rng, 3, 9) {
		r.tfvars.attr(q(fmt.Sprintf("/app/%s/%s-%d", r.t.name, pick(rng, appNames...), i)), fmt.Sprint(pick(rng, 7, 14, 30, 90, 365, 400, 731, 1096, 0)))
	}
	r.tfvars.close()

	r.main.open("module %q", "access_logs")
	r.main.attr("source", r.mod("s3-bucket"))
	r.main.attr("bucket", q("${local.name}-access-logs"))
	r.main.attr("expiration_days", fmt.Sprint(pick(rng, 90, 365, 400, 0)))
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "trail")
	r.main.attr("source", r.mod("cloudtrail"))
	r.main.attr("name", "var.trail_name")
	r.main.attr("multi_region", "var.multi_region")
	r.main.attr("log_file_validation", fmt.Sprint(chance(rng, 0.9)))
	r.main.attr("log_retention_days", fmt.Sprint(pick(rng, 365, 1096, 1827, 3653)))
	r.main.attr("bucket_expiration_days", fmt.Sprint(pick(rng, 0, 365, 1825, 2555)))
	r.main.attr("access_log_bucket", "module.access_logs.id")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_cloudwatch_log_group", "app")
	r.main.attr("for_each", "var.log_groups")
	r.main.attr("name", "each.key")
	r.main.attr("retention_in_days", "each.value")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_role", "config")
	r.main.attr("name", q("${local.name}-config"))
	r.main.attr("assume_role_policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"config.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_role_policy_attachment", "config")
	r.main.attr("role", "aws_iam_role.config.name")
	r.main.attr("policy_arn", q("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_config_configuration_recorder", "this")
	r.main.attr("name", q("default"))
	r.main.attr("role_arn", "aws_iam_role.config.arn")
	r.main.open("recording_group")
	r.main.attr("all_supported", fmt.Sprint(chance(rng, 0.85)))
	r.main.attr("include_global_resource_types", "var.region == \"us-east-1\"")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_config_delivery_channel", "this")
	r.main.attr("name", q("default"))
	r.main.attr("s3_bucket_name", "module.trail.bucket")
	r.main.attr("depends_on", "[aws_config_configuration_recorder.this]")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_config_configuration_recorder_status", "this")
	r.main.attr("name", "aws_config_configuration_recorder.this.name")
	r.main.attr("is_enabled", "true")
	r.main.attr("depends_on", "[aws_config_delivery_channel.this]")
	r.main.close()
	if chance(rng, 0.5) {
		r.main.blank()
		r.main.open("resource %q %q", "aws_s3_account_public_access_block", "this")
		for _, a := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
			r.main.attr(a, "true")
		}
		r.main.close()
	}

	r.extraName = "alarms.tf"
	r.extra.open("locals")
	r.extra.open("cis_alarms =")
	alarms := [][2]string{
		{"unauthorized-api-calls", `{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }`},
		{"console-signin-without-mfa", `{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }`},
		{"root-usage", `{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }`},
		{"iam-policy-changes", `{ ($.eventName = DeleteGroupPolicy) || ($.eventName = PutRolePolicy) }`},
		{"cloudtrail-changes", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = StopLogging) }`},
		{"security-group-changes", `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupIngress) }`},
	}
	for _, a := range alarms[:between(rng, 3, len(alarms))] {
		r.extra.attr(q(a[0]), `"`+a[1]+`"`)
	}
	r.extra.close()
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_sns_topic", "alarms")
	r.extra.attr("name", q("${local.name}-cis-alarms"))
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_sns_topic_subscription", "email")
	r.extra.attr("topic_arn", "aws_sns_topic.alarms.arn")
	r.extra.attr("protocol", q("email"))
	r.extra.attr("endpoint", "var.alarm_email")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_cloudwatch_log_metric_filter", "cis")
	r.extra.attr("for_each", "local.cis_alarms")
	r.extra.attr("name", "each.key")
	r.extra.attr("pattern", "each.value")
	r.extra.attr("log_group_name", "element(split(\":\", module.trail.log_group_arn), 6)")
	r.extra.open("metric_transformation")
	r.extra.attr("name", "replace(title(replace(each.key, \"-\", \" \")), \" \", \"\")")
	r.extra.attr("namespace", q("CISBenchmark"))
	r.extra.attr("value", q("1"))
	r.extra.close()
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_cloudwatch_metric_alarm", "cis")
	r.extra.attr("for_each", "local.cis_alarms")
	r.extra.attr("alarm_name", q("cis-${each.key}"))
	r.extra.attr("comparison_operator", q("GreaterThanOrEqualToThreshold"))
	r.extra.attr("evaluation_periods", "1")
	r.extra.attr("metric_name", "aws_cloudwatch_log_metric_filter.cis[each.key].metric_transformation[0].name")
	r.extra.attr("namespace", q("CISBenchmark"))
	r.extra.attr("period", "300")
	r.extra.attr("statistic", q("Sum"))
	r.extra.attr("threshold", "1")
	r.extra.attr("alarm_actions", "[aws_sns_topic.alarms.arn]")
	r.extra.close()

	r.outs.output("trail_arn", "ARN of the trail", "module.trail.arn")
	r.outs.output("log_groups", "Application log groups", "keys(aws_cloudwatch_log_group.app)")
}

func (r *rootCtx) awsData() {
	rng := r.t.rng
	r.vars.variable("tables", "list(string)", "DynamoDB tables", "[]")
	r.vars.variable("queues", "map(object({ delay = number, retention = number }))", "SQS queues", "{}")
	r.vars.variable("functions", "number", "Number of processing functions", "1")

	var tables []string
	for i := range between(rng, 2, 6) {
		tables = append(tables, fmt.Sprintf("%s-%d", pick(rng, "orders", "sessions", "events", "users", "carts", "jobs"), i))
	}
	r.tfvars.attr("tables", qlist(tables...))
	r.tfvars.open("queues =")
	for i := range between(rng, 2, 5) {
		r.tfvars.attr(fmt.Sprintf("%s_%d", pick(rng, "ingest", "emails", "exports", "webhooks"), i), fmt.Sprintf("{ delay = %d, retention = %d }", pick(rng, 0, 5, 30), pick(rng, 86400, 345600, 1209600)))
	}
	r.tfvars.close()
	r.tfvars.attr("functions", fmt.Sprint(between(rng, 1, 4)))

	r.main.open("resource %q %q", "aws_kms_key", "data")
	r.main.attr("description", q("${local.name} data at rest"))
	r.main.attr("enable_key_rotation", "true")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_kms_alias", "data")
	r.main.attr("name", q("alias/${local.name}"))
	r.main.attr("target_key_id", "aws_kms_key.data.key_id")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_dynamodb_table", "this")
	r.main.attr("for_each", "toset(var.tables)")
	r.main.attr("name", q("${local.name}-${each.value}"))
	r.main.attr("billing_mode", q("PAY_PER_REQUEST"))
	r.main.attr("hash_key", q("pk"))
	r.main.attr("range_key", q("sk"))
	for _, a := range []string{"pk", "sk"} {
		r.main.open("attribute")
		r.main.attr("name", q(a))
		r.main.attr("type", q("S"))
		r.main.close()
	}
	r.main.open("server_side_encryption")
	r.main.attr("enabled", "true")
	r.main.attr("kms_key_arn", "aws_kms_key.data.arn")
	r.main.close()
	r.main.open("point_in_time_recovery")
	r.main.attr("enabled", "local.is_prod")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_sqs_queue", "dlq")
	r.main.attr("for_each", "var.queues")
	r.main.attr("name", `"${local.name}-${replace(each.key, "_", "-")}-dlq"`)
	r.main.attr("message_retention_seconds", "1209600")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_sqs_queue", "this")
	r.main.attr("for_each", "var.queues")
	r.main.attr("name", `"${local.name}-${replace(each.key, "_", "-")}"`)
	r.main.attr("delay_seconds", "each.value.delay")
	r.main.attr("message_retention_seconds", "each.value.retention")
	r.main.attr("kms_master_key_id", "aws_kms_key.data.id")
	r.main.attr("redrive_policy", "jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn, maxReceiveCount = 5 })")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "lambda_role")
	r.main.attr("source", r.mod("iam-role"))
	r.main.attr("name", q("${local.name}-lambda"))
	r.main.attr("trusted_services", qlist("lambda.amazonaws.com"))
	r.main.attr("managed_policy_arns", qlist("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_lambda_function", "processor")
	r.main.attr("count", "var.functions")
	r.main.attr("function_name", q("${local.name}-processor-${count.index}"))
	r.main.attr("role", "module.lambda_role.arn")
	r.main.attr("runtime", q(pick(rng, "python3.12", "nodejs20.x", "provided.al2023")))
	r.main.attr("handler", q("main.handler"))
	r.main.attr("filename", q("build/processor.zip"))
	r.main.attr("memory_size", fmt.Sprint(pick(rng, 128, 256, 512, 1024)))
	r.main.attr("timeout", "30")
	r.main.open("environment")
	r.main.attr("variables", "{ TABLES = join(\",\", [for t in aws_dynamodb_table.this : t.name]), STAGE = var.environment }")
	r.main.close()
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_cloudwatch_log_group", "processor")
	r.main.attr("count", "var.functions")
	r.main.attr("name", q("/aws/lambda/${local.name}-processor-${count.index}"))
	r.main.attr("retention_in_days", fmt.Sprint(pick(rng, 14, 30, 90, 365)))
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "exports")
	r.main.attr("source", r.mod("s3-bucket"))
	r.main.attr("bucket", q("${local.name}-exports"))
	r.main.attr("kms_key_arn", "aws_kms_key.data.arn")
	r.main.attr("expiration_days", fmt.Sprint(pick(rng, 30, 90, 365)))
	r.main.attr("block_public_access", fmt.Sprint(chance(rng, 0.85)))
	r.main.attr("tags", "local.tags")
	r.main.close()

	r.extraName = "backup.tf"
	r.extra.open("resource %q %q", "aws_backup_vault", "this")
	r.extra.attr("name", "local.name")
	r.extra.attr("kms_key_arn", "aws_kms_key.data.arn")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_backup_plan", "this")
	r.extra.attr("name", "local.name")
	r.extra.open("rule")
	r.extra.attr("rule_name", q("daily"))
	r.extra.attr("target_vault_name", "aws_backup_vault.this.name")
	r.extra.attr("schedule", q("cron(0 5 * * ? *)"))
	r.extra.open("lifecycle")
	r.extra.attr("delete_after", "local.is_prod ? 35 : 7")
	r.extra.close()
	r.extra.close()
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_backup_selection", "tables")
	r.extra.attr("name", q("tables"))
	r.extra.attr("plan_id", "aws_backup_plan.this.id")
	r.extra.attr("iam_role_arn", "module.lambda_role.arn")
	r.extra.attr("resources", "[for t in aws_dynamodb_table.this : t.arn]")
	r.extra.close()

	r.outs.output("table_names", "DynamoDB tables", "[for t in aws_dynamodb_table.this : t.name]")
	r.outs.output("queue_urls", "SQS queues", "{ for k, v in aws_sqs_queue.this : k => v.url }")
}

func (r *rootCtx) awsIAM() {
	rng := r.t.rng
	r.vars.variable("roles", "map(object({ services = list(string), policies = list(string) }))", "Service roles", "{}")
	r.vars.variable("users", "list(string)", "Human users", "[]")
	r.vars.variable("admin_group_policy", "string", "Policy of the admins group", q("arn:aws:iam::aws:policy/ReadOnlyAccess"))

	r.tfvars.open("roles =")
	for i := range between(rng, 2, 6) {
		pols := []string{q("arn:aws:iam::aws:policy/" + pick(rng, "AmazonS3ReadOnlyAccess", "AmazonSQSFullAccess", "CloudWatchAgentServerPolicy", "AmazonDynamoDBReadOnlyAccess"))}
		if chance(rng, 0.05) {
			pols = append(pols, q("arn:aws:iam::aws:policy/AdministratorAccess"))
		}
		r.tfvars.attr(fmt.Sprintf("%s-%d", pick(rng, appNames...), i), fmt.Sprintf("{ services = [%q], policies = %s }", pick(rng, "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com"), list(pols...)))
	}
	r.tfvars.close()
	var users []string
	for i := range between(rng, 2, 10) {
		users = append(users, fmt.Sprintf("%s.%s%d", pick(rng, "alice", "bob", "carol", "dave", "erin", "frank"), pick(rng, "s", "k", "m"), i))
	}
	r.tfvars.attr("users", qlist(users...))
	if chance(rng, 0.1) {
		r.tfvars.attr("admin_group_policy", q("arn:aws:iam::aws:policy/AdministratorAccess"))
	}

	r.main.open("module %q", "role")
	r.main.attr("source", r.mod("iam-role"))
	r.main.attr("for_each", "var.roles")
	r.main.attr("name", q("${local.name}-${each.key}"))
	r.main.attr("trusted_services", "each.value.services")
	r.main.attr("managed_policy_arns", "each.value.policies")
	r.main.attr("create_instance_profile", "contains(each.value.services, \"ec2.amazonaws.com\")")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_group", "admins")
	r.main.attr("name", q("${local.name}-admins"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_group_policy_attachment", "admins")
	r.main.attr("group", "aws_iam_group.admins.name")
	r.main.attr("policy_arn", "var.admin_group_policy")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_user", "this")
	r.main.attr("for_each", "toset(var.users)")
	r.main.attr("name", "each.value")
	r.main.attr("force_destroy", "true")
	r.main.attr("tags", "merge(local.tags, { Email = \"${each.value}@example.com\" })")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_user_group_membership", "this")
	r.main.attr("for_each", "aws_iam_user.this")
	r.main.attr("user", "each.value.name")
	r.main.attr("groups", "[aws_iam_group.admins.name]")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "aws_iam_policy", "boundary")
	r.main.attr("name", q("${local.name}-boundary"))
	r.main.open("policy = jsonencode(")
	r.main.attr("Version", q("2012-10-17"))
	r.main.l("Statement = [")
	r.main.l("  { Effect = \"Allow\", Action = [\"s3:*\", \"sqs:*\", \"logs:*\"], Resource = \"*\" },")
	r.main.l("  { Effect = \"Deny\", Action = [\"iam:CreateUser\", \"iam:DeleteRolePermissionsBoundary\"], Resource = \"*\" },")
	r.main.l("]")
	r.main.depth--
	r.main.l("})")
	r.main.close()

	r.extraName = "account.tf"
	r.extra.open("resource %q %q", "aws_iam_account_password_policy", "this")
	r.extra.attr("minimum_password_length", fmt.Sprint(pick(rng, 12, 14, 16)))
	r.extra.attr("require_lowercase_characters", "true")
	r.extra.attr("require_uppercase_characters", "true")
	r.extra.attr("require_numbers", "true")
	r.extra.attr("require_symbols", "true")
	r.extra.attr("password_reuse_prevention", "24")
	r.extra.attr("max_password_age", "90")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "aws_iam_account_alias", "this")
	r.extra.attr("account_alias", q("${local.team}-${var.environment}"))
	r.extra.close()

	r.outs.output("role_arns", "Role ARNs", "{ for k, m in module.role : k => m.arn }")
	r.outs.output("users", "User names", "[for u in aws_iam_user.this : u.name]")
}

// aliRules writes a tfvars list of Alibaba security group rule objects.
func (r *rootCtx) aliRules(name string) {
	rng := r.t.rng
	f := r.tfvars
	f.l("%s = [", name)
	f.depth++
	seen := map[string]bool{}
	for i := range between(rng, 2, 6) {
		pr := pick(rng, "80/80", "443/443", "8080/8080", "3306/3306", "6379/6379")
		cidr := pick(rng, "10.0.0.0/8", "172.16.0.0/12", "0.0.0.0/0", "192.168.0.0/16")
		if seen[pr+cidr] {
			continue
		}
		seen[pr+cidr] = true
		policy := "accept"
		if i == 0 && chance(rng, 0.15) {
			pr, cidr = pick(rng, "22/22", "3389/3389", "1/65535"), "0.0.0.0/0"
			policy = pick(rng, "accept", "accept", "drop")
		}
		f.l("{ port_range = %q, cidr_ip = %q, ip_protocol = \"tcp\", policy = %q },", pr, cidr, policy)
	}
	f.depth--
	f.l("]")
}

func (r *rootCtx) aliNetwork() {
	rng := r.t.rng
	r.vars.variable("vpcs", "map(object({ cidr = string, zones = number, flow_log = bool }))", "VPCs of the stack", "{}")
	r.vars.variable("sg_rules", "list(object({ port_range = string, cidr_ip = string, ip_protocol = string, policy = string }))", "Ingress rules of every VPC's default group", "[]")

	r.tfvars.open("vpcs =")
	for i, n := range []string{"prod", "shared", "dmz"}[:between(rng, 1, 3)] {
		r.tfvars.attr(n, fmt.Sprintf("{ cidr = %q, zones = %d, flow_log = %v }", fmt.Sprintf("172.%d.0.0/16", 16+(r.t.idx+i)%16), between(rng, 1, 3), chance(rng, 0.75)))
	}
	r.tfvars.close()
	r.aliRules("sg_rules")

	r.main.open("module %q", "flow_logs")
	r.main.attr("source", r.mod("ali-logging"))
	r.main.attr("project", q("${local.name}-network"))
	r.main.attr("logstores", "{ for k, v in var.vpcs : \"vpc-flow-${local.name}-${k}\" => 30 }")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "vpc")
	r.main.attr("source", r.mod("ali-network"))
	r.main.attr("for_each", "var.vpcs")
	r.main.attr("name", q("${local.name}-${each.key}"))
	r.main.attr("cidr", "each.value.cidr")
	r.main.attr("zones", "slice(local.zones, 0, each.value.zones)")
	r.main.attr("flow_log", "each.value.flow_log")
	r.main.attr("log_project", "module.flow_logs.project")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "sg")
	r.main.attr("source", r.mod("ali-security-group"))
	r.main.attr("for_each", "var.vpcs")
	r.main.attr("name", q("${local.name}-${each.key}-default"))
	r.main.attr("vpc_id", "module.vpc[each.key].vpc_id")
	r.main.attr("rules", "var.sg_rules")
	r.main.attr("tags", "local.tags")
	r.main.close()

	r.extraName = "dns.tf"
	r.extra.open("resource %q %q", "alicloud_pvtz_zone", "this")
	r.extra.attr("zone_name", q("${var.environment}.${local.team}.internal"))
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "alicloud_pvtz_zone_attachment", "this")
	r.extra.attr("zone_id", "alicloud_pvtz_zone.this.id")
	r.extra.attr("vpc_ids", "[for v in module.vpc : v.vpc_id]")
	r.extra.close()
	for i := range between(rng, 2, 6) {
		r.extra.blank()
		r.extra.open("resource %q %q", "alicloud_pvtz_zone_record", fmt.Sprintf("r%d", i))
		r.extra.attr("zone_id", "alicloud_pvtz_zone.this.id")
		r.extra.attr("rr", q(fmt.Sprintf("%s%d", pick(rng, appNames...), i)))
		r.extra.attr("type", q("A"))
		r.extra.attr("value", q(fmt.Sprintf("172.16.%d.%d", rng.IntN(250), 1+rng.IntN(250))))
		r.extra.attr("ttl", "60")
		r.extra.close()
	}

	r.outs.output("vpc_ids", "VPC IDs", "{ for k, v in module.vpc : k => v.vpc_id }")
}

func (r *rootCtx) aliApp() {
	rng := r.t.rng
	app := pick(rng, appNames...)
	r.vars.variable("app_name", "string", "Application name", q(app))
	r.vars.variable("instance_count", "number", "ECS instances", "2")
	r.vars.variable("sg_rules", "list(object({ port_range = string, cidr_ip = string, ip_protocol = string, policy = string }))", "Ingress rules", "[]")
	r.vars.variable("operators", "list(string)", "RAM users operating the app", "[]")

	r.tfvars.attr("app_name", q(app))
	r.tfvars.attr("instance_count", fmt.Sprint(between(rng, 1, 5)))
	r.aliRules("sg_rules")
	var ops []string
	for i := range between(rng, 1, 4) {
		ops = append(ops, fmt.Sprintf("%s-op%d", app, i))
	}
	r.tfvars.attr("operators", qlist(ops...))

	r.main.open("module %q", "network")
	r.main.attr("source", r.mod("ali-network"))
	r.main.attr("name", "local.name")
	r.main.attr("cidr", q(fmt.Sprintf("172.%d.0.0/16", 16+r.t.idx%16)))
	r.main.attr("zones", "slice(local.zones, 0, 2)")
	r.main.attr("flow_log", "local.is_prod")
	r.main.attr("log_project", q(r.t.name+"-network-logs"))
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "sg")
	r.main.attr("source", r.mod("ali-security-group"))
	r.main.attr("name", q("${local.name}-${var.app_name}"))
	r.main.attr("vpc_id", "module.network.vpc_id")
	r.main.attr("rules", "var.sg_rules")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "ram")
	r.main.attr("source", r.mod("ali-ram"))
	r.main.attr("role_name", q("${local.name}-${var.app_name}"))
	r.main.attr("system_policies", qlist("AliyunOSSReadOnlyAccess", "AliyunLogFullAccess"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_instance", "app")
	r.main.attr("count", "var.instance_count")
	r.main.attr("instance_name", "format(\"%s-%s-%02d\", local.name, var.app_name, count.index + 1)")
	r.main.attr("instance_type", q(pick(rng, "ecs.g7.large", "ecs.c7.xlarge", "ecs.g6.large")))
	r.main.attr("image_id", q("aliyun_3_x64_20G_alibase_20240528.vhd"))
	r.main.attr("vswitch_id", "element(module.network.vswitch_ids, count.index)")
	r.main.attr("security_groups", "[module.sg.id]")
	r.main.attr("system_disk_category", q("cloud_essd"))
	r.main.attr("role_name", "module.ram.role_name")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_slb_load_balancer", "app")
	r.main.attr("load_balancer_name", q("${local.name}-${var.app_name}"))
	r.main.attr("address_type", q("internet"))
	r.main.attr("load_balancer_spec", q("slb.s2.small"))
	r.main.attr("vswitch_id", "module.network.vswitch_ids[0]")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_slb_listener", "https")
	r.main.attr("load_balancer_id", "alicloud_slb_load_balancer.app.id")
	r.main.attr("backend_port", "8080")
	r.main.attr("frontend_port", "443")
	r.main.attr("protocol", q("https"))
	r.main.attr("bandwidth", "-1")
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_db_instance", "app")
	r.main.attr("engine", q("MySQL"))
	r.main.attr("engine_version", q("8.0"))
	r.main.attr("instance_type", q("rds.mysql.s2.large"))
	r.main.attr("instance_storage", fmt.Sprint(pick(rng, 20, 50, 100)))
	r.main.attr("vswitch_id", "module.network.vswitch_ids[0]")
	r.main.attr("security_ips", "[cidrsubnet(\""+fmt.Sprintf("172.%d.0.0/16", 16+r.t.idx%16)+"\", 8, 0)]")
	r.main.close()

	r.extraName = "ram.tf"
	r.extra.open("resource %q %q", "alicloud_ram_user", "operator")
	r.extra.attr("for_each", "toset(var.operators)")
	r.extra.attr("name", "each.value")
	r.extra.attr("display_name", "title(replace(each.value, \"-\", \" \"))")
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "alicloud_ram_user_policy_attachment", "operator")
	r.extra.attr("for_each", "alicloud_ram_user.operator")
	r.extra.attr("policy_name", q(pick(rng, "AliyunECSReadOnlyAccess", "AliyunECSReadOnlyAccess", "AliyunECSReadOnlyAccess", "AdministratorAccess")))
	r.extra.attr("policy_type", q("System"))
	r.extra.attr("user_name", "each.value.name")
	r.extra.close()

	r.outs.output("instance_ids", "ECS instances", "alicloud_instance.app[*].id")
	r.outs.output("slb_address", "SLB address", "alicloud_slb_load_balancer.app.address")
}

func (r *rootCtx) aliLogging() {
	rng := r.t.rng
	r.vars.variable("audit_logstores", "map(number)", "Audit logstores and retention", "{}")
	r.vars.variable("app_logstores", "map(number)", "Application logstores and retention", "{}")
	r.vars.variable("trail_region", "string", "Regions the trail records", q("All"))

	trail := r.env + "-" + r.t.name
	r.tfvars.open("audit_logstores =")
	r.tfvars.attr(q("actiontrail_"+trail), fmt.Sprint(pick(rng, 180, 365, 1095, 3650)))
	r.tfvars.close()
	r.tfvars.open("app_logstores =")
	for i := range between(rng, 2, 7) {
		r.tfvars.attr(q(fmt.Sprintf("%s-%d", pick(rng, appNames...), i)), fmt.Sprint(pick(rng, 7, 30, 90, 365, 3650)))
	}
	r.tfvars.close()
	if chance(rng, 0.15) {
		r.tfvars.attr("trail_region", q(r.region))
	}

	r.main.open("module %q", "audit")
	r.main.attr("source", r.mod("ali-logging"))
	r.main.attr("project", q("${local.name}-audit"))
	r.main.attr("logstores", "var.audit_logstores")
	r.main.attr("trail_name", q(trail))
	r.main.attr("trail_region", "var.trail_region")
	r.main.attr("oss_acl", q(pick(rng, "private", "private", "private", "private", "public-read")))
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "app_logs")
	r.main.attr("source", r.mod("ali-logging"))
	r.main.attr("project", q("${local.name}-apps"))
	r.main.attr("logstores", "var.app_logstores")
	r.main.attr("tags", "local.tags")
	r.main.close()
	r.main.blank()
	r.main.open("module %q", "config_role")
	r.main.attr("source", r.mod("ali-ram"))
	r.main.attr("role_name", q("${local.name}-config"))
	r.main.attr("services", qlist("config.aliyuncs.com"))
	r.main.attr("system_policies", qlist("AliyunConfigRolePolicy"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_config_configuration_recorder", "this")
	r.main.attr("enterprise_edition", "false")
	r.main.attr("resource_types", qlist("ACS::ECS::Instance", "ACS::ECS::SecurityGroup", "ACS::VPC::VPC", "ACS::OSS::Bucket"))
	r.main.close()
	r.main.blank()
	r.main.open("resource %q %q", "alicloud_config_delivery_channel", "this")
	r.main.attr("delivery_channel_name", q("${local.name}-config"))
	r.main.attr("delivery_channel_type", q("SLS"))
	r.main.attr("delivery_channel_target_arn", q("acs:log:${var.region}::project/${module.audit.project}/logstore/config"))
	r.main.attr("delivery_channel_assume_role_arn", "module.config_role.role_arn")
	r.main.close()

	r.extraName = "logtail.tf"
	r.extra.open("resource %q %q", "alicloud_log_machine_group", "apps")
	r.extra.attr("project", "module.app_logs.project")
	r.extra.attr("name", q("${local.name}-apps"))
	r.extra.attr("identify_type", q("userdefined"))
	r.extra.attr("identify_list", qlist(r.t.name+"-"+r.env))
	r.extra.close()
	r.extra.blank()
	r.extra.open("resource %q %q", "alicloud_logtail_config", "apps")
	r.extra.attr("for_each", "toset(module.app_logs.logstores)")
	r.extra.attr("project", "module.app_logs.project")
	r.extra.attr("logstore", "each.value")
	r.extra.attr("name", q("${each.value}-files"))
	r.extra.attr("input_type", q("file"))
	r.extra.attr("output_type", q("LogService"))
	r.extra.attr("input_detail", "jsonencode({ logType = \"json_log\", logPath = \"/var/log/${each.value}\", filePattern = \"*.log\", topicFormat = \"none\" })")
	r.extra.close()

	r.outs.output("audit_project", "Audit SLS project", "module.audit.project")
	r.outs.output("app_project", "Application SLS project", "module.app_logs.project")
}
