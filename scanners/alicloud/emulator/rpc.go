package emulator

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// products maps RPC API versions to product names; each product has its own.
var products = map[string]string{
	"2015-04-01": "sts",
	"2014-05-26": "ecs",
	"2016-04-28": "vpc",
	"2020-07-06": "actiontrail",
	"2020-09-07": "config",
	"2015-05-01": "ram",
	"2018-12-03": "sas",
	"2017-12-07": "cloudfw",
	"2021-10-01": "waf",
	"2019-09-10": "waf",
}

// regional lists the products whose calls carry a RegionId that must be
// one of the scenario's regions.
var regional = map[string]bool{"ecs": true, "vpc": true, "actiontrail": true}

// rpcHandler answers one operation; q holds its parameters.
type rpcHandler func(s *Server, region string, q map[string][]string) (map[string]any, *apiError)

var rpcHandlers = map[string]rpcHandler{
	"sts:GetCallerIdentity":              (*Server).getCallerIdentity,
	"ecs:DescribeRegions":                (*Server).describeRegions,
	"ecs:DescribeSecurityGroups":         (*Server).describeSecurityGroups,
	"ecs:DescribeSecurityGroupAttribute": (*Server).describeSecurityGroupAttribute,
	"vpc:DescribeVpcs":                   (*Server).describeVpcs,
	"vpc:DescribeFlowLogs":               (*Server).describeFlowLogs,
	"actiontrail:DescribeTrails":         (*Server).describeTrails,
	"actiontrail:GetTrailStatus":         (*Server).getTrailStatus,
	"config:GetConfigurationRecorder":    (*Server).getConfigurationRecorder,
	"ram:ListEntitiesForPolicy":          (*Server).listEntitiesForPolicy,
	"sas:DescribeLogMeta":                (*Server).describeLogMeta,
	"cloudfw:DescribeUserBuyVersion":     (*Server).describeUserBuyVersion,
	"waf:DescribeInstance":               (*Server).describeWAFInstance,
	"waf:DescribeSlsLogStoreStatus":      (*Server).describeWAFLogStore,
	"waf:DescribeInstanceInfo":           (*Server).describeWAF2InstanceInfo,
}

func (s *Server) serveRPC(w http.ResponseWriter, r *http.Request, auth string) {
	q := params(r)
	action := r.Header.Get("x-acs-action")
	if action == "" {
		action = q.Get("Action")
	}
	version := r.Header.Get("x-acs-version")
	if version == "" {
		version = q.Get("Version")
	}
	reqID := s.requestID()
	fail := func(e *apiError) {
		if e.retryAfterMs > 0 {
			w.Header().Set("x-acs-retry-after", strconv.Itoa(e.retryAfterMs))
		}
		writeJSON(w, e.status, map[string]any{"RequestId": reqID, "Code": e.code, "Message": e.message, "HostId": r.Host})
	}
	product, ok := products[version]
	if !ok {
		fail(&apiError{status: http.StatusBadRequest, code: "InvalidVersion", message: fmt.Sprintf("Specified parameter Version %q is not valid.", version)})
		return
	}
	op := product + ":" + action
	region := q.Get("RegionId")
	ak, _ := credentialOf(auth)
	if ak == "" {
		ak = q.Get("AccessKeyId") // classic signature
	}
	resource := first(q, "SecurityGroupId") + first(q, "Name") + first(q, "InstanceId")
	if e := s.begin(op, region, resource, ak, protoRPC); e != nil {
		fail(e)
		return
	}
	h, ok := rpcHandlers[op]
	if !ok {
		fail(&apiError{status: http.StatusNotFound, code: "InvalidAction.NotFound", message: fmt.Sprintf("Specified api %s is not found, please check your url and method.", action)})
		return
	}
	if regional[product] && op != "ecs:DescribeRegions" && !slices.Contains(s.sc.Regions, region) {
		fail(&apiError{status: http.StatusBadRequest, code: "InvalidRegionId.NotFound", message: fmt.Sprintf("The specified RegionId %q does not exist.", region)})
		return
	}
	body, e := h(s, region, q)
	if e != nil {
		fail(e)
		return
	}
	body["RequestId"] = reqID
	writeJSON(w, http.StatusOK, body)
}

// intParam reads an integer parameter, def when absent or malformed.
func intParam(q map[string][]string, k string, def int) int {
	if v := first(q, k); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return n
		}
	}
	return def
}

func first(q map[string][]string, k string) string {
	if v := q[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// pageSize is the smaller of what the client asked and the scenario's cap.
func (s *Server) pageSize(q map[string][]string, k string, def int) int {
	return min(intParam(q, k, def), s.sc.PageSize)
}

// tokenPage pages items with MaxResults/NextToken.
func tokenPage[T any](s *Server, items []T, q map[string][]string) ([]T, string, *apiError) {
	pageNo := 1
	if tok := first(q, "NextToken"); tok != "" {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "page-"))
		if err != nil || err2 != nil || n < 1 {
			return nil, "", &apiError{status: http.StatusBadRequest, code: "InvalidNextToken.Malformed", message: "The specified parameter NextToken is not valid."}
		}
		pageNo = n
	}
	got, more := page(items, pageNo, s.pageSize(q, "MaxResults", 10))
	next := ""
	if more {
		next = base64.RawURLEncoding.EncodeToString([]byte("page-" + strconv.Itoa(pageNo+1)))
	}
	return got, next, nil
}

func (s *Server) getCallerIdentity(string, map[string][]string) (map[string]any, *apiError) {
	return map[string]any{
		"AccountId":    s.sc.Account,
		"Arn":          "acs:ram::" + s.sc.Account + ":user/kansa-audit",
		"IdentityType": "RAMUser",
		"PrincipalId":  "2063785329148xxxx",
		"UserId":       "2063785329148xxxx",
	}, nil
}

func (s *Server) describeRegions(string, map[string][]string) (map[string]any, *apiError) {
	var regions []map[string]any
	for _, r := range s.sc.Regions {
		regions = append(regions, map[string]any{
			"RegionId": r, "LocalName": r, "RegionEndpoint": "ecs." + r + ".aliyuncs.com", "Status": "available",
		})
	}
	return map[string]any{"Regions": map[string]any{"Region": regions}}, nil
}

func (s *Server) describeSecurityGroups(region string, q map[string][]string) (map[string]any, *apiError) {
	var groups []map[string]any
	for _, g := range s.sc.SecurityGroups[region] {
		a := clone(g.Attributes)
		a["RegionId"] = region
		groups = append(groups, a)
	}
	got, next, e := tokenPage(s, groups, q)
	if e != nil {
		return nil, e
	}
	return map[string]any{"RegionId": region, "NextToken": next, "SecurityGroups": map[string]any{"SecurityGroup": got}}, nil
}

func (s *Server) describeSecurityGroupAttribute(region string, q map[string][]string) (map[string]any, *apiError) {
	id := first(q, "SecurityGroupId")
	for _, g := range s.sc.SecurityGroups[region] {
		if str(g.Attributes, "SecurityGroupId") != id {
			continue
		}
		dir := first(q, "Direction")
		var perms []map[string]any
		for _, p := range g.Permissions {
			if dir == "" || dir == "all" || strings.EqualFold(str(p, "Direction"), dir) {
				perms = append(perms, p)
			}
		}
		got, next, e := tokenPage(s, perms, q)
		if e != nil {
			return nil, e
		}
		return map[string]any{
			"RegionId": region, "SecurityGroupId": id, "SecurityGroupName": str(g.Attributes, "SecurityGroupName"),
			"VpcId": str(g.Attributes, "VpcId"), "InnerAccessPolicy": "Accept", "Description": str(g.Attributes, "Description"),
			"NextToken": next, "Permissions": map[string]any{"Permission": got},
		}, nil
	}
	return nil, &apiError{status: http.StatusNotFound, code: "InvalidSecurityGroupId.NotFound", message: "The specified security group does not exist."}
}

func (s *Server) describeVpcs(region string, q map[string][]string) (map[string]any, *apiError) {
	pageNo, size := intParam(q, "PageNumber", 1), s.pageSize(q, "PageSize", 10)
	var vpcs []map[string]any
	for _, v := range s.sc.VPCs[region] {
		a := clone(v)
		a["RegionId"] = region
		vpcs = append(vpcs, a)
	}
	got, _ := page(vpcs, pageNo, size)
	return map[string]any{"TotalCount": len(vpcs), "PageNumber": pageNo, "PageSize": size, "Vpcs": map[string]any{"Vpc": got}}, nil
}

func (s *Server) describeFlowLogs(region string, q map[string][]string) (map[string]any, *apiError) {
	pageNo, size := intParam(q, "PageNumber", 1), s.pageSize(q, "PageSize", 20)
	var logs []map[string]any
	for _, f := range s.sc.FlowLogs[region] {
		if t := first(q, "ResourceType"); t != "" && str(f, "ResourceType") != t {
			continue
		}
		if id := first(q, "ResourceId"); id != "" && str(f, "ResourceId") != id {
			continue
		}
		a := clone(f)
		a["RegionId"] = region
		logs = append(logs, a)
	}
	got, _ := page(logs, pageNo, size)
	// This API sends its counts as strings.
	return map[string]any{
		"Success": "true", "TotalCount": strconv.Itoa(len(logs)), "PageNumber": strconv.Itoa(pageNo), "PageSize": strconv.Itoa(size),
		"FlowLogs": map[string]any{"FlowLog": got},
	}, nil
}

// trailKeys are the scenario's own keys of a trail.
var trailKeys = []string{"IsLogging"}

func (s *Server) describeTrails(region string, q map[string][]string) (map[string]any, *apiError) {
	shadows := strings.EqualFold(first(q, "IncludeShadowTrails"), "true")
	list := []map[string]any{}
	for _, t := range s.sc.Trails {
		home := str(t, "HomeRegion")
		if home == region || (shadows && str(t, "TrailRegion") == "All") {
			a := clone(t, trailKeys...)
			a["Region"] = region
			list = append(list, a)
		}
	}
	return map[string]any{"TrailList": list}, nil
}

func (s *Server) getTrailStatus(region string, q map[string][]string) (map[string]any, *apiError) {
	name := first(q, "Name")
	for _, t := range s.sc.Trails {
		if str(t, "Name") != name || str(t, "HomeRegion") != region {
			continue
		}
		logging, _ := t["IsLogging"].(bool)
		return map[string]any{
			"IsLogging": logging, "LatestDeliveryError": "", "LatestDeliveryLogServiceError": "",
			"OssBucketStatus": true, "SlsLogStoreStatus": true,
			"StartLoggingTime": "2026-01-05T08:00:00Z", "StopLoggingTime": "",
		}, nil
	}
	return nil, &apiError{status: http.StatusNotFound, code: "TrailNotFoundException", message: "The specified trail does not exist."}
}

func (s *Server) getConfigurationRecorder(string, map[string][]string) (map[string]any, *apiError) {
	status := s.sc.ConfigRecorderStatus
	if status == "" {
		status = "REGISTRABLE"
	}
	return map[string]any{"ConfigurationRecorder": map[string]any{
		"AccountId": s.sc.Account, "ConfigurationRecorderStatus": status,
		"ResourceTypes":            []string{"ACS::ECS::Instance", "ACS::ECS::SecurityGroup", "ACS::VPC::VPC"},
		"OrganizationEnableStatus": 0, "OrganizationMasterId": 0,
	}}, nil
}

func (s *Server) listEntitiesForPolicy(_ string, q map[string][]string) (map[string]any, *apiError) {
	if first(q, "PolicyName") == "" || first(q, "PolicyType") == "" {
		return nil, &apiError{status: http.StatusBadRequest, code: "MissingParameter", message: "PolicyName and PolicyType are mandatory for this action."}
	}
	body := map[string]any{"Users": map[string]any{"User": []any{}}, "Groups": map[string]any{"Group": []any{}}, "Roles": map[string]any{"Role": []any{}}}
	if first(q, "PolicyName") == "AdministratorAccess" && first(q, "PolicyType") == "System" {
		for k, v := range s.sc.AdministratorAccess {
			body[k] = v
		}
	}
	return body, nil
}

func (s *Server) describeLogMeta(_ string, q map[string][]string) (map[string]any, *apiError) {
	if first(q, "From") != "sas" {
		return nil, &apiError{status: http.StatusBadRequest, code: "MissingParameter", message: "From is mandatory for this action."}
	}
	list := s.sc.SASLogMeta
	if list == nil {
		list = []map[string]any{}
	}
	return map[string]any{"TotalCount": len(list), "LogMetaList": list}, nil
}

func (s *Server) describeUserBuyVersion(string, map[string][]string) (map[string]any, *apiError) {
	body := map[string]any{"InstanceStatus": "free", "UserStatus": false, "LogStatus": false, "AliUid": s.sc.Account}
	for k, v := range s.sc.CloudFirewall {
		body[k] = v
	}
	return body, nil
}

func (s *Server) describeWAFInstance(region string, _ map[string][]string) (map[string]any, *apiError) {
	w := s.sc.WAF[region]
	if w.InstanceID == "" {
		return map[string]any{}, nil
	}
	return map[string]any{"InstanceId": w.InstanceID, "Status": 1, "Edition": "enterprise", "PayType": "Subscription", "RegionId": region}, nil
}

func (s *Server) describeWAFLogStore(region string, q map[string][]string) (map[string]any, *apiError) {
	w := s.sc.WAF[region]
	if w.InstanceID == "" || first(q, "InstanceId") != w.InstanceID {
		return nil, &apiError{status: http.StatusBadRequest, code: "Waf.Instance.NotExist", message: "The WAF instance does not exist."}
	}
	return map[string]any{"ExistStatus": w.LogStoreExists}, nil
}

func (s *Server) describeWAF2InstanceInfo(region string, _ map[string][]string) (map[string]any, *apiError) {
	w := s.sc.WAF[region]
	info := map[string]any{"PayType": w.V2PayType}
	if w.V2PayType != 0 {
		info["InstanceId"] = "waf-cn-legacy0001"
		info["Status"] = 1
		info["Region"] = region
	}
	return map[string]any{"InstanceInfo": info}, nil
}
