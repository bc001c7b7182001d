//go:build unix

package server

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDatabase takes an exclusive advisory lock on "<db>.lock" for the life of the server. One
// server process per database is what keeps the service's in-memory state exact (it caches
// authentications until its own next write); a second server on the same file is refused
// instead of silently serving stale credentials.
func lockDatabase(dbPath string) (func(), error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("database lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("database %s is in use by another platform-server process", dbPath)
		}
		return nil, fmt.Errorf("database lock: %w", err)
	}
	return func() { _ = f.Close() }, nil // closing the file releases the lock
}
