package emulator

import (
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
)

// serveSLS answers Log Service (ROA, JSON with lower-case keys). The
// project is the host name's first label in front of the emulator's own
// address; the region is the V4 signature's scope.
func (s *Server) serveSLS(w http.ResponseWriter, r *http.Request, auth string) {
	reqID := s.requestID()
	w.Header().Set("x-log-requestid", reqID)
	fail := func(e *apiError) {
		writeJSON(w, e.status, map[string]any{"errorCode": e.code, "errorMessage": e.message})
	}
	ak, region := credentialOf(auth)
	if strings.HasPrefix(auth, "LOG ") { // V1 signature: "LOG AK:signature"
		ak, _, _ = strings.Cut(strings.TrimPrefix(auth, "LOG "), ":")
	}
	project := s.projectOf(r.Host)
	path := r.URL.Path
	var op string
	switch {
	case project == "" && path == "/":
		op = "sls:ListProject"
	case project != "" && path == "/logstores":
		op = "sls:ListLogStores"
	case project != "" && strings.HasPrefix(path, "/logstores/"):
		op = "sls:GetLogStore"
	default:
		op = "sls:" + r.Method + " " + path
	}
	resource := project
	if name, ok := strings.CutPrefix(path, "/logstores/"); ok {
		resource = name
	}
	if e := s.begin(op, region, resource, ak, protoSLS); e != nil {
		fail(e)
		return
	}
	if r.Method != http.MethodGet {
		fail(&apiError{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "The emulator answers reads only."})
		return
	}
	q := r.URL.Query()
	offset, size := intParam(q, "offset", 0), s.pageSize(q, "size", 100)
	if first(q, "offset") == "0" {
		offset = 0
	}
	if op == "sls:ListProject" {
		var all []map[string]any
		for _, p := range s.sc.LogProjects[region] {
			all = append(all, map[string]any{
				"projectName": p.Name, "region": region, "status": "Normal", "description": "",
				"owner": s.sc.Account, "createTime": "1704441600", "lastModifyTime": "1704441600",
				"resourceGroupId": "rg-acfm2abcdefgh", "dataRedundancyType": "LRS",
			})
		}
		got := window(all, offset, size)
		writeJSON(w, http.StatusOK, map[string]any{"count": len(got), "total": len(all), "projects": got})
		return
	}
	p, ok := s.project(region, project)
	if !ok {
		fail(&apiError{status: http.StatusNotFound, code: "ProjectNotExist", message: fmt.Sprintf("Project %s does not exist.", project)})
		return
	}
	switch op {
	case "sls:ListLogStores":
		var names []string
		for _, l := range p.Logstores {
			names = append(names, str(l, "logstoreName"))
		}
		got := window(names, offset, size)
		writeJSON(w, http.StatusOK, map[string]any{"count": len(got), "total": len(names), "logstores": got})
	case "sls:GetLogStore":
		name := strings.TrimPrefix(path, "/logstores/")
		for _, l := range p.Logstores {
			if str(l, "logstoreName") == name {
				body := map[string]any{
					"shardCount": 2, "autoSplit": true, "maxSplitShard": 64, "enable_tracking": false,
					"appendMeta": true, "telemetryType": "None", "mode": "standard",
					"createTime": 1704441600, "lastModifyTime": 1704441600,
				}
				for k, v := range l {
					body[k] = v
				}
				writeJSON(w, http.StatusOK, body)
				return
			}
		}
		fail(&apiError{status: http.StatusNotFound, code: "LogStoreNotExist", message: fmt.Sprintf("logstore %s does not exist", name)})
	default:
		fail(&apiError{status: http.StatusNotFound, code: "InvalidRequestURI", message: "The request URI is not supported."})
	}
}

// projectOf returns the project of a Log Service host name
// ("project.127.0.0.1:PORT"), "" when the request is for the service.
func (s *Server) projectOf(host string) string {
	own := strings.TrimPrefix(s.srv.URL, "http://")
	if p, ok := strings.CutSuffix(host, "."+own); ok {
		return p
	}
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	if p, ok := strings.CutSuffix(h, ".127.0.0.1"); ok {
		return p
	}
	return ""
}

func (s *Server) project(region, name string) (LogProject, bool) {
	for _, p := range s.sc.LogProjects[region] {
		if p.Name == name {
			return p, true
		}
	}
	return LogProject{}, false
}

func window[T any](items []T, offset, size int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(offset+size, len(items))]
}

// OSS wire types.
type (
	ossError struct {
		XMLName   xml.Name `xml:"Error"`
		Code      string   `xml:"Code"`
		Message   string   `xml:"Message"`
		RequestID string   `xml:"RequestId"`
		HostID    string   `xml:"HostId"`
		EC        string   `xml:"EC"`
	}
	ossACL struct {
		XMLName xml.Name `xml:"AccessControlPolicy"`
		Owner   struct {
			ID          string `xml:"ID"`
			DisplayName string `xml:"DisplayName"`
		} `xml:"Owner"`
		Grant string `xml:"AccessControlList>Grant"`
	}
	ossLocation struct {
		XMLName  xml.Name `xml:"LocationConstraint"`
		Location string   `xml:",chardata"`
	}
)

// serveOSS answers OSS (REST, XML, path-style "/bucket/?acl"). The region
// is the V4 signature's scope; a bucket read through another region's
// endpoint is refused as OSS does.
func (s *Server) serveOSS(w http.ResponseWriter, r *http.Request, auth string) {
	reqID := s.requestID()
	w.Header().Set("x-oss-request-id", reqID)
	fail := func(e *apiError) {
		writeXML(w, e.status, ossError{Code: e.code, Message: e.message, RequestID: reqID, HostID: r.Host, EC: "0003-00000001"})
	}
	ak, region := credentialOf(auth)
	bucket := strings.Trim(r.URL.Path, "/")
	q := r.URL.Query()
	var op string
	switch {
	case q.Has("acl"):
		op = "oss:GetBucketAcl"
	case q.Has("location"):
		op = "oss:GetBucketLocation"
	default:
		op = "oss:" + r.Method + " " + r.URL.Path
	}
	if e := s.begin(op, region, bucket, ak, protoOSS); e != nil {
		fail(e)
		return
	}
	i := slices.IndexFunc(s.sc.Buckets, func(b Bucket) bool { return b.Name == bucket })
	if r.Method != http.MethodGet || bucket == "" || strings.Contains(bucket, "/") {
		fail(&apiError{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "The emulator answers bucket reads only."})
		return
	}
	if i < 0 {
		fail(&apiError{status: http.StatusNotFound, code: "NoSuchBucket", message: "The specified bucket does not exist."})
		return
	}
	b := s.sc.Buckets[i]
	switch op {
	case "oss:GetBucketLocation":
		writeXML(w, http.StatusOK, ossLocation{Location: "oss-" + b.Region})
	case "oss:GetBucketAcl":
		if region != b.Region {
			fail(&apiError{status: http.StatusForbidden, code: "AccessDenied", message: "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint."})
			return
		}
		var out ossACL
		out.Owner.ID, out.Owner.DisplayName = s.sc.Account, s.sc.Account
		out.Grant = b.ACL
		writeXML(w, http.StatusOK, out)
	default:
		fail(&apiError{status: http.StatusNotImplemented, code: "NotImplemented", message: "The emulator does not implement this operation."})
	}
}
