package terraform

import (
	"strconv"

	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// awsVPC adapts aws_vpc, aws_default_vpc and aws_flow_log, and links each VPC
// to the flow logs that target it.
//
// Defaults per the AWS provider v5/v6 documentation: aws_flow_log
// log_destination_type "cloud-watch-logs", traffic_type has no default
// (left nil when unset); aws_default_vpc is the region's default VPC.
func (a *adapter) awsVPC() {
	ec2 := &a.state.AWS.EC2
	for _, typ := range []string{"aws_vpc", "aws_default_vpc"} {
		for _, in := range a.of(typ) {
			v := model.VPC{Meta: a.meta(in), IsDefault: typ == "aws_default_vpc"}
			v.CIDRBlock, _ = reader{meta: &v.Meta, body: in.Body}.str("cidr_block")
			ec2.VPCs = append(ec2.VPCs, v)
		}
	}
	targets := []struct{ attr, kind string }{
		{"vpc_id", "VPC"}, {"subnet_id", "Subnet"}, {"eni_id", "NetworkInterface"},
		{"transit_gateway_id", "TransitGateway"}, {"transit_gateway_attachment_id", "TransitGatewayAttachment"},
	}
	for _, in := range a.of("aws_flow_log") {
		f := model.FlowLog{Meta: a.meta(in)}
		r := reader{meta: &f.Meta, body: in.Body}
		for _, t := range targets {
			if in.Body.Get(t.attr) == nil {
				continue
			}
			f.ResourceType = model.Ptr(t.kind)
			id, st := r.str(t.attr)
			f.ResourceID = id
			if st == unknownVal {
				f.Meta.MarkUnknown("resource_id", t.attr+" could not be resolved")
			}
			break
		}
		if f.ResourceType == nil && in.Unknown == "" {
			f.Meta.MarkUnknown("resource_type", "no vpc_id, subnet_id, eni_id or transit gateway argument was found")
		}
		f.TrafficType, _ = r.str("traffic_type")
		var st valState
		if f.LogDestinationType, st = r.str("log_destination_type"); st == unset {
			f.LogDestinationType = model.Ptr("cloud-watch-logs")
			f.Meta.MarkDefaulted("log_destination_type")
		}
		if f.LogDestination, st = r.str("log_destination"); st == unset {
			f.LogDestination, _ = r.str("log_group_name")
		}
		ec2.FlowLogs = append(ec2.FlowLogs, f)
	}
	linkFlowLogs(ec2.VPCs, ec2.FlowLogs)
}

// linkFlowLogs fills VPC.FlowLogs with the IDs of flow logs whose target is
// the VPC. When a flow log's target is unresolved and no known flow log
// targets a VPC, that VPC's flow_logs is unknown rather than empty.
func linkFlowLogs(vpcs []model.VPC, logs []model.FlowLog) {
	byTarget := map[string][]string{}
	maybe := map[string]bool{}
	unresolved := false
	for _, f := range logs {
		isVPC := f.ResourceType != nil && *f.ResourceType == "VPC"
		typeUnknown := f.ResourceType == nil
		exists := !f.Meta.IsUnknown("count") && !f.Meta.IsUnknown("for_each") && !f.Meta.IsUnknown("module")
		switch {
		case (isVPC || typeUnknown) && f.ResourceID == nil:
			unresolved = true
		case isVPC && exists:
			byTarget[*f.ResourceID] = append(byTarget[*f.ResourceID], f.Meta.ID)
		case isVPC:
			// The flow log may or may not exist (unknown count/for_each).
			maybe[*f.ResourceID] = true
		case typeUnknown:
			unresolved = true
		}
	}
	for i := range vpcs {
		v := &vpcs[i]
		v.FlowLogs = append([]string{}, byTarget[v.Meta.ID]...)
		switch {
		case len(v.FlowLogs) > 0:
		case maybe[v.Meta.ID]:
			v.Meta.MarkUnknown("flow_logs", "a flow log targets this VPC but its count/for_each is unresolved")
		case unresolved:
			v.Meta.MarkUnknown("flow_logs", "a flow log targets an unresolved VPC")
		}
	}
}

// awsSecurityGroups adapts aws_security_group and aws_default_security_group
// (inline ingress/egress blocks, dynamic blocks and the attribute-list form),
// aws_security_group_rule, aws_vpc_security_group_ingress_rule and
// aws_vpc_security_group_egress_rule, merging standalone rules into their group.
//
// Defaults per the AWS provider v5/v6 documentation: an inline rule's and
// aws_security_group_rule's self is false; aws_default_security_group is
// named "default".
func (a *adapter) awsSecurityGroups() {
	ec2 := &a.state.AWS.EC2
	for _, typ := range []string{"aws_security_group", "aws_default_security_group"} {
		for _, in := range a.of(typ) {
			g := model.SecurityGroup{Meta: a.meta(in), IsDefault: typ == "aws_default_security_group"}
			r := reader{meta: &g.Meta, body: in.Body}
			g.Name, _ = r.str("name")
			if g.Name == nil && g.IsDefault {
				g.Name = model.Ptr("default")
			}
			g.VPCID, _ = r.str("vpc_id")
			for _, dir := range []string{"ingress", "egress"} {
				g.Rules = append(g.Rules, inlineRules(&g.Meta, in.Body, dir)...)
			}
			ec2.SecurityGroups = append(ec2.SecurityGroups, g)
		}
	}
	var standalone []model.SecurityGroupRule
	for _, in := range a.of("aws_security_group_rule") {
		m := a.meta(in)
		rule := model.SecurityGroupRule{Meta: m, Label: in.Address}
		r := reader{meta: &rule.Meta, body: in.Body}
		rule.Direction, _ = r.lower("type")
		fillAWSRule(&rule, r, "source_security_group_id")
		rule.Group = groupRef(r)
		standalone = append(standalone, rule)
	}
	for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		dir := "ingress"
		if typ == "aws_vpc_security_group_egress_rule" {
			dir = "egress"
		}
		for _, in := range a.of(typ) {
			rule := model.SecurityGroupRule{Meta: a.meta(in), Label: in.Address, Direction: model.Ptr(dir)}
			r := reader{meta: &rule.Meta, body: in.Body}
			rule.Protocol, _ = r.lower("ip_protocol")
			rule.FromPort, _ = r.num("from_port")
			rule.ToPort, _ = r.num("to_port")
			rule.CIDRBlocks = single(r, "cidr_ipv4")
			rule.IPv6CIDRBlocks = single(r, "cidr_ipv6")
			rule.PrefixListIDs = single(r, "prefix_list_id")
			rule.SourceSecurityGroups = single(r, "referenced_security_group_id")
			rule.Group = groupRef(r)
			standalone = append(standalone, rule)
		}
	}
	ec2.SecurityGroupRules = append(ec2.SecurityGroupRules, mergeRules(ec2.SecurityGroups, standalone)...)
}

// groupRef reads security_group_id, the link of a standalone rule to its group.
func groupRef(r reader) string {
	s, _ := r.str("security_group_id")
	if s == nil {
		return ""
	}
	return *s
}

// mergeRules appends each standalone rule to the group whose Meta.ID it
// names and returns the rules whose group is not in the scan.
func mergeRules(groups []model.SecurityGroup, rules []model.SecurityGroupRule) []model.SecurityGroupRule {
	byID := map[string]int{}
	for i, g := range groups {
		byID[g.Meta.ID] = i
	}
	var orphans []model.SecurityGroupRule
	for _, rule := range rules {
		if i, ok := byID[rule.Group]; ok && rule.Group != "" {
			groups[i].Rules = append(groups[i].Rules, rule)
			continue
		}
		orphans = append(orphans, rule)
	}
	return orphans
}

func single(r reader, name string) []string {
	s, _ := r.str(name)
	if s == nil {
		return []string{}
	}
	return []string{*s}
}

// fillAWSRule reads the fields shared by inline rules and aws_security_group_rule.
func fillAWSRule(rule *model.SecurityGroupRule, r reader, sgAttr string) {
	rule.Protocol, _ = r.lower("protocol")
	rule.FromPort, _ = r.num("from_port")
	rule.ToPort, _ = r.num("to_port")
	rule.CIDRBlocks, _ = r.strs("cidr_blocks")
	rule.IPv6CIDRBlocks, _ = r.strs("ipv6_cidr_blocks")
	rule.PrefixListIDs, _ = r.strs("prefix_list_ids")
	rule.SourceSecurityGroups, _ = r.strs(sgAttr)
	var st valState
	if rule.Self, st = r.boolean("self"); st == unset {
		rule.Self = model.Ptr(false)
		r.meta.MarkDefaulted(r.prefix + "self")
	}
	rule.CIDRBlocks = nonNil(rule.CIDRBlocks)
	rule.IPv6CIDRBlocks = nonNil(rule.IPv6CIDRBlocks)
	rule.PrefixListIDs = nonNil(rule.PrefixListIDs)
	rule.SourceSecurityGroups = nonNil(rule.SourceSecurityGroups)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// inlineRules reads the ingress or egress rules declared inside a group:
// blocks (static or generated by dynamic blocks) and the attribute-list form.
func inlineRules(group *model.Meta, body *eval.Body, dir string) []model.SecurityGroupRule {
	var out []model.SecurityGroupRule
	for _, ib := range inlineBlocks(group, body, dir) {
		rule := model.SecurityGroupRule{Meta: ib.meta, Label: ib.label, Group: group.ID, Direction: model.Ptr(dir)}
		r := reader{meta: &rule.Meta, body: ib.body}
		if ib.unknown {
			for _, n := range []string{"protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks"} {
				r.unknown(n)
			}
		}
		fillAWSRule(&rule, r, "security_groups")
		out = append(out, rule)
	}
	return out
}

// inlineBlock is one nested block of a resource (ingress, egress, ...),
// whatever form declared it, with the Meta a finding on it should carry.
type inlineBlock struct {
	label string
	body  *eval.Body
	meta  model.Meta
	// unknown is set when the element itself could not be resolved.
	unknown bool
}

// inlineBlocks returns the blocks of type typ in body: static blocks, blocks
// generated by dynamic blocks (label "typ[i] (dynamic)", lines of the content
// block) and elements of the attribute-list form typ = [{...}] (lines of the
// attribute). Each Meta copies owner's identity and lines, with the block's
// lines as BlockStartLine/BlockEndLine and attribute lines relative to the block. When the attribute-list value is
// unknown, owner records typ as unknown.
func inlineBlocks(owner *model.Meta, body *eval.Body, typ string) []inlineBlock {
	var out []inlineBlock
	meta := func(start, end int) model.Meta {
		return model.Meta{Source: owner.Source, Type: owner.Type, Address: owner.Address, ID: owner.ID,
			File: owner.File, Region: owner.Region, StartLine: owner.StartLine, EndLine: owner.EndLine,
			BlockStartLine: start, BlockEndLine: end}
	}
	idx := 0
	for _, b := range body.Blocks {
		if b.Type != typ {
			continue
		}
		ib := inlineBlock{label: typ + "[" + strconv.Itoa(idx) + "]", body: b.Body, meta: meta(b.Range.Start.Line, b.Range.End.Line)}
		idx++
		if b.Dynamic {
			ib.label += " (dynamic)"
		}
		setLines(&ib.meta, "", b.Body)
		if b.Unknown {
			ib.meta.MarkUnknown("for_each", "the dynamic block's for_each could not be resolved")
		}
		out = append(out, ib)
	}
	at := body.Get(typ)
	v, st := attrState(at)
	switch {
	case st == unset:
	case !v.IsKnown() || !v.CanIterateElements():
		owner.MarkUnknown(typ, "the "+typ+" list could not be resolved")
	default:
		if v.Type().IsObjectType() || v.Type().IsMapType() {
			// JSON syntax may give a single block as one object.
			v = cty.TupleVal([]cty.Value{v})
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsKnown() && e.IsNull() {
				continue
			}
			ib := inlineBlock{label: typ + "[" + strconv.Itoa(idx) + "]", body: objectBody(e, at.Range),
				meta: meta(at.Range.Start.Line, at.Range.End.Line), unknown: !e.IsKnown()}
			idx++
			owner.SetLine(ib.label, at.Range.Start.Line)
			setLines(&ib.meta, "", ib.body)
			out = append(out, ib)
		}
	}
	return out
}
