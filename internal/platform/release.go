package platform

import (
	"cmp"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of releases.
const (
	TagMaxLen   = 64
	ChartMaxLen = 512
	NotesMaxLen = 10000
)

// SemverPattern is a release tag: MAJOR.MINOR.PATCH with an optional pre-release.
const SemverPattern = `^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`

var (
	semverRegexp   = regexp.MustCompile(SemverPattern)
	ociChartRegexp = regexp.MustCompile(`^oci://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	httpsChart     = regexp.MustCompile(`^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*/[A-Za-z0-9._~%-]+\.tgz$`)
)

// Release is one immutable version of a product: a semantic-version tag and a chart.
type Release struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	ProductID   string `json:"product_id"`
	Tag         string `json:"tag"`
	Chart       string `json:"chart"`
	Notes       string `json:"notes"`
	Yanked      bool   `json:"yanked"`
	Meta
}

// Validate checks a release's own fields.
func (r *Release) Validate() error {
	var v Violations
	ValidateTag(&v, "tag", r.Tag)
	ValidateChart(&v, "chart", r.Chart)
	switch {
	case !utf8.ValidString(r.Notes):
		v.Add("notes", "must be valid UTF-8")
	case utf8.RuneCountInString(r.Notes) > NotesMaxLen:
		v.Addf("notes", "must be at most %d characters", NotesMaxLen)
	}
	return v.Err()
}

// ValidateTag checks a semantic version MAJOR.MINOR.PATCH[-pre].
func ValidateTag(v *Violations, field, s string) {
	if len(s) > TagMaxLen || !semverRegexp.MatchString(s) {
		v.Addf(field, "must be a semantic version MAJOR.MINOR.PATCH or MAJOR.MINOR.PATCH-pre, such as 1.4.0, at most %d characters", TagMaxLen)
	}
}

// ValidateChart checks a chart reference: oci://host/path:tag or an https:// URL of a .tgz.
func ValidateChart(v *Violations, field, s string) {
	if len(s) > ChartMaxLen || !(ociChartRegexp.MatchString(s) || httpsChart.MatchString(s)) {
		v.Addf(field, "must be oci://host/path:tag or an https:// URL ending in .tgz, at most %d characters", ChartMaxLen)
	}
}

// CompareTags orders semantic versions (a pre-release before its release, pre-release
// identifiers compared numerically when both are numbers). Both must be valid tags.
func CompareTags(a, b string) int {
	ac, apre, _ := strings.Cut(a, "-")
	bc, bpre, _ := strings.Cut(b, "-")
	as, bs := strings.Split(ac, "."), strings.Split(bc, ".")
	for i := range 3 {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	switch {
	case apre == bpre:
		return 0
	case apre == "":
		return 1
	case bpre == "":
		return -1
	}
	ap, bp := strings.Split(apre, "."), strings.Split(bpre, ".")
	for i := 0; i < len(ap) && i < len(bp); i++ {
		x, xerr := strconv.Atoi(ap[i])
		y, yerr := strconv.Atoi(bp[i])
		var c int
		switch {
		case xerr == nil && yerr == nil:
			c = cmp.Compare(x, y)
		case xerr == nil:
			c = -1
		case yerr == nil:
			c = 1
		default:
			c = strings.Compare(ap[i], bp[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(ap), len(bp))
}
