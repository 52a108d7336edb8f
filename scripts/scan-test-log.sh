#!/usr/bin/env bash
# Fails when a secret of the test suite reached its output. Every password and token the tests use
# contains the marker below (tests/README: "secrets in tests"), so one search finds any of them in
# whatever the run printed: Maven, every test's log lines, child processes the tests started.
#   scripts/scan-test-log.sh build/test-run.log
set -euo pipefail
MARKER="nautilus-test-secret"
log="${1:?usage: scan-test-log.sh LOG}"
[ -s "$log" ] || { printf 'scan: %s is missing or empty: nothing to scan\n' "$log" >&2; exit 1; }
# The scan's own command line and the marker's definition are not leaks; anything else is.
hits="$(grep -n -- "$MARKER" "$log" | grep -v -- "MARKER=" || true)"
if [ -n "$hits" ]; then
  count="$(printf '%s\n' "$hits" | wc -l)"
  printf 'scan: %s line(s) of %s show a test secret (a redaction is missing); first ones, secrets masked:\n' "$count" "$log" >&2
  printf '%s\n' "$hits" | head -n 20 | sed -E "s/${MARKER}[A-Za-z0-9_-]*/***/g" >&2
  exit 1
fi
printf 'scan: no test secret in %s (%s lines)\n' "$log" "$(wc -l < "$log")" >&2
