// Package service holds the platform's use cases. Every call validates its input, authorizes
// the caller, runs in one store transaction and writes its audit event in that same
// transaction. Transport adapters (the HTTP API) only translate to and from these calls.
package service

import (
	"bytes"
	"context"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"reflect"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Options configure a Service.
type Options struct {
	// Now is the clock; tests replace it. Defaults to time.Now.
	Now func() time.Time
	// ClusterDelay is how long cluster provisioning, updating and deleting take. Default 2s.
	ClusterDelay time.Duration
	// SecretKey is the server's secret key (32 bytes, kept outside the database): credentials
	// that are not generated secrets are stored as keyed hashes under it. Default: a random key
	// for this Service only, so such credentials do not outlive it.
	SecretKey []byte
	// PublicHost is the server's host name as clients reach it: installations' package
	// repositories and deployments' URLs are made from it (docs/platform.md section 11).
	// Default "localhost".
	PublicHost string
	// GitHubWebhookSecret verifies the signatures of GitHub's webhook deliveries
	// (docs/platform.md section 11). Empty: every delivery is refused.
	GitHubWebhookSecret []byte
	// SecretsKey (32 bytes, kept outside the database: the file secrets.key beside it) seals
	// secret values with AES-256-GCM (docs/platform.md section 11). Default: a random key for
	// this Service only, so its values do not outlive it.
	SecretsKey []byte
}

// Service implements every use case of the platform on a Store.
type Service struct {
	store        platform.Store
	now          func() time.Time
	clusterDelay time.Duration
	secretKey    []byte
	publicHost   string
	// webhookSecret verifies GitHub's webhook signatures; never logged.
	webhookSecret []byte
	secrets       cipher.AEAD
	auth          authCache
}

// New returns a Service on store.
func New(store platform.Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ClusterDelay == 0 {
		opts.ClusterDelay = 2 * time.Second
	}
	if len(opts.SecretKey) == 0 {
		opts.SecretKey = make([]byte, 32)
		_, _ = rand.Read(opts.SecretKey)
	}
	if opts.PublicHost == "" {
		opts.PublicHost = "localhost"
	}
	if len(opts.SecretsKey) == 0 {
		opts.SecretsKey = make([]byte, secretsKeyBytes)
		_, _ = rand.Read(opts.SecretsKey)
	}
	secrets, err := newSecretsAEAD(opts.SecretsKey)
	if err != nil {
		panic(err) // a programming error: the server loads a key of the right size
	}
	return &Service{store: store, now: opts.Now, clusterDelay: opts.ClusterDelay, secretKey: opts.SecretKey,
		publicHost: opts.PublicHost, webhookSecret: bytes.Clone(opts.GitHubWebhookSecret), secrets: secrets}
}

// Now is the service clock in the precision every store keeps (microseconds, UTC).
func (s *Service) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

type validateOnlyKey struct{}

// WithValidateOnly marks a call as a dry run: it runs validation, authorization, quotas and
// every rule exactly as the real call, then writes nothing (the transaction is rolled back).
func WithValidateOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, validateOnlyKey{}, true)
}

// IsValidateOnly reports whether ctx marks a dry run.
func IsValidateOnly(ctx context.Context) bool {
	v, _ := ctx.Value(validateOnlyKey{}).(bool)
	return v
}

// CommitHook runs inside a mutation's transaction after it succeeded and before it commits, with
// the call's result. The HTTP layer uses it to store an idempotency record atomically with the
// change it answers for. An error from the hook rolls the whole call back.
type CommitHook func(tx platform.Tx, result any) error

type commitHookKey struct{}

// WithCommitHook attaches hook to the next mutation made with ctx (not run for dry runs).
func WithCommitHook(ctx context.Context, hook CommitHook) context.Context {
	return context.WithValue(ctx, commitHookKey{}, hook)
}

type planSessionKey struct{}

// WithPlanSession names the plan session of a dry run (docs/platform.md, "Plan sessions"): its
// DELETE is remembered in the session, and it is evaluated against the current state minus
// what the session already plans to delete. Real calls ignore it.
func WithPlanSession(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, planSessionKey{}, id)
}

var errDryRun = errors.New("validate only: roll back")

// txn is one use case's transaction: the store transaction, the clock and the caller.
type txn struct {
	platform.Tx
	now    time.Time
	caller *platform.Principal
	// session is the plan session of a dry run ("" otherwise); planned is what the dry run
	// plans to delete, recorded in the session once the dry run has rolled back.
	session string
	planned *platform.PlannedDelete
	// plannedCreate is what the dry run plans to create, recorded in the session once the dry
	// run has succeeded and rolled back.
	plannedCreate *platform.PlannedCreate
	// class is what the call does to the workspace it addresses, as the workspace's access state
	// judges it (checkAccessState): CallRead in view, CallWrite in update, unless the use case
	// declares an exception with callIs before it resolves the workspace.
	class platform.CallClass
	// firstUse is the caller's invited membership of the workspace this call uses: it turns
	// active once the call is over (activateMember).
	firstUse *platform.WorkspaceMember
}

// planDelete notes, in a dry run with a plan session, that the call plans to delete target (of
// kind, in workspace ws). Use cases call it as soon as they have found the target, so that the
// plan's intent is remembered whether or not this delete would succeed on its own.
func (t *txn) planDelete(kind, ws, target string) {
	if t.session == "" {
		return
	}
	t.planned = &platform.PlannedDelete{Actor: t.caller.Actor(), Session: t.session, WorkspaceID: ws, Kind: kind,
		TargetID: target, CreatedAt: t.now}
}

// planCreate notes, in a dry run with a plan session, that the call plans to create an object
// of kind in workspace ws ("" for workspaces and organizations) whose unique name is key
// (platform.PlannedKey; "" for objects without one). It refuses a key that an earlier dry run
// of the session already plans to create: two resources of one plan claiming one name.
func (t *txn) planCreate(kind, ws, key string) error {
	if t.session == "" {
		return nil
	}
	if key == "" {
		key = platform.NewID("new")
	} else {
		taken, err := t.HasPlannedCreate(t.caller.Actor(), t.session, kind, key)
		if err != nil {
			return err
		}
		if taken {
			return errPlannedTwice(kind, key, t.session)
		}
	}
	t.plannedCreate = &platform.PlannedCreate{Actor: t.caller.Actor(), Session: t.session, WorkspaceID: ws, Kind: kind,
		Key: key, CreatedAt: t.now}
	return nil
}

// sessionCreates reports whether this dry run's plan session creates the object of kind whose
// unique name is key: a reference to it by name is then judged as the apply will find it.
func (t *txn) sessionCreates(kind, key string) (bool, error) {
	if t.session == "" {
		return false, nil
	}
	return t.HasPlannedCreate(t.caller.Actor(), t.session, kind, key)
}

// planForcedWorkspaceDelete is planDelete for a workspace deleted with everything in it.
func (t *txn) planForcedWorkspaceDelete(ws string) {
	t.planDelete(platform.PlannedWorkspace, ws, ws)
	if t.planned != nil {
		t.planned.Force = true
	}
}

// sessionPlansDelete reports whether this dry run's plan session plans to delete target.
func (t *txn) sessionPlansDelete(ws, kind, target string) (bool, error) {
	planned, err := t.sessionDeletes(ws)
	return planned[kind+"/"+target], err
}

// sessionDeletes lists what this dry run's plan session plans to delete in workspace ws, as a
// set of "kind/target"; nil without a session.
func (t *txn) sessionDeletes(ws string) (map[string]bool, error) {
	if t.session == "" {
		return nil, nil
	}
	ds, err := t.ListPlannedDeletes(t.caller.Actor(), t.session, ws)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ds))
	for _, d := range ds {
		out[d.Kind+"/"+d.TargetID] = true
	}
	return out, nil
}

// audit records a successful mutation in the same transaction.
func (t *txn) audit(workspaceID, organizationID, action, target string) error {
	actor := "system"
	if t.caller != nil {
		actor = t.caller.Actor()
	}
	return t.CreateAuditEvent(&platform.AuditEvent{
		ID: platform.NewID(platform.PrefixAuditEvent), WorkspaceID: workspaceID,
		OrganizationID: organizationID, Actor: actor, Action: action, Target: target, At: t.now,
	})
}

func view[T any](ctx context.Context, s *Service, caller *platform.Principal, fn func(t *txn) (T, error)) (T, error) {
	var out T
	var firstUse *platform.WorkspaceMember
	err := s.store.View(ctx, func(tx platform.Tx) error {
		t := &txn{Tx: tx, now: s.Now(), caller: caller, class: platform.CallRead}
		var err error
		out, err = fn(t)
		firstUse = t.firstUse
		return err
	})
	if firstUse != nil {
		if aerr := s.activateMember(ctx, firstUse); aerr != nil && err == nil {
			return out, aerr
		}
	}
	return out, err
}

func update[T any](ctx context.Context, s *Service, caller *platform.Principal, fn func(t *txn) (T, error)) (T, error) {
	dryRun := IsValidateOnly(ctx)
	hook, _ := ctx.Value(commitHookKey{}).(CommitHook)
	var session string
	if dryRun {
		session, _ = ctx.Value(planSessionKey{}).(string)
	}
	var out T
	var planned *platform.PlannedDelete
	var plannedCreate *platform.PlannedCreate
	var firstUse *platform.WorkspaceMember
	err := s.store.Update(ctx, func(tx platform.Tx) error {
		t := &txn{Tx: tx, now: s.Now(), caller: caller, session: session, class: platform.CallWrite}
		var err error
		out, err = fn(t)
		planned, plannedCreate, firstUse = t.planned, t.plannedCreate, t.firstUse
		switch {
		case err != nil:
			return err
		case dryRun:
			return errDryRun
		case hook != nil:
			return hook(tx, out)
		}
		return nil
	})
	// Counted even when it failed: a failed commit may have committed (see authCache).
	s.auth.committed()
	if firstUse != nil && !dryRun {
		if aerr := s.activateMember(ctx, firstUse); aerr != nil && err == nil {
			return out, aerr
		}
	}
	if planned != nil {
		// The dry run rolled back; its plan session keeps what it planned to delete, whatever
		// the answer (a refused delete is still part of the plan).
		if rerr := s.recordPlannedDelete(ctx, planned); rerr != nil && (err == nil || errors.Is(err, errDryRun)) {
			return out, rerr
		}
	}
	if plannedCreate != nil && errors.Is(err, errDryRun) {
		// Only a create that would succeed is part of what the plan creates.
		if rerr := s.recordPlannedCreate(ctx, plannedCreate); rerr != nil {
			return out, rerr
		}
	}
	if errors.Is(err, errDryRun) {
		return out, nil
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// activateMember turns an invited membership active after the member's first call in its
// workspace (whatever that call answered): a member is "invited" until they first use the
// workspace. The status is observed state, not a change anyone made: no new version, no audit
// event (as a user's activation never was). A membership the call removed is left alone.
func (s *Service) activateMember(ctx context.Context, m *platform.WorkspaceMember) error {
	err := s.store.Update(context.WithoutCancel(ctx), func(tx platform.Tx) error {
		return tx.SetWorkspaceMemberStatus(m.WorkspaceID, m.UserID, platform.MemberActive)
	})
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil
	}
	return err
}

// ListOptions select a page of a list: PageSize 1-200 (0 means 50), After the cursor of the
// previous page.
type ListOptions struct {
	PageSize int
	After    int64
}

// Page is one page of a list. Next is the cursor for the next page, 0 when there is none.
type Page[T any] struct {
	Items []T
	Next  int64
}

// Page size bounds of the API contract.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
)

// listInWorkspace answers one page of a workspace's objects of one kind to a caller with perm
// in the workspace; seq is the object's creation order, which pages follow.
func listInWorkspace[T any](ctx context.Context, s *Service, caller *platform.Principal, ref string, perm platform.Permission,
	opts ListOptions, list func(t *txn, ws string, p platform.Page) ([]T, error), seq func(*T) int64) (Page[T], error) {
	return view(ctx, s, caller, func(t *txn) (Page[T], error) {
		w, err := t.workspaceRequiring(ref, perm)
		if err != nil {
			return Page[T]{}, err
		}
		return paginate(opts, func(p platform.Page) ([]T, error) { return list(t, w.ws.ID, p) }, seq)
	})
}

func paginate[T any](opts ListOptions, list func(platform.Page) ([]T, error), seq func(*T) int64) (Page[T], error) {
	size := opts.PageSize
	if size == 0 {
		size = DefaultPageSize
	}
	var v platform.Violations
	if size < 1 || size > MaxPageSize {
		v.Addf("page_size", "must be 1-%d", MaxPageSize)
	}
	if opts.After < 0 {
		v.Add("page_token", "is not a valid page token")
	}
	if err := v.Err(); err != nil {
		return Page[T]{}, err
	}
	items, err := list(platform.Page{After: opts.After, Limit: size + 1})
	if err != nil {
		return Page[T]{}, err
	}
	p := Page[T]{Items: items}
	if len(items) > size {
		p.Items = items[:size]
		p.Next = seq(&p.Items[size-1])
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p, nil
}

// unchanged reports whether a patch left an object as it was, so that it writes nothing: no
// new version, no audit event (a PATCH that changes nothing is not a mutation).
func unchanged[T any](after, before *T) bool { return reflect.DeepEqual(after, before) }

// requireUser refuses API keys for calls that only a person may make.
func requireUser(caller *platform.Principal, what string) error {
	if caller.IsAPIKey() {
		return platform.Errorf(platform.CodePermissionDenied, "%s needs a user token, not an api key", what)
	}
	return nil
}

// invalid returns an invalid_argument error for one field.
func invalid(field, reason string) error {
	var v platform.Violations
	v.Add(field, reason)
	return v.Err()
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
