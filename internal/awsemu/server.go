package awsemu

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Call is one request the emulator answered (or failed on purpose).
type Call struct {
	// Operation is "service:Operation" ("ec2:DescribeVpcs").
	Operation string
	// Region is the region of the request's credential scope.
	Region string
	// Bucket is the bucket of an S3 bucket operation.
	Bucket string
	// AccessKey is the access key ID that signed the request.
	AccessKey string
	// Params holds the request's parameters of interest (a trail name, a
	// session name, the policy usage filter, an account ID header).
	Params map[string]string
}

// Server is a running emulator.
type Server struct {
	*httptest.Server
	sc *Scenario

	mu    sync.Mutex
	calls []Call
	hits  map[int]int // fault index -> times it fired
	// assumed holds the credentials handed out by AssumeRole: key -> role ARN.
	assumed map[string]string
}

// Start serves sc on 127.0.0.1 until Close.
func Start(sc *Scenario) *Server {
	s := &Server{sc: sc, hits: map[int]int{}, assumed: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Calls returns the calls answered so far, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// Operations returns the distinct operations called, sorted.
func (s *Server) Operations() []string {
	var ops []string
	for _, c := range s.Calls() {
		ops = append(ops, c.Operation)
	}
	slices.Sort(ops)
	return slices.Compact(ops)
}

// request is a decoded request.
type request struct {
	w       http.ResponseWriter
	r       *http.Request
	region  string
	service string // credential scope service
	key     string // access key ID
	op      string // Operation name
	body    []byte
	form    url.Values
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := &request{w: w, r: r, body: body}
	req.key, req.region, req.service = scope(r.Header.Get("Authorization"))
	if req.key == "" {
		http.Error(w, "unsigned request", http.StatusForbidden)
		return
	}
	switch {
	case r.Header.Get("X-Amz-Target") != "":
		t := r.Header.Get("X-Amz-Target")
		req.op = t[strings.LastIndex(t, ".")+1:]
		s.json(req)
	case strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"):
		req.form, _ = url.ParseQuery(string(body))
		req.op = req.form.Get("Action")
		s.query(req)
	case strings.HasPrefix(r.URL.Path, "/v20180820/"):
		s.s3control(req)
	default:
		s.s3(req)
	}
}

// scope reads key ID, region and service from a SigV4 Authorization header:
// "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...".
func scope(auth string) (key, region, service string) {
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return "", "", ""
	}
	cred := auth[i+len("Credential="):]
	if j := strings.IndexAny(cred, ", "); j >= 0 {
		cred = cred[:j]
	}
	parts := strings.Split(cred, "/")
	if len(parts) < 5 {
		return "", "", ""
	}
	return parts[0], parts[2], parts[3]
}

// protocol names the error dialect of a service.
type protocol int

const (
	protoJSON protocol = iota
	protoEC2
	protoQuery
	protoS3
	// protoS3Control is REST-XML with errors wrapped in <ErrorResponse>.
	protoS3Control
)

// begin records the call and applies faults. It returns false when the
// request was answered with a fault.
func (s *Server) begin(req *request, service string, p protocol, bucket string, params map[string]string) bool {
	op := service + ":" + req.op
	s.mu.Lock()
	s.calls = append(s.calls, Call{Operation: op, Region: req.region, Bucket: bucket, AccessKey: req.key, Params: params})
	var fault *Fault
	for i := range s.sc.Faults {
		f := &s.sc.Faults[i]
		if f.Operation != op || (f.Region != "" && f.Region != req.region) || (f.Bucket != "" && f.Bucket != bucket) {
			continue
		}
		if f.Times > 0 && s.hits[i] >= f.Times {
			continue
		}
		s.hits[i]++
		fault = f
		break
	}
	s.mu.Unlock()
	if fault == nil {
		return true
	}
	switch fault.Kind {
	case FaultTimeout:
		<-req.r.Context().Done()
	case FaultThrottle:
		code, status := map[protocol]string{protoJSON: "ThrottlingException", protoEC2: "RequestLimitExceeded", protoQuery: "Throttling", protoS3: "SlowDown", protoS3Control: "SlowDown"}[p], http.StatusBadRequest
		if p == protoEC2 || p == protoS3 || p == protoS3Control {
			status = http.StatusServiceUnavailable
		}
		s.fail(req, p, status, code, "Rate exceeded")
	case FaultDenied:
		code := map[protocol]string{protoJSON: "AccessDeniedException", protoEC2: "UnauthorizedOperation", protoQuery: "AccessDenied", protoS3: "AccessDenied", protoS3Control: "AccessDenied"}[p]
		s.fail(req, p, http.StatusForbidden, code, fmt.Sprintf("User: %s is not authorized to perform: %s", s.sc.Caller, op))
	default:
		status := fault.Status
		if status == 0 {
			status = http.StatusBadRequest
		}
		s.fail(req, p, status, fault.Code, "injected error")
	}
	return false
}

// fail writes an error in the dialect of p.
func (s *Server) fail(req *request, p protocol, status int, code, msg string) {
	w := req.w
	switch p {
	case protoJSON:
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-ErrorType", code)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
	case protoEC2:
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>`, esc(code), esc(msg), requestID)
	case protoQuery, protoS3Control:
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`, esc(code), esc(msg), requestID)
	default:
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>%s</RequestId></Error>`, esc(code), esc(msg), requestID)
	}
}

const requestID = "c0ffee00-0000-4000-8000-000000000000"

// page cuts a list of n items at token (an offset) into one page of at
// most max items (and the scenario's page size); next is "" on the last.
func (s *Server) page(n int, token string, max int) (start, end int, next string) {
	size := s.sc.pageSize()
	if max > 0 && max < size {
		size = max
	}
	start, _ = strconv.Atoi(token)
	start = min(max0(start), n)
	end = min(start+size, n)
	if end < n {
		next = strconv.Itoa(end)
	}
	return start, end, next
}

func max0(v int) int {
	if v < 0 {
		return 0
	}
	return v
}
