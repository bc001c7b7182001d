//go:build race

package service_test

// raceEnabled reports whether the tests run under the race detector, which makes the pure-Go
// SQLite engine roughly 50 times slower.
const raceEnabled = true
