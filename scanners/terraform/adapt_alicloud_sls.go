package terraform

import (
	"strings"

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
	for _, in := range a.of("alicloud_log_project") {
		p := model.LogProject{Meta: a.meta(in)}
		r := reader{meta: &p.Meta, body: in.Body}
		if p.Name, _ = r.str("project_name"); p.Name == nil {
			p.Name, _ = r.str("name")
		}
		sls.Projects = append(sls.Projects, p)
	}
	for _, in := range a.of("alicloud_log_store") {
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
		for _, in := range a.of("alicloud_vpc_flow_log") {
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
		if l.Tier != tierAudit {
			if why := a.unresolvedFeeder(l, project); why != "" {
				l.Meta.MarkUnknown("fed_by", why)
			}
		}
		sls.Logstores = append(sls.Logstores, l)
	}
}

// unresolvedFeeder says why a trail or flow log might feed logstore l
// (whose project name is project, "" when unresolved) without the scan
// being able to tell: l's name or project is unresolved while something
// could write to it, a trail's name or SLS project is unresolved and l may
// be its actiontrail_<name> logstore, or a flow log's project or logstore
// name is unresolved. "" when every link was decided; a trail or flow log
// that is not in the scan is not considered.
func (a *adapter) unresolvedFeeder(l model.Logstore, project string) string {
	trails := a.state.Alicloud.ActionTrail.Trails
	flowLogs := a.of("alicloud_vpc_flow_log")
	delivering := false
	for _, t := range trails {
		if t.SLSProjectARN != nil || t.Meta.IsUnknown("sls_project_arn") {
			delivering = true
		}
	}
	switch {
	case l.Name == nil && (delivering || len(flowLogs) > 0):
		return "the logstore name is unresolved, so what feeds it is unknown"
	case l.Project == nil && l.Meta.IsUnknown("project_name") || l.Project == nil && l.Meta.IsUnknown("project"):
		if delivering && l.Name != nil && strings.HasPrefix(*l.Name, "actiontrail_") || len(flowLogs) > 0 {
			return "the logstore's project is unresolved, so what feeds it is unknown"
		}
	}
	if l.Name != nil && strings.HasPrefix(*l.Name, "actiontrail_") {
		for _, t := range trails {
			if t.Meta.IsUnknown("sls_project_arn") || t.SLSProjectARN != nil && isUnresolvedName(t.Meta) {
				return "the SLS project or name of " + t.Meta.Identity() + " is unresolved, so it may write to this logstore"
			}
		}
	}
	for _, in := range flowLogs {
		_, s1 := readString(in.Body.Get("project_name"))
		_, s2 := readString(in.Body.Get("log_store_name"))
		if s1 == unknownVal || s2 == unknownVal {
			return "the project or logstore of " + in.Address + " is unresolved, so it may write to this logstore"
		}
	}
	return ""
}

// isUnresolvedName reports whether a trail's name could not be resolved.
func isUnresolvedName(m model.Meta) bool {
	return m.IsUnknown("trail_name") || m.IsUnknown("name")
}
