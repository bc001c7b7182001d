package service_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// GitHub's push webhook (docs/platform.md section 11).

const testWebhookSecret = "whsec-test-0123456789"

// pushDelivery is a signed push delivery as GitHub sends it.
func pushDelivery(secret, delivery string, installationID int64, repo, branch, sha string) service.GitHubWebhookInput {
	body, _ := json.Marshal(map[string]any{
		"ref": "refs/heads/" + branch, "before": strings.Repeat("0", 39) + "1", "after": sha,
		"repository":   map[string]any{"full_name": repo, "id": 123, "private": true},
		"installation": map[string]any{"id": installationID, "node_id": "x"},
		"pusher":       map[string]any{"name": "octocat"},
	})
	return service.GitHubWebhookInput{Event: "push", DeliveryID: delivery, Signature: sign(secret, body), Body: body}
}

func sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func sha(n int) string { return fmt.Sprintf("%040x", n) }

// pushSetup is a workspace with deployments following GitHub repositories.
type pushSetup struct {
	tm                                 *team
	prj, prj2                          *platform.Project
	ghi                                *platform.GitHubInstallation
	webMain, webMain2, webDev, apiMain *platform.Deployment
	hook                               *service.Service
}

func (f *fixture) pushSetup() *pushSetup {
	f.tb.Helper()
	p := &pushSetup{tm: f.team(platform.PlanPro)}
	cls := f.runningCluster(p.tm.ws, p.tm.owner)
	p.prj, p.prj2 = f.project(p.tm.ws, p.tm.owner), f.project(p.tm.ws, p.tm.owner)
	p.ghi = f.storeGitHubInstallation(p.tm.ws, 4242, platform.GitHubActive)
	follow := func(prj *platform.Project, repo, branch string) *platform.Deployment {
		in := f.depInput(cls)
		in.Source = &platform.DeploymentSource{GitHubInstallationID: p.ghi.ID, Repository: repo, Branch: branch}
		return f.deploy(p.tm.ws, prj, p.tm.owner, in)
	}
	p.webMain, p.webMain2 = follow(p.prj, "acme/web", "main"), follow(p.prj2, "acme/web", "main")
	p.webDev, p.apiMain = follow(p.prj, "acme/web", "dev"), follow(p.prj, "acme/api", "main")
	p.hook = f.webhookService(testWebhookSecret)
	return p
}

// revisions reads the current revision of each deployment.
func (f *fixture) revisions(p *pushSetup) map[string]int64 {
	f.tb.Helper()
	out := map[string]int64{}
	for _, d := range []*platform.Deployment{p.webMain, p.webMain2, p.webDev, p.apiMain} {
		prj := p.prj
		if d.ProjectID == p.prj2.ID {
			prj = p.prj2
		}
		out[d.Name] = f.getDeployment(p.tm.ws, prj, p.tm.owner, d.ID).Revision
	}
	return out
}

func TestGitHubWebhook_PushMakesOneRevisionPerMatchingDeployment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.pushSetup()
	before := f.revisions(p)

	res, err := p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-1", 4242, "acme/web", "main", sha(1)))
	must(t, err)
	if res.Deployments != 2 {
		t.Errorf("answer: %+v, want 2 deployments", res)
	}
	after := f.revisions(p)
	for _, d := range []*platform.Deployment{p.webMain, p.webMain2} {
		if after[d.Name] != before[d.Name]+1 {
			t.Errorf("%s: revision %d, want %d", d.Name, after[d.Name], before[d.Name]+1)
		}
	}
	for _, d := range []*platform.Deployment{p.webDev, p.apiMain} {
		if after[d.Name] != before[d.Name] {
			t.Errorf("%s (another branch or repository) changed: revision %d", d.Name, after[d.Name])
		}
	}
	got := f.getDeployment(p.tm.ws, p.prj, p.tm.owner, p.webMain.ID)
	if got.Status != platform.DeploymentDeploying || got.CommitSHA != sha(1) {
		t.Errorf("pushed deployment: %+v", got)
	}
	if acts := f.actorActions(p.tm.ws, p.webMain.ID); acts[len(acts)-1] != "github deployment.push" {
		t.Errorf("audit: %q", acts)
	}
	f.finishOperations()
	got = f.getDeployment(p.tm.ws, p.prj, p.tm.owner, p.webMain.ID)
	if got.Status != platform.DeploymentRunning || got.CommitSHA != sha(1) {
		t.Errorf("after the revision: %+v", got)
	}
	msgs := f.logMessages(p.tm.ws, p.prj, p.tm.owner, p.webMain.ID)
	want := fmt.Sprintf("revision 2: deploying ghcr.io/acme/web:1.0.0 with 1 replica; commit %s", sha(1))
	if !slices.Contains(msgs, want) {
		t.Errorf("log %q lacks %q", msgs, want)
	}

	// The same delivery again (GitHub redelivers) makes no second revision.
	res, err = p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-1", 4242, "acme/web", "main", sha(1)))
	must(t, err)
	if res.Deployments != 0 || f.revisions(p)[p.webMain.Name] != after[p.webMain.Name] {
		t.Errorf("redelivery: %+v, revision %d", res, f.revisions(p)[p.webMain.Name])
	}
	// A new delivery on another branch reaches only that branch's deployment.
	res, err = p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-2", 4242, "acme/web", "dev", sha(2)))
	must(t, err)
	if res.Deployments != 1 || f.revisions(p)[p.webDev.Name] != before[p.webDev.Name]+1 {
		t.Errorf("push to dev: %+v", res)
	}
}

func TestGitHubWebhook_BadSignaturesChangeNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.pushSetup()
	before := f.revisions(p)
	good := pushDelivery(testWebhookSecret, "delivery-x", 4242, "acme/web", "main", sha(7))

	unsigned := good
	unsigned.Signature = ""
	wrongSecret := pushDelivery("another-secret", "delivery-x", 4242, "acme/web", "main", sha(7))
	tampered := good
	tampered.Body = []byte(strings.Replace(string(good.Body), sha(7), sha(8), 1))
	noPrefix := good
	noPrefix.Signature = strings.TrimPrefix(good.Signature, "sha256=")
	sha1 := good
	sha1.Signature = "sha1=" + strings.TrimPrefix(good.Signature, "sha256=")
	notHex := good
	notHex.Signature = "sha256=zz"
	for name, in := range map[string]service.GitHubWebhookInput{"unsigned": unsigned, "wrong secret": wrongSecret,
		"tampered body": tampered, "no prefix": noPrefix, "sha1": sha1, "not hex": notHex} {
		_, err := p.hook.GitHubWebhook(f.ctx, in)
		wantCode(t, err, platform.CodeUnauthenticated, "X-Hub-Signature-256")
		if got := f.revisions(p); !equalMaps(got, before) {
			t.Errorf("%s: revisions changed: %v", name, got)
		}
	}
	// A server without a secret refuses even a correctly signed delivery.
	for _, svc := range []*service.Service{f.svc, f.webhookService("")} {
		_, err := svc.GitHubWebhook(f.ctx, good)
		wantCode(t, err, platform.CodeUnauthenticated, "no webhook secret")
	}
	if got := f.revisions(p); !equalMaps(got, before) {
		t.Errorf("revisions changed: %v", got)
	}
	// None of these recorded the delivery: the genuine one still works.
	res, err := p.hook.GitHubWebhook(f.ctx, good)
	must(t, err)
	if res.Deployments != 2 {
		t.Errorf("the genuine delivery: %+v", res)
	}
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestGitHubWebhook_WhatIsIgnored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.pushSetup()
	before := f.revisions(p)
	nothing := func(name string, in service.GitHubWebhookInput) {
		t.Helper()
		res, err := p.hook.GitHubWebhook(f.ctx, in)
		if err != nil || res.Deployments != 0 {
			t.Errorf("%s: %+v, %v; want no deployment", name, res, err)
		}
		if got := f.revisions(p); !equalMaps(got, before) {
			t.Errorf("%s: revisions changed: %v", name, got)
		}
	}
	ping := pushDelivery(testWebhookSecret, "d-ping", 4242, "acme/web", "main", sha(1))
	ping.Event = "ping"
	nothing("another event", ping)
	nothing("unknown installation", pushDelivery(testWebhookSecret, "d-unknown", 999, "acme/web", "main", sha(1)))
	nothing("unknown repository", pushDelivery(testWebhookSecret, "d-repo", 4242, "acme/other", "main", sha(1)))
	nothing("deleted branch", pushDelivery(testWebhookSecret, "d-deleted", 4242, "acme/web", "main", strings.Repeat("0", 40)))
	tag := pushDelivery(testWebhookSecret, "d-tag", 4242, "acme/web", "main", sha(1))
	tag.Body = []byte(strings.Replace(string(tag.Body), "refs/heads/main", "refs/tags/main", 1))
	tag.Signature = sign(testWebhookSecret, tag.Body)
	nothing("tag", tag)

	f.setGitHubInstallationStatus(p.ghi, platform.GitHubSuspended)
	nothing("suspended installation", pushDelivery(testWebhookSecret, "d-suspended", 4242, "acme/web", "main", sha(1)))
	f.setGitHubInstallationStatus(p.ghi, platform.GitHubActive)

	// Malformed deliveries are 400, naming what is wrong.
	noDelivery := pushDelivery(testWebhookSecret, "", 4242, "acme/web", "main", sha(1))
	_, err := p.hook.GitHubWebhook(f.ctx, noDelivery)
	wantFields(t, err, "X-GitHub-Delivery")
	badSHA := pushDelivery(testWebhookSecret, "d-sha", 4242, "acme/web", "main", "not-a-sha")
	_, err = p.hook.GitHubWebhook(f.ctx, badSHA)
	wantFields(t, err, "after")
	notJSON := service.GitHubWebhookInput{Event: "push", DeliveryID: "d-json", Body: []byte("{"), Signature: sign(testWebhookSecret, []byte("{"))}
	_, err = p.hook.GitHubWebhook(f.ctx, notJSON)
	wantFields(t, err, "body")

	// A deployment being deleted takes no new revision.
	_, err = f.svc.DeleteDeployment(f.ctx, p.tm.owner, p.tm.ws.Slug, p.prj2.Slug, p.webMain2.Name, 0)
	must(t, err)
	res, err := p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "d-after-delete", 4242, "acme/web", "main", sha(3)))
	must(t, err)
	if res.Deployments != 1 {
		t.Errorf("push with one deployment being deleted: %+v", res)
	}
}

func TestGitHubWebhook_DeliveriesAreForgottenAfterSevenDays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.pushSetup()
	first := pushDelivery(testWebhookSecret, "delivery-old", 4242, "acme/web", "main", sha(1))
	res, err := p.hook.GitHubWebhook(f.ctx, first)
	must(t, err)
	if res.Deployments != 2 {
		t.Fatalf("first delivery: %+v", res)
	}
	f.clock.Advance(service.GitHubDeliveryTTL - time.Minute)
	res, err = p.hook.GitHubWebhook(f.ctx, first)
	must(t, err)
	if res.Deployments != 0 {
		t.Errorf("redelivery within the week: %+v", res)
	}
	f.clock.Advance(2 * time.Minute)
	// Any delivery purges the old ones; the old id is then new again.
	_, err = p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-new", 4242, "acme/api", "dev", sha(2)))
	must(t, err)
	var left int
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error {
		var err error
		left, err = tx.DeleteGitHubDeliveriesBefore(f.svc.Now().Add(-service.GitHubDeliveryTTL))
		return err
	}))
	if left != 0 {
		t.Errorf("%d deliveries older than a week were not purged", left)
	}
	res, err = p.hook.GitHubWebhook(f.ctx, first)
	must(t, err)
	if res.Deployments != 2 {
		t.Errorf("a delivery id forgotten after a week: %+v", res)
	}
}
