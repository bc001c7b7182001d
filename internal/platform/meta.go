package platform

import "time"

// Meta is carried by every stored object. Seq orders lists by creation and is never shown.
type Meta struct {
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
	Seq       int64     `json:"-"`
}

// Touch stamps a change: the new version and update time.
func (m *Meta) Touch(now time.Time) {
	m.Version++
	m.UpdatedAt = now
}

// Stamp initialises a new object's metadata.
func (m *Meta) Stamp(now time.Time) {
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1
}
