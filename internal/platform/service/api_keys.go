package service

import (
	"context"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// APIKeyInput creates an API key.
type APIKeyInput struct {
	Name      string          `json:"name"`
	Access    platform.Access `json:"access"`
	ExpiresAt *time.Time      `json:"expires_at,omitempty"`
}

// APIKeyPatch renames a key. Access cannot change (create a new key instead).
type APIKeyPatch struct {
	Name *string `json:"name,omitempty"`
}

// RotateInput rotates a key's secret; the old secret keeps working for the grace period.
type RotateInput struct {
	GracePeriodSeconds int `json:"grace_period_seconds,omitempty"`
}

// CreatedAPIKey is a key with its secret, shown only in the create and rotate answers.
type CreatedAPIKey struct {
	platform.APIKey
	Secret string `json:"secret"`
}

// keyGrant is everything a key of access a can do: its workspace permissions and its project
// role on every project. Minting a key is granting all of it.
func keyGrant(a platform.Access) platform.PermissionSet {
	perms, _ := platform.ProjectRolePermissions(platform.KeyProjectRole(a))
	return platform.KeyPermissions(a) | perms
}

// CreateAPIKey mints a workspace API key. Nobody mints a key that can do more than they can.
func (s *Service) CreateAPIKey(ctx context.Context, caller *platform.Principal, ref string, in APIKeyInput) (*CreatedAPIKey, error) {
	secret := platform.NewSecret(platform.SecretPrefixAPIKey)
	k := platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), Name: in.Name, Access: in.Access,
		ExpiresAt: utcPtr(in.ExpiresAt), Prefix: platform.DisplayPrefix(secret), SecretHash: platform.HashSecret(secret)}
	return update(ctx, s, caller, func(t *txn) (*CreatedAPIKey, error) {
		if err := k.Validate(t.now); err != nil {
			return nil, err
		}
		w, err := t.workspaceRequiring(ref, platform.PermAPIKeysManage)
		if err != nil {
			return nil, err
		}
		if err := platform.CheckGrant(w.access.AllPermissions(), keyGrant(k.Access)); err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaAPIKeys, ""); err != nil {
			return nil, err
		}
		k.WorkspaceID, k.CreatedBy = w.ws.ID, caller.Actor()
		k.Stamp(t.now)
		if err := t.CreateAPIKey(&k); err != nil {
			return nil, err
		}
		return &CreatedAPIKey{APIKey: k, Secret: secret}, t.audit(w.ws.ID, "", "api_key.create", k.ID)
	})
}

func (t *txn) apiKey(ref, id string) (*wsScope, *platform.APIKey, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, nil, err
	}
	if err := w.require(platform.PermAPIKeysManage); err != nil {
		return nil, nil, err
	}
	k, err := t.GetAPIKey(w.ws.ID, id)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, nil, platform.NotFound("api key", id)
	}
	return w, k, err
}

// GetAPIKey reads a key's metadata (never its secret).
func (s *Service) GetAPIKey(ctx context.Context, caller *platform.Principal, ref, id string) (*platform.APIKey, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.APIKey, error) {
		_, k, err := t.apiKey(ref, id)
		return k, err
	})
}

// ListAPIKeys lists a workspace's keys (never their secrets).
func (s *Service) ListAPIKeys(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.APIKey], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermAPIKeysManage, opts, (*txn).ListAPIKeys,
		func(x *platform.APIKey) int64 { return x.Seq })
}

// UpdateAPIKey renames a key.
func (s *Service) UpdateAPIKey(ctx context.Context, caller *platform.Principal, ref, id string, in APIKeyPatch, ifVersion int64) (*platform.APIKey, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.APIKey, error) {
		w, k, err := t.apiKey(ref, id)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("api key", k.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.Name == nil || *in.Name == k.Name {
			return k, nil
		}
		k.Name = *in.Name
		var v platform.Violations
		platform.ValidateDisplayName(&v, "name", k.Name)
		if err := v.Err(); err != nil {
			return nil, err
		}
		k.Touch(t.now)
		if err := t.UpdateAPIKey(k); err != nil {
			return nil, err
		}
		return k, t.audit(w.ws.ID, "", "api_key.update", k.ID)
	})
}

// RotateAPIKey gives a key a new secret now; the previous one keeps working until the grace
// period ends (0: at once).
func (s *Service) RotateAPIKey(ctx context.Context, caller *platform.Principal, ref, id string, in RotateInput) (*CreatedAPIKey, error) {
	var v platform.Violations
	platform.ValidateGracePeriod(&v, "grace_period_seconds", in.GracePeriodSeconds)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*CreatedAPIKey, error) {
		w, k, err := t.apiKey(ref, id)
		if err != nil {
			return nil, err
		}
		// Rotating re-issues the key's full grant, so the no-escalation rule applies again.
		if err := platform.CheckGrant(w.access.AllPermissions(), keyGrant(k.Access)); err != nil {
			return nil, err
		}
		secret := platform.NewSecret(platform.SecretPrefixAPIKey)
		k.PreviousSecretHash, k.PreviousExpiresAt = "", nil
		if in.GracePeriodSeconds > 0 {
			until := t.now.Add(time.Duration(in.GracePeriodSeconds) * time.Second)
			k.PreviousSecretHash, k.PreviousExpiresAt = k.SecretHash, &until
		}
		k.SecretHash, k.Prefix = platform.HashSecret(secret), platform.DisplayPrefix(secret)
		k.Touch(t.now)
		if err := t.UpdateAPIKey(k); err != nil {
			return nil, err
		}
		return &CreatedAPIKey{APIKey: *k, Secret: secret}, t.audit(w.ws.ID, "", "api_key.rotate", k.ID)
	})
}

// DeleteAPIKey revokes a key at once (any grace period ends too).
func (s *Service) DeleteAPIKey(ctx context.Context, caller *platform.Principal, ref, id string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		t.callIs(platform.CallWriteWhileReadOnly) // revoking access: allowed while read-only
		w, k, err := t.apiKey(ref, id)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedAPIKey, w.ws.ID, k.ID)
		if err := checkVersion("api key", k.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		if err := t.DeleteAPIKey(w.ws.ID, k.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "api_key.delete", k.ID)
	})
	return err
}
