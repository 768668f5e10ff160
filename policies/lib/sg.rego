# METADATA
# description: |
#   Security group exposure shared by the AWS and Alibaba Cloud SSH/RDP checks.
#   A rule is exposed to port P when it is an ingress rule, allows traffic
#   (Alibaba: policy accept), has an open source CIDR of one IP family, and
#   covers P. Unknown direction, policy, source or ports make a rule
#   "possibly exposed": it gives an `unknown` result, never a failure.
#
#   Each rule is analyzed once (analyze) into three-valued facts ("yes", "no",
#   "maybe"), so the checks call no helper with the rule object more than once.
package kansa.lib.sg

import data.kansa.lib
import data.kansa.lib.network

# Address families: the model field with the sources, and the attribute
# names (model name first, then Terraform argument names) that may locate it
# in meta.attributes or mark it in meta.unknown.
families := {
	"ipv4": {"field": "cidr_blocks", "attrs": ["cidr_blocks", "cidr_ip", "cidr_ipv4"]},
	"ipv6": {"field": "ipv6_cidr_blocks", "attrs": ["ipv6_cidr_blocks", "ipv6_cidr_ip", "cidr_ipv6"]},
}

# failures(rules, ports) are the deny results for rules: one per rule and
# address family that is certainly open to the internet on one of ports.
failures(rules, ports) := {result |
	some rule in rules
	some result in failures_of(analyze(rule), ports)
}

# unknowns(rules, ports) are results for rules that do not fail but could,
# once their unresolved values are known, or that carry a malformed CIDR.
unknowns(rules, ports) := {result |
	some rule in rules
	some result in unknowns_of(analyze(rule), ports)
}

# analyze(rule) computes the facts the checks need about one rule; it is
# undefined for a rule that can never expose anything (egress, drop, or no
# source that is open, malformed or unresolved), so most rules cost a few
# cheap tests. Checks iterate a package's `analysis` set, computed once per
# evaluation and shared by the SSH and RDP checks.
analyze(rule) := {
	"rule": rule,
	"ingress": ingress,
	"accept": accept,
	"ports": object.union(network.range_facts(rule, unk), {"protocol": protocol}),
	"families": fams,
} if {
	unk := object.get(rule, ["meta", "unknown"], [])
	ingress := _tri_ingress(object.get(rule, "direction", null), "direction" in unk)
	ingress != "no"
	accept := _tri_accept(object.get(rule, "policy", null), "policy" in unk)
	accept != "no"
	protocol := network.protocol_class(object.get(rule, "protocol", null), "protocol" in unk)
	protocol != "other"
	fams := {fam: f |
		some fam, spec in families
		f := source_facts(object.get(rule, spec.field, []), unk, spec)
		_may_be_open(f)
	}
	count(fams) > 0
}

_may_be_open(f) if count(f.open) > 0

_may_be_open(f) if count(f.malformed) > 0

_may_be_open(f) if f.unknown

_tri_ingress(_, true) := "maybe"

_tri_ingress(v, false) := "yes" if {
	is_string(v)
	lower(v) == "ingress"
} else := "no"

# AWS rules have no policy (always allow); Alibaba's is accept or drop.
_tri_accept(_, true) := "maybe"

_tri_accept(null, false) := "yes"

_tri_accept(v, false) := "yes" if {
	is_string(v)
	lower(v) == "accept"
} else := "no" if v != null

# source_facts(sources, unk, spec): the open and malformed sources of one
# family (spec, an entry of families), and whether they are unresolved.
source_facts(sources, unk, spec) := {
	"open": sort([c | some c in sources; network.is_open_cidr(c)]),
	"malformed": sort([c | some c in sources; not network.valid_cidr(c)]),
	"spec": spec,
	"unknown": _any_unknown(spec.attrs, unk),
}

_any_unknown(_, []) := false

_any_unknown(attrs, unk) := count([a | some a in attrs; a in unk]) > 0 if count(unk) > 0

# _result builds a result for analyzed rule a and family facts fam, with
# the attribute that locates the family's sources when meta has it.
_result(a, fam, msg) := object.union(r, {"attribute": attr}) if {
	r := {"resource": a.rule, "msg": msg}
	attr := lib.first_attribute(a.rule, fam.spec.attrs)
} else := {"resource": a.rule, "msg": msg}

# failures_of(a, ports) are the deny results for one analyzed rule.
failures_of(a, ports) := {result |
	a.ingress == "yes"
	a.accept == "yes"
	covered := [p | some p in ports; network.coverage(a.ports, p) == "yes"]
	count(covered) > 0
	some fam in a.families
	count(fam.open) > 0
	msg := sprintf("%s allows %s to %s%s", [lib.identity(a.rule), concat(", ", fam.open), port_text(covered), label_text(a.rule)])
	result := _result(a, fam, msg)
}

# unknowns_of(a, ports) are the unknown results for one analyzed rule: it
# does not fail, but could once unresolved values are known, or it carries
# a malformed CIDR.
unknowns_of(a, ports) := set() if {
	count(failures_of(a, ports)) > 0
} else := {result |
	a.ingress != "no"
	a.accept != "no"
	covered := [p | some p in ports; network.coverage(a.ports, p) != "no"]
	count(covered) > 0
	some fam in a.families
	why := _undecided(fam)
	msg := sprintf("%s may allow the internet to %s%s: %s", [lib.identity(a.rule), port_text(covered), label_text(a.rule), why])
	result := _result(a, fam, msg)
}

_undecided(fam) := "open source, unresolved direction, protocol, ports or policy" if {
	count(fam.open) > 0
} else := sprintf("%s is unresolved", [fam.spec.field]) if {
	fam.unknown
} else := sprintf("malformed CIDR %s", [concat(", ", fam.malformed)]) if {
	count(fam.malformed) > 0
}

port_text(ports) := sprintf("port %d", [ports[0]]) if {
	count(ports) == 1
} else := sprintf("ports %s", [concat(", ", [sprintf("%d", [p]) | some p in ports])])

label_text(rule) := sprintf(" (%s)", [rule.label]) if {
	is_string(rule.label)
	rule.label != ""
	rule.label != lib.identity(rule)
} else := ""
