package client

import (
	"testing"

	"golang.org/x/time/rate"
)

func TestParsePolicy(t *testing.T) {
	for _, c := range []struct {
		in   string
		size int
		rate rate.Limit
		ok   bool
	}{
		{"100;w=2", 100, 50, true},
		{"30;w=1", 30, 30, true},
		{" 10;w=1;comment=\"x\", 60;w=60 ", 60, 1, true}, // the slowest policy wins
		{"100", 0, 0, false},
		{"x;w=2", 0, 0, false},
		{"100;w=0", 0, 0, false},
		{"", 0, 0, false},
	} {
		size, r, ok := parsePolicy(c.in)
		if size != c.size || r != c.rate || ok != c.ok {
			t.Errorf("parsePolicy(%q) = %d, %v, %v; want %d, %v, %v", c.in, size, r, ok, c.size, c.rate, c.ok)
		}
	}
}
