package emulator

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Server is a running emulator.
type Server struct {
	sc  *Scenario
	srv *httptest.Server

	mu     sync.Mutex
	calls  []Call
	counts map[string]int // fault index + region -> failures so far
	reqID  int
}

// Call is one request the emulator answered (or failed on purpose).
type Call struct {
	// Op is "product:Action" ("vpc:DescribeFlowLogs", "sls:ListLogStores").
	Op string
	// Region is the region the call was for ("" for a global call).
	Region string
}

// New starts an emulator for sc on 127.0.0.1. Close it when done.
func New(sc *Scenario) *Server {
	s := &Server{sc: sc, counts: map[string]int{}}
	if s.sc.PageSize <= 0 {
		s.sc.PageSize = 2
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the emulator's base URL (http://127.0.0.1:PORT), for --endpoint-url.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the emulator.
func (s *Server) Close() { s.srv.Close() }

// Calls returns every call so far, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// Operations returns the operations called so far, sorted, once each.
func (s *Server) Operations() []string {
	var ops []string
	for _, c := range s.Calls() {
		ops = append(ops, c.Op)
	}
	slices.Sort(ops)
	return slices.Compact(ops)
}

// Count returns how many times op was called.
func (s *Server) Count(op string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Op == op {
			n++
		}
	}
	return n
}

// apiError is an error answer.
type apiError struct {
	status  int
	code    string
	message string
	// retryAfterMs is sent as x-acs-retry-after (RPC only) when > 0.
	retryAfterMs int
}

// protocol is the wire family of a request.
type protocol int

const (
	protoRPC protocol = iota
	protoSLS
	protoOSS
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	switch {
	case r.Header.Get("x-log-apiversion") != "" || strings.HasPrefix(auth, "SLS4-HMAC-SHA256 ") || strings.HasPrefix(auth, "LOG "):
		s.serveSLS(w, r, auth)
	case strings.HasPrefix(auth, "OSS4-HMAC-SHA256 ") || strings.HasPrefix(auth, "OSS "):
		s.serveOSS(w, r, auth)
	default:
		s.serveRPC(w, r, auth)
	}
}

// begin records a call and applies the authentication check and the
// scenario's faults; a non-nil error is the answer to send instead.
func (s *Server) begin(op, region, resource, accessKey string, p protocol) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Op: op, Region: region})
	if accessKey == "" {
		return &apiError{status: http.StatusBadRequest, code: "MissingAuthorization", message: "The request is not signed."}
	}
	if s.sc.AccessKeyID != "" && accessKey != s.sc.AccessKeyID {
		return &apiError{status: http.StatusNotFound, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found."}
	}
	for i, f := range s.sc.Faults {
		if f.Op != op || (f.Region != "" && f.Region != region) || (f.Resource != "" && f.Resource != resource) {
			continue
		}
		key := fmt.Sprintf("%d/%s", i, region)
		if f.Times > 0 && s.counts[key] >= f.Times {
			continue
		}
		s.counts[key]++
		e := &apiError{status: f.Status, code: f.Code, message: f.Message, retryAfterMs: f.RetryAfterMs}
		if e.code == "" {
			e.status, e.code, e.message = throttle(p)
		}
		if e.status == 0 {
			e.status = http.StatusForbidden
		}
		if e.message == "" {
			e.message = "Injected fault."
		}
		return e
	}
	return nil
}

// throttle is each protocol's throttling answer.
func throttle(p protocol) (int, string, string) {
	switch p {
	case protoSLS:
		return http.StatusForbidden, "ReadQuotaExceed", "Read quota exceed."
	case protoOSS:
		return http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate."
	}
	return http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control."
}

func (s *Server) requestID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqID++
	return fmt.Sprintf("5F1A6C2E-0000-4000-8000-%012d", s.reqID)
}

// credentialOf returns the AccessKey ID and the scope region of an
// Authorization header: "ACS3-HMAC-SHA256 Credential=AK,..." or
// "SLS4-HMAC-SHA256 Credential=AK/date/region/sls/aliyun_v4_request,...".
func credentialOf(auth string) (ak, region string) {
	_, rest, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return "", ""
	}
	rest, _, _ = strings.Cut(rest, ",")
	parts := strings.Split(rest, "/")
	ak = parts[0]
	if len(parts) >= 3 {
		region = parts[2]
	}
	return ak, region
}

// page returns the items of page (1-based) and whether more follow.
func page[T any](items []T, pageNo, size int) ([]T, bool) {
	start := (pageNo - 1) * size
	if pageNo < 1 || start >= len(items) {
		return []T{}, false
	}
	end := min(start+size, len(items))
	return items[start:end], end < len(items)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeXML(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(xml.Header))
	_ = xml.NewEncoder(w).Encode(v)
}

// params merges the query string and a form body.
func params(r *http.Request) url.Values {
	q := r.URL.Query()
	if err := r.ParseForm(); err == nil {
		for k, v := range r.PostForm {
			q[k] = v
		}
	}
	return q
}

// clone copies a wire object, dropping the emulator's own keys.
func clone(m map[string]any, drop ...string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if !slices.Contains(drop, k) {
			out[k] = v
		}
	}
	return out
}

func str(m map[string]any, k string) string {
	if v, ok := m[k].(string); ok {
		return v
	}
	return ""
}
