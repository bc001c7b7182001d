package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// RegionInput creates a region.
type RegionInput struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// RegionPatch changes a region; nil fields stay.
type RegionPatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

func (t *txn) regionByRef(w *wsScope, ref string) (*platform.Region, error) {
	var (
		r   *platform.Region
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixRegion) {
		r, err = t.GetRegion(w.ws.ID, ref)
	} else {
		r, err = t.GetRegionByName(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("region", ref)
	}
	return r, err
}

func (t *txn) regionFor(ref, region string, perm platform.Permission) (*wsScope, *platform.Region, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, nil, err
	}
	if err := w.require(perm); err != nil {
		return nil, nil, err
	}
	r, err := t.regionByRef(w, region)
	return w, r, err
}

// CreateRegion creates a region label.
func (s *Service) CreateRegion(ctx context.Context, caller *platform.Principal, ref string, in RegionInput) (*platform.Region, error) {
	r := &platform.Region{ID: platform.NewID(platform.PrefixRegion), Name: in.Name, Description: in.Description}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Region, error) {
		w, err := t.workspaceRequiring(ref, platform.PermRegionsManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaRegions, platform.PlannedKey(w.ws.ID, r.Name)); err != nil {
			return nil, err
		}
		r.WorkspaceID = w.ws.ID
		r.Stamp(t.now)
		if err := t.CreateRegion(r); err != nil {
			return nil, err
		}
		return r, t.audit(w.ws.ID, "", "region.create", r.ID)
	})
}

// GetRegion reads a region by id or name.
func (s *Service) GetRegion(ctx context.Context, caller *platform.Principal, ref, region string) (*platform.Region, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Region, error) {
		_, r, err := t.regionFor(ref, region, platform.PermRegionsRead)
		return r, err
	})
}

// ListRegions lists a workspace's regions.
func (s *Service) ListRegions(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Region], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermRegionsRead, opts, (*txn).ListRegions,
		func(x *platform.Region) int64 { return x.Seq })
}

// UpdateRegion renames or re-describes a region.
func (s *Service) UpdateRegion(ctx context.Context, caller *platform.Principal, ref, region string, in RegionPatch, ifVersion int64) (*platform.Region, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Region, error) {
		w, cur, err := t.regionFor(ref, region, platform.PermRegionsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("region", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		r := *cur
		setIf(&r.Name, in.Name)
		setIf(&r.Description, in.Description)
		if unchanged(&r, cur) {
			return cur, nil
		}
		if err := r.Validate(); err != nil {
			return nil, err
		}
		r.Touch(t.now)
		if err := t.UpdateRegion(&r); err != nil {
			return nil, err
		}
		return &r, t.audit(w.ws.ID, "", "region.update", r.ID)
	})
}

// DeleteRegion deletes a region that no cluster uses.
func (s *Service) DeleteRegion(ctx context.Context, caller *platform.Principal, ref, region string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, r, err := t.regionFor(ref, region, platform.PermRegionsManage)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedRegion, w.ws.ID, r.ID)
		if err := checkVersion("region", r.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		n, err := t.clustersLeftInRegion(w.ws.ID, r.ID)
		if err != nil {
			return struct{}{}, err
		}
		if n > 0 {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"region %s still has %s: move or delete them first", r.Name, platform.Count(n, "cluster"))
		}
		if err := t.DeleteRegion(w.ws.ID, r.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "region.delete", r.ID)
	})
	return err
}

// clustersLeftInRegion counts the clusters in a region. In a dry run with a plan session, the
// clusters that the session plans to delete are deleted first (in the dry run's transaction,
// which is rolled back), so the region is judged as the plan would leave it.
func (t *txn) clustersLeftInRegion(ws, region string) (int, error) {
	n, err := t.CountClustersInRegion(ws, region)
	if err != nil || n == 0 {
		return n, err
	}
	planned, err := t.sessionDeletes(ws)
	if err != nil || len(planned) == 0 {
		return n, err
	}
	u, err := t.WorkspaceUsage(ws)
	if err != nil {
		return 0, err
	}
	cs, err := t.ListClusters(ws, platform.Page{Limit: u.Clusters + 1})
	if err != nil {
		return 0, err
	}
	for _, c := range cs {
		if c.RegionID == region && planned[platform.PlannedCluster+"/"+c.ID] {
			if err := t.DeleteCluster(ws, c.ID); err != nil {
				return 0, err
			}
			n--
		}
	}
	return n, nil
}
