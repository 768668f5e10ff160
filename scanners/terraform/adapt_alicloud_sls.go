package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudSLS adapts alicloud_log_project and alicloud_log_store and resolves
// what feeds each logstore: the ActionTrail logstore of a trail's project
// (actiontrail_<trail name>) and VPC flow logs (project_name +
// log_store_name). It runs after alicloudActionTrail and alicloudVPC.
//
// Defaults per the alicloud provider >= 1.256 documentation: logstore
// retention_period 30 days.
func (a *adapter) alicloudSLS() {
	sls := &a.state.Alicloud.SLS
	for _, in := range a.byType["alicloud_log_project"] {
		p := model.LogProject{Meta: a.meta(in)}
		r := reader{meta: &p.Meta, body: in.Body}
		if p.Name, _ = r.str("project_name"); p.Name == nil {
			p.Name, _ = r.str("name")
		}
		sls.Projects = append(sls.Projects, p)
	}
	for _, in := range a.byType["alicloud_log_store"] {
		l := model.Logstore{Meta: a.meta(in), FedBy: []model.Feeder{}}
		r := reader{meta: &l.Meta, body: in.Body}
		if l.Project, _ = r.str("project_name"); l.Project == nil {
			l.Project, _ = r.str("project")
		}
		if l.Name, _ = r.str("logstore_name"); l.Name == nil {
			l.Name, _ = r.str("name")
		}
		l.RetentionPeriod = intDefault(r, "retention_period", 30)
		l.HotTTL, _ = r.num("hot_ttl")
		project := ""
		if l.Project != nil {
			project = *l.Project
			for _, p := range sls.Projects {
				if refersTo(project, p.Meta, p.Name) && p.Name != nil {
					project = *p.Name
				}
			}
		}
		for _, t := range a.state.Alicloud.ActionTrail.Trails {
			if t.SLSProjectARN == nil || t.Name == nil || l.Name == nil {
				continue
			}
			tp := slsProjectOf(*t.SLSProjectARN)
			sameProject := tp == project
			for _, p := range sls.Projects {
				if refersTo(tp, p.Meta, p.Name) && p.Name != nil && *p.Name == project {
					sameProject = true
				}
			}
			if sameProject && *l.Name == "actiontrail_"+*t.Name {
				l.FedBy = append(l.FedBy, model.Feeder{Kind: feedActionTrail, Resource: t.Meta.Identity()})
			}
		}
		for _, in := range a.byType["alicloud_vpc_flow_log"] {
			fp, s1 := readString(in.Body.Get("project_name"))
			fl, s2 := readString(in.Body.Get("log_store_name"))
			if s1 != known || s2 != known || l.Name == nil {
				continue
			}
			if (fp == project || (l.Project != nil && fp == *l.Project)) && (fl == *l.Name || refersTo(fl, l.Meta, l.Name)) {
				l.FedBy = append(l.FedBy, model.Feeder{Kind: feedFlowLog, Resource: in.Address})
			}
		}
		l.Tier = tierOf(l.FedBy)
		sls.Logstores = append(sls.Logstores, l)
	}
}
