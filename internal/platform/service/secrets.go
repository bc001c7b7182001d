package service

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// SecretInput creates a secret. Value is the plain value: it is sealed at once and never
// answered, logged or stored in plain text (docs/platform.md section 11).
type SecretInput struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Value       string `json:"value"`
}

// SecretPatch changes a secret; nil fields stay. Name is accepted only unchanged: installations
// and deployments refer to secrets by name. A Value equal to the current one changes nothing.
type SecretPatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Value       *string `json:"value,omitempty"`
}

// String and LogValue keep the value out of anything that prints an input by mistake.
func (in SecretInput) String() string { return "{name " + in.Name + ", value <redacted>}" }

// LogValue redacts the value in structured logs.
func (in SecretInput) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", in.Name), slog.String("value", "<redacted>"))
}

// String redacts the value.
func (in SecretPatch) String() string { return "{value " + in.redacted() + "}" }

// LogValue redacts the value in structured logs.
func (in SecretPatch) LogValue() slog.Value {
	return slog.GroupValue(slog.String("value", in.redacted()))
}

func (in SecretPatch) redacted() string {
	if in.Value == nil {
		return "<unchanged>"
	}
	return "<redacted>"
}

// Secret values are sealed with AES-256-GCM under the secrets key (Options.SecretsKey, the file
// secrets.key beside the database, never in it). A sealed value is
//
//	version (1 byte) | nonce (12 bytes) | ciphertext and tag
//
// with the secret's workspace and id as additional data, so a sealed value copied onto another
// secret (or workspace) does not open. The version names the key and algorithm: a later key
// rotation adds a version and re-seals values as they are read or changed.
const (
	secretSealV1    = 1
	secretsKeyBytes = 32
)

// newSecretsAEAD builds the cipher of secret values from a 32-byte key.
func newSecretsAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != secretsKeyBytes {
		return nil, fmt.Errorf("secrets key: want %d bytes, got %d", secretsKeyBytes, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func secretAAD(sec *platform.Secret) []byte {
	return []byte("platform secret value\x00" + sec.WorkspaceID + "\x00" + sec.ID)
}

// sealSecret seals value for sec (its WorkspaceID and ID must be set).
func (s *Service) sealSecret(sec *platform.Secret, value string) []byte {
	n := s.secrets.NonceSize()
	out := make([]byte, 1+n, 1+n+len(value)+s.secrets.Overhead())
	out[0] = secretSealV1
	_, _ = rand.Read(out[1:]) // crypto/rand.Read never fails on supported platforms
	return s.secrets.Seal(out, out[1:1+n], []byte(value), secretAAD(sec))
}

// errSecretUnreadable: a sealed value that does not open (another key, a damaged row).
var errSecretUnreadable = errors.New("secret value does not open with the secrets key")

// openSecret returns sec's plain value. Only the service calls it: to compare a new value with
// the current one, and for the consumers that inject values (installations, deployments).
func (s *Service) openSecret(sec *platform.Secret) ([]byte, error) {
	n := s.secrets.NonceSize()
	b := sec.SealedValue
	if len(b) < 1+n || b[0] != secretSealV1 {
		return nil, errSecretUnreadable
	}
	plain, err := s.secrets.Open(nil, b[1:1+n], b[1+n:], secretAAD(sec))
	if err != nil {
		return nil, errSecretUnreadable
	}
	return plain, nil
}

// sameSecretValue reports, in constant time, whether value is sec's current value. A value
// that no longer opens (the key file was replaced) is never the same: any new value replaces it.
func (s *Service) sameSecretValue(sec *platform.Secret, value string) bool {
	cur, err := s.openSecret(sec)
	return err == nil && subtle.ConstantTimeCompare(cur, []byte(value)) == 1
}

func secretValueViolation(v *platform.Violations, value string) {
	platform.ValidateSecretValue(v, "value", []byte(value))
}

func (t *txn) secretByRef(w *wsScope, ref string) (*platform.Secret, error) {
	var (
		sec *platform.Secret
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixSecret) {
		sec, err = t.GetSecret(w.ws.ID, ref)
	} else {
		sec, err = t.GetSecretByName(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("secret", ref)
	}
	return sec, err
}

func (t *txn) secretFor(ref, secret string, perm platform.Permission) (*wsScope, *platform.Secret, error) {
	w, err := t.workspaceRequiring(ref, perm)
	if err != nil {
		return nil, nil, err
	}
	sec, err := t.secretByRef(w, secret)
	return w, sec, err
}

// CreateSecret creates a secret with its first value (value_version 1).
func (s *Service) CreateSecret(ctx context.Context, caller *platform.Principal, ref string, in SecretInput) (*platform.Secret, error) {
	sec := &platform.Secret{ID: platform.NewID(platform.PrefixSecret), Name: in.Name, Description: in.Description,
		ValueVersion: 1}
	var v platform.Violations
	platform.ValidateSecretName(&v, "name", sec.Name)
	platform.ValidateDescription(&v, "description", sec.Description)
	secretValueViolation(&v, in.Value)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Secret, error) {
		w, err := t.workspaceRequiring(ref, platform.PermSecretsManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaSecrets, platform.PlannedKey(w.ws.ID, sec.Name)); err != nil {
			return nil, err
		}
		sec.WorkspaceID = w.ws.ID
		sec.Stamp(t.now)
		sec.ValueUpdatedAt = t.now
		sec.SealedValue = s.sealSecret(sec, in.Value)
		if err := t.CreateSecret(sec); err != nil {
			return nil, err
		}
		return sec, t.audit(w.ws.ID, "", "secret.create", sec.ID)
	})
}

// GetSecret reads a secret (never its value) by id or name.
func (s *Service) GetSecret(ctx context.Context, caller *platform.Principal, ref, secret string) (*platform.Secret, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Secret, error) {
		_, sec, err := t.secretFor(ref, secret, platform.PermSecretsRead)
		return sec, err
	})
}

// ListSecrets lists a workspace's secrets (never their values).
func (s *Service) ListSecrets(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Secret], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermSecretsRead, opts, (*txn).ListSecrets,
		func(x *platform.Secret) int64 { return x.Seq })
}

// UpdateSecret changes a secret's description or value. A new value gets value_version + 1; the
// current value again changes nothing (compared once unsealed, in constant time).
func (s *Service) UpdateSecret(ctx context.Context, caller *platform.Principal, ref, secret string, in SecretPatch, ifVersion int64) (*platform.Secret, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Secret, error) {
		w, cur, err := t.secretFor(ref, secret, platform.PermSecretsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("secret", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		var v platform.Violations
		if in.Name != nil && *in.Name != cur.Name {
			v.Add("name", "cannot be changed: installations and deployments refer to a secret by name; create a new secret")
		}
		if in.Description != nil {
			platform.ValidateDescription(&v, "description", *in.Description)
		}
		if in.Value != nil {
			secretValueViolation(&v, *in.Value)
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		sec := *cur
		setIf(&sec.Description, in.Description)
		if in.Value != nil && !s.sameSecretValue(cur, *in.Value) {
			sec.SealedValue = s.sealSecret(&sec, *in.Value)
			sec.ValueVersion++
			sec.ValueUpdatedAt = t.now
		}
		if unchanged(&sec, cur) {
			return cur, nil
		}
		sec.Touch(t.now)
		if err := t.UpdateSecret(&sec); err != nil {
			return nil, err
		}
		return &sec, t.audit(w.ws.ID, "", "secret.update", sec.ID)
	})
}

// DeleteSecret deletes a secret that no installation or deployment uses.
func (s *Service) DeleteSecret(ctx context.Context, caller *platform.Principal, ref, secret string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, sec, err := t.secretFor(ref, secret, platform.PermSecretsManage)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedSecret, w.ws.ID, sec.ID)
		if err := checkVersion("secret", sec.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		deps, err := t.SecretDependents(w.ws.ID, sec.Name)
		if err != nil {
			return struct{}{}, err
		}
		if deps, err = t.dependentsLeft(w.ws.ID, deps); err != nil {
			return struct{}{}, err
		}
		if !deps.None() {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"secret %s is used by %s: remove it from them first", sec.Name, usedBy(deps))
		}
		if err := t.DeleteSecret(w.ws.ID, sec.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "secret.delete", sec.ID)
	})
	return err
}

// usedBy names the users of an object for a refused delete: "installation redis and
// deployments web/site, api/worker".
func usedBy(d platform.Dependents) string {
	var parts []string
	for _, g := range []struct {
		noun  string
		names []string
	}{{"installation", d.Installations}, {"deployment", d.Deployments}} {
		if len(g.names) == 0 {
			continue
		}
		noun := g.noun
		if len(g.names) > 1 {
			noun += "s"
		}
		parts = append(parts, noun+" "+strings.Join(g.names, ", "))
	}
	return strings.Join(parts, " and ")
}

// dependentsLeft drops from d, in a dry run with a plan session, the installations and
// deployments that the session plans to delete, deleting them first in the dry run's
// transaction (which is rolled back): the plan's delete is judged as the plan would leave the
// workspace (docs/platform.md section 10).
func (t *txn) dependentsLeft(ws string, d platform.Dependents) (platform.Dependents, error) {
	if d.None() {
		return d, nil
	}
	planned, err := t.sessionDeletes(ws)
	if err != nil || len(planned) == 0 {
		return d, err
	}
	left := platform.Dependents{}
	for _, name := range d.Installations {
		in, err := t.GetInstallationByName(ws, name)
		if err != nil {
			return d, err
		}
		if !planned[platform.PlannedInstallation+"/"+in.ID] {
			left.Installations = append(left.Installations, name)
		} else if err := t.DeleteInstallation(ws, in.ID); err != nil {
			return d, err
		}
	}
	for _, ref := range d.Deployments {
		prj, name, _ := strings.Cut(ref, "/")
		p, err := t.GetProjectBySlug(ws, prj)
		if err != nil {
			return d, err
		}
		dep, err := t.GetDeploymentByName(p.ID, name)
		if err != nil {
			return d, err
		}
		if !planned[platform.PlannedDeployment+"/"+dep.ID] {
			left.Deployments = append(left.Deployments, ref)
		} else if err := t.DeleteDeployment(ws, dep.ID); err != nil {
			return d, err
		}
	}
	return left, nil
}
