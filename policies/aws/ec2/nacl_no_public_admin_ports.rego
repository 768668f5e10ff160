# METADATA
# title: Network ACLs do not allow SSH or RDP from the internet
# description: |
#   A network ACL is the subnet's outer door: an ingress allow rule from
#   0.0.0.0/0 or ::/0 (or any other prefix of length 0) whose protocol is tcp,
#   6 or all (-1) and whose port range covers SSH or RDP
#   (data.kansa.config.ports, default 22 and 3389) lets the whole internet
#   reach remote administration. Rules are evaluated by rule number: an allow is
#   open only if no lower-numbered deny rule from an open CIDR of the same IP
#   version (an IPv4 deny never shadows an IPv6 allow) covers the same port.
#   Protocol -1 covers every port whatever from_port/to_port say. A rule or a
#   possibly shadowing deny with unresolved values is undecided, never failed.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl_rule
# custom:
#   id: aws-nacl-no-public-admin-ports
#   severity: high
#   scope: resource
#   selector: aws.ec2.network_acls
#   frameworks:
#     cis-aws:
#       "3.0.0": "5.1"
#       "4.0.1": "5.2"
#       "5.0.0": "5.2"
#       "6.0.0": "6.2"
#       "7.0.0": "6.2"
#   remediation: |
#     Allow SSH and RDP only from the networks that need them, or deny them from
#     the internet with a lower-numbered rule than any broad allow.
#
#     ```hcl
#     resource "aws_network_acl_rule" "ssh_vpn" {
#       network_acl_id = aws_network_acl.main.id
#       rule_number    = 100
#       egress         = false
#       protocol       = "tcp"
#       rule_action    = "allow"
#       cidr_block     = "10.20.0.0/16" # not 0.0.0.0/0
#       from_port      = 22
#       to_port        = 22
#     }
#     ```
package kansa.aws.ec2.nacl_no_public_admin_ports

import data.kansa.lib
import data.kansa.lib.network

check_id := "aws-nacl-no-public-admin-ports"

ports := sort({p | some _, list in lib.setting(check_id, "ports"); some p in list})

families := {
	"ipv4": {"field": "cidr_block"},
	"ipv6": {"field": "ipv6_cidr_block"},
}

# groups are the rule sets judged together: the rules of each ACL, and the
# standalone rules whose ACL is not in the scan, grouped by their ACL ID.
groups contains acl.rules if {
	some acl in input.aws.ec2.network_acls
}

groups contains rules if {
	some id in {r.acl | some r in input.aws.ec2.network_acl_rules}
	rules := [r | some r in input.aws.ec2.network_acl_rules; r.acl == id]
}

_unk(r) := object.get(r, ["meta", "unknown"], [])

# Three-valued facts ("yes", "no", "maybe") about one rule r whose
# unresolved attributes are unk.
_ingress(r, unk) := "maybe" if {
	"egress" in unk
} else := "yes" if {
	r.egress == false
} else := "no"

_action(r, unk, want) := "maybe" if {
	some n in ["rule_action", "action"]
	n in unk
} else := "yes" if {
	is_string(r.rule_action)
	lower(r.rule_action) == want
} else := "no"

_open(r, unk, field) := "yes" if {
	network.is_open_cidr(object.get(r, field, null))
} else := "maybe" if {
	field in unk
} else := "no"

# _number(r, unk) is the rule number, null when unresolved.
_number(r, unk) := r.rule_number if {
	not _number_unknown(unk)
	is_number(r.rule_number)
} else := null

_number_unknown(unk) if {
	some n in ["rule_number", "rule_no"]
	n in unk
}

# _facts(r) reads a rule once, so that judging a group costs one read per
# rule rather than one per pair of rules: its number (null when unresolved)
# and, per family and port, whether it allows and whether it denies that
# traffic ("yes" or "maybe"; absent when "no").
_facts(r) := {
	"number": _number(r, unk),
	"allow": _effects(_and([ing, _action(r, unk, "allow")]), opens, cov),
	"deny": _effects(_and([ing, _action(r, unk, "deny")]), opens, cov),
} if {
	unk := _unk(r)
	ing := _ingress(r, unk)
	ing != "no"
	opens := {fam: o | some fam, spec in families; o := _open(r, unk, spec.field); o != "no"}
	count(opens) > 0
	pf := network.port_facts(r, unk)
	cov := {p: c | some p in ports; c := network.coverage(pf, p); c != "no"}
	count(cov) > 0
} else := {"number": null, "allow": {}, "deny": {}}

# _effects(tri, opens, cov): family -> port -> "yes" or "maybe" for a rule
# whose direction and action give tri, open per family opens and covering
# per port cov.
_effects(tri, opens, cov) := {fam: {p: _and([tri, o, c]) | some p, c in cov} |
	tri != "no"
	some fam, o in opens
}

# _and is the three-valued conjunction of facts.
_and(fs) := "no" if {
	"no" in fs
} else := "maybe" if {
	"maybe" in fs
} else := "yes"

# _before(d, r) is "yes" when rule number d comes before r, "maybe" when a
# number is unresolved (null).
_before(d, r) := "yes" if {
	is_number(d)
	is_number(r)
	d < r
} else := "no" if {
	is_number(d)
	is_number(r)
} else := "maybe"

# _shadow(s) is "yes" when some other rule certainly denies the traffic
# first, "maybe" when one may, else "no"; s holds one answer per deny rule.
_shadow(s) := "yes" if {
	"yes" in s
} else := "maybe" if {
	"maybe" in s
} else := "no"

# verdicts are [status, rule, family, port] with status "fail" or "unknown":
# a rule that allows the internet (family fam) in on port p, unless another
# rule of its group certainly denies that traffic first.
verdicts contains [status, rules[i], fam, p] if {
	some rules in groups
	rf := [_facts(r) | some r in rules]
	some i, f in rf
	some fam, ps in f.allow
	some p, a in ps
	s := _shadow({_and([d, _before(g.number, f.number)]) |
		some j, g in rf
		d := g.deny[fam][p]
		rules[j] != rules[i]
	})
	s != "yes"
	status := _status(a, s)
}

_status("yes", "no") := "fail"

_status("yes", "maybe") := "unknown"

_status("maybe", _) := "unknown"

_label(r) := sprintf("%s (%s)", [lib.identity(r), r.label]) if {
	is_string(r.label)
	r.label != ""
	r.label != lib.identity(r)
} else := lib.identity(r)

_rule_no(r) := sprintf(" rule %d", [n]) if {
	n := _number(r, _unk(r))
	n != null
} else := ""

deny contains result if {
	some r in {r | some [s, r, _, _] in verdicts; s == "fail"}
	cidrs := sort({object.get(r, families[fam].field, "") | some [s, r2, fam, _] in verdicts; s == "fail"; r2 == r})
	ps := sort({p | some [s, r2, _, p] in verdicts; s == "fail"; r2 == r})
	fields := [families[fam].field | some [s, r2, fam, _] in verdicts; s == "fail"; r2 == r]
	result := lib.with_attribute(
		{"resource": r, "msg": sprintf("%s%s allows %s to %s", [_label(r), _rule_no(r), concat(", ", cidrs), _ports(ps)])},
		r, fields,
	)
}

unknown contains result if {
	some r in {r | some [s, r, _, _] in verdicts; s == "unknown"}
	not _fails(r)
	ps := sort({p | some [s, r2, _, p] in verdicts; s == "unknown"; r2 == r})
	result := {"resource": r, "msg": sprintf("%s%s may allow the internet to %s: a value of the rule, or of a deny rule that could come first, is unresolved", [_label(r), _rule_no(r), _ports(ps)])}
}

unknown contains result if {
	some acl in input.aws.ec2.network_acls
	lib.unknown(acl, "ingress")
	result := {"resource": acl, "msg": sprintf("%s: its ingress rules are unresolved", [lib.identity(acl)])}
}

_fails(r) if {
	some [s, r2, _, _] in verdicts
	s == "fail"
	r2 == r
}

_ports(ps) := sprintf("port %d", [ps[0]]) if {
	count(ps) == 1
} else := sprintf("ports %s", [concat(", ", [sprintf("%d", [p]) | some p in ps])])
