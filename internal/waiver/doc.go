// Package waiver applies suppressions to findings: inline comments in the
// scanned source (`# kansa:ignore ID reason="..." exp:YYYY-MM-DD`) and the
// `skip:` list of the config file. It parses them, checks their scope and
// expiry, and marks matching failures as suppressed, keeping the
// justification so reports can show it (SARIF suppressions, JUnit skipped).
//
// Neighbours: internal/scan calls it between the policy engine and the
// reports; internal/config parses the config file's skip entries.
package waiver
