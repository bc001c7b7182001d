#!/usr/bin/env bash
# The acceptance tests selected by RUN on one CLI (make test-matrix sets TF_ACC_TERRAFORM_PATH
# and, for OpenTofu, the provider host). Prints each test's result on one line and a summary.
set -euo pipefail
GO=${GO:-go}
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
$GO test -count=1 -v -parallel "${PARALLEL:-8}" -timeout 10m -run "$RUN" ./internal/provider/ >"$log" 2>&1 || status=$?
# Top-level results only (subtests are indented); a failure prints the whole log.
grep -E '^--- (PASS|FAIL|SKIP)' "$log" | sed 's/^/   /' || true
if [ "$status" -ne 0 ]; then
  echo "== MATRIX $CLI: FAILED; the go test output:"
  cat "$log"
fi
pass=$(grep -c '^--- PASS' "$log" || true)
fail=$(grep -c '^--- FAIL' "$log" || true)
skip=$(grep -c '^--- SKIP' "$log" || true)
echo "== MATRIX $CLI: $pass passed, $fail failed, $skip skipped in $(( $(date +%s) - start ))s"
exit "$status"
