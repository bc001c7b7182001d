package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// reply is a rendered answer: what is sent, and what an idempotency record replays.
type reply struct {
	status   int
	body     []byte // nil: no body (204)
	etag     int64  // the object's version; 0: no ETag
	location string
}

// render turns a service result into the answer of the call's route.
func (c *call) render(result any) (reply, error) {
	rep := reply{status: http.StatusOK}
	out := result
	started := false // the call started an asynchronous operation
	switch v := result.(type) {
	case nil: // deletes
		if c.dryRun {
			rep.body = []byte("{}") // the service does not return what a delete would remove
			return rep, nil
		}
		rep.status = http.StatusNoContent
		return rep, nil
	case json.RawMessage:
		rep.body = v
		return rep, nil
	case *service.ClusterChange:
		out = clusterOut{Cluster: v.Cluster, OperationID: v.OperationID}
		rep.etag = v.Cluster.Version
		started = v.OperationID != ""
	case *service.InstallationChange:
		out = installationOut{Installation: v.Installation, OperationID: v.OperationID}
		rep.etag = v.Installation.Version
		started = v.OperationID != ""
	case *service.DeploymentChange:
		out = deploymentOut{Deployment: v.Deployment, OperationID: v.OperationID}
		rep.etag = v.Deployment.Version
		started = v.OperationID != ""
	case *service.GitHubWebhookResult:
		started = true // accepted: revisions are deploying
	case *platform.Operation:
		out = operationOut{ID: v.ID, Kind: v.Kind, Status: v.Status, Error: v.Error, TargetID: v.TargetID,
			CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
		rep.etag = v.Version
	default:
		rep.etag = versionOf(result)
	}
	body, err := json.Marshal(out)
	if err != nil {
		return reply{}, err
	}
	rep.body = body
	switch {
	case c.dryRun:
		// A dry run answers 200 with the object as it would be, minus what only a real call
		// mints (ids, operation, secret); it has no version to match and no URL.
		rep.etag = 0
		rep.body, err = c.blankMinted(body)
		return rep, err
	case started:
		rep.status = http.StatusAccepted
	case c.rt.kind == kindCreate:
		rep.status = http.StatusCreated
	}
	if c.rt.kind == kindCreate && !c.rt.noLocation {
		rep.location = c.location(body)
	}
	return rep, nil
}

// write sends a rendered answer.
func (c *call) write(rep reply) {
	h := c.w.Header()
	if rep.etag > 0 {
		h.Set("ETag", etag(rep.etag))
	}
	if rep.location != "" {
		h.Set("Location", rep.location)
	}
	if c.rt.secret {
		h.Set("Cache-Control", "no-store") // the answer carries a secret
	}
	if rep.body == nil {
		c.w.WriteHeader(rep.status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	writeJSON(c.w, rep.status, rep.body)
}

func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// blankMinted empties, in a dry run's answer, the fields only a real call would mint.
func (c *call) blankMinted(body []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	blank := []string{"operation_id", "secret"}
	if c.rt.secret {
		// prefix: derived from the secret that was not issued; url: a billing portal session's.
		blank = append(blank, "prefix", "url")
	}
	if c.rt.kind == kindCreate {
		blank = append(blank, "id")
		if c.rt.mintsUser {
			blank = append(blank, "user_id")
		}
	}
	for _, f := range blank {
		if _, ok := m[f]; ok {
			m[f] = json.RawMessage(`""`)
		}
	}
	return json.Marshal(m)
}

// location is the URL of a created object: the collection's path plus its id (user id for
// members). It is derived from the body so that a replay yields the same header.
func (c *call) location(body []byte) string {
	var ids struct {
		ID     string `json:"id"`
		UserID string `json:"user_id"`
	}
	if json.Unmarshal(body, &ids) != nil {
		return ""
	}
	id := ids.ID
	if id == "" {
		id = ids.UserID
	}
	if id == "" {
		return ""
	}
	return c.r.URL.EscapedPath() + "/" + url.PathEscape(id)
}

// versionOf is the version of the objects that have one, for ETag.
func versionOf(v any) int64 {
	switch x := v.(type) {
	case *platform.Organization:
		return x.Version
	case *platform.OrganizationMember:
		return x.Version
	case *platform.Workspace:
		return x.Version
	case *platform.Subscription:
		return x.Version
	case *platform.WorkspaceMember:
		return x.Version
	case *platform.Project:
		return x.Version
	case *platform.ProjectMember:
		return x.Version
	case *platform.Role:
		return x.Version
	case *platform.APIKey:
		return x.Version
	case *service.CreatedAPIKey:
		return x.Version
	case *service.CreatedToken:
		return x.Version
	case *platform.Region:
		return x.Version
	case *platform.Cluster:
		return x.Version
	case *platform.Product:
		return x.Version
	case *platform.Release:
		return x.Version
	case *service.MarketplaceProduct:
		return x.Version
	case *platform.Installation:
		return x.Version
	case *platform.Deployment:
		return x.Version
	case *platform.Secret:
		return x.Version
	case *platform.GitHubInstallation:
		return x.Version
	}
	return 0
}

// clusterOut is a cluster with the operation changing it ("" when the change was immediate).
type clusterOut struct {
	*platform.Cluster
	OperationID string `json:"operation_id"`
}

// operationOut is the public view of an operation (its target state is internal).
type operationOut struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Status    string    `json:"status"`
	Error     string    `json:"error"`
	TargetID  string    `json:"target_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// listOut is one page of a list.
type listOut[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

// listed answers a page, with a signed token for the next one.
func listed[T any](c *call, p service.Page[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	out := &listOut[T]{Items: p.Items}
	if out.Items == nil {
		out.Items = []T{}
	}
	if p.Next != 0 {
		out.NextPageToken = c.pageToken(p.Next, c.listScope())
	}
	return out, nil
}
