package alicloud

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	slsgateway "github.com/alibabacloud-go/alibabacloud-gateway-sls/client"
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	osscred "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	"github.com/aliyun/credentials-go/credentials"
)

// The narrow interfaces the product adapters consume. transport implements
// them over the SDKs; the adapters' unit tests use in-memory fakes.
type (
	// rpcCaller calls an RPC-style operation in region ("" for a global
	// service) with the operation's own parameters q, and decodes the JSON
	// body into out.
	rpcCaller interface {
		callRPC(ctx context.Context, op rpcOp, region string, q map[string]string, out any) error
	}
	// slsCaller sends a Log Service GET of path, in region, to project
	// ("" for the service itself), and decodes the JSON body into out.
	slsCaller interface {
		callSLS(ctx context.Context, op slsOp, region, project, path string, q map[string]string, out any) error
	}
	// ossReader reads the settings of one OSS bucket in region.
	ossReader interface {
		bucketACL(ctx context.Context, region, bucket string) (string, error)
		bucketLocation(ctx context.Context, region, bucket string) (string, error)
	}
)

var (
	_ rpcCaller = (*transport)(nil)
	_ slsCaller = (*transport)(nil)
	_ ossReader = (*transport)(nil)
)

// retryPolicy says how often and how patiently a throttled call is retried.
type retryPolicy struct {
	// attempts is the number of tries, the first included.
	attempts int
	// base is the first backoff; it doubles on every retry, up to max, with
	// full jitter.
	base, max time.Duration
}

// defaultRetry retries a throttled call five times over about 15 seconds
// (less when the service says when to come back): Alibaba Cloud lifts most
// throttling within seconds, and a call that stays throttled for longer
// becomes a gap. The call timeout bounds it all.
var defaultRetry = retryPolicy{attempts: 6, base: 500 * time.Millisecond, max: 8 * time.Second}

// delay is the backoff before try number attempt+1.
func (p retryPolicy) delay(attempt int) time.Duration {
	d := p.base << (attempt - 1)
	if d <= 0 || d > p.max {
		d = p.max
	}
	// Full jitter, but never less than half the step: the API needs the time.
	return d/2 + rand.N(d/2+1) //nolint:gosec // backoff jitter, not security
}

// transport sends every call of a scan: it holds the credential, one HTTP
// client shared by all SDK clients, the per-call timeout and the retries.
type transport struct {
	cred    credentials.Credential
	site    Site
	http    *http.Client
	timeout time.Duration
	retry   retryPolicy
	log     *slog.Logger
	// endpoint, when set, receives every call (--endpoint-url).
	endpoint *url.URL

	mu  sync.Mutex
	oss map[string]*oss.Client // by region; the OSS client is safe for concurrent use
}

// newHTTPClient returns the client every SDK shares. With an endpoint
// override every connection goes to that endpoint whatever the request's
// host: Log Service puts the project into the host name
// ("project.127.0.0.1:8080"), which would not resolve.
func newHTTPClient(endpoint *url.URL) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	if endpoint != nil {
		target := endpoint.Host
		if endpoint.Port() == "" {
			port := "443"
			if endpoint.Scheme == "http" {
				port = "80"
			}
			target = net.JoinHostPort(endpoint.Hostname(), port)
		}
		d := &net.Dialer{Timeout: 10 * time.Second}
		tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, target)
		}
		tr.Proxy = nil
	}
	return &http.Client{Transport: tr}
}

// teaHTTP lets the Tea SDK send through kansa's HTTP client.
type teaHTTP struct{ c *http.Client }

// Call sends req; the SDK's own transport is not used.
func (t teaHTTP) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return t.c.Do(req)
}

var _ dara.HttpClient = teaHTTP{}

// protocol is the scheme calls use: HTTPS, or the endpoint override's.
func (t *transport) protocol() string {
	if t.endpoint != nil && t.endpoint.Scheme == "http" {
		return "HTTP"
	}
	return "HTTPS"
}

// host is where a call for realHost goes.
func (t *transport) host(realHost string) string {
	if t.endpoint != nil {
		return t.endpoint.Host
	}
	return realHost
}

func (t *transport) config(region, host string) *openapiutil.Config {
	c := &openapiutil.Config{
		Credential: t.cred,
		Endpoint:   tea.String(host),
		Protocol:   tea.String(t.protocol()),
		HttpClient: teaHTTP{t.http},
	}
	if region != "" {
		c.RegionId = tea.String(region)
	}
	return c
}

// rpcClient returns a client for one call. The Tea client is not safe for
// concurrent use (every call resets its debug headers), so each call gets
// its own; they are cheap (no I/O) and share the HTTP client.
func (t *transport) rpcClient(host string) (*openapi.Client, error) {
	c, err := openapi.NewClient(t.config("", host))
	if err != nil {
		return nil, err
	}
	c.DisableSDKError = tea.Bool(true)
	return c, nil
}

// callRPC implements rpcCaller with the generic OpenAPI call (V3 signature).
func (t *transport) callRPC(ctx context.Context, op rpcOp, region string, q map[string]string, out any) error {
	c, err := t.rpcClient(t.host(op.product.host(region, t.site)))
	if err != nil {
		return &apiError{op: op.String(), code: "ClientConfig", msg: err.Error()}
	}
	params := &openapiutil.Params{
		Action:      tea.String(op.action),
		Version:     tea.String(op.product.version),
		Protocol:    tea.String(t.protocol()),
		Pathname:    tea.String("/"),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	query := make(map[string]*string, len(q))
	for k, v := range q {
		query[k] = tea.String(v)
	}
	return t.do(ctx, op.String(), func(ctx context.Context) error {
		res, err := c.CallApiWithCtx(ctx, params, &openapiutil.OpenApiRequest{Query: query}, &dara.RuntimeOptions{})
		if err != nil {
			return err
		}
		return decodeBody(res["body"], out)
	})
}

// slsClient returns a Log Service client for one call (see rpcClient).
func (t *transport) slsClient(region string) (*openapi.Client, error) {
	cfg := t.config(region, t.host(region+".log.aliyuncs.com"))
	// V4 signing names the region in the Authorization scope.
	cfg.SignatureVersion = tea.String("v4")
	c, err := openapi.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	gw, err := slsgateway.NewClient()
	if err != nil {
		return nil, err
	}
	if err := c.SetGatewayClient(gw); err != nil {
		return nil, err
	}
	c.ProductId = tea.String("Sls")
	c.DisableSDKError = tea.Bool(true)
	return c, nil
}

// callSLS implements slsCaller with the OpenAPI client and the SLS gateway
// (ROA style, SLS V4 signature).
func (t *transport) callSLS(ctx context.Context, op slsOp, region, project, path string, q map[string]string, out any) error {
	c, err := t.slsClient(region)
	if err != nil {
		return &apiError{op: op.String(), code: "ClientConfig", msg: err.Error()}
	}
	params := &openapiutil.Params{
		Action:      tea.String(string(op)),
		Version:     tea.String("2020-12-30"),
		Protocol:    tea.String(t.protocol()),
		Pathname:    tea.String(path),
		Method:      tea.String("GET"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("ROA"),
		ReqBodyType: tea.String("json"),
		BodyType:    tea.String("json"),
	}
	req := &openapiutil.OpenApiRequest{Headers: map[string]*string{}, Query: map[string]*string{}}
	for k, v := range q {
		req.Query[k] = tea.String(v)
	}
	if project != "" {
		req.HostMap = map[string]*string{"project": tea.String(project)}
	}
	return t.do(ctx, op.String(), func(ctx context.Context) error {
		res, err := c.ExecuteWithCtx(ctx, params, req, &dara.RuntimeOptions{})
		if err != nil {
			return err
		}
		return decodeBody(res["body"], out)
	})
}

func (t *transport) ossClient(region string) *oss.Client {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c, ok := t.oss[region]; ok {
		return c
	}
	cred := t.cred
	provider := osscred.CredentialsProviderFunc(func(context.Context) (osscred.Credentials, error) {
		m, err := cred.GetCredential()
		if err != nil {
			return osscred.Credentials{}, err
		}
		return osscred.Credentials{
			AccessKeyID:     tea.StringValue(m.AccessKeyId),
			AccessKeySecret: tea.StringValue(m.AccessKeySecret),
			SecurityToken:   tea.StringValue(m.SecurityToken),
		}, nil
	})
	cfg := oss.NewConfig().WithRegion(region).WithCredentialsProvider(provider).
		WithHttpClient(t.http).WithRetryMaxAttempts(1) // kansa retries, see do
	if t.endpoint != nil {
		cfg = cfg.WithEndpoint(t.endpoint.String()).WithUsePathStyle(true)
	}
	c := oss.NewClient(cfg)
	if t.oss == nil {
		t.oss = map[string]*oss.Client{}
	}
	t.oss[region] = c
	return c
}

// bucketACL implements ossReader: the bucket's canned ACL.
func (t *transport) bucketACL(ctx context.Context, region, bucket string) (string, error) {
	var acl string
	err := t.do(ctx, opGetBucketACL.String(), func(ctx context.Context) error {
		res, err := t.ossClient(region).GetBucketAcl(ctx, &oss.GetBucketAclRequest{Bucket: oss.Ptr(bucket)})
		if err != nil {
			return err
		}
		acl = oss.ToString(res.ACL)
		return nil
	})
	return acl, err
}

// bucketLocation implements ossReader: the bucket's region ("oss-cn-hangzhou").
func (t *transport) bucketLocation(ctx context.Context, region, bucket string) (string, error) {
	var loc string
	err := t.do(ctx, opGetBucketLocation.String(), func(ctx context.Context) error {
		res, err := t.ossClient(region).GetBucketLocation(ctx, &oss.GetBucketLocationRequest{Bucket: oss.Ptr(bucket)})
		if err != nil {
			return err
		}
		loc = oss.ToString(res.LocationConstraint)
		return nil
	})
	return loc, err
}

// do runs one call with the call timeout (retries included) and retries it
// while it is throttled. The error it returns is an *apiError.
func (t *transport) do(ctx context.Context, op string, call func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		err := call(ctx)
		if err == nil {
			return nil
		}
		ae := classify(op, err)
		if ctx.Err() != nil {
			return t.timedOut(ctx, op, err)
		}
		if !ae.retryable() || attempt >= t.retry.attempts {
			return ae
		}
		wait := t.retry.delay(attempt)
		if ae.retryAfter > 0 {
			wait = min(ae.retryAfter, t.retry.max)
		}
		t.log.Debug("retrying throttled call", "op", op, "code", ae.code, "attempt", attempt, "wait", wait)
		select {
		case <-ctx.Done():
			return t.timedOut(ctx, op, err)
		case <-time.After(wait):
		}
	}
}

func (t *transport) timedOut(ctx context.Context, op string, err error) *apiError {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &apiError{op: op, code: "Timeout", msg: fmt.Sprintf("no answer within the call timeout of %s", t.timeout), err: err}
	}
	return &apiError{op: op, code: "Canceled", msg: "the scan was canceled", err: ctx.Err()}
}

// apiError is a failed call, reduced to what a gap or an unknown reason
// says: the operation, the service's error code and message.
type apiError struct {
	op     string
	code   string
	status int
	msg    string
	// retryAfter is when the service said to try again (0: not said).
	retryAfter time.Duration
	err        error
}

func (e *apiError) Error() string { return e.op + ": " + e.reason() }

func (e *apiError) Unwrap() error { return e.err }

// reason is the gap or unknown reason: "Forbidden.RAM: User not authorized ...".
func (e *apiError) reason() string {
	if e.msg == "" {
		return e.code
	}
	return e.code + ": " + e.msg
}

// retryable reports whether the call may succeed if tried again:
// throttling, a busy or failing service, a broken connection.
func (e *apiError) retryable() bool {
	switch {
	case strings.Contains(e.code, "Throttling"), strings.Contains(e.code, "QuotaExceed"),
		strings.Contains(e.code, "QpsLimit"), e.code == "ServiceUnavailable", e.code == "RequestLimitExceeded":
		return true
	case e.status == http.StatusTooManyRequests, e.status == http.StatusServiceUnavailable:
		return true
	case e.code == "Connection":
		return true
	}
	return false
}

var (
	codePrefix   = regexp.MustCompile(`^code: \d+, `)
	requestIDTag = regexp.MustCompile(`\s*request id: \S*\s*$`)
)

// cleanMessage strips what the SDK adds around the service's message.
func cleanMessage(s string) string {
	s = codePrefix.ReplaceAllString(strings.TrimSpace(s), "")
	s = requestIDTag.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

// classify turns an SDK error into an apiError.
func classify(op string, err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	e := &apiError{op: op, err: err}
	var (
		respErr interface {
			GetCode() *string
			GetStatusCode() *int
			GetData() map[string]interface{}
		}
		teaErr *tea.SDKError
		ossErr *oss.ServiceError
		opErr  *net.OpError
	)
	switch {
	case errors.As(err, &ossErr):
		e.code, e.status, e.msg = ossErr.Code, ossErr.StatusCode, ossErr.Message
	case errors.As(err, &teaErr):
		e.code, e.status, e.msg = tea.StringValue(teaErr.Code), tea.IntValue(teaErr.StatusCode), cleanMessage(tea.StringValue(teaErr.Message))
	case errors.As(err, &respErr):
		e.code, e.status = tea.StringValue(respErr.GetCode()), tea.IntValue(respErr.GetStatusCode())
		if m, ok := respErr.GetData()["Message"].(string); ok {
			e.msg = m
		} else {
			e.msg = cleanMessage(err.Error())
		}
		// A throttled RPC call says when to come back (x-acs-retry-after, ms).
		var hint interface{ GetRetryAfter() *int64 }
		if errors.As(err, &hint) {
			if ms := tea.Int64Value(hint.GetRetryAfter()); ms > 0 {
				e.retryAfter = time.Duration(ms) * time.Millisecond
			}
		}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		e.code, e.msg = "Timeout", err.Error()
	case errors.As(err, &opErr):
		e.code, e.msg = "Connection", opErr.Error()
	default:
		e.code, e.msg = "RequestError", firstLine(err.Error())
	}
	if e.code == "" {
		e.code = fmt.Sprintf("HTTP%d", e.status)
	}
	return e
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// reasonOf is the gap or unknown reason of a failed call.
func reasonOf(err error) string {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.reason()
	}
	return firstLine(err.Error())
}

// opOf is the operation name of a failed call, or fallback.
func opOf(err error, fallback string) string {
	var ae *apiError
	if errors.As(err, &ae) && ae.op != "" {
		return ae.op
	}
	return fallback
}
