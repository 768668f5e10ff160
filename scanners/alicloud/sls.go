package alicloud

import (
	"context"
	"strconv"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// Model paths the Log Service calls feed.
const (
	pathProjects  = "alicloud.sls.projects"
	pathLogstores = "alicloud.sls.logstores"
)

// slsPageSize is what kansa asks of the offset-paginated SLS APIs (their maximum).
const slsPageSize = 500

// storeWorkers bounds the GetLogStore calls of one project in flight at once.
const storeWorkers = 4

type listProjectBody struct {
	Total    flexInt `json:"total"`
	Projects []struct {
		ProjectName string `json:"projectName"`
		Region      string `json:"region"`
	} `json:"projects"`
}

type listLogStoresBody struct {
	Total     flexInt  `json:"total"`
	Logstores []string `json:"logstores"`
}

type logstoreBody struct {
	LogstoreName string  `json:"logstoreName"`
	TTL          flexInt `json:"ttl"`
	HotTTL       flexInt `json:"hot_ttl"`
}

// offsets calls fetch at offset 0, then after each page, until it has the
// total count of items or a page comes back empty. fetch returns the
// page's item count and the total, nil when the answer left it out.
func offsets(ctx context.Context, fetch func(ctx context.Context, offset int) (n int, total *int, err error)) error {
	seen := 0
	for page := 1; ; page++ {
		if page > maxPages {
			return errTooManyPages
		}
		n, total, err := fetch(ctx, seen)
		if err != nil {
			return err
		}
		seen += n
		if n == 0 || (total != nil && seen >= *total) || (total == nil && n < slsPageSize) {
			return nil
		}
	}
}

// logstores lists the Log Service projects of region and their logstores
// with retention. A failed project list is a gap for both; a failed
// logstore list of one project is a gap for the region's logstores (a
// missing logstore could not be judged otherwise); a failed GetLogStore
// marks that logstore's retention unknown.
func (r *run) logstores(ctx context.Context, region string) ([]model.LogProject, []model.Logstore) {
	var projects []model.LogProject
	err := offsets(ctx, func(ctx context.Context, offset int) (int, *int, error) {
		var out listProjectBody
		q := map[string]string{"offset": strconv.Itoa(offset), "size": strconv.Itoa(slsPageSize)}
		if err := r.sls.callSLS(ctx, opListProject, region, "", "/", q, &out); err != nil {
			return 0, nil, err
		}
		for _, p := range out.Projects {
			if p.ProjectName == "" || (p.Region != "" && p.Region != region) {
				continue
			}
			projects = append(projects, model.LogProject{
				Meta: r.meta("alicloud_log_project", p.ProjectName, r.arn("log", region, "project/"+p.ProjectName), region),
				Name: model.Ptr(p.ProjectName),
			})
		}
		return len(out.Projects), out.Total.ptr(), nil
	})
	if err != nil {
		r.gap(region, err, opListProject, pathProjects, pathLogstores)
		return nil, nil
	}
	var stores []model.Logstore
	for _, p := range projects {
		project := *p.Name
		var names []string
		err := offsets(ctx, func(ctx context.Context, offset int) (int, *int, error) {
			var out listLogStoresBody
			q := map[string]string{"offset": strconv.Itoa(offset), "size": strconv.Itoa(slsPageSize)}
			if err := r.sls.callSLS(ctx, opListLogStores, region, project, "/logstores", q, &out); err != nil {
				return 0, nil, err
			}
			names = append(names, out.Logstores...)
			return len(out.Logstores), out.Total.ptr(), nil
		})
		if err != nil {
			r.gap(region, err, opListLogStores, pathLogstores)
			continue
		}
		got, err := cloudutil.Each(ctx, names, storeWorkers, func(ctx context.Context, name string) (model.Logstore, error) {
			return r.logstore(ctx, region, project, name), nil
		})
		if err != nil { // only the context ends Each early
			return projects, stores
		}
		stores = append(stores, got...)
	}
	return projects, stores
}

// logstore reads the retention of one logstore. Its tier is set by link.
func (r *run) logstore(ctx context.Context, region, project, name string) model.Logstore {
	l := model.Logstore{
		Meta:    r.meta("alicloud_log_store", project+":"+name, r.arn("log", region, "project/"+project+"/logstore/"+name), region),
		Project: model.Ptr(project),
		Name:    model.Ptr(name),
		FedBy:   []model.Feeder{},
	}
	var out logstoreBody
	if err := r.sls.callSLS(ctx, opGetLogStore, region, project, "/logstores/"+name, nil, &out); err != nil {
		l.Meta.MarkUnknown("retention_period", opGetLogStore.String()+": "+reasonOf(err))
		return l
	}
	l.RetentionPeriod = out.TTL.ptr()
	l.HotTTL = out.HotTTL.ptr()
	if l.RetentionPeriod == nil {
		l.Meta.MarkUnknown("retention_period", opGetLogStore.String()+": no ttl in the answer")
	}
	return l
}
