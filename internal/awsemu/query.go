package awsemu

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const (
	ec2NS = `xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"`
	iamNS = `xmlns="https://iam.amazonaws.com/doc/2010-05-08/"`
	stsNS = `xmlns="https://sts.amazonaws.com/doc/2011-06-15/"`
)

// query serves the query protocols: EC2 (ec2Query), IAM and STS (awsQuery).
func (s *Server) query(req *request) {
	switch req.service {
	case "ec2":
		s.ec2(req)
	case "iam":
		s.iam(req)
	case "sts":
		s.sts(req)
	default:
		s.fail(req, protoQuery, http.StatusBadRequest, "InvalidAction", "unknown service "+req.service)
	}
}

func (s *Server) ec2(req *request) {
	if !s.begin(req, "ec2", protoEC2, "", nil) {
		return
	}
	f := req.form
	maxResults, _ := strconv.Atoi(f.Get("MaxResults"))
	reg := s.sc.region(req.region)
	d := &doc{}
	d.open(req.op+"Response", ec2NS).leaf("requestId", requestID)
	var next string
	switch req.op {
	case "DescribeRegions":
		d.list("regionInfo", "item", len(s.sc.Regions), func(i int) {
			r := s.sc.Regions[i]
			d.leaf("regionName", r).leaf("regionEndpoint", "ec2."+r+".amazonaws.com").leaf("optInStatus", "opt-in-not-required")
		})
	case "DescribeVpcs":
		start, end, n := s.page(len(reg.VPCs), f.Get("NextToken"), maxResults)
		next = n
		vpcs := reg.VPCs[start:end]
		d.list("vpcSet", "item", len(vpcs), func(i int) {
			v := vpcs[i]
			d.leaf("vpcId", v.ID).leaf("ownerId", s.sc.Account).leaf("state", "available").leaf("cidrBlock", v.CIDR).
				leaf("dhcpOptionsId", "dopt-0a1b2c3d").leaf("instanceTenancy", "default").boolean("isDefault", v.Default)
		})
	case "DescribeFlowLogs":
		start, end, n := s.page(len(reg.FlowLogs), f.Get("NextToken"), maxResults)
		next = n
		logs := reg.FlowLogs[start:end]
		d.list("flowLogSet", "item", len(logs), func(i int) {
			fl := logs[i]
			dt := fl.DestinationType
			if dt == "" {
				dt = "cloud-watch-logs"
			}
			traffic := fl.Traffic
			if traffic == "" {
				traffic = "ALL"
			}
			d.leaf("creationTime", "2026-01-01T00:00:00.000Z").leaf("deliverLogsStatus", "SUCCESS").leaf("flowLogId", fl.ID).
				leaf("flowLogStatus", "ACTIVE").opt("logGroupName", fl.LogGroupName).leaf("resourceId", fl.Resource).
				leaf("trafficType", traffic).leaf("logDestinationType", dt).opt("logDestination", fl.Destination).
				leaf("maxAggregationInterval", "600")
		})
	case "DescribeSecurityGroups":
		start, end, n := s.page(len(reg.SecurityGroups), f.Get("NextToken"), maxResults)
		next = n
		groups := reg.SecurityGroups[start:end]
		d.list("securityGroupInfo", "item", len(groups), func(i int) {
			g := groups[i]
			d.leaf("ownerId", s.sc.Account).leaf("groupId", g.ID).leaf("groupName", g.Name).leaf("groupDescription", g.Name).
				leaf("vpcId", g.VPC).leaf("securityGroupArn", fmt.Sprintf("arn:%s:ec2:%s:%s:security-group/%s", s.sc.partition(), req.region, s.sc.Account, g.ID))
			s.permissions(d, "ipPermissions", g.Ingress)
			s.permissions(d, "ipPermissionsEgress", g.Egress)
		})
	case "DescribeNetworkAcls":
		start, end, n := s.page(len(reg.NetworkACLs), f.Get("NextToken"), maxResults)
		next = n
		acls := reg.NetworkACLs[start:end]
		d.list("networkAclSet", "item", len(acls), func(i int) {
			a := acls[i]
			d.leaf("networkAclId", a.ID).leaf("vpcId", a.VPC).boolean("default", a.Default).leaf("ownerId", s.sc.Account)
			d.list("entrySet", "item", len(a.Entries), func(j int) {
				e := a.Entries[j]
				d.num("ruleNumber", e.Rule).leaf("protocol", e.Protocol).leaf("ruleAction", e.Action).boolean("egress", e.Egress).
					opt("cidrBlock", e.CIDR).opt("ipv6CidrBlock", e.IPv6)
				if e.From != nil && e.To != nil {
					d.open("portRange").num("from", *e.From).num("to", *e.To).close("portRange")
				}
			})
			d.open("associationSet").close("associationSet").open("tagSet").close("tagSet")
		})
	default:
		s.fail(req, protoEC2, http.StatusBadRequest, "InvalidAction", "not emulated: ec2:"+req.op)
		return
	}
	d.opt("nextToken", next)
	d.close(req.op + "Response").write(req.w)
}

func (s *Server) permissions(d *doc, name string, perms []Permission) {
	d.list(name, "item", len(perms), func(i int) {
		p := perms[i]
		d.leaf("ipProtocol", p.Protocol)
		if p.From != nil {
			d.num("fromPort", *p.From)
		}
		if p.To != nil {
			d.num("toPort", *p.To)
		}
		d.list("groups", "item", len(p.Groups), func(j int) {
			d.leaf("userId", s.sc.Account).leaf("groupId", p.Groups[j])
		})
		d.list("ipRanges", "item", len(p.CIDRs), func(j int) { d.leaf("cidrIp", p.CIDRs[j]) })
		d.list("ipv6Ranges", "item", len(p.IPv6), func(j int) { d.leaf("cidrIpv6", p.IPv6[j]) })
		d.list("prefixListIds", "item", len(p.PrefixLists), func(j int) { d.leaf("prefixListId", p.PrefixLists[j]) })
	})
}

// policyARN expands a customer-managed policy name to its ARN.
func (s *Server) policyARN(ref string) string {
	if strings.HasPrefix(ref, "arn:") {
		return ref
	}
	return fmt.Sprintf("arn:%s:iam::%s:policy/%s", s.sc.partition(), s.sc.Account, ref)
}

func (s *Server) principalARN(kind string, p Principal) string {
	path := p.Path
	if path == "" {
		path = "/"
	}
	return fmt.Sprintf("arn:%s:iam::%s:%s%s%s", s.sc.partition(), s.sc.Account, kind, path, p.Name)
}

func (s *Server) iam(req *request) {
	f := req.form
	params := map[string]string{"PolicyUsageFilter": f.Get("PolicyUsageFilter"), "PolicyArn": f.Get("PolicyArn")}
	if !s.begin(req, "iam", protoQuery, "", params) {
		return
	}
	maxItems, _ := strconv.Atoi(f.Get("MaxItems"))
	d := &doc{}
	d.open(req.op+"Response", iamNS).open(req.op + "Result")
	switch req.op {
	case "ListEntitiesForPolicy":
		type ent struct{ kind, name string }
		var ents []ent
		usage := f.Get("PolicyUsageFilter")
		arn := f.Get("PolicyArn")
		for _, k := range []struct {
			kind string
			list []Principal
		}{{"Group", s.sc.IAM.Groups}, {"User", s.sc.IAM.Users}, {"Role", s.sc.IAM.Roles}} {
			for _, p := range k.list {
				attached := false
				for _, m := range p.Managed {
					attached = attached || s.policyARN(m) == arn
				}
				boundary := p.Boundary != "" && s.policyARN(p.Boundary) == arn
				if (attached && usage != "PermissionsBoundary") || (boundary && usage != "PermissionsPolicy") {
					ents = append(ents, ent{k.kind, p.Name})
				}
			}
		}
		start, end, next := s.page(len(ents), f.Get("Marker"), maxItems)
		for _, kind := range []string{"Group", "User", "Role"} {
			d.open("Policy" + kind + "s")
			for _, e := range ents[start:end] {
				if e.kind == kind {
					d.open("member").leaf(kind+"Name", e.name).leaf(kind+"Id", "AID"+strings.ToUpper(e.name)).close("member")
				}
			}
			d.close("Policy" + kind + "s")
		}
		d.boolean("IsTruncated", next != "").opt("Marker", next)
	case "GetAccountAuthorizationDetails":
		// One list of every entity, paged as a whole.
		type ent struct {
			kind string
			p    Principal
			pol  *Policy
		}
		var ents []ent
		for _, u := range s.sc.IAM.Users {
			ents = append(ents, ent{kind: "User", p: u})
		}
		for _, g := range s.sc.IAM.Groups {
			ents = append(ents, ent{kind: "Group", p: g})
		}
		for _, r := range s.sc.IAM.Roles {
			ents = append(ents, ent{kind: "Role", p: r})
		}
		for i := range s.sc.IAM.Policies {
			ents = append(ents, ent{kind: "Policy", pol: &s.sc.IAM.Policies[i]})
		}
		start, end, next := s.page(len(ents), f.Get("Marker"), maxItems)
		page := ents[start:end]
		for _, kind := range []string{"User", "Group", "Role"} {
			d.open(kind + "DetailList")
			for _, e := range page {
				if e.kind != kind {
					continue
				}
				p := e.p
				path := p.Path
				if path == "" {
					path = "/"
				}
				d.open("member").leaf("Path", path).leaf(kind+"Name", p.Name).leaf(kind+"Id", "AID"+strings.ToUpper(p.Name)).
					leaf("Arn", s.principalARN(strings.ToLower(kind), p)).leaf("CreateDate", "2026-01-01T00:00:00Z")
				d.open(kind + "PolicyList")
				for _, name := range sortedKeys(p.Inline) {
					d.open("member").leaf("PolicyName", name).leaf("PolicyDocument", encodeDoc(p.Inline[name])).close("member")
				}
				d.close(kind + "PolicyList")
				d.open("AttachedManagedPolicies")
				for _, m := range p.Managed {
					arn := s.policyARN(m)
					d.open("member").leaf("PolicyName", arn[strings.LastIndex(arn, "/")+1:]).leaf("PolicyArn", arn).close("member")
				}
				d.close("AttachedManagedPolicies")
				if kind == "Role" {
					d.leaf("AssumeRolePolicyDocument", encodeDoc(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`))
				}
				if p.Boundary != "" {
					d.open("PermissionsBoundary").leaf("PermissionsBoundaryType", "Policy").leaf("PermissionsBoundaryArn", s.policyARN(p.Boundary)).close("PermissionsBoundary")
				}
				d.close("member")
			}
			d.close(kind + "DetailList")
		}
		d.open("Policies")
		for _, e := range page {
			if e.pol == nil {
				continue
			}
			arn := s.policyARN(e.pol.Name)
			d.open("member").leaf("PolicyName", e.pol.Name).leaf("PolicyId", "ANPA"+strings.ToUpper(e.pol.Name)).leaf("Arn", arn).
				leaf("Path", "/").leaf("DefaultVersionId", "v2").num("AttachmentCount", s.attachments(arn)).boolean("IsAttachable", true)
			d.open("PolicyVersionList").
				open("member").leaf("Document", encodeDoc(`{"Version":"2012-10-17","Statement":[]}`)).leaf("VersionId", "v1").boolean("IsDefaultVersion", false).close("member").
				open("member").leaf("Document", encodeDoc(e.pol.Document)).leaf("VersionId", "v2").boolean("IsDefaultVersion", true).close("member").
				close("PolicyVersionList")
			d.close("member")
		}
		d.close("Policies")
		d.boolean("IsTruncated", next != "").opt("Marker", next)
	default:
		s.fail(req, protoQuery, http.StatusBadRequest, "InvalidAction", "not emulated: iam:"+req.op)
		return
	}
	d.close(req.op+"Result").open("ResponseMetadata").leaf("RequestId", requestID).close("ResponseMetadata").close(req.op + "Response").write(req.w)
}

// attachments counts the principals a customer-managed policy is attached to.
func (s *Server) attachments(arn string) int {
	n := 0
	for _, list := range [][]Principal{s.sc.IAM.Users, s.sc.IAM.Groups, s.sc.IAM.Roles} {
		for _, p := range list {
			for _, m := range p.Managed {
				if s.policyARN(m) == arn {
					n++
				}
			}
		}
	}
	return n
}

// Credentials AssumeRole hands out (shaped like real temporary keys).
const (
	AssumedKey    = "ASIAEMULATORASSUMED1"
	assumedSecret = "emulator-assumed-secret"
)

func (s *Server) sts(req *request) {
	f := req.form
	params := map[string]string{"RoleArn": f.Get("RoleArn"), "RoleSessionName": f.Get("RoleSessionName")}
	if !s.begin(req, "sts", protoQuery, "", params) {
		return
	}
	d := &doc{}
	d.open(req.op+"Response", stsNS).open(req.op + "Result")
	switch req.op {
	case "GetCallerIdentity":
		s.mu.Lock()
		role := s.assumed[req.key]
		s.mu.Unlock()
		arn := s.sc.Caller
		if role != "" {
			arn = fmt.Sprintf("arn:%s:sts::%s:assumed-role/%s/kansa", s.sc.partition(), s.sc.Account, role[strings.LastIndex(role, "/")+1:])
		}
		d.leaf("Arn", arn).leaf("UserId", "AIDAEMULATOR:kansa").leaf("Account", s.sc.Account)
	case "AssumeRole":
		s.mu.Lock()
		s.assumed[AssumedKey] = f.Get("RoleArn")
		s.mu.Unlock()
		d.open("Credentials").leaf("AccessKeyId", AssumedKey).leaf("SecretAccessKey", assumedSecret).
			leaf("SessionToken", "emulator-session-token").leaf("Expiration", "2099-01-01T00:00:00Z").close("Credentials").
			open("AssumedRoleUser").leaf("AssumedRoleId", "AROAEMULATOR:"+f.Get("RoleSessionName")).
			leaf("Arn", fmt.Sprintf("arn:%s:sts::%s:assumed-role/audit/%s", s.sc.partition(), s.sc.Account, f.Get("RoleSessionName"))).close("AssumedRoleUser")
	default:
		s.fail(req, protoQuery, http.StatusBadRequest, "InvalidAction", "not emulated: sts:"+req.op)
		return
	}
	d.close(req.op+"Result").open("ResponseMetadata").leaf("RequestId", requestID).close("ResponseMetadata").close(req.op + "Response").write(req.w)
}

// encodeDoc URL-encodes a policy document the way IAM returns it (RFC 3986).
func encodeDoc(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
