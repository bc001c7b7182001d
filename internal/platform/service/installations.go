package service

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Installations: a product release, or a chart, installed on one of the workspace's clusters
// (docs/platform.md section 11). They change asynchronously, like clusters.

// InstallationInput creates an installation. Namespace defaults to the name; Source is
// {product_id, tag} of a release or {chart} for a direct install.
type InstallationInput struct {
	Name      string                      `json:"name"`
	ClusterID string                      `json:"cluster_id"`
	Namespace string                      `json:"namespace,omitempty"`
	Source    platform.InstallationSource `json:"source"`
	Values    map[string]string           `json:"values,omitempty"`
	Secrets   []string                    `json:"secrets,omitempty"`
}

// InstallationPatch changes an installation; nil fields stay, and so do the empty fields of
// Source. A new name changes at once; a new source tag or chart, values or secrets upgrade the
// installation through an operation. ClusterID, Namespace, Source.ProductID and the kind of
// source are accepted only unchanged (they need a new installation). Values and Secrets
// replace the whole map or list.
type InstallationPatch struct {
	Name      *string                      `json:"name,omitempty"`
	ClusterID *string                      `json:"cluster_id,omitempty"`
	Namespace *string                      `json:"namespace,omitempty"`
	Source    *platform.InstallationSource `json:"source,omitempty"`
	Values    *map[string]string           `json:"values,omitempty"`
	Secrets   *[]string                    `json:"secrets,omitempty"`
}

// InstallationChange is an installation with the operation that is changing it (empty when the
// change was immediate).
type InstallationChange struct {
	Installation *platform.Installation
	Operation    *platform.Operation
	OperationID  string
}

// InstallationPackage is one chart an installation's package repository holds.
type InstallationPackage struct {
	Tag       string    `json:"tag"`
	Chart     string    `json:"chart"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
}

// InstallationPackages is what an installation's package repository holds: the product's
// non-yanked releases, highest version first, or a direct install's one chart.
type InstallationPackages struct {
	Items []InstallationPackage `json:"items"`
}

// FailChartMarker: the reference server simulates a failed install for chart references that
// contain it, so clients can test how they report a failed operation.
const FailChartMarker = "fail-"

func (t *txn) installationByRef(w *wsScope, ref string) (*platform.Installation, error) {
	var (
		in  *platform.Installation
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixInstallation) {
		in, err = t.GetInstallation(w.ws.ID, ref)
	} else {
		in, err = t.GetInstallationByName(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("installation", ref)
	}
	return in, err
}

func (t *txn) installationFor(ref, inst string, perm platform.Permission) (*wsScope, *platform.Installation, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, nil, err
	}
	if err := w.require(perm); err != nil {
		return nil, nil, err
	}
	in, err := t.installationByRef(w, inst)
	return w, in, err
}

// installationRefs is what an installation refers to, once checked.
type installationRefs struct {
	cluster *platform.Cluster
	product *platform.Product
	release *platform.Release
}

// checkInstallationRefs checks what in refers to: the cluster (when checkCluster), the product
// and release of its source (when checkSource) and its secrets. A reference that does not
// exist is 400 on its field, all of them at once.
func (t *txn) checkInstallationRefs(w *wsScope, in *platform.Installation, checkCluster, checkSource bool) (installationRefs, error) {
	var refs installationRefs
	var v platform.Violations
	var err error
	if checkCluster {
		refs.cluster, err = t.GetCluster(w.ws.ID, in.ClusterID)
		if platform.IsCode(err, platform.CodeNotFound) {
			v.Addf("cluster_id", "cluster %s not found in workspace %s", in.ClusterID, w.ws.Slug)
		} else if err != nil {
			return refs, err
		}
	}
	if checkSource && !in.Source.IsChart() {
		if refs.product, err = t.installableProduct(w.ws.ID, in.Source.ProductID); err != nil {
			return refs, err
		}
		if refs.product == nil {
			v.Addf("source.product_id", "product %s not found", in.Source.ProductID)
		} else {
			refs.release, err = t.GetReleaseByTag(refs.product.ID, in.Source.Tag)
			if platform.IsCode(err, platform.CodeNotFound) {
				// A release the dry run's plan also publishes is judged as the apply will find it.
				planned, perr := t.sessionCreates(platform.PlannedRelease, platform.PlannedKey(refs.product.ID, in.Source.Tag))
				if perr != nil {
					return refs, perr
				}
				if !planned {
					v.Addf("source.tag", "release %s of product %s not found", in.Source.Tag, refs.product.Slug)
				}
			} else if err != nil {
				return refs, err
			}
		}
	}
	for i, name := range in.Secrets {
		found, err := t.secretExists(w.ws.ID, name)
		if err != nil {
			return refs, err
		}
		if !found {
			v.Addf(fmt.Sprintf("secrets[%d]", i), "secret %s not found in workspace %s", name, w.ws.Slug)
		}
	}
	return refs, v.Err()
}

// installableProduct finds a product the workspace may install: one of its own (any
// visibility) or a listed product of another workspace; nil when there is none (another
// workspace's private product is not found either).
func (t *txn) installableProduct(ws, id string) (*platform.Product, error) {
	p, err := t.GetProduct(ws, id)
	if platform.IsCode(err, platform.CodeNotFound) {
		p, err = t.GetListedProduct(id)
	}
	return unlessNotFound(p, err)
}

// checkInstallable refuses a yanked release: it cannot be newly installed or upgraded to.
func checkInstallable(refs installationRefs) error {
	if refs.release != nil && refs.release.Yanked {
		return platform.Errorf(platform.CodeFailedPrecondition,
			"release %s of product %s is yanked: it cannot be newly installed", refs.release.Tag, refs.product.Slug)
	}
	return nil
}

// startInstallationOperation records an asynchronous change of in.
func (s *Service) startInstallationOperation(t *txn, kind string, in *platform.Installation) (*InstallationChange, error) {
	op, err := s.startOperation(t, kind, in.WorkspaceID, in.ID, in)
	if err != nil {
		return nil, err
	}
	return &InstallationChange{Installation: in, Operation: op, OperationID: op.ID}, nil
}

// CreateInstallation records an installation "installing" and the operation that installs it.
func (s *Service) CreateInstallation(ctx context.Context, caller *platform.Principal, ref string, in InstallationInput) (*InstallationChange, error) {
	inst := &platform.Installation{ID: platform.NewID(platform.PrefixInstallation), Name: in.Name, ClusterID: in.ClusterID,
		Namespace: in.Namespace, Source: in.Source, Values: maps.Clone(in.Values), Secrets: slices.Clone(in.Secrets),
		Status: platform.InstallationInstalling}
	if inst.Namespace == "" {
		inst.Namespace = inst.Name
	}
	if inst.Values == nil {
		inst.Values = map[string]string{}
	}
	if inst.Secrets == nil {
		inst.Secrets = []string{}
	}
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	dryRun := IsValidateOnly(ctx)
	return update(ctx, s, caller, func(t *txn) (*InstallationChange, error) {
		w, err := t.workspaceRequiring(ref, platform.PermInstallationsManage)
		if err != nil {
			return nil, err
		}
		refs, err := t.checkInstallationRefs(w, inst, true, true)
		if err != nil {
			return nil, err
		}
		if refs.product != nil && refs.product.Paid() {
			// A paid listed product starts a charge.
			if err := w.require(platform.PermBillingManage); err != nil {
				return nil, err
			}
		}
		if refs.cluster.Status != platform.ClusterRunning {
			return nil, platform.Errorf(platform.CodeFailedPrecondition,
				"cluster %s is %s: installations need a running cluster", refs.cluster.Name, refs.cluster.Status)
		}
		if err := checkInstallable(refs); err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaInstallations, platform.PlannedKey(w.ws.ID, inst.Name)); err != nil {
			return nil, err
		}
		inst.WorkspaceID = w.ws.ID
		inst.RepositoryURL = fmt.Sprintf("oci://%s/%s/%s", s.publicHost, w.ws.ID, inst.ID)
		inst.Stamp(t.now)
		if err := t.CreateInstallation(inst); err != nil {
			return nil, err
		}
		change, err := s.startInstallationOperation(t, platform.OpInstallationCreate, inst)
		if err != nil {
			return nil, err
		}
		if dryRun {
			// The repository is named after the id only the real call mints (docs/platform.md
			// section 11).
			answer := *inst
			answer.RepositoryURL = ""
			change.Installation = &answer
		}
		return change, t.audit(w.ws.ID, "", "installation.create", inst.ID)
	})
}

// GetInstallation reads an installation by id or name.
func (s *Service) GetInstallation(ctx context.Context, caller *platform.Principal, ref, inst string) (*platform.Installation, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Installation, error) {
		_, in, err := t.installationFor(ref, inst, platform.PermInstallationsRead)
		return in, err
	})
}

// ListInstallations lists a workspace's installations.
func (s *Service) ListInstallations(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Installation], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermInstallationsRead, opts, (*txn).ListInstallations,
		func(x *platform.Installation) int64 { return x.Seq })
}

// UpdateInstallation changes an installation. A new name alone is immediate; a new source tag
// (up or down) or chart, values or secrets need the installation installed (or failed) and
// start an upgrade operation.
func (s *Service) UpdateInstallation(ctx context.Context, caller *platform.Principal, ref, inst string, in InstallationPatch, ifVersion int64) (*InstallationChange, error) {
	return update(ctx, s, caller, func(t *txn) (*InstallationChange, error) {
		w, cur, err := t.installationFor(ref, inst, platform.PermInstallationsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("installation", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		if err := checkInstallationImmutables(cur, in); err != nil {
			return nil, err
		}
		next := *cur
		setIf(&next.Name, in.Name)
		if in.Source != nil {
			setIfGiven(&next.Source.Tag, in.Source.Tag)
			setIfGiven(&next.Source.Chart, in.Source.Chart)
		}
		if in.Values != nil {
			next.Values = maps.Clone(*in.Values)
			if next.Values == nil {
				next.Values = map[string]string{}
			}
		}
		if in.Secrets != nil {
			next.Secrets = slices.Clone(*in.Secrets)
			if next.Secrets == nil {
				next.Secrets = []string{}
			}
		}
		if err := next.Validate(); err != nil {
			return nil, err
		}
		if unchanged(&next, cur) {
			return &InstallationChange{Installation: cur}, nil
		}
		async := next.Source != cur.Source || !maps.Equal(next.Values, cur.Values) || !slices.Equal(next.Secrets, cur.Secrets)
		if async {
			refs, err := t.checkInstallationRefs(w, &next, false, next.Source != cur.Source)
			if err != nil {
				return nil, err
			}
			if next.Status != platform.InstallationInstalled && next.Status != platform.InstallationFailed {
				return nil, platform.Errorf(platform.CodeFailedPrecondition,
					"installation %s is %s: wait until it is installed to change its source, values or secrets", cur.Name, cur.Status)
			}
			if err := checkInstallable(refs); err != nil {
				return nil, err
			}
			next.Status = platform.InstallationUpgrading
		}
		next.Touch(t.now)
		if err := t.UpdateInstallation(&next); err != nil {
			return nil, err
		}
		change := &InstallationChange{Installation: &next}
		if async {
			if change, err = s.startInstallationOperation(t, platform.OpInstallationUpdate, &next); err != nil {
				return nil, err
			}
		}
		return change, t.audit(w.ws.ID, "", "installation.update", next.ID)
	})
}

// checkInstallationImmutables refuses a patch that changes what needs a new installation: the
// cluster, the namespace, the product and the kind of source (400 on the field).
func checkInstallationImmutables(cur *platform.Installation, in InstallationPatch) error {
	var v platform.Violations
	const replace = "cannot change: create a new installation"
	if in.ClusterID != nil && *in.ClusterID != cur.ClusterID {
		v.Add("cluster_id", replace)
	}
	if in.Namespace != nil && *in.Namespace != cur.Namespace {
		v.Add("namespace", replace)
	}
	if src := in.Source; src != nil {
		if src.ProductID != "" && src.ProductID != cur.Source.ProductID {
			v.Add("source.product_id", replace)
		}
		if cur.Source.IsChart() && src.Tag != "" {
			v.Add("source.tag", "cannot change: this installation runs a chart, not a product release; create a new installation")
		}
		if !cur.Source.IsChart() && src.Chart != "" {
			v.Add("source.chart", "cannot change: this installation runs a product release, not a chart; create a new installation")
		}
	}
	return v.Err()
}

// setIfGiven sets dst to src unless src is empty (a source field left out of a patch).
func setIfGiven(dst *string, src string) {
	if src != "" {
		*dst = src
	}
}

// DeleteInstallation starts uninstalling an installation: it shows "uninstalling", then
// disappears. Any change still in progress on it is cancelled.
func (s *Service) DeleteInstallation(ctx context.Context, caller *platform.Principal, ref, inst string, ifVersion int64) (*InstallationChange, error) {
	return update(ctx, s, caller, func(t *txn) (*InstallationChange, error) {
		w, in, err := t.installationFor(ref, inst, platform.PermInstallationsManage)
		if err != nil {
			return nil, err
		}
		t.planDelete(platform.PlannedInstallation, w.ws.ID, in.ID)
		if err := checkVersion("installation", in.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.Status == platform.InstallationUninstalling {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "installation %s is already being uninstalled", in.Name)
		}
		if err := t.cancelOperations(in.ID, "cancelled: the installation is being uninstalled"); err != nil {
			return nil, err
		}
		in.Status = platform.InstallationUninstalling
		in.Touch(t.now)
		if err := t.UpdateInstallation(in); err != nil {
			return nil, err
		}
		change, err := s.startInstallationOperation(t, platform.OpInstallationDelete, in)
		if err != nil {
			return nil, err
		}
		return change, t.audit(w.ws.ID, "", "installation.delete", in.ID)
	})
}

// ListInstallationPackages answers what an installation's package repository holds: the
// product's non-yanked releases, highest version first, or a direct install's chart.
func (s *Service) ListInstallationPackages(ctx context.Context, caller *platform.Principal, ref, inst string) (*InstallationPackages, error) {
	return view(ctx, s, caller, func(t *txn) (*InstallationPackages, error) {
		_, in, err := t.installationFor(ref, inst, platform.PermInstallationsRead)
		if err != nil {
			return nil, err
		}
		if in.Source.IsChart() {
			return &InstallationPackages{Items: []InstallationPackage{{Chart: in.Source.Chart, CreatedAt: in.CreatedAt}}}, nil
		}
		rels, err := t.allReleases(in.Source.ProductID)
		if err != nil {
			return nil, err
		}
		out := &InstallationPackages{Items: []InstallationPackage{}}
		for _, r := range rels {
			if !r.Yanked {
				out.Items = append(out.Items, InstallationPackage{Tag: r.Tag, Chart: r.Chart, Notes: r.Notes, CreatedAt: r.CreatedAt})
			}
		}
		slices.SortStableFunc(out.Items, func(a, b InstallationPackage) int { return platform.CompareTags(b.Tag, a.Tag) })
		return out, nil
	})
}

// allReleases lists every release of a product, page by page.
func (t *txn) allReleases(productID string) ([]platform.Release, error) {
	const pageSize = 500
	var all []platform.Release
	page := platform.Page{Limit: pageSize}
	for {
		rels, err := t.ListReleases(productID, page)
		if err != nil {
			return nil, err
		}
		all = append(all, rels...)
		if len(rels) < pageSize {
			return all, nil
		}
		page.After = rels[len(rels)-1].Seq
	}
}

// finishInstallationOperation completes a due installation operation.
func (s *Service) finishInstallationOperation(t *txn, op *platform.Operation) (bool, error) {
	in, err := t.GetInstallation(op.WorkspaceID, op.TargetID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return true, t.failOperation(op, "the installation no longer exists")
	}
	if err != nil {
		return false, err
	}
	if op.Kind != platform.OpInstallationDelete && in.Status == platform.InstallationUninstalling {
		// An uninstall overtook this change; finishing it would bring the installation back.
		return true, t.failOperation(op, "cancelled: the installation is being uninstalled")
	}
	var action string
	switch op.Kind {
	case platform.OpInstallationCreate, platform.OpInstallationUpdate:
		chart, err := t.installationChart(in)
		failure := ""
		switch {
		case platform.IsCode(err, platform.CodeNotFound):
			// Releases in use cannot be deleted; should one be gone all the same, say so.
			failure = fmt.Sprintf("install failed: release %s no longer exists", in.Source.Tag)
		case err != nil:
			return false, err
		case strings.Contains(chart, FailChartMarker):
			failure = fmt.Sprintf("install failed: chart %s could not be pulled", chart)
		}
		if failure != "" {
			in.Status, action = platform.InstallationFailed, "installation.failed"
			op.Status, op.Error = platform.OpFailed, failure
		} else {
			in.Status, in.InstalledTag = platform.InstallationInstalled, in.Source.Tag
			op.Status, action = platform.OpSucceeded, "installation.installed"
			if op.Kind == platform.OpInstallationUpdate {
				action = "installation.upgraded"
			}
		}
		in.Touch(t.now)
		if err := t.UpdateInstallation(in); err != nil {
			return false, err
		}
	case platform.OpInstallationDelete:
		if err := t.DeleteInstallation(in.WorkspaceID, in.ID); err != nil {
			return false, err
		}
		op.Status, action = platform.OpSucceeded, "installation.uninstalled"
	default:
		return true, t.failOperation(op, "unknown operation kind "+op.Kind)
	}
	op.Touch(t.now)
	if err := t.UpdateOperation(op); err != nil {
		return false, err
	}
	return true, t.audit(op.WorkspaceID, "", action, in.ID)
}

// installationChart is the chart reference an installation runs: its release's, or its own.
func (t *txn) installationChart(in *platform.Installation) (string, error) {
	if in.Source.IsChart() {
		return in.Source.Chart, nil
	}
	r, err := t.GetReleaseByTag(in.Source.ProductID, in.Source.Tag)
	if err != nil {
		return "", err
	}
	return r.Chart, nil
}
