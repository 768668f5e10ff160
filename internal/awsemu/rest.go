package awsemu

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

const s3NS = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`

// s3 serves the S3 REST-XML API, path style: GET /?x-id=ListBuckets and
// GET /{bucket}?{subresource}.
func (s *Server) s3(req *request) {
	q := req.r.URL.Query()
	bucket := strings.Trim(req.r.URL.Path, "/")
	if bucket == "" {
		req.op = "ListBuckets"
		if !s.begin(req, "s3", protoS3, "", nil) {
			return
		}
		s.listBuckets(req)
		return
	}
	for _, sub := range []struct{ key, op string }{
		{"location", "GetBucketLocation"}, {"logging", "GetBucketLogging"}, {"publicAccessBlock", "GetPublicAccessBlock"},
		{"policyStatus", "GetBucketPolicyStatus"}, {"acl", "GetBucketAcl"}, {"lifecycle", "GetBucketLifecycleConfiguration"},
	} {
		if q.Has(sub.key) {
			req.op = sub.op
			break
		}
	}
	if req.op == "" {
		req.op = req.r.Method + " " + req.r.URL.RawQuery
	}
	if !s.begin(req, "s3", protoS3, bucket, nil) {
		return
	}
	var b *Bucket
	for i := range s.sc.Buckets {
		if s.sc.Buckets[i].Name == bucket {
			b = &s.sc.Buckets[i]
		}
	}
	if b == nil {
		s.fail(req, protoS3, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
		return
	}
	if req.op != "GetBucketLocation" && req.region != b.Region {
		s.fail(req, protoS3, http.StatusMovedPermanently, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.")
		return
	}
	d := &doc{}
	switch req.op {
	case "GetBucketLocation":
		loc := b.Region
		if loc == "us-east-1" {
			loc = ""
		}
		d.open("LocationConstraint", s3NS).b.WriteString(esc(loc))
		d.close("LocationConstraint")
	case "GetBucketLogging":
		d.open("BucketLoggingStatus", s3NS)
		if b.LoggingTarget != "" {
			d.open("LoggingEnabled").leaf("TargetBucket", b.LoggingTarget).leaf("TargetPrefix", b.LoggingPrefix).close("LoggingEnabled")
		}
		d.close("BucketLoggingStatus")
	case "GetPublicAccessBlock":
		if b.Block == nil {
			s.fail(req, protoS3, http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
			return
		}
		block(d, *b.Block)
	case "GetBucketPolicyStatus":
		if b.PolicyPublic == nil {
			s.fail(req, protoS3, http.StatusNotFound, "NoSuchBucketPolicy", "The bucket policy does not exist")
			return
		}
		d.open("PolicyStatus", s3NS).boolean("IsPublic", *b.PolicyPublic).close("PolicyStatus")
	case "GetBucketAcl":
		d.open("AccessControlPolicy", s3NS).open("Owner").leaf("ID", "0wner"+s.sc.Account).close("Owner").open("AccessControlList")
		grants := append([]Grant{{ID: "0wner" + s.sc.Account, Permission: "FULL_CONTROL"}}, b.Grants...)
		for _, g := range grants {
			d.open("Grant")
			if g.URI != "" {
				d.open("Grantee", `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`, `xsi:type="Group"`).leaf("URI", g.URI).close("Grantee")
			} else {
				d.open("Grantee", `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`, `xsi:type="CanonicalUser"`).leaf("ID", g.ID).close("Grantee")
			}
			d.leaf("Permission", g.Permission).close("Grant")
		}
		d.close("AccessControlList").close("AccessControlPolicy")
	case "GetBucketLifecycleConfiguration":
		if b.Lifecycle == nil {
			s.fail(req, protoS3, http.StatusNotFound, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")
			return
		}
		d.open("LifecycleConfiguration", s3NS)
		for _, r := range b.Lifecycle {
			d.open("Rule").leaf("ID", r.ID).open("Filter")
			switch {
			case r.Tag != "" && r.Prefix != "":
				d.open("And").leaf("Prefix", r.Prefix).open("Tag").leaf("Key", r.Tag).leaf("Value", "yes").close("Tag").close("And")
			case r.Tag != "":
				d.open("Tag").leaf("Key", r.Tag).leaf("Value", "yes").close("Tag")
			default:
				d.leaf("Prefix", r.Prefix)
			}
			d.close("Filter").leaf("Status", r.Status).open("Expiration")
			if r.Date != "" {
				d.leaf("Date", r.Date)
			} else {
				d.num("Days", r.Days)
			}
			d.close("Expiration").close("Rule")
		}
		d.close("LifecycleConfiguration")
	default:
		s.fail(req, protoS3, http.StatusNotImplemented, "NotImplemented", "not emulated: "+req.op)
		return
	}
	d.write(req.w)
}

func (s *Server) listBuckets(req *request) {
	q := req.r.URL.Query()
	maxBuckets, _ := strconv.Atoi(q.Get("max-buckets"))
	start, end, next := s.page(len(s.sc.Buckets), q.Get("continuation-token"), maxBuckets)
	d := &doc{}
	d.open("ListAllMyBucketsResult", s3NS).open("Owner").leaf("ID", "0wner"+s.sc.Account).close("Owner").open("Buckets")
	for _, b := range s.sc.Buckets[start:end] {
		d.open("Bucket").leaf("Name", b.Name).leaf("CreationDate", "2026-01-01T00:00:00.000Z")
		if !b.HideRegion {
			d.leaf("BucketRegion", b.Region)
		}
		d.close("Bucket")
	}
	d.close("Buckets").opt("ContinuationToken", next).close("ListAllMyBucketsResult").write(req.w)
}

func block(d *doc, b Block) {
	d.open("PublicAccessBlockConfiguration", s3NS).boolean("BlockPublicAcls", b.BlockPublicACLs).boolean("IgnorePublicAcls", b.IgnorePublicACLs).
		boolean("BlockPublicPolicy", b.BlockPublicPolicy).boolean("RestrictPublicBuckets", b.RestrictPublicBuckets).close("PublicAccessBlockConfiguration")
}

// s3control serves GET /v20180820/configuration/publicAccessBlock; the
// account travels in the x-amz-account-id header.
func (s *Server) s3control(req *request) {
	req.op = "GetPublicAccessBlock"
	if req.r.URL.Path != "/v20180820/configuration/publicAccessBlock" || req.r.Method != http.MethodGet {
		req.op = req.r.Method + " " + req.r.URL.Path
	}
	account := req.r.Header.Get("x-amz-account-id")
	if !s.begin(req, "s3control", protoS3Control, "", map[string]string{"AccountId": account, "Host": req.r.Host}) {
		return
	}
	switch {
	case req.op != "GetPublicAccessBlock":
		s.fail(req, protoS3Control, http.StatusNotImplemented, "NotImplemented", "not emulated: "+req.op)
	case account != s.sc.Account:
		s.fail(req, protoS3Control, http.StatusForbidden, "AccessDenied", fmt.Sprintf("account %q is not the caller's", account))
	case s.sc.AccountBlock == nil:
		s.fail(req, protoS3Control, http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
	default:
		d := &doc{}
		block(d, *s.sc.AccountBlock)
		d.write(req.w)
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
