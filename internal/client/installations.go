package client

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"
)

// Installation statuses.
const (
	InstallationInstalling   = "installing"
	InstallationInstalled    = "installed"
	InstallationUpgrading    = "upgrading"
	InstallationFailed       = "failed"
	InstallationUninstalling = "uninstalling"
)

// ErrInstallationFailed is returned (wrapped) by InstallationsService.WaitForStatus when the
// installation ends up "failed" and that was not one of the awaited statuses. The
// installation's operation has the reason.
var ErrInstallationFailed = errors.New("platform: installation failed")

// InstallationSource is what an installation runs: a release of a product (ProductID and Tag)
// or a chart (a direct install). In an update, empty fields stay as they are.
type InstallationSource struct {
	ProductID string `json:"product_id,omitempty"`
	Tag       string `json:"tag,omitempty"`
	Chart     string `json:"chart,omitempty"`
}

// Installation is a product release, or a chart, installed on one of the workspace's clusters,
// with its own package repository.
type Installation struct {
	ID          string             `json:"id"`
	WorkspaceID string             `json:"workspace_id"`
	Name        string             `json:"name"`
	ClusterID   string             `json:"cluster_id"`
	Namespace   string             `json:"namespace"`
	Source      InstallationSource `json:"source"`
	Values      map[string]string  `json:"values"`
	Secrets     []string           `json:"secrets"`
	Status      string             `json:"status"`
	// InstalledTag is the tag that runs: empty before the first install succeeds and for charts.
	InstalledTag string `json:"installed_tag"`
	// RepositoryURL is the installation's own package repository, stable for its life.
	RepositoryURL string `json:"repository_url"`
	Meta
}

// InstallationCreateOptions create an installation. Namespace defaults to the name; Source is
// {ProductID, Tag} of a release or {Chart}; Secrets name secrets of the workspace.
type InstallationCreateOptions struct {
	Name      string             `json:"name"`
	ClusterID string             `json:"cluster_id"`
	Namespace string             `json:"namespace,omitempty"`
	Source    InstallationSource `json:"source"`
	Values    map[string]string  `json:"values,omitempty"`
	Secrets   []string           `json:"secrets,omitempty"`
}

// InstallationUpdateOptions change an installation; nil fields stay, and so do the empty fields
// of Source. A new name changes at once; a new Source.Tag (up or down) or Source.Chart, Values
// or Secrets upgrade the installation through an operation. ClusterID, Namespace,
// Source.ProductID and the kind of source are accepted only unchanged: changing them needs a
// new installation. Values and Secrets replace the whole map or list.
type InstallationUpdateOptions struct {
	Name      *string             `json:"name,omitempty"`
	ClusterID *string             `json:"cluster_id,omitempty"`
	Namespace *string             `json:"namespace,omitempty"`
	Source    *InstallationSource `json:"source,omitempty"`
	Values    *map[string]string  `json:"values,omitempty"`
	Secrets   *[]string           `json:"secrets,omitempty"`
	IfVersion int64               `json:"-"`
}

// InstallationPackage is one chart of an installation's package repository: a release of its
// product, or the chart of a direct install (with an empty Tag).
type InstallationPackage struct {
	Tag       string    `json:"tag"`
	Chart     string    `json:"chart"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
}

// InstallationPackageList is the whole content of an installation's package repository.
type InstallationPackageList struct {
	Items []InstallationPackage `json:"items"`
}

// InstallationList is a page of installations.
type InstallationList = Page[Installation]

// installationChange is the answer of an asynchronous installation call: the installation plus
// its operation.
type installationChange struct {
	Installation
	OperationID string `json:"operation_id"`
}

// InstallationsService manages /v1/workspaces/{ws}/installations. Installations are named by id
// or name.
type InstallationsService struct{ c *Client }

func installationPath(ws string, inst ...string) (string, error) {
	parts := []any{"workspaces", seg{"workspace", ws}, "installations"}
	for _, i := range inst {
		parts = append(parts, seg{"installation", i})
	}
	return path(parts...)
}

// Create starts installing. It returns the installation (status "installing") and the id of
// the operation to wait for (Operations.Wait), or use WaitForStatus.
func (s *InstallationsService) Create(ctx context.Context, ws string, opts InstallationCreateOptions) (*Installation, string, error) {
	p, err := installationPath(ws)
	return splitInstallationChange(sendJSON[installationChange](ctx, s.c, http.MethodPost, p, err, opts, 0))
}

// Get reads an installation by id or name.
func (s *InstallationsService) Get(ctx context.Context, ws, inst string) (*Installation, error) {
	p, err := installationPath(ws, inst)
	return getJSON[Installation](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's installations.
func (s *InstallationsService) List(ctx context.Context, ws string, opts ListOptions) (*InstallationList, error) {
	p, err := installationPath(ws)
	return listPage[Installation](ctx, s.c, p, err, opts)
}

// Refresh reads a installation like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *InstallationsService) Refresh(ctx context.Context, ws, inst string) (*Installation, error) {
	p, err := installationPath(ws)
	return refresh(ctx, s.c, p, err, inst, func(x *Installation) []string { return []string{x.ID} },
		func() (*Installation, error) { return s.Get(ctx, ws, inst) })
}

// All iterates over all of a workspace's installations.
func (s *InstallationsService) All(ctx context.Context, ws string) iter.Seq2[*Installation, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*InstallationList, error) { return s.List(ctx, ws, o) })
}

// Update changes an installation. The operation id is empty when the change was immediate (a
// new name); otherwise the installation is "upgrading" until the operation ends.
func (s *InstallationsService) Update(ctx context.Context, ws, inst string, opts InstallationUpdateOptions) (*Installation, string, error) {
	p, err := installationPath(ws, inst)
	return splitInstallationChange(sendJSON[installationChange](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion))
}

// Delete starts uninstalling and returns the installation (status "uninstalling") with the
// operation id; ifVersion, when non-zero, is sent as If-Match. WaitUntilDeleted waits for it
// to be gone.
func (s *InstallationsService) Delete(ctx context.Context, ws, inst string, ifVersion int64) (*Installation, string, error) {
	p, err := installationPath(ws, inst)
	return splitInstallationChange(sendJSON[installationChange](ctx, s.c, http.MethodDelete, p, err, nil, ifVersion))
}

// Packages lists what the installation's package repository holds: its product's non-yanked
// releases, highest version first, or a direct install's one chart.
func (s *InstallationsService) Packages(ctx context.Context, ws, inst string) ([]InstallationPackage, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "installations", seg{"installation", inst}, "packages")
	out, err := getJSON[InstallationPackageList](ctx, s.c, p, err, nil)
	if err != nil {
		return nil, err
	}
	return out.Items, nil
}

func splitInstallationChange(ch *installationChange, err error) (*Installation, string, error) {
	if err != nil {
		return nil, "", err
	}
	return &ch.Installation, ch.OperationID, nil
}

// WaitForStatus polls an installation until its status is one of status (typically
// InstallationInstalled) and returns it. If it turns "failed" instead, it returns the
// installation and an error wrapping ErrInstallationFailed. It waits until ctx ends: give ctx a
// deadline.
func (s *InstallationsService) WaitForStatus(ctx context.Context, ws, inst string, status ...string) (*Installation, error) {
	return waitForStatus(ctx, s.c, "installation", inst, status,
		func(ctx context.Context) (*Installation, error) { return s.Get(ctx, ws, inst) },
		func(in *Installation) (string, string, string) { return in.Name, in.ID, in.Status }, InstallationFailed, ErrInstallationFailed)
}

// WaitUntilDeleted polls an installation until the server no longer has it (404): it has been
// uninstalled. It waits until ctx ends: give ctx a deadline.
func (s *InstallationsService) WaitUntilDeleted(ctx context.Context, ws, inst string) error {
	return waitUntilGone(ctx, s.c, "installation", inst, func(ctx context.Context) (*Installation, error) { return s.Get(ctx, ws, inst) },
		func(in *Installation) string { return in.Status })
}
