// Package junittest checks JUnit XML documents in tests: against the common
// JUnit XSD kept in testdata/schemas (with xmllint, as Go has no XSD
// validator), and that the tests/failures/errors/skipped attributes add up
// to the test cases they summarize.
//
// Only tests import it: the JUnit writer's own tests in reports/junit and
// the end-to-end test of the GitHub Action in internal/cifiles. Where
// xmllint is missing, Validate returns ErrNoXMLLint; callers skip the
// validation unless XMLLintRequired (KANSA_REQUIRE_XMLLINT=1, set in CI).
package junittest
