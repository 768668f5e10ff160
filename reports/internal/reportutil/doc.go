// Package reportutil holds what the report writers under reports/ share:
// the effective rule list of a report (deduplicated, with placeholders for
// checks that produced findings but carry no metadata), text sanitizing for
// hostile strings, framework tags, and resource location helpers.
//
// It knows internal/finding and nothing else; reports/sarif, reports/junit,
// reports/json and reports/table are its only importers.
package reportutil
