package provider

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestParseImportID(t *testing.T) {
	for _, tc := range []struct {
		id, format string
		want       []string
	}{
		{"acme", "workspace", []string{"acme"}},
		{"acme/web", "workspace/project", []string{"acme", "web"}},
		{"acme/web/alice@example.com", "workspace/project/email", []string{"acme", "web", "alice@example.com"}},
		{"acme/web", "workspace", nil},
		{"acme", "workspace/project", nil},
		{"acme/", "workspace/project", nil},
		{"", "workspace", nil},
	} {
		got, err := parseImportID(tc.id, tc.format, "example")
		if tc.want == nil {
			if err == nil || !strings.Contains(err.Error(), `"`+tc.format+`"`) || !strings.Contains(err.Error(), "example") {
				t.Errorf("parseImportID(%q, %q) = %v, %v; want an error naming the format and example", tc.id, tc.format, got, err)
			}
			continue
		}
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("parseImportID(%q, %q) = %v, %v; want %v", tc.id, tc.format, got, err, tc.want)
		}
	}
}

func TestAddAPIError(t *testing.T) {
	var diags diag.Diagnostics
	addAPIError(&diags, "platform_project", "create", &client.APIError{
		StatusCode: 409, Code: client.CodeQuotaExceeded, Message: "plan free allows 3 projects",
		Details: []client.FieldError{{Field: "slug", Reason: "is taken"}}, RequestID: "req_abc",
	})
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics", len(diags))
	}
	d := diags[0]
	for _, want := range []string{"plan free allows 3 projects", "quota_exceeded", "HTTP 409", "req_abc", "slug: is taken"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail %q lacks %q", d.Detail(), want)
		}
	}
	if d.Summary() != "Could not create platform_project" {
		t.Errorf("summary = %q", d.Summary())
	}

	// A message that already lists its details (a plan downgrade) says each violation once.
	diags = nil
	addAPIError(&diags, "platform_workspace", "update", &client.APIError{
		StatusCode: 409, Code: client.CodeQuotaExceeded, Message: "cannot change to the free plan: projects: limit 3, usage 4",
		Details: []client.FieldError{{Field: "plan", Reason: "projects: limit 3, usage 4"}},
	})
	if n := strings.Count(diags[0].Detail(), "limit 3, usage 4"); n != 1 {
		t.Errorf("the violation appears %d times in %q, want once", n, diags[0].Detail())
	}

	diags = nil
	addAPIError(&diags, "platform_project", "read", errors.New("dial tcp: connection refused"))
	if !strings.Contains(diags[0].Detail(), "connection refused") {
		t.Errorf("transport error detail = %q", diags[0].Detail())
	}
}

// TestLoggerMasksToken: nothing logged through the client's logger adapter shows the token, even
// if a field or message carried it.
func TestLoggerMasksToken(t *testing.T) {
	const token = "pt_supersecretsupersecretsupersecret_abcdef"
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	l := tflogLogger{token: token}
	l.Debug(ctx, "request with "+token, map[string]any{"note": "Bearer " + token, "token": "anything", "path": "/v1/me"})
	l.Warn(ctx, "retry", map[string]any{"authorization": "Bearer x"})
	tflog.Info(maskToken(ctx, token), "configured", map[string]any{"t": token})
	if strings.Contains(out.String(), token) || strings.Contains(out.String(), "anything") {
		t.Errorf("log shows a credential:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "/v1/me") {
		t.Errorf("log lost ordinary fields:\n%s", out.String())
	}
}

func TestValidators(t *testing.T) {
	for _, tc := range []struct {
		name  string
		v     validator.String
		value string
		want  string // "" means valid
	}{
		{"slug ok", slugValidator(), "acme-prod", ""},
		{"slug upper", slugValidator(), "Acme", "the first character must be a lower-case letter"},
		{"slug short", slugValidator(), "ab", "must be 3-40 characters"},
		{"slug trailing hyphen", slugValidator(), "acme-", "the last character must not be a hyphen"},
		{"slug double hyphen", slugValidator(), "ac--me", `must not contain "--"`},
		{"slug reserved", slugValidator(), "settings", "is reserved"},
		{"slug bad char", slugValidator(), "ac_me", `"_" is not allowed`},
		{"name ok", displayNameValidator(), "Acme Inc.", ""},
		{"name empty", displayNameValidator(), "", "is required"},
		{"name long", displayNameValidator(), strings.Repeat("x", 101), "must be 1-100 characters"},
		{"description newline", descriptionValidator(), "a\nb", ""},
		{"description control", descriptionValidator(), "a\x01b", "control characters"},
		{"email ok", emailValidator(), "alice@example.com", ""},
		{"email localhost", emailValidator(), "admin@localhost", ""},
		{"email display name", emailValidator(), "Alice <alice@example.com>", "spaces"},
		{"email no dot", emailValidator(), "alice@example", "the domain needs a dot"},
		{"ws id", idValidator("ws_", "workspace"), "ws_abc", ""},
		{"ws slug", idValidator("ws_", "workspace"), "acme", "must be a workspace id (ws_...)"},
		{"org slug", idValidator("org_", "organization"), "acme", "must be an organization id (org_...)"},
		{"role builtin", roleValidator("owner", "admin"), "admin", ""},
		{"role custom", roleValidator("owner", "admin"), "role_abc", ""},
		{"role bad", roleValidator("owner", "admin"), "boss", "must be one of owner, admin, or a custom role id (role_...)"},
		{"location", locationValidator(), "eu-central-1", ""},
		{"location bad", locationValidator(), "EU", "must match"},
		{"machine type", machineTypeValidator(), "n2-standard-4", ""},
		{"machine type bad", machineTypeValidator(), "-x", "must match"},
		{"node pool", nodePoolNameValidator(), "a", ""},
		{"duration", durationValidator(), "30s", ""},
		{"duration bad", durationValidator(), "-1s", "positive duration"},
		{"rfc3339", rfc3339Validator(), "2030-01-02T15:04:05Z", ""},
		{"rfc3339 bad", rfc3339Validator(), "2030-01-02", "RFC 3339"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp validator.StringResponse
			tc.v.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("attr"), ConfigValue: types.StringValue(tc.value),
			}, &resp)
			switch {
			case tc.want == "" && resp.Diagnostics.HasError():
				t.Errorf("%q: unexpected error %v", tc.value, resp.Diagnostics)
			case tc.want != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), tc.want)):
				t.Errorf("%q: want error containing %q, got %v", tc.value, tc.want, resp.Diagnostics)
			}
		})
	}
}

func TestSettingsValidator(t *testing.T) {
	check := func(m map[string]string) diag.Diagnostics {
		var resp validator.MapResponse
		settingsValidator().ValidateMap(context.Background(), validator.MapRequest{
			Path: path.Root("settings"), ConfigValue: stringMapValue(m),
		}, &resp)
		return resp.Diagnostics
	}
	if d := check(map[string]string{"region": "eu", "a.b-c_d": "x"}); d.HasError() {
		t.Errorf("valid settings: %v", d)
	}
	if d := check(map[string]string{"1st": "x"}); !d.HasError() || !strings.Contains(d[0].Detail(), "key must match") {
		t.Errorf("bad key: %v", d)
	}
	if d := check(map[string]string{"k": strings.Repeat("v", 1025)}); !d.HasError() || !strings.Contains(d[0].Detail(), "at most 1024") {
		t.Errorf("long value: %v", d)
	}
	many := map[string]string{}
	for i := range 51 {
		many["k"+strings.Repeat("x", i)] = "v"
	}
	if d := check(many); !d.HasError() || !strings.Contains(d[0].Detail(), "at most 50 keys") {
		t.Errorf("too many keys: %v", d)
	}
}
