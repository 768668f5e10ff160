package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reportutil"
)

const (
	// SchemaURI is the `$schema` of every log written.
	SchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// SrcRoot is the uriBaseId that file locations are relative to.
	SrcRoot = "%SRCROOT%"
	// FingerprintKey names kansa's entry in result.partialFingerprints.
	FingerprintKey = "kansa/v1"
	// MaxTags is GitHub code scanning's limit on tags per rule.
	MaxTags = 20
	// MaxResults is GitHub code scanning's limit on results per run; results
	// beyond it are dropped (failures last) and a notification says so.
	MaxResults = 25000

	docsBase = "https://github.com/kansa-sec/kansa/blob/main/docs/checks/"
)

// HelpURI is the documentation page of a built-in check.
func HelpURI(checkID string) string {
	return docsBase + url.PathEscape(checkID) + ".md"
}

// Write renders r as a SARIF 2.1.0 log on w. A nil report is written as an
// empty run. The output is deterministic and valid against the SARIF 2.1.0
// schema whatever strings r carries.
func Write(w io.Writer, r *finding.Report) error {
	return WriteOptions(w, r, Options{})
}

// Options tunes the log for a consumer. The zero value is what cli.md
// specifies.
type Options struct {
	// LiveArtifacts gives every result without a file (live scans) a
	// synthetic physical location "live/<provider>/<account>/<region>/<type>"
	// at line 1, beside its logical location (the ARN). GitHub code scanning
	// rejects a whole upload when any result lacks
	// physicalLocation.artifactLocation.uri ("locationFromSarifResult:
	// expected artifact location"); cli.md wants live results without one.
	LiveArtifacts bool

	// Root is prepended to every file URI (slash-separated, e.g. "infra/prod"),
	// for a scan of a subdirectory whose SARIF is uploaded from the
	// repository root (--sarif-root).
	Root string

	// Category sets runs[0].automationDetails.id to "CATEGORY/" so several
	// scans of one repository (directories, accounts) coexist in code
	// scanning. Empty: "kansa/" followed by the report's target.
	Category string

	// maxResults overrides MaxResults in tests.
	maxResults int
}

// WriteOptions is Write with options.
func WriteOptions(w io.Writer, r *finding.Report, o Options) error {
	r = reportutil.OrEmpty(r)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(build(r, o)); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

func build(r *finding.Report, o Options) *log {
	rules := reportutil.Rules(r)
	index := reportutil.NewIndex(rules)

	drv := driver{
		Name:           "kansa",
		Version:        reportutil.Line(r.Tool.Version),
		InformationURI: validURI(r.Tool.InformationURI),
		Rules:          make([]descriptor, 0, len(rules)),
	}
	if n := reportutil.Line(r.Tool.Name); n != "" {
		drv.Name = n
	}
	for _, x := range rules {
		drv.Rules = append(drv.Rules, describe(x))
	}

	baseline := false
	for _, f := range r.Findings {
		if f.Status == finding.StatusBaseline {
			baseline = true
			break
		}
	}

	results := make([]result, 0, len(r.Findings))
	var notes []notification
	for _, f := range r.Findings {
		switch f.Status {
		case finding.StatusPass:
			continue
		case finding.StatusError:
			notes = append(notes, findingNotification(f, index.Of(f.CheckID)))
			continue
		}
		results = append(results, toResult(f, index.Of(f.CheckID), baseline, o))
	}
	limit := MaxResults
	if o.maxResults > 0 {
		limit = o.maxResults
	}
	if len(results) > limit {
		dropped := len(results) - limit
		results = keepMostSevere(results, limit)
		notes = append(notes, notification{
			Level:   "warning",
			Message: message{Text: fmt.Sprintf("%d results were left out: GitHub code scanning accepts at most %d per run; see the JSON report for all findings", dropped, limit)},
		})
	}

	inv := invocation{ExecutionSuccessful: true}
	for _, d := range r.Diagnostics {
		if d.Severity == "error" {
			inv.ExecutionSuccessful = false
		}
		inv.Notifications = append(inv.Notifications, diagNotification(d, o.Root))
	}
	inv.Notifications = append(inv.Notifications, notes...)

	return &log{
		Schema:  SchemaURI,
		Version: "2.1.0",
		Runs: []run{{
			Tool: tool{Driver: drv},
			OriginalURIBaseIDs: map[string]artifactLocation{
				SrcRoot: {Description: &message{Text: "The root directory that was scanned; result paths are relative to it."}},
			},
			AutomationDetails: &automationDetails{ID: automationID(r, o)},
			Invocations:       []invocation{inv},
			Results:           results,
		}},
	}
}

// keepMostSevere keeps n results: failures before suppressed and baseline
// ones, higher levels first, in their original order otherwise.
func keepMostSevere(rs []result, n int) []result {
	rank := func(x result) int {
		score := 0
		switch x.Level {
		case "error":
			score = 3
		case "warning":
			score = 2
		case "note":
			score = 1
		}
		if len(x.Suppressions) == 0 && x.BaselineState != "unchanged" {
			score += 10
		}
		return score
	}
	sorted := append([]result(nil), rs...)
	sort.SliceStable(sorted, func(i, j int) bool { return rank(sorted[i]) > rank(sorted[j]) })
	return sorted[:n]
}

func describe(x finding.Rule) descriptor {
	d := descriptor{
		ID:   reportutil.RuleID(x.ID),
		Name: pascal(x.ID),
		ShortDescription: message{
			Text: firstNonEmpty(reportutil.Line(x.Title), reportutil.Line(x.ID), "(unnamed check)"),
		},
		DefaultConfiguration: configuration{Level: level(x.Severity)},
		Properties: ruleProperties{
			Tags:             tags(x),
			SecuritySeverity: x.Severity.SecuritySeverity(),
			Precision:        "high",
		},
	}
	if desc := reportutil.Text(x.Description); strings.TrimSpace(desc) != "" {
		d.FullDescription = &message{Text: desc}
	}
	helpText := reportutil.Text(x.Remediation)
	if strings.TrimSpace(helpText) == "" {
		helpText = firstNonEmpty(reportutil.Text(x.Description), d.ShortDescription.Text)
	}
	d.Help = &markdownMessage{Text: helpText, Markdown: helpText}
	switch {
	case !x.Custom && x.ID != "":
		d.HelpURI = HelpURI(x.ID)
	case len(x.References) > 0:
		d.HelpURI = validURI(x.References[0])
	}
	return d
}

func tags(x finding.Rule) []string {
	out := []string{"security"}
	seen := map[string]bool{"security": true}
	for _, t := range reportutil.FrameworkTags(x) {
		if len(out) == MaxTags {
			break
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func toResult(f finding.Finding, ruleIndex int, baseline bool, o Options) result {
	res := result{
		RuleID:    reportutil.RuleID(f.CheckID),
		RuleIndex: ruleIndex,
		Level:     level(f.Severity),
		Message:   message{Text: reportutil.Message(f)},
		PartialFingerprints: map[string]string{
			FingerprintKey: Fingerprint(f),
		},
	}
	switch f.Status {
	case finding.StatusFail, finding.StatusSuppressed, finding.StatusBaseline:
	default: // unknown, or a status this writer does not know: never an alert of its own
		res.Level = "note"
		res.Message.Text = "Could not be decided: " + res.Message.Text
	}
	logical := []logicalLocation{{FullyQualifiedName: reportutil.Line(reportutil.Identity(f)), Kind: "resource"}}
	loc := location{LogicalLocations: logical}
	switch {
	case f.Resource.File != "":
		start, end, _ := reportutil.Lines(f)
		loc.PhysicalLocation = &physicalLocation{
			ArtifactLocation: artifactLocation{URI: FileURI(rooted(o.Root, f.Resource.File)), URIBaseID: SrcRoot},
			Region:           &region{StartLine: start, EndLine: end},
		}
	case o.LiveArtifacts:
		loc.PhysicalLocation = &physicalLocation{
			ArtifactLocation: artifactLocation{URI: LiveURI(f.Resource)},
			Region:           &region{StartLine: 1, EndLine: 1},
		}
	}
	res.Locations = []location{loc}
	if f.Status == finding.StatusSuppressed {
		s := suppression{Kind: "external", Status: "accepted"}
		if f.Suppression != nil {
			if f.Suppression.Kind == "inSource" {
				s.Kind = "inSource"
			}
			s.Justification = reportutil.Text(f.Suppression.Justification)
		}
		res.Suppressions = []suppression{s}
	}
	if baseline {
		res.BaselineState = "new"
		if f.Status == finding.StatusBaseline {
			res.BaselineState = "unchanged"
		}
	}
	return res
}

// Fingerprint is a finding's partial fingerprint: the hex SHA-256 of its
// check ID, resource identity and attribute. Lines and messages are left
// out so it survives code moving around the file.
func Fingerprint(f finding.Finding) string {
	h := sha256.New()
	id := f.Resource.Identity()
	if id == "" {
		id = f.Resource.File
	}
	for _, s := range []string{f.CheckID, id, f.Attribute} {
		_, _ = io.WriteString(h, s) // hash writes never fail
		_, _ = h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileURI turns a slash-separated path relative to the scanned root into a
// relative URI reference: backslashes become slashes, leading "/" and "./"
// go (the URI stays under %SRCROOT%), and every segment is percent-escaped (including ':' so no segment reads
// as a scheme).
func FileURI(p string) string {
	p = strings.ReplaceAll(reportutil.ValidUTF8(p), "\\", "/")
	for {
		trimmed := strings.TrimPrefix(strings.TrimLeft(p, "/"), "./")
		if trimmed == p {
			break
		}
		p = trimmed
	}
	if p == "" || p == "." {
		return "unknown-file"
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// LiveURI is the synthetic artifact of a live resource:
// "live/<provider>/<account>/<region>/<type>", "-" for a missing part.
func LiveURI(r finding.Resource) string {
	parts := []string{"live"}
	for _, p := range []string{r.Provider, r.Account, r.Region, r.Type} {
		p = strings.ReplaceAll(reportutil.Line(p), "/", "_")
		if p == "" || p == "." || p == ".." {
			p = "-"
		}
		parts = append(parts, p)
	}
	return FileURI(strings.Join(parts, "/"))
}

func findingNotification(f finding.Finding, ruleIndex int) notification {
	return notification{
		Level:          "error",
		Message:        message{Text: "Check could not be evaluated on " + reportutil.Line(reportutil.Identity(f)) + ": " + reportutil.Message(f)},
		AssociatedRule: &ruleReference{ID: reportutil.RuleID(f.CheckID), Index: ruleIndex},
		Locations:      []location{{LogicalLocations: []logicalLocation{{FullyQualifiedName: reportutil.Line(reportutil.Identity(f)), Kind: "resource"}}}},
	}
}

// diagNotification turns a scan diagnostic into a notification; its file,
// relative to the scanned root like the results', is rebased on root too.
func diagNotification(d finding.DiagnosticRef, root string) notification {
	n := notification{Level: "note", Message: message{Text: firstNonEmpty(reportutil.Text(d.Message), "(no message)")}}
	switch d.Severity {
	case "error":
		n.Level = "error"
	case "warning":
		n.Level = "warning"
	}
	if d.File != "" {
		pl := &physicalLocation{ArtifactLocation: artifactLocation{URI: FileURI(rooted(root, d.File)), URIBaseID: SrcRoot}}
		if d.Line >= 1 {
			pl.Region = &region{StartLine: d.Line}
			if d.Column >= 1 {
				pl.Region.StartColumn = d.Column
			}
		}
		n.Locations = []location{{PhysicalLocation: pl}}
	}
	return n
}

func level(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical, finding.SeverityHigh:
		return "error"
	case finding.SeverityMedium:
		return "warning"
	default:
		return "note"
	}
}

// pascal turns a kebab-case check ID into a PascalCase rule name
// ("aws-sg-no-public-ssh" -> "AwsSgNoPublicSsh").
func pascal(id string) string {
	var b strings.Builder
	up := true
	for _, c := range reportutil.Line(id) {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			up = true
			continue
		}
		if up {
			c = unicode.ToUpper(c)
			up = false
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return "UnnamedCheck"
	}
	return b.String()
}

// validURI returns s when it is an absolute http(s) URL, else "".
func validURI(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsFunc(s, unicode.IsSpace) {
		return ""
	}
	return u.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// automationID is the run's automationDetails.id: "category/" (GitHub reads
// everything before the last slash as the category).
func automationID(r *finding.Report, o Options) string {
	c := o.Category
	if c == "" {
		c = "kansa/" + r.Target
	}
	c = strings.Trim(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, c), "/")
	if c == "" {
		c = "kansa"
	}
	return c + "/"
}

// rooted prefixes a scanned-root-relative path with root (slash-separated).
func rooted(root, p string) string {
	root = strings.Trim(strings.ReplaceAll(root, "\\", "/"), "/")
	if root == "" || root == "." {
		return p
	}
	return path.Clean(root + "/" + p)
}
