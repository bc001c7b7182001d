package sqlite

import (
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const userCols = `u.seq, u.id, u.email, u.active, u.platform_admin, u.created_at, u.updated_at, u.version`

func scanUser(s scanner, u *platform.User) error {
	return s.Scan(&u.Seq, &u.ID, &u.Email, &u.Active, &u.PlatformAdmin,
		timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}, &u.Version)
}

// lowerEmail refuses an e-mail the service has not normalised: stored e-mails are lower case
// so that uniqueness and lookups are case-insensitive.
func lowerEmail(email string) error {
	if email != strings.ToLower(email) {
		return platform.Errorf(platform.CodeInvalidArgument, "email %q must be lower case", email)
	}
	return nil
}

func (t *tx) CreateUser(u *platform.User) error {
	if err := lowerEmail(u.Email); err != nil {
		return err
	}
	seq, err := t.insert("create user",
		`INSERT INTO users (id, email, active, platform_admin, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{u.ID, u.Email, u.Active, u.PlatformAdmin, formatTime(u.CreatedAt), formatTime(u.UpdatedAt), u.Version},
		taken(alreadyExists("user with email %q already exists", u.Email), `SELECT 1 FROM users WHERE email = ?`, u.Email),
		taken(alreadyExists("user %q already exists", u.ID), `SELECT 1 FROM users WHERE id = ?`, u.ID),
	)
	if err != nil {
		return err
	}
	u.Seq = seq
	return nil
}

func (t *tx) GetUser(id string) (*platform.User, error) {
	return one(t, "user", id, scanUser,
		`SELECT `+userCols+` FROM users u WHERE u.id = ?`, id)
}

func (t *tx) GetUserByEmail(email string) (*platform.User, error) {
	return one(t, "user", email, scanUser,
		`SELECT `+userCols+` FROM users u WHERE u.email = ?`, strings.ToLower(email))
}

func (t *tx) UpdateUser(u *platform.User) error {
	if err := lowerEmail(u.Email); err != nil {
		return err
	}
	return t.update(row{kind: "user", ref: u.ID, table: "users", where: "id = ?", args: []any{u.ID}}, u.Version,
		"email = ?, active = ?, platform_admin = ?, updated_at = ?, version = ?",
		[]any{u.Email, u.Active, u.PlatformAdmin, formatTime(u.UpdatedAt), u.Version},
		taken(alreadyExists("user with email %q already exists", u.Email),
			`SELECT 1 FROM users WHERE email = ? AND id <> ?`, u.Email, u.ID),
	)
}

func (t *tx) CountUsers() (int, error) {
	return t.count("count users", `SELECT COUNT(*) FROM users`)
}
