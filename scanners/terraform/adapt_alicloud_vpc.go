package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudVPC adapts alicloud_vpc and alicloud_vpc_flow_log and links each VPC
// to the flow logs that target it.
//
// Defaults per the alicloud provider >= 1.256 documentation:
// alicloud_vpc_flow_log status "Active"; traffic_type is required.
func (a *adapter) alicloudVPC() {
	vpc := &a.state.Alicloud.VPC
	for _, in := range a.of("alicloud_vpc") {
		v := model.VPC{Meta: a.meta(in)}
		v.CIDRBlock, _ = reader{meta: &v.Meta, body: in.Body}.str("cidr_block")
		vpc.VPCs = append(vpc.VPCs, v)
	}
	for _, in := range a.of("alicloud_vpc_flow_log") {
		f := model.FlowLog{Meta: a.meta(in)}
		r := reader{meta: &f.Meta, body: in.Body}
		f.ResourceType, _ = r.str("resource_type")
		f.ResourceID, _ = r.str("resource_id")
		f.TrafficType, _ = r.str("traffic_type")
		if f.Status, _ = r.str("status"); in.Body.Get("status") == nil {
			f.Status = model.Ptr("Active")
			f.Meta.MarkDefaulted("status")
		}
		if _, st := r.str("log_store_name"); st.set() {
			f.LogDestinationType = model.Ptr("sls")
			f.LogDestination, _ = r.str("log_store_name")
		}
		vpc.FlowLogs = append(vpc.FlowLogs, f)
	}
	linkFlowLogs(vpc.VPCs, vpc.FlowLogs)
}
