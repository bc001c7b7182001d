package server

import "testing"

func TestHostOf(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080":       "127.0.0.1",
		"platform.example:443": "platform.example",
		":8080":                "localhost",
		"0.0.0.0:8080":         "localhost",
		"[::]:8080":            "localhost",
		"[::1]:8080":           "::1",
		"example.com":          "example.com",
	} {
		if got := hostOf(addr); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", addr, got, want)
		}
	}
}
