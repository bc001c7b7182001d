//go:build !unix

package server

// lockDatabase is a no-op where flock(2) does not exist: running two servers on one database
// there is unsupported and not detected.
func lockDatabase(string) (func(), error) { return func() {}, nil }
