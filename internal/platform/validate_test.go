package platform

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// valCase is one input to one validator: want is "" when the input is valid, otherwise a
// substring of the one reason expected on field.
type valCase struct {
	name  string
	run   func(v *Violations)
	field string
	want  string
}

// valCheck runs cases and asserts exactly the expected violation (or none).
func valCheck(t *testing.T, cases []valCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v Violations
			tc.run(&v)
			if tc.want == "" {
				if len(v) != 0 {
					t.Fatalf("want no violation, got %+v", v)
				}
				return
			}
			if len(v) != 1 {
				t.Fatalf("want exactly one violation on %s (%q), got %+v", tc.field, tc.want, v)
			}
			if v[0].Field != tc.field {
				t.Errorf("field = %q, want %q", v[0].Field, tc.field)
			}
			if !strings.Contains(v[0].Reason, tc.want) {
				t.Errorf("reason = %q, want it to contain %q", v[0].Reason, tc.want)
			}
		})
	}
}

// valString adapts a func(v, field, s) validator to one case.
func valString(fn func(*Violations, string, string), field, s string) func(*Violations) {
	return func(v *Violations) { fn(v, field, s) }
}

func TestValidateSlugAndResourceName(t *testing.T) {
	type row struct {
		name, in, want string
	}
	rows := []row{
		{"ok/simple", "acme", ""},
		{"ok/digits and hyphens", "web-app-2", ""},
		{"ok/min length", "abc", ""},
		{"ok/max length", strings.Repeat("a", 40), ""},
		{"required", "", "is required"},
		{"too short", "ab", "must be 3-40 characters"},
		{"too long", strings.Repeat("a", 41), "must be 3-40 characters"},
		{"multibyte counted as characters", "ääääääääääääääääääää", "must match"}, // 20 runes, 40 bytes
		{"starts with digit", "1abc", "first character must be a lower-case letter"},
		{"starts with hyphen", "-abc", "first character must be a lower-case letter"},
		{"upper case", "Acme", "first character must be a lower-case letter"},
		{"upper case inside", "acMe", `"M" is not allowed`},
		{"underscore", "my_app", `"_" is not allowed`},
		{"dot", "my.app", `"." is not allowed`},
		{"space", "my app", `" " is not allowed`},
		{"non-ascii", "café", `"é" is not allowed`},
		{"invalid utf8", "ab\xffc", "is not allowed"},
		{"ends with hyphen", "acme-", "last character must not be a hyphen"},
		{"double hyphen", "my--app", `must not contain "--"`},
		{"reserved api", "api", "is reserved"},
		{"reserved admin", "admin", "is reserved"},
		{"reserved new", "new", "is reserved"},
		{"reserved settings", "settings", "is reserved"},
		{"reserved v1 is also too short", "v1", "must be 3-40 characters"},
		{"reserved is exact match only", "admins", ""},
	}
	var cases []valCase
	for _, r := range rows {
		cases = append(cases,
			valCase{"slug/" + r.name, valString(ValidateSlug, "slug", r.in), "slug", r.want},
			valCase{"resource name/" + r.name, valString(ValidateResourceName, "name", r.in), "name", r.want})
	}
	valCheck(t, cases)

	// The pattern reasons quote the pattern, so the user sees the whole rule.
	var v Violations
	ValidateSlug(&v, "slug", "my_app")
	if !strings.Contains(v[0].Reason, SlugPattern) {
		t.Errorf("reason %q does not quote %s", v[0].Reason, SlugPattern)
	}
}

func TestValidateDisplayName(t *testing.T) {
	f := func(s string) func(*Violations) { return valString(ValidateDisplayName, "name", s) }
	valCheck(t, []valCase{
		{"ok/simple", f("Acme Corp"), "", ""},
		{"ok/one char", f("A"), "", ""},
		{"ok/unicode", f("Société Générale 🚀"), "", ""},
		{"ok/100 runes", f(strings.Repeat("é", 100)), "", ""},
		{"required", f(""), "name", "is required"},
		{"too long", f(strings.Repeat("a", 101)), "name", "must be 1-100 characters"},
		{"invalid utf8", f("a\xffb"), "name", "must be valid UTF-8"},
		{"newline", f("a\nb"), "name", "must not contain control characters"},
		{"tab", f("a\tb"), "name", "must not contain control characters"},
		{"nul", f("a\x00b"), "name", "must not contain control characters"},
		{"c1 control", f("a\u0085b"), "name", "must not contain control characters"},
		{"leading space", f(" Acme"), "name", "must not start or end with white space"},
		{"trailing space", f("Acme "), "name", "must not start or end with white space"},
		{"trailing nbsp", f("Acme\u00a0"), "name", "must not start or end with white space"},
		{"only spaces", f("   "), "name", "must not start or end with white space"},
	})
}

func TestValidateDescription(t *testing.T) {
	f := func(s string) func(*Violations) { return valString(ValidateDescription, "description", s) }
	valCheck(t, []valCase{
		{"ok/empty is optional", f(""), "", ""},
		{"ok/newline and tab", f("line one\n\tline two"), "", ""},
		{"ok/1000 runes", f(strings.Repeat("ß", 1000)), "", ""},
		{"ok/surrounding space", f(" padded "), "", ""},
		{"too long", f(strings.Repeat("a", 1001)), "description", "must be at most 1000 characters"},
		{"invalid utf8", f("\xc3"), "description", "must be valid UTF-8"},
		{"carriage return", f("a\r\nb"), "description", "other than newline and tab"},
		{"escape", f("\x1b[31mred"), "description", "other than newline and tab"},
		{"del", f("a\x7f"), "description", "other than newline and tab"},
	})
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"Alice@Example.COM":     "alice@example.com",
		"  bob@example.com\t\n": "bob@example.com",
		"already@lower.case":    "already@lower.case",
		"":                      "",
	} {
		if got := NormalizeEmail(in); got != want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidateEmail(t *testing.T) {
	f := func(s string) func(*Violations) { return valString(ValidateEmail, "email", s) }
	const plain = "must be a plain e-mail address"
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com" // 254
	valCheck(t, []valCase{
		{"ok/simple", f("alice@example.com"), "", ""},
		{"ok/plus and dots", f("alice.smith+tf@mail.example.co.uk"), "", ""},
		{"ok/upper case is kept", f("Alice@Example.com"), "", ""},
		{"ok/254 chars", f(long), "", ""},
		{"ok/internationalized", f("jörg@exämple.de"), "", ""},
		{"ok/bootstrap user at localhost", f("admin@localhost"), "", ""},
		{"ok/localhost any case", f("Admin@LocalHost"), "", ""},
		{"required", f(""), "email", "is required"},
		{"too long", f("a" + long), "email", "must be at most 254 characters"},
		{"no at", f("alice.example.com"), "email", plain},
		{"two ats", f("a@b@example.com"), "email", plain},
		{"display name", f("Alice <alice@example.com>"), "email", "must not contain spaces"},
		{"angle brackets", f("<alice@example.com>"), "email", plain},
		{"quoted local part", f(`"alice"@example.com`), "email", plain},
		{"comment", f("alice@example.com(work)"), "email", plain},
		{"leading dot", f(".alice@example.com"), "email", plain},
		{"double dot", f("a..b@example.com"), "email", plain},
		{"no domain dot", f("alice@gmail"), "email", "the domain needs a dot"},
		{"localhost is exact", f("alice@localhost2"), "email", "the domain needs a dot"},
		{"domain literal", f("alice@[192.0.2.1]"), "email", "the domain needs a dot"},
		{"space", f("alice @example.com"), "email", "must not contain spaces"},
		{"trailing space", f("alice@example.com "), "email", "must not contain spaces"},
		{"nbsp", f("alice\u00a0@example.com"), "email", "must not contain spaces"},
		{"control", f("alice\x00@example.com"), "email", "control characters"},
		{"invalid utf8", f("al\xffice@example.com"), "email", "must be valid UTF-8"},
	})
}

func TestValidateEnum(t *testing.T) {
	valCheck(t, []valCase{
		{"ok/plan", func(v *Violations) { ValidateEnum(v, "plan", PlanPro, Plans...) }, "", ""},
		{"bad plan", func(v *Violations) { ValidateEnum(v, "plan", Plan("gold"), Plans...) },
			"plan", "must be one of free, pro, enterprise"},
		{"empty plan", func(v *Violations) { ValidateEnum(v, "plan", Plan(""), Plans...) },
			"plan", "must be one of free, pro, enterprise"},
		{"case matters", func(v *Violations) { ValidateEnum(v, "cloud", Cloud("AWS"), Clouds...) },
			"cloud", "must be one of aws, gcp, azure, hetzner"},
		{"plain strings", func(v *Violations) { ValidateEnum(v, "x", "c", "a", "b") }, "x", "must be one of a, b"},
	})
}

func TestValidateRoles(t *testing.T) {
	ws := func(s string) func(*Violations) { return valString(ValidateWorkspaceRole, "role", s) }
	prj := func(s string) func(*Violations) { return valString(ValidateProjectRole, "role", s) }
	org := func(s string) func(*Violations) { return valString(ValidateOrganizationRole, "role", s) }
	custom := NewID(PrefixRole)
	valCheck(t, []valCase{
		{"workspace/owner", ws("owner"), "", ""},
		{"workspace/admin", ws("admin"), "", ""},
		{"workspace/member", ws("member"), "", ""},
		{"workspace/viewer", ws("viewer"), "", ""},
		{"workspace/custom id", ws(custom), "", ""},
		{"workspace/unknown", ws("superuser"), "role", "must be one of owner, admin, member, viewer, or a custom role id"},
		{"workspace/empty", ws(""), "role", "must be one of owner, admin, member, viewer"},
		{"workspace/upper case", ws("Owner"), "role", "must be one of owner"},
		{"workspace/custom prefix only", ws("role_"), "role", "must be a custom role id"},
		{"workspace/custom bad chars", ws("role_ABC"), "role", "must be a custom role id"},
		{"workspace/custom digit 8", ws("role_ab8"), "role", "must be a custom role id"},
		{"project/admin", prj("admin"), "", ""},
		{"project/member", prj("member"), "", ""},
		{"project/viewer", prj("viewer"), "", ""},
		{"project/custom id", prj(custom), "", ""},
		{"project/owner is not a project role", prj("owner"), "role", "must be one of admin, member, viewer, or a custom role id"},
		{"project/custom bad", prj("role_-x"), "role", "must be a custom role id"},
		{"organization/owner", org("owner"), "", ""},
		{"organization/member", org("member"), "", ""},
		{"organization/admin", org("admin"), "role", "must be one of owner, member"},
		{"organization/custom role", org(custom), "role", "must be one of owner, member"},
	})
}

func TestValidateLocation(t *testing.T) {
	f := func(s string) func(*Violations) { return valString(ValidateLocation, "location", s) }
	valCheck(t, []valCase{
		{"ok/aws", f("eu-central-1"), "", ""},
		{"ok/hetzner", f("fsn1"), "", ""},
		{"ok/azure", f("westeurope"), "", ""},
		{"ok/starts with digit", f("1a"), "", ""},
		{"ok/63 chars", f(strings.Repeat("a", 63)), "", ""},
		{"required", f(""), "location", "is required"},
		{"too short", f("a"), "location", "must be 2-63 characters"},
		{"too long", f(strings.Repeat("a", 64)), "location", "must be 2-63 characters"},
		{"upper case", f("EU-central-1"), "location", "must match " + LocationPattern},
		{"underscore", f("eu_central"), "location", "must match"},
		{"leading hyphen", f("-eu"), "location", "not starting or ending with a hyphen"},
		{"trailing hyphen", f("eu-"), "location", "not starting or ending with a hyphen"},
	})
}

func TestValidateNodePools(t *testing.T) {
	pool := func(name string, min, max int) NodePool {
		return NodePool{Name: name, MachineType: "e2-standard-4", MinNodes: min, MaxNodes: max}
	}
	pools := func(ps ...NodePool) func(*Violations) {
		return func(v *Violations) { ValidateNodePools(v, "node_pools", ps) }
	}
	with := func(mt string) NodePool { p := pool("default", 1, 3); p.MachineType = mt; return p }
	eleven := make([]NodePool, 11)
	ten := make([]NodePool, 10)
	for i := range eleven {
		eleven[i] = pool("p"+string(rune('a'+i)), 1, 1)
		if i < 10 {
			ten[i] = eleven[i]
		}
	}
	valCheck(t, []valCase{
		{"ok/one pool", pools(pool("default", 1, 3)), "", ""},
		{"ok/scale to zero", pools(pool("gpu", 0, 1)), "", ""},
		{"ok/min equals max", pools(pool("a", 5, 5)), "", ""},
		{"ok/max 1000", pools(pool("big", 0, 1000)), "", ""},
		{"ok/40 char name", pools(pool(strings.Repeat("a", 40), 1, 1)), "", ""},
		{"ok/ten pools", pools(ten...), "", ""},
		{"ok/aws machine type", pools(with("m5.xlarge")), "", ""},
		{"ok/azure machine type lower-cased", pools(with("standard_d2s_v3")), "", ""},
		{"none", pools(), "node_pools", "must have 1-10 node pools"},
		{"eleven", pools(eleven...), "node_pools", "must have 1-10 node pools"},
		{"name required", pools(pool("", 1, 1)), "node_pools[0].name", "is required"},
		{"name too long", pools(pool(strings.Repeat("a", 41), 1, 1)), "node_pools[0].name", "must be 1-40 characters"},
		{"name starts with digit", pools(pool("1pool", 1, 1)), "node_pools[0].name", "first character must be a lower-case letter"},
		{"name upper case", pools(pool("Pool", 1, 1)), "node_pools[0].name", "first character must be a lower-case letter"},
		{"name bad char", pools(pool("my_pool", 1, 1)), "node_pools[0].name", `"_" is not allowed`},
		{"name ends with hyphen", pools(pool("pool-", 1, 1)), "node_pools[0].name", "must not be a hyphen"},
		{"name double hyphen", pools(pool("a--b", 1, 1)), "node_pools[0].name", `must not contain "--"`},
		{"name duplicate", pools(pool("a", 1, 1), pool("b", 1, 1), pool("a", 1, 1)), "node_pools[2].name", "must be unique"},
		{"machine type required", pools(with("")), "node_pools[0].machine_type", "is required"},
		{"machine type too long", pools(with(strings.Repeat("a", 65))), "node_pools[0].machine_type", "must be 1-64 characters"},
		{"machine type upper case", pools(with("Standard_D2s_v3")), "node_pools[0].machine_type", "must match " + MachineTypePattern},
		{"machine type leading dot", pools(with(".large")), "node_pools[0].machine_type", "must match"},
		{"machine type space", pools(with("m5 large")), "node_pools[0].machine_type", "must match"},
		{"min negative", pools(pool("a", -1, 1)), "node_pools[0].min_nodes", "must be >= 0"},
		{"max zero", pools(pool("a", 0, 0)), "node_pools[0].max_nodes", "must be >= 1"},
		{"max too big", pools(pool("a", 1, 1001)), "node_pools[0].max_nodes", "must be <= 1000"},
		{"min above max", pools(pool("a", 4, 3)), "node_pools[0].min_nodes", "min_nodes must be <= max_nodes"},
		{"index names the pool", pools(pool("a", 1, 1), pool("b", 3, 2)), "node_pools[1].min_nodes", "min_nodes must be <= max_nodes"},
	})

	// Every bad sub-field of every pool is reported at once.
	var v Violations
	ValidateNodePools(&v, "node_pools", []NodePool{{Name: "OK", MachineType: "", MinNodes: -1, MaxNodes: 5000}, {Name: "b", MachineType: "x", MinNodes: 2, MaxNodes: 0}})
	want := []string{"node_pools[0].name", "node_pools[0].machine_type", "node_pools[0].min_nodes", "node_pools[0].max_nodes", "node_pools[1].min_nodes", "node_pools[1].max_nodes"}
	if got := valFields(v); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("fields = %v, want %v", got, want)
	}
}

func valFields(v Violations) []string {
	out := make([]string, len(v))
	for i, fv := range v {
		out[i] = fv.Field
	}
	return out
}

func TestValidateSettings(t *testing.T) {
	f := func(m map[string]string) func(*Violations) {
		return func(v *Violations) { ValidateSettings(v, "settings", m) }
	}
	fifty, fiftyOne := map[string]string{}, map[string]string{}
	for i := range 51 {
		k := "k" + strings.Repeat("x", i)
		if i < 50 {
			fifty[k] = "v"
		}
		fiftyOne[k] = "v"
	}
	valCheck(t, []valCase{
		{"ok/nil", f(nil), "", ""},
		{"ok/typical", f(map[string]string{"team": "platform", "cost-center": "42", "a.b_c-D": ""}), "", ""},
		{"ok/50 keys", f(fifty), "", ""},
		{"ok/64 char key", f(map[string]string{strings.Repeat("K", 64): "v"}), "", ""},
		{"ok/1024 char value", f(map[string]string{"k": strings.Repeat("€", 1024)}), "", ""},
		{"too many keys", f(fiftyOne), "settings", "must have at most 50 keys (has 51)"},
		{"empty key", f(map[string]string{"": "v"}), "settings.", "key must be 1-64 characters"},
		{"long key", f(map[string]string{strings.Repeat("k", 65): "v"}), "settings." + strings.Repeat("k", 64) + "...", "key must be 1-64 characters"},
		{"key starts with digit", f(map[string]string{"1team": "v"}), "settings.1team", "key must match " + SettingKeyPattern},
		{"key with space", f(map[string]string{"my team": "v"}), "settings.my team", "key must match"},
		{"key non-ascii", f(map[string]string{"équipe": "v"}), "settings.équipe", "key must match"},
		{"value too long", f(map[string]string{"k": strings.Repeat("a", 1025)}), "settings.k", "value must be at most 1024 characters"},
		{"value invalid utf8", f(map[string]string{"k": "\xff"}), "settings.k", "value must be valid UTF-8"},
	})

	// Messages come in key order whatever the map's iteration order.
	m := map[string]string{"9": "", "_": "", "1": "", "5": "", "-": ""}
	for range 20 {
		var v Violations
		ValidateSettings(&v, "settings", m)
		if got := strings.Join(valFields(v), " "); got != "settings.- settings.1 settings.5 settings.9 settings._" {
			t.Fatalf("fields = %s, want sorted keys", got)
		}
	}
}

func TestValidatePermissions(t *testing.T) {
	f := func(ps ...Permission) func(*Violations) {
		return func(v *Violations) { ValidatePermissions(v, "permissions", ps) }
	}
	valCheck(t, []valCase{
		{"ok/one", f(PermProjectRead), "", ""},
		{"ok/whole catalogue", f(Catalogue...), "", ""},
		{"empty", f(), "permissions", "must list at least one permission"},
		{"unknown names the value", f(PermProjectRead, "project.destroy"), "permissions[1]", `unknown permission "project.destroy"`},
		{"unknown lists the catalogue", f("x"), "permissions[0]", "must be one of workspace.read, workspace.update"},
		{"duplicate", f(PermProjectRead, PermClustersRead, PermProjectRead), "permissions[2]", `"project.read" is listed more than once`},
	})
}

func TestValidateGracePeriod(t *testing.T) {
	f := func(n int) func(*Violations) {
		return func(v *Violations) { ValidateGracePeriod(v, "grace_period_seconds", n) }
	}
	valCheck(t, []valCase{
		{"ok/zero", f(0), "", ""},
		{"ok/max", f(86400), "", ""},
		{"negative", f(-1), "grace_period_seconds", "must be 0-86400 seconds"},
		{"too long", f(86401), "grace_period_seconds", "must be 0-86400 seconds"},
	})
}

func TestValidateExpiry(t *testing.T) {
	now := time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	f := func(e *time.Time) func(*Violations) {
		return func(v *Violations) { ValidateExpiry(v, "expires_at", e, now) }
	}
	valCheck(t, []valCase{
		{"ok/nil means never", f(nil), "", ""},
		{"ok/future", f(at(time.Nanosecond)), "", ""},
		{"now is not the future", f(at(0)), "expires_at", "must be in the future"},
		{"past", f(at(-time.Hour)), "expires_at", "must be in the future"},
		{"year 10000 in UTC cannot be written back", f(func() *time.Time {
			x := time.Date(9999, 12, 31, 23, 59, 59, 0, time.FixedZone("-23", -23*3600))
			return &x
		}()), "expires_at", "must lie between"},
	})
}

func TestParseRFC3339(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     time.Time // zero: nil result
		bad      bool
		reason   string // for bad input; default: the RFC 3339 reason
	}{
		{name: "empty is nil", in: ""},
		{name: "utc", in: "2030-01-02T15:04:05Z", want: time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "offset converted to utc", in: "2030-01-02T17:04:05+02:00", want: time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "fraction", in: "2030-01-02T15:04:05.5Z", want: time.Date(2030, 1, 2, 15, 4, 5, 5e8, time.UTC)},
		{name: "date only", in: "2030-01-02", bad: true},
		{name: "no zone", in: "2030-01-02T15:04:05", bad: true},
		{name: "space separator", in: "2030-01-02 15:04:05Z", bad: true},
		{name: "month 13", in: "2030-13-02T15:04:05Z", bad: true},
		{name: "garbage", in: "tomorrow", bad: true},
		// Valid RFC 3339 whose UTC year has five digits: it could not be written back as JSON.
		{name: "year 10000 in utc", in: "9999-12-31T23:59:59-01:00", bad: true, reason: "must lie between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z"},
		{name: "year -1 in utc", in: "0000-01-01T00:00:00+01:00", bad: true, reason: "must lie between"},
		{name: "last second of 9999", in: "9999-12-31T23:59:59Z", want: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v Violations
			got := ParseRFC3339(&v, "expires_at", tc.in)
			switch {
			case tc.bad:
				want := tc.reason
				if want == "" {
					want = "must be an RFC 3339 time such as 2030-01-02T15:04:05Z"
				}
				if got != nil || len(v) != 1 || v[0].Field != "expires_at" || !strings.HasPrefix(v[0].Reason, want) {
					t.Fatalf("got %v, %+v; want nil and one violation %q", got, v, want)
				}
			case tc.want.IsZero():
				if got != nil || len(v) != 0 {
					t.Fatalf("got %v, %+v; want nil and no violation", got, v)
				}
			default:
				if got == nil || len(v) != 0 {
					t.Fatalf("got %v, %+v; want %v", got, v, tc.want)
				}
				if !got.Equal(tc.want) || got.Location() != time.UTC {
					t.Fatalf("got %v (%v), want %v in UTC", got, got.Location(), tc.want)
				}
			}
		})
	}
}

func TestValidateResourceRef(t *testing.T) {
	f := func(ref string) func(*Violations) {
		return func(v *Violations) { ValidateResourceRef(v, "region_id", ref, PrefixRegion) }
	}
	valCheck(t, []valCase{
		{"ok/empty is optional", f(""), "", ""},
		{"ok/new id", f(NewID(PrefixRegion)), "", ""},
		{"wrong prefix", f(NewID(PrefixCluster)), "region_id", `must be an id starting with "reg_"`},
		{"name instead of id", f("prod-eu"), "region_id", `must be an id starting with "reg_"`},
		{"short body", f("reg_abc"), "region_id", "must be a well-formed id"},
		{"long body", f(NewID(PrefixRegion) + "a"), "region_id", "must be a well-formed id"},
		{"upper case body", f("reg_" + strings.Repeat("A", 16)), "region_id", "must be a well-formed id"},
		{"digit outside base32", f("reg_" + strings.Repeat("1", 16)), "region_id", "must be a well-formed id"},
	})
}

func TestIsWellFormedID(t *testing.T) {
	for _, tc := range []struct {
		ref, prefix string
		want        bool
	}{
		{NewID(PrefixUser), PrefixUser, true},
		{"usr_abcdefghijklmnop", PrefixUser, true},
		{"usr_abcdefghijklmno", PrefixUser, false},
		{"usr_x@example.com", PrefixUser, false}, // an e-mail that merely starts with the prefix
		{"ws_abcdefghijklmnop", PrefixUser, false},
		{"usr_abcdefghijklmn0p", PrefixUser, false},
	} {
		if got := IsWellFormedID(tc.ref, tc.prefix); got != tc.want {
			t.Errorf("IsWellFormedID(%q, %q) = %v, want %v", tc.ref, tc.prefix, got, tc.want)
		}
	}
}

func TestValidateKubernetesVersion(t *testing.T) {
	f := func(s string) func(*Violations) { return valString(ValidateKubernetesVersion, "kubernetes_version", s) }
	cases := []valCase{
		{"empty", f(""), "kubernetes_version", "must be one of 1.29, 1.30, 1.31, 1.32, 1.33"},
		{"unsupported old", f("1.28"), "kubernetes_version", "must be one of 1.29"},
		{"patch version", f("1.30.2"), "kubernetes_version", "must be one of"},
		{"v prefix", f("v1.30"), "kubernetes_version", "must be one of"},
	}
	for _, k := range KubernetesVersions {
		cases = append(cases, valCase{"ok/" + k, f(k), "", ""})
	}
	valCheck(t, cases)
}

func TestKubernetesVersionsSortedAndWellFormed(t *testing.T) {
	for i, k := range KubernetesVersions {
		if CompareKubernetesVersions(k, k) != 0 {
			t.Errorf("%s is malformed or not equal to itself", k)
		}
		if i > 0 && CompareKubernetesVersions(KubernetesVersions[i-1], k) != -1 {
			t.Errorf("KubernetesVersions not oldest first at %s, %s", KubernetesVersions[i-1], k)
		}
	}
}

func TestCompareKubernetesVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.30", "1.30", 0},
		{"1.29", "1.30", -1},
		{"1.30", "1.29", 1},
		{"1.9", "1.10", -1},   // numeric, not lexical
		{"1.100", "1.99", 1},  // longer number is larger
		{"2.0", "1.99", 1},    // major first
		{"0.1", "1.0", -1},    // zero major is fine
		{"bogus", "1.0", -1},  // malformed sorts first
		{"1.0", "bogus", 1},   // ... in both argument orders
		{"1.30.1", "1.0", -1}, // patch versions are malformed here
		{"01.30", "1.0", -1},  // leading zeros are malformed: 0 must mean equal strings
		{"1.", "1.0", -1},
		{".1", "1.0", -1},
		{"-1.0", "0.0", -1},
		{"a", "b", -1}, // two malformed compare by bytes, keeping the order total
		{"b", "a", 1},
		{"", "", 0},
		{"99999999999999999999999.1", "99999999999999999999998.9", 1}, // no overflow
	} {
		if got := CompareKubernetesVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareKubernetesVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// valDetails returns the details of an invalid_argument error, failing on anything else.
func valDetails(t *testing.T, err error) []FieldViolation {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInvalidArgument {
		t.Fatalf("want an invalid_argument *Error, got %v", err)
	}
	for _, d := range e.Details {
		if !strings.Contains(e.Message, d.Field+": "+d.Reason) {
			t.Errorf("message %q does not list %s: %s", e.Message, d.Field, d.Reason)
		}
	}
	return e.Details
}

// valWantFields asserts the details name exactly the fields want, in order.
func valWantFields(t *testing.T, err error, want ...string) {
	t.Helper()
	got := valFields(Violations(valDetails(t, err)))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("fields = %v, want %v", got, want)
	}
}

func TestEntityValidate(t *testing.T) {
	now := time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)
	future, past := now.Add(time.Hour), now.Add(-time.Hour)
	goodPools := []NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}}

	t.Run("valid entities have no error", func(t *testing.T) {
		for name, err := range map[string]error{
			"organization": (&Organization{Slug: "acme", Name: "Acme"}).Validate(),
			"workspace": (&Workspace{Slug: "acme", Name: "Acme", Plan: PlanFree, Settings: map[string]string{"team": "x"},
				ManagingOrganizationID: NewID(PrefixOrganization)}).Validate(),
			"workspace without organization": (&Workspace{Slug: "acme", Name: "Acme", Plan: PlanEnterprise}).Validate(),
			"project":                        (&Project{Slug: "web", Name: "Web", Description: "front end\nand API"}).Validate(),
			"role":                           (&Role{Name: "deployer", Permissions: []Permission{PermClustersManage, PermClustersRead}}).Validate(),
			"api key":                        (&APIKey{Name: "CI", Access: AccessReadOnly, ExpiresAt: &future}).Validate(now),
			"api key without expiry":         (&APIKey{Name: "CI", Access: AccessReadWrite}).Validate(now),
			"region":                         (&Region{Name: "prod-eu"}).Validate(),
			"cluster": (&Cluster{Name: "prod", Cloud: CloudHetzner, Location: "fsn1", KubernetesVersion: "1.33",
				NodePools: goodPools, RegionID: NewID(PrefixRegion), ProjectID: NewID(PrefixProject)}).Validate(),
			"user token": (&UserToken{Name: "laptop", ExpiresAt: &future}).Validate(now),
		} {
			if err != nil {
				t.Errorf("%s: unexpected error %v", name, err)
			}
		}
	})

	t.Run("organization reports every bad field", func(t *testing.T) {
		valWantFields(t, (&Organization{Slug: "API", Name: ""}).Validate(), "slug", "name")
	})
	t.Run("workspace reports every bad field", func(t *testing.T) {
		w := &Workspace{Slug: "a", Name: " x", Description: "\x00", Plan: "gold",
			Settings: map[string]string{"1": "v"}, ManagingOrganizationID: NewID(PrefixWorkspace)}
		valWantFields(t, w.Validate(), "slug", "name", "description", "plan", "settings.1", "managing_organization_id")
	})
	t.Run("project reports every bad field", func(t *testing.T) {
		valWantFields(t, (&Project{Slug: "new", Name: strings.Repeat("n", 101), Description: strings.Repeat("d", 1001)}).Validate(),
			"slug", "name", "description")
	})
	t.Run("role reports every bad field", func(t *testing.T) {
		valWantFields(t, (&Role{Name: "Deployer", Description: "\x1b", Permissions: nil}).Validate(),
			"name", "description", "permissions")
	})
	t.Run("role may not take a built-in name", func(t *testing.T) {
		for _, name := range BuiltinRoles {
			d := valDetails(t, (&Role{Name: name, Permissions: []Permission{PermProjectRead}}).Validate())
			if len(d) != 1 || d[0].Field != "name" || d[0].Reason != "is a built-in role" {
				t.Errorf("%s: details %+v, want name: is a built-in role", name, d)
			}
		}
	})
	t.Run("api key reports every bad field", func(t *testing.T) {
		valWantFields(t, (&APIKey{Name: "", Access: "admin", ExpiresAt: &past}).Validate(now), "name", "access", "expires_at")
	})
	t.Run("region reports every bad field", func(t *testing.T) {
		valWantFields(t, (&Region{Name: "prod_eu", Description: "\xff"}).Validate(), "name", "description")
	})
	t.Run("cluster reports every bad field", func(t *testing.T) {
		c := &Cluster{Name: "Prod", RegionID: "prod-eu", ProjectID: NewID(PrefixRegion), Cloud: "ibm",
			Location: "EU", KubernetesVersion: "1.20",
			NodePools: []NodePool{{Name: "a", MachineType: "x", MinNodes: 3, MaxNodes: 2}}}
		valWantFields(t, c.Validate(), "name", "region_id", "project_id", "cloud", "location",
			"kubernetes_version", "node_pools[0].min_nodes")
	})
	t.Run("cluster without node pools", func(t *testing.T) {
		valWantFields(t, (&Cluster{Name: "prod", Cloud: CloudAWS, Location: "eu-central-1", KubernetesVersion: "1.31"}).Validate(),
			"node_pools")
	})
	t.Run("user token reports every bad field", func(t *testing.T) {
		valWantFields(t, (&UserToken{Name: "a\nb", ExpiresAt: &now}).Validate(now), "name", "expires_at")
	})
}
