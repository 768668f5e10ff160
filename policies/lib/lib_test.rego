package kansa.lib_test

import data.kansa.lib

r := {
	"meta": {"address": "aws_x.a", "unknown": ["u"], "attributes": {"b": 7, "s": 9}},
	"b": false,
	"t": true,
	"s": "Ingress",
	"l": ["x"],
}

test_unknown_listed if lib.unknown(r, "u")

test_unknown_not_listed if not lib.unknown(r, "b")

test_unknown_without_meta_list if not lib.unknown({"meta": {}}, "u")

test_unknown_any if lib.unknown_any(r, ["b", "u"])

test_known if lib.known(r, "b")

test_not_known_when_unknown_even_with_value if not lib.known({"meta": {"unknown": ["b"]}, "b": false}, "b")

test_not_known_when_absent if not lib.known(r, "missing")

test_is_false if lib.is_false(r, "b")

test_is_false_not_for_true if not lib.is_false(r, "t")

test_is_false_not_for_unknown if not lib.is_false({"meta": {"unknown": ["b"]}}, "b")

test_is_false_not_for_absent if not lib.is_false(r, "missing")

test_is_true if lib.is_true(r, "t")

test_is_true_not_for_unknown if not lib.is_true({"meta": {"unknown": ["t"]}, "t": true}, "t")

test_equals if lib.equals(r, "s", "Ingress")

test_equals_fold if lib.equals_fold(r, "s", "ingress")

test_equals_not_for_unknown if not lib.equals({"meta": {"unknown": ["s"]}, "s": "x"}, "s", "x")

test_list if lib.list(r, "l") == ["x"]

test_list_absent if lib.list(r, "missing") == []

test_list_null if lib.list({"l": null}, "l") == []

test_identity_address if lib.identity(r) == "aws_x.a"

test_identity_arn if lib.identity({"meta": {"arn": "arn:aws:ec2:::x", "id": "i"}}) == "arn:aws:ec2:::x"

test_identity_id if lib.identity({"meta": {"address": "", "id": "vpc-1"}}) == "vpc-1"

test_first_attribute_in_order if lib.first_attribute(r, ["missing", "s", "b"]) == "s"

test_first_attribute_none if not lib.first_attribute(r, ["missing"])

test_with_attribute if lib.with_attribute({"msg": "m"}, r, ["b"]) == {"msg": "m", "attribute": "b"}

test_with_attribute_not_located if lib.with_attribute({"msg": "m"}, r, ["zz"]) == {"msg": "m"}

config := {
	"ports": {"ssh": [22], "rdp": [3389]},
	"retention": {"audit": 1095, "network": 30},
	"checks": {"c1": {"ports": {"ssh": [22, 2222]}, "retention": {"audit": 2000}}},
}

test_setting_default if {
	lib.setting("other", "ports") == {"ssh": [22], "rdp": [3389]} with data.kansa.config as config
}

test_setting_override_merges_objects if {
	lib.setting("c1", "ports") == {"ssh": [22, 2222], "rdp": [3389]} with data.kansa.config as config
	lib.setting("c1", "retention") == {"audit": 2000, "network": 30} with data.kansa.config as config
}

test_setting_shipped_defaults if {
	lib.setting("any", "ports").ssh == [22]
	lib.setting("any", "ports").rdp == [3389]
	lib.setting("any", "retention") == {"audit": 1095, "access": 365, "network": 30, "default": 365}
}

test_identity_unnamed if lib.identity({"meta": {}}) == "<unnamed resource>"

test_setting_override_replaces_non_objects if {
	lib.setting("c1", "open_cidrs") == ["10.0.0.0/8"] with data.kansa.config as {"open_cidrs": ["0.0.0.0/0"], "checks": {"c1": {"open_cidrs": ["10.0.0.0/8"]}}}
}

test_unknown_nested_path if lib.unknown({"meta": {"unknown": ["recording_group[0].all_supported"]}}, "all_supported")

test_unknown_nested_path_needs_whole_name if not lib.unknown({"meta": {"unknown": ["group.not_all_supported"]}}, "all_supported")

test_existence_unknown if lib.existence_unknown({"meta": {"unknown": ["count"]}})

test_existence_known if not lib.existence_unknown({"meta": {"unknown": ["name"]}})

test_first_attribute_first_located_wins if lib.first_attribute(r, ["b", "s"]) == "b"

test_first_attribute_no_attributes if not lib.first_attribute({"meta": {}}, ["s"])

test_known_absent_and_unknown if {
	not lib.known({"meta": {"unknown": ["x"]}}, "x")
	not lib.known({"meta": {"unknown": ["x"]}, "x": 1}, "x")
	lib.known({"meta": {"unknown": ["y"]}, "x": 1}, "x")
}

test_unknown_nested_path_needs_the_dot if {
	not lib.unknown({"meta": {"unknown": ["recording_group[0].xall_supported"]}}, "all_supported")
	not lib.unknown({"meta": {"unknown": ["xall_supported"]}}, "all_supported")
	not lib.unknown({"meta": {"unknown": ["all_supported.x"]}}, "all_supported")
	lib.unknown({"meta": {"unknown": ["a.b.all_supported"]}}, "all_supported")
}

test_unknown_ignores_entries_that_are_not_strings if {
	not lib.unknown({"meta": {"unknown": [5, null, {"a": 1}]}}, "a")
	lib.unknown({"meta": {"unknown": [5, "a"]}}, "a")
}

test_unknown_any_cases if {
	lib.unknown_any({"meta": {"unknown": ["x.fed_by"]}}, ["tier", "fed_by"])
	not lib.unknown_any({"meta": {"unknown": ["x.fed_by"]}}, [])
	not lib.unknown_any({"meta": {}}, ["tier"])
	not lib.unknown_any({"meta": {"unknown": ["tiers"]}}, ["tier", "fed_by"])
}
