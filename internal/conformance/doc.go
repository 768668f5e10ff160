// Package conformance scores kansa against the peer-fixture corpus in
// ../shared/conformance (KICS and Checkov test fixtures mapped to kansa checks
// with the results kansa's spec demands). The runner scans each case the way
// the corpus README prescribes and scores file-level accuracy, resource
// precision/recall and line hits; the test fails on any case that is not
// listed, with a reason, in testdata/conformance/known-differences.txt.
package conformance
