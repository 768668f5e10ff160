package terraform

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// regionFunc returns the region of a provider configuration reference
// ("aws", "aws.west"), "" when unknown.
type regionFunc func(ref string) string

// readTypes are the resource types the adapters read. The scan evaluates
// the configuration of these types and, on demand, of whatever they refer
// to; a resource of any other type is evaluated only when something
// evaluated refers to it. An adapter reads instances only through of, which
// refuses a type missing here, and TestReadTypes checks the adapt code
// against this list: add a type here in the change that adapts it.
var readTypes = setOf(
	"alicloud_actiontrail_trail",
	"alicloud_config_configuration_recorder",
	"alicloud_log_project",
	"alicloud_log_store",
	"alicloud_oss_bucket",
	"alicloud_oss_bucket_acl",
	"alicloud_ram_group_policy_attachment",
	"alicloud_ram_role_policy_attachment",
	"alicloud_ram_user_policy_attachment",
	"alicloud_security_group",
	"alicloud_security_group_rule",
	"alicloud_vpc",
	"alicloud_vpc_flow_log",
	"aws_cloudtrail",
	"aws_cloudwatch_log_group",
	"aws_config_configuration_recorder",
	"aws_config_configuration_recorder_status",
	"aws_config_delivery_channel",
	"aws_default_network_acl",
	"aws_default_security_group",
	"aws_default_vpc",
	"aws_flow_log",
	"aws_iam_group_policy",
	"aws_iam_group_policy_attachment",
	"aws_iam_policy",
	"aws_iam_policy_attachment",
	"aws_iam_role",
	"aws_iam_role_policy",
	"aws_iam_role_policy_attachment",
	"aws_iam_user_policy",
	"aws_iam_user_policy_attachment",
	"aws_network_acl",
	"aws_network_acl_rule",
	"aws_s3_account_public_access_block",
	"aws_s3_bucket",
	"aws_s3_bucket_acl",
	"aws_s3_bucket_lifecycle_configuration",
	"aws_s3_bucket_logging",
	"aws_s3_bucket_policy",
	"aws_s3_bucket_public_access_block",
	"aws_security_group",
	"aws_security_group_rule",
	"aws_vpc",
	"aws_vpc_security_group_egress_rule",
	"aws_vpc_security_group_ingress_rule",
)

func setOf(types ...string) map[string]bool {
	m := make(map[string]bool, len(types))
	for _, t := range types {
		m[t] = true
	}
	return m
}

// readsType reports whether an adapter reads resources of type typ.
func readsType(typ string) bool { return readTypes[typ] }

// adapter turns evaluated instances into the model, one service at a time.
type adapter struct {
	source  model.Source
	state   *model.State
	region  regionFunc
	regions map[string]string
	byType  map[string][]*eval.Instance
}

func adapt(insts []*eval.Instance, rg regionFunc) *model.State {
	return adaptFrom(model.SourceTerraform, insts, rg)
}

// adaptFrom adapts instances read from source (terraform, or plan through Adapt).
func adaptFrom(source model.Source, insts []*eval.Instance, rg regionFunc) *model.State {
	a := &adapter{source: source, state: model.New(source, model.ScopeCode), region: rg, regions: map[string]string{}, byType: map[string][]*eval.Instance{}}
	for _, in := range insts {
		a.byType[in.Resource.Type] = append(a.byType[in.Resource.Type], in)
	}
	// Order matters where one service resolves links to another.
	a.awsVPC()
	a.awsSecurityGroups()
	a.awsNetworkACLs()
	a.awsCloudTrail()
	a.awsConfig()
	a.awsS3()
	a.awsLogs()
	a.awsIAM()
	a.alicloudVPC()
	a.alicloudSecurityGroups()
	a.alicloudOSS()
	a.alicloudActionTrail()
	a.alicloudSLS()
	a.alicloudRAM()
	a.state.Normalize()
	// Nested lists too must read as [] rather than null.
	for _, groups := range [][]model.SecurityGroup{a.state.AWS.EC2.SecurityGroups, a.state.Alicloud.ECS.SecurityGroups} {
		for i := range groups {
			if groups[i].Rules == nil {
				groups[i].Rules = []model.SecurityGroupRule{}
			}
		}
	}
	return a.state
}

// of returns the instances of resource type typ. Reading a type missing
// from readTypes is a bug (the scan would not have evaluated its
// instances: they would read as absent), so it panics rather than pass.
func (a *adapter) of(typ string) []*eval.Instance {
	if !readTypes[typ] {
		panic("terraform adapter reads resource type " + typ + ", which readTypes does not declare")
	}
	return a.byType[typ]
}

// meta builds the Meta of a resource instance: its location, the line of
// every attribute and nested block, its identity and unknown instance key.
func (a *adapter) meta(in *eval.Instance) model.Meta {
	r := in.Resource
	m := model.Meta{
		Source:    a.source,
		Type:      r.Type,
		Address:   in.Address,
		File:      r.DeclRange.Filename,
		StartLine: r.Range.Start.Line,
		EndLine:   r.Range.End.Line,
	}
	ref := r.Provider
	if ref == "" {
		ref = m.Provider()
	}
	if reg, ok := a.regions[ref]; ok {
		m.Region = reg
	} else if a.region != nil {
		m.Region = a.region(ref)
		a.regions[ref] = m.Region
	}
	setLines(&m, "", in.Body)
	m.ID = model.Placeholder(in.Address, "id")
	if s, st := readString(in.Body.Get("id")); st == known && s != "" {
		m.ID = s
	}
	if in.Unknown != "" {
		key := "module"
		switch {
		case r.ForEach != nil && strings.Contains(in.Unknown, "for_each") && !strings.HasPrefix(in.Unknown, "module "):
			key = "for_each"
		case r.Count != nil && strings.Contains(in.Unknown, "count") && !strings.HasPrefix(in.Unknown, "module "):
			key = "count"
		}
		m.MarkUnknown(key, in.Unknown)
	}
	return m
}

// setLines records the line of every attribute and block of body, under prefix.
func setLines(m *model.Meta, prefix string, body *eval.Body) {
	if body == nil {
		return
	}
	for n, at := range body.Attrs {
		m.SetLine(prefix+n, at.Range.Start.Line)
	}
	idx := map[string]int{}
	for _, b := range body.Blocks {
		key := prefix + b.Type + "[" + strconv.Itoa(idx[b.Type]) + "]"
		idx[b.Type]++
		m.SetLine(key, b.Range.Start.Line)
		setLines(m, key+".", b.Body)
	}
}

// state of a value read from configuration.
type valState int

const (
	unset valState = iota
	known
	unknownVal
)

func (s valState) set() bool { return s != unset }

func attrState(at *eval.Attr) (cty.Value, valState) {
	if at == nil || at.Value == cty.NilVal || (at.Value.IsKnown() && at.Value.IsNull()) {
		return cty.NilVal, unset
	}
	if !at.Value.IsWhollyKnown() {
		return at.Value, unknownVal
	}
	return at.Value, known
}

func readString(at *eval.Attr) (string, valState) {
	v, st := attrState(at)
	if st != known {
		return "", st
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return "", unknownVal
	}
	return s.AsString(), known
}

func readInt(at *eval.Attr) (int, valState) {
	v, st := attrState(at)
	if st != known {
		return 0, st
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() {
		return 0, unknownVal
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != big.Exact {
		return 0, unknownVal
	}
	return int(i), known
}

func readBool(at *eval.Attr) (bool, valState) {
	v, st := attrState(at)
	if st != known {
		return false, st
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil || b.IsNull() {
		return false, unknownVal
	}
	return b.True(), known
}

// readStrings reads a list/set of strings (a lone string counts as one
// element). Known elements are returned even when others are unknown.
func readStrings(at *eval.Attr) ([]string, valState) {
	v, st := attrState(at)
	if st == unset {
		return nil, unset
	}
	if !v.IsKnown() {
		return nil, unknownVal
	}
	if v.Type() == cty.String {
		return []string{v.AsString()}, known
	}
	if !v.CanIterateElements() {
		return nil, unknownVal
	}
	var out []string
	st = known
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsWhollyKnown() {
			st = unknownVal
			continue
		}
		if e.IsNull() {
			continue
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			st = unknownVal
			continue
		}
		out = append(out, s.AsString())
	}
	return out, st
}

// reader reads attributes of one body into model values, recording unknowns
// on meta under prefix.
type reader struct {
	meta   *model.Meta
	body   *eval.Body
	prefix string
}

const reasonUnresolved = "the value could not be resolved (variable without a value, reference to a value known only after apply, or an evaluation error)"

func (r reader) unknown(name string) { r.meta.MarkUnknown(r.prefix+name, reasonUnresolved) }

func (r reader) str(name string) (*string, valState) {
	s, st := readString(r.body.Get(name))
	switch st {
	case known:
		return &s, st
	case unknownVal:
		r.unknown(name)
	}
	return nil, st
}

func (r reader) lower(name string) (*string, valState) {
	s, st := r.str(name)
	if s != nil {
		*s = strings.ToLower(*s)
	}
	return s, st
}

func (r reader) num(name string) (*int, valState) {
	i, st := readInt(r.body.Get(name))
	switch st {
	case known:
		return &i, st
	case unknownVal:
		r.unknown(name)
	}
	return nil, st
}

func (r reader) boolean(name string) (*bool, valState) {
	b, st := readBool(r.body.Get(name))
	switch st {
	case known:
		return &b, st
	case unknownVal:
		r.unknown(name)
	}
	return nil, st
}

func (r reader) strs(name string) ([]string, valState) {
	l, st := readStrings(r.body.Get(name))
	if st == unknownVal {
		r.unknown(name)
	}
	return l, st
}

// objectBody turns an object value (an element of an attribute-list form
// such as ingress = [{...}]) into a Body whose attributes all sit at rng.
func objectBody(v cty.Value, rng hcl.Range) *eval.Body {
	b := &eval.Body{Attrs: map[string]*eval.Attr{}}
	if !v.IsKnown() || v.IsNull() || (!v.Type().IsObjectType() && !v.Type().IsMapType()) {
		return b
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		b.Attrs[k.AsString()] = &eval.Attr{Value: e, Range: rng}
	}
	return b
}
