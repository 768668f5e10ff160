package alicloud

import (
	"context"
	"strconv"

	"github.com/kansa-sec/kansa/internal/model"
)

// Model paths the VPC calls feed. DescribeFlowLogs also feeds the VPCs'
// flow_logs links.
const (
	pathVPCs        = "alicloud.vpc.vpcs"
	pathFlowLogs    = "alicloud.vpc.flow_logs"
	pathVPCFlowLogs = "alicloud.vpc.vpcs.flow_logs"
)

// pageSize is what kansa asks of the page-numbered VPC APIs (their maximum).
const pageSize = 50

// maxPages stops a listing that never ends (a service that keeps answering
// the same page): 10,000 pages of 50 is far beyond any quota.
const maxPages = 10000

var errTooManyPages = &apiError{code: "Pagination", msg: "more than 10000 pages: the listing does not end"}

type wireVPC struct {
	VpcID     string   `json:"VpcId"`
	VpcName   string   `json:"VpcName"`
	CidrBlock string   `json:"CidrBlock"`
	IsDefault flexBool `json:"IsDefault"`
}

type describeVpcsBody struct {
	TotalCount flexInt `json:"TotalCount"`
	Vpcs       struct {
		Vpc []wireVPC `json:"Vpc"`
	} `json:"Vpcs"`
}

type wireFlowLog struct {
	FlowLogID    string `json:"FlowLogId"`
	FlowLogName  string `json:"FlowLogName"`
	ResourceType string `json:"ResourceType"`
	ResourceID   string `json:"ResourceId"`
	Status       string `json:"Status"`
	ProjectName  string `json:"ProjectName"`
	LogStoreName string `json:"LogStoreName"`
	TrafficType  string `json:"TrafficType"`
}

type describeFlowLogsBody struct {
	// TotalCount is a string in this API.
	TotalCount flexInt `json:"TotalCount"`
	FlowLogs   struct {
		FlowLog []wireFlowLog `json:"FlowLog"`
	} `json:"FlowLogs"`
}

// pages calls fetch for page 1, 2, ... until it has the total count of
// items, or a page comes back empty (or short of pageSize when the answer
// has no total). fetch returns the page's item count and the total, nil
// when the answer left it out. The service may cap the page size below
// what was asked: the total, not the page length, ends the loop.
func pages(ctx context.Context, fetch func(ctx context.Context, page int) (n int, total *int, err error)) error {
	seen := 0
	for page := 1; ; page++ {
		if page > maxPages {
			return errTooManyPages
		}
		n, total, err := fetch(ctx, page)
		if err != nil {
			return err
		}
		seen += n
		if n == 0 || (total != nil && seen >= *total) || (total == nil && n < pageSize) {
			return nil
		}
	}
}

// vpcs lists the VPCs and flow logs of region. The flow logs are listed
// once for the region, not per VPC; the links are made by link.
func (r *run) vpcs(ctx context.Context, region string) ([]model.VPC, []model.FlowLog) {
	var vpcs []model.VPC
	err := pages(ctx, func(ctx context.Context, page int) (int, *int, error) {
		var out describeVpcsBody
		q := map[string]string{"RegionId": region, "PageNumber": strconv.Itoa(page), "PageSize": strconv.Itoa(pageSize)}
		if err := r.rpc.callRPC(ctx, opDescribeVpcs, region, q, &out); err != nil {
			return 0, nil, err
		}
		for _, v := range out.Vpcs.Vpc {
			m := model.VPC{
				Meta:      r.meta("alicloud_vpc", v.VpcID, r.arn("vpc", region, "vpc/"+v.VpcID), region),
				CIDRBlock: strPtr(v.CidrBlock),
				IsDefault: v.IsDefault.v,
				FlowLogs:  []string{},
			}
			vpcs = append(vpcs, m)
		}
		return len(out.Vpcs.Vpc), out.TotalCount.ptr(), nil
	})
	if err != nil {
		r.gap(region, err, opDescribeVpcs, pathVPCs)
		vpcs = nil
	}
	var logs []model.FlowLog
	err = pages(ctx, func(ctx context.Context, page int) (int, *int, error) {
		var out describeFlowLogsBody
		q := map[string]string{"RegionId": region, "PageNumber": strconv.Itoa(page), "PageSize": strconv.Itoa(pageSize)}
		if err := r.rpc.callRPC(ctx, opDescribeFlowLogs, region, q, &out); err != nil {
			return 0, nil, err
		}
		for _, f := range out.FlowLogs.FlowLog {
			logs = append(logs, r.flowLogModel(region, f))
		}
		return len(out.FlowLogs.FlowLog), out.TotalCount.ptr(), nil
	})
	if err != nil {
		r.gap(region, err, opDescribeFlowLogs, pathFlowLogs, pathVPCFlowLogs)
		logs = nil
	}
	return vpcs, logs
}

func (r *run) flowLogModel(region string, f wireFlowLog) model.FlowLog {
	m := model.FlowLog{
		Meta:         r.meta("alicloud_vpc_flow_log", f.FlowLogID, r.arn("vpc", region, "flowlog/"+f.FlowLogID), region),
		ResourceType: strPtr(f.ResourceType),
		ResourceID:   strPtr(f.ResourceID),
		TrafficType:  strPtr(f.TrafficType),
		Status:       strPtr(f.Status),
	}
	if f.ProjectName != "" && f.LogStoreName != "" {
		m.LogDestinationType = model.Ptr("sls")
		m.LogDestination = model.Ptr(r.arn("log", region, "project/"+f.ProjectName+"/logstore/"+f.LogStoreName))
	}
	if m.Status == nil {
		m.Meta.MarkUnknown("status", opDescribeFlowLogs.String()+": no Status in the answer")
	}
	return m
}
