package service

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// GitHub's push webhook (docs/platform.md section 11): a signed push to a branch makes a new
// revision of every deployment built from it.

// GitHubDeliveryTTL is how long a delivery id is remembered, so that a redelivery makes no
// second revision.
const GitHubDeliveryTTL = 7 * 24 * time.Hour

// gitHubDeliveryIDMaxLen bounds X-GitHub-Delivery (GitHub sends a UUID).
const gitHubDeliveryIDMaxLen = 255

// GitHubWebhookInput is one delivery as received: the headers that matter and the raw body,
// which the signature covers byte for byte.
type GitHubWebhookInput struct {
	Event      string // X-GitHub-Event
	DeliveryID string // X-GitHub-Delivery
	Signature  string // X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of Body
	Body       []byte
}

// GitHubWebhookResult answers a delivery: how many deployments got a new revision.
type GitHubWebhookResult struct {
	Deployments int `json:"deployments"`
}

// gitHubPushEvent is the part of GitHub's push event the platform reads; GitHub sends much
// more, which is ignored.
type gitHubPushEvent struct {
	Ref        string `json:"ref"`
	After      string `json:"after"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
	Installation *struct {
		ID int64 `json:"id"`
	} `json:"installation"`
}

// zeroCommit is the "after" of a push that deleted the branch.
const zeroCommit = "0000000000000000000000000000000000000000"

var errBadWebhookSignature = platform.Errorf(platform.CodeUnauthenticated,
	"missing or invalid X-Hub-Signature-256: expected sha256=<hex HMAC-SHA256 of the body with the webhook secret>")

// verifyWebhookSignature checks X-Hub-Signature-256 in constant time. Without a configured
// secret nothing is accepted.
func (s *Service) verifyWebhookSignature(signature string, body []byte) error {
	if len(s.webhookSecret) == 0 {
		return platform.Errorf(platform.CodeUnauthenticated, "this server accepts no GitHub webhooks: it has no webhook secret")
	}
	hexSum, ok := strings.CutPrefix(signature, "sha256=")
	got, err := hex.DecodeString(hexSum)
	if !ok || err != nil || len(got) != sha256.Size {
		return errBadWebhookSignature
	}
	mac := hmac.New(sha256.New, s.webhookSecret)
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return errBadWebhookSignature
	}
	return nil
}

// GitHubWebhook receives one webhook delivery. Nothing is read before the signature is
// verified (401 otherwise, and nothing changes). Events other than push, pushes that are not
// to a branch, and pushes through a suspended or unknown installation answer with no
// deployment; a delivery id seen before (within GitHubDeliveryTTL) does nothing again.
func (s *Service) GitHubWebhook(ctx context.Context, in GitHubWebhookInput) (*GitHubWebhookResult, error) {
	if err := s.verifyWebhookSignature(in.Signature, in.Body); err != nil {
		return nil, err
	}
	none := &GitHubWebhookResult{}
	if in.Event != "push" {
		return none, nil
	}
	if in.DeliveryID == "" || len(in.DeliveryID) > gitHubDeliveryIDMaxLen {
		return nil, invalid("X-GitHub-Delivery", "is required: GitHub's delivery id, at most 255 characters")
	}
	var ev gitHubPushEvent
	if err := json.Unmarshal(in.Body, &ev); err != nil {
		return nil, invalid("body", "must be GitHub's push event (JSON)")
	}
	branch, isBranch := strings.CutPrefix(ev.Ref, "refs/heads/")
	if ev.After != zeroCommit && isBranch && ev.Installation != nil {
		if !isCommitSHA(ev.After) {
			return nil, invalid("after", "must be the pushed commit's SHA (40 or 64 hexadecimal digits)")
		}
	}
	return update(ctx, s, nil, func(t *txn) (*GitHubWebhookResult, error) {
		if _, err := t.DeleteGitHubDeliveriesBefore(t.now.Add(-GitHubDeliveryTTL)); err != nil {
			return nil, err
		}
		err := t.RecordGitHubDelivery(in.DeliveryID, t.now)
		if platform.IsCode(err, platform.CodeAlreadyExists) {
			return none, nil // a redelivery: done the first time
		}
		if err != nil {
			return nil, err
		}
		if !isBranch || ev.After == zeroCommit || ev.Installation == nil {
			return none, nil // a tag, a deleted branch, or not through the GitHub App
		}
		g, err := t.FindGitHubInstallation("", ev.Installation.ID)
		if platform.IsCode(err, platform.CodeNotFound) {
			return none, nil
		}
		if err != nil {
			return nil, err
		}
		if g.Status != platform.GitHubActive {
			return none, nil // a suspended installation's events are ignored
		}
		// A workspace that is not full (read-only or suspended) starts no deployment: the
		// delivery is accepted (GitHub does not retry it) and does nothing.
		ws, err := t.GetWorkspace(g.WorkspaceID)
		if err != nil {
			return nil, err
		}
		if state, _, err := t.accessState(ws); err != nil || state != platform.StateFull {
			return none, err
		}
		deps, err := t.ListDeploymentsForSource(g.ID, ev.Repository.FullName, branch)
		if err != nil {
			return nil, err
		}
		out := &GitHubWebhookResult{}
		for i := range deps {
			d := &deps[i]
			if d.Status == platform.DeploymentDeleting {
				continue
			}
			d.CommitSHA = ev.After
			if _, err := s.newRevision(t, d, platform.OpDeploymentUpdate); err != nil {
				return nil, err
			}
			if err := t.auditAs(gitHubActor, d.WorkspaceID, "deployment.push", d.ID); err != nil {
				return nil, err
			}
			out.Deployments++
		}
		return out, nil
	})
}

// gitHubActor is the audit events' actor of changes made by GitHub's webhook.
const gitHubActor = "github"

// auditAs records a change made by someone other than an authenticated caller.
func (t *txn) auditAs(actor, workspaceID, action, target string) error {
	return t.CreateAuditEvent(&platform.AuditEvent{ID: platform.NewID(platform.PrefixAuditEvent), WorkspaceID: workspaceID,
		Actor: actor, Action: action, Target: target, At: t.now})
}

func isCommitSHA(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
