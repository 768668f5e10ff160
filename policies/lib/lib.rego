# METADATA
# description: |
#   Unknown-safe reads of model resources. A resource `r` has `r.meta.unknown`,
#   the list of attributes whose value could not be resolved. These helpers
#   never read an unknown attribute as false: is_false(r, a) holds only when
#   the value is known and false.
package kansa.lib

# unknown(r, attr) holds when attr is listed in r.meta.unknown. A flattened
# model field ("all_supported") is also unknown when the adapter recorded the
# nested path it comes from ("recording_group[0].all_supported"): "." + k
# ends with "." + attr exactly when k is attr or ends with "." + attr. One
# rule, not two: most resources have no meta.unknown, and each rule of a
# function is evaluated on every call.
unknown(r, attr) if {
	some k in r.meta.unknown
	endswith(concat("", [".", k]), concat("", [".", attr]))
}

# existence_unknown(r) holds when r is the representative of a count,
# for_each or module call that could not be resolved: it may not exist.
existence_unknown(r) if unknown_any(r, ["count", "for_each", "module"])

# unknown_any(r, attrs) holds when any of attrs is unknown (the test of
# unknown, inline: no call per attribute when meta.unknown is absent).
unknown_any(r, attrs) if {
	some k in r.meta.unknown
	some attr in attrs
	endswith(concat("", [".", k]), concat("", [".", attr]))
}

# known(r, attr) holds when attr has a value that is not unknown. The
# presence test comes first: it is the cheaper one and fails for most absent
# attributes before unknown is called.
known(r, attr) if {
	_ = r[attr]
	not unknown(r, attr)
}

# is_true(r, attr) holds only when attr is known and true.
is_true(r, attr) if {
	known(r, attr)
	r[attr] == true
}

# is_false(r, attr) holds only when attr is known and false.
is_false(r, attr) if {
	known(r, attr)
	r[attr] == false
}

# equals(r, attr, v) holds only when attr is known and equal to v.
equals(r, attr, v) if {
	known(r, attr)
	r[attr] == v
}

# equals_fold(r, attr, v) is equals for strings, ignoring case.
equals_fold(r, attr, v) if {
	known(r, attr)
	is_string(r[attr])
	lower(r[attr]) == lower(v)
}

# list(r, attr) is the list at attr, or [] when absent or null.
list(r, attr) := r[attr] if {
	is_array(r[attr])
} else := []

# identity is how messages name a resource: its Terraform address, else its
# cloud ARN, else its ID.
identity(r) := r.meta.address if {
	is_string(r.meta.address)
	r.meta.address != ""
} else := r.meta.arn if {
	is_string(r.meta.arn)
	r.meta.arn != ""
} else := r.meta.id if {
	is_string(r.meta.id)
} else := "<unnamed resource>"

# first_attribute(r, names) is the first of names that r.meta.attributes
# locates (so a finding can point at that line); undefined when none is.
# One comprehension, not a search with a helper call per candidate: a call
# costs more than the lookup it makes.
first_attribute(r, names) := located[0] if {
	located := [n | some n in names; _ = r.meta.attributes[n]]
}

# with_attribute(result, r, names) adds "attribute" to result when one of
# names is located in r.meta.attributes.
with_attribute(result, r, names) := object.union(result, {"attribute": a}) if {
	a := first_attribute(r, names)
} else := result

# setting(id, key) is the parameter key of data.kansa.config, with the
# check's own overrides (data.kansa.config.checks[id][key]) merged over it.
setting(id, key) := v if {
	v := _merge(data.kansa.config[key], data.kansa.config.checks[id][key])
} else := data.kansa.config[key]

_merge(a, b) := object.union(a, b) if {
	is_object(a)
	is_object(b)
} else := b
