# METADATA
# description: |
#   Security group exposure shared by the AWS and Alibaba Cloud SSH/RDP checks.
#   A rule is exposed to port P when it is an ingress rule, allows traffic
#   (Alibaba: policy accept), has an open source CIDR of one IP family, and
#   covers P. Unknown direction, policy, source or ports make a rule
#   "possibly exposed": it gives an `unknown` result, never a failure.
package kansa.lib.sg

import data.kansa.lib
import data.kansa.lib.net

# Address families, each with the attribute names that hold its sources (the
# model's name first, then the Terraform argument names an adapter may use to
# locate or mark them).
families := {
	"ipv4": {"field": "cidr_blocks", "attrs": ["cidr_blocks", "cidr_ip", "cidr_ipv4"]},
	"ipv6": {"field": "ipv6_cidr_blocks", "attrs": ["ipv6_cidr_blocks", "ipv6_cidr_ip", "cidr_ipv6"]},
}

# open_sources(rule, fam) are the rule's source CIDRs of family fam that are
# open to the internet, sorted.
open_sources(rule, fam) := sort([c |
	some c in lib.list(rule, families[fam].field)
	net.is_open_cidr(c)
])

# malformed_sources(rule, fam) are source strings that are not CIDRs.
malformed_sources(rule, fam) := sort([c |
	some c in lib.list(rule, families[fam].field)
	net.malformed_cidr(c)
])

ingress(rule) if lib.equals_fold(rule, "direction", "ingress")

may_ingress(rule) if ingress(rule)

may_ingress(rule) if lib.unknown(rule, "direction")

# accepts(rule): AWS rules have no policy (always allow); Alibaba's is accept or drop.
accepts(rule) if {
	not lib.known(rule, "policy")
	not lib.unknown(rule, "policy")
}

accepts(rule) if lib.equals_fold(rule, "policy", "accept")

may_accept(rule) if accepts(rule)

may_accept(rule) if lib.unknown(rule, "policy")

# exposed_ports(rule, ports) are the ports of ports that rule certainly covers.
exposed_ports(rule, ports) := [p | some p in ports; net.covers(rule, p)]

may_ports(rule, ports) := [p | some p in ports; net.may_cover(rule, p)]

# failures(rules, ports) are deny results: one per rule and address family
# that is certainly open to the internet on one of ports.
failures(rules, ports) := {result |
	some rule in rules
	ingress(rule)
	accepts(rule)
	covered := exposed_ports(rule, ports)
	count(covered) > 0
	some fam, spec in families
	cidrs := open_sources(rule, fam)
	count(cidrs) > 0
	result := lib.with_attribute(
		{
			"resource": rule,
			"msg": sprintf("%s allows %s to %s%s", [lib.identity(rule), concat(", ", cidrs), port_text(covered), label_text(rule)]),
		},
		rule, spec.attrs,
	)
}

# failed(rule, ports) holds when some family of rule fails.
failed(rule, ports) if {
	ingress(rule)
	accepts(rule)
	count(exposed_ports(rule, ports)) > 0
	some fam, _ in families
	count(open_sources(rule, fam)) > 0
}

# unknowns(rules, ports) are results for rules that do not fail but could,
# once their unresolved values are known, or that carry a malformed CIDR.
unknowns(rules, ports) := {result |
	some rule in rules
	not failed(rule, ports)
	may_ingress(rule)
	may_accept(rule)
	covered := may_ports(rule, ports)
	count(covered) > 0
	some fam, spec in families
	why := undecided_source(rule, fam)
	result := lib.with_attribute(
		{
			"resource": rule,
			"msg": sprintf("%s may allow the internet to %s%s: %s", [lib.identity(rule), port_text(covered), label_text(rule), why]),
		},
		rule, spec.attrs,
	)
}

# undecided_source(rule, fam) explains why the source of family fam may be
# open; undefined when it is certainly closed.
undecided_source(rule, fam) := "open source, unresolved direction, protocol, ports or policy" if {
	count(open_sources(rule, fam)) > 0
} else := sprintf("%s is unresolved", [families[fam].field]) if {
	lib.unknown_any(rule, families[fam].attrs)
} else := sprintf("malformed CIDR %s", [concat(", ", malformed_sources(rule, fam))]) if {
	count(malformed_sources(rule, fam)) > 0
}

port_text(ports) := sprintf("port %d", [ports[0]]) if count(ports) == 1
else := sprintf("ports %s", [concat(", ", [sprintf("%d", [p]) | some p in ports])])

label_text(rule) := sprintf(" (%s)", [rule.label]) if {
	is_string(rule.label)
	rule.label != ""
	rule.label != lib.identity(rule)
} else := ""
