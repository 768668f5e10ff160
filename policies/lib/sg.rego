# METADATA
# description: |
#   Security group exposure shared by the AWS and Alibaba Cloud SSH/RDP checks.
#   A rule is exposed to port P when it is an ingress rule, allows traffic
#   (Alibaba: policy accept), has an open source CIDR of one IP family, and
#   covers P. Unknown direction, policy, source or ports make a rule
#   "possibly exposed": it gives an `unknown` result, never a failure.
#
#   A check reads each rule as verdict(object.filter(rule, keys), unknown, ports):
#   three-valued facts ("yes", "no", "maybe") computed from a few small values,
#   which OPA caches across rules that share them.
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
	some hit in verdict(object.filter(rule, keys), object.get(rule, ["meta", "unknown"], []), ports)
	hit.status == "fail"
	result := result_of(rule, hit)
}

# unknowns(rules, ports) are results for rules that do not fail but could,
# once their unresolved values are known, or that carry a malformed CIDR.
unknowns(rules, ports) := {result |
	some rule in rules
	some hit in verdict(object.filter(rule, keys), object.get(rule, ["meta", "unknown"], []), ports)
	hit.status == "unknown"
	result := result_of(rule, hit)
}

# keys are the attributes a verdict depends on. facts and hits are
# functions of these values (object.filter(rule, keys)) and of
# meta.unknown, not of the rule object, so OPA's function cache computes
# them once per distinct combination: most rules share protocol, ports and
# sources with others.
keys := {"direction", "policy", "protocol", "port_range", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks"}

# facts(v, unk) computes three-valued facts ("yes", "no", "maybe") from
# values v and unresolved attributes unk; it is undefined for a rule that
# can never expose anything (egress, drop, udp/icmp, or no source that is
# open, malformed or unresolved).
facts(v, unk) := {
	"ingress": ingress,
	"accept": accept,
	"ports": object.union(network.range_facts(v, unk), {"protocol": protocol}),
	"families": fams,
} if {
	ingress := _tri_ingress(object.get(v, "direction", null), "direction" in unk)
	ingress != "no"
	accept := _tri_accept(object.get(v, "policy", null), "policy" in unk)
	accept != "no"
	protocol := network.protocol_class(object.get(v, "protocol", null), "protocol" in unk)
	protocol != "other"
	fams := {fam: f |
		some fam, spec in families
		sources := object.get(v, spec.field, [])
		u := _any_unknown(spec.attrs, unk)
		_worth_analyzing(sources, u)
		f := source_facts(sources, u, spec)
		_may_be_open(f)
	}
	count(fams) > 0
}

_may_be_open(f) if count(f.open) > 0

_may_be_open(f) if count(f.malformed) > 0

_may_be_open(f) if f.unknown

# verdict(v, unk, ports) is hits(facts(v, unk), ports): one call, so a
# cached answer costs one lookup per rule.
verdict(v, unk, ports) := hits(f, ports) if {
	f := _cached_facts(v, unk)
	f != null
}

# _cached_facts(v, unk) is facts(v, unk), or null where facts is undefined.
# OPA caches only defined function results, and most rules expose nothing:
# without the null, the SSH and the RDP check would each compute the facts
# of every such rule.
_cached_facts(v, unk) := f if {
	f := facts(v, unk)
} else := null

# hits(f, ports) are the verdicts for facts f on ports: {"status": "fail",
# "family": facts, "ports": [...]} per certainly open family, or, when none
# fails, {"status": "unknown", "family": facts, "ports": [...], "why": "..."}.
hits(f, ports) := fails if {
	fails := {{"status": "fail", "family": fam, "ports": covered} |
		f.ingress == "yes"
		f.accept == "yes"
		covered := _coverage(f.ports, ports).yes
		count(covered) > 0
		some fam in f.families
		count(fam.open) > 0
	}
	count(fails) > 0
} else := {{"status": "unknown", "family": fam, "ports": covered, "why": why} |
	covered := _coverage(f.ports, ports).possible
	count(covered) > 0
	some fam in f.families
	why := _undecided(fam)
}

# result_of(rule, hit) is the deny/unknown result for one hit on rule.
result_of(rule, hit) := _result(rule, hit.family, msg) if {
	hit.status == "fail"
	msg := sprintf("%s allows %s to %s%s", [lib.identity(rule), concat(", ", hit.family.open), port_text(hit.ports), label_text(rule)])
} else := _result(rule, hit.family, msg) if {
	msg := sprintf("%s may allow the internet to %s%s: %s", [lib.identity(rule), port_text(hit.ports), label_text(rule), hit.why])
}

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

# source_facts(sources, unknown, spec): the open and malformed sources of
# one family (spec, an entry of families), and whether they are unresolved.
source_facts(sources, unknown, spec) := {
	"open": sort([c | some c in sources; network.is_open_cidr(c)]),
	"malformed": sort([c | some c in sources; not network.valid_cidr(c)]),
	"spec": spec,
	"unknown": unknown,
}

_worth_analyzing(sources, _) if count(sources) > 0

_worth_analyzing(_, true)

_any_unknown(_, []) := false

_any_unknown(attrs, unk) := count([a | some a in attrs; a in unk]) > 0 if count(unk) > 0

# _result builds a result for rule and family facts fam, with the
# attribute that locates the family's sources when meta has it.
_result(rule, fam, msg) := {"resource": rule, "msg": msg, "attribute": attr} if {
	attr := lib.first_attribute(rule, fam.spec.attrs)
} else := {"resource": rule, "msg": msg}

# _coverage(f, ports): the ports f certainly covers, and those it may cover.
_coverage(f, ports) := {
	"yes": [p | some i, p in ports; cov[i] == "yes"],
	"possible": [p | some i, p in ports; cov[i] != "no"],
} if {
	cov := [network.coverage(f, p) | some p in ports]
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
