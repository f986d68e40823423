#!/usr/bin/env bash
# Runs the date-sensitive tests again on another day: the system clock moved by libfaketime to
# just after midnight in Asia/Shanghai on the first of a month (still the month's last day in UTC),
# seven to eighteen months from the run's own date, so the day keeps moving from run to run. The
# sandbox starts from a fresh snapshot cache, so nothing built today is reused.
#   bash scripts/test-other-day.sh [YYYY-MM-DD HH:MM:SS]   (UTC; default: chosen as above)
# Needs Debian's faketime (.ci/run installs it) and the packages built (npm test builds them).
set -euo pipefail
cd "$(dirname "$0")/.."
chosen="${1:-}"
set --
. scripts/node24.sh

lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1 || true)
if ! command -v faketime >/dev/null || [[ -z "$lib" ]]; then
  echo "test-other-day: libfaketime is missing; install Debian's faketime (apt-get install faketime)" >&2
  exit 1
fi

if [[ -n "$chosen" ]]; then
  at="$chosen"
else
  # Months ahead from the day of the month (7..18), so consecutive days pick other months.
  ahead=$((7 + 10#$(date -u +%d) % 12))
  first=$(date -u -d "$(date -u +%Y-%m-01) +${ahead} months" +%Y-%m-01)
  # 00:05 in Shanghai on the 1st is 16:05 UTC on the last day of the month before.
  at="$(date -u -d "$first -1 day" +%Y-%m-%d) 16:05:00"
fi
echo "test-other-day: clock at ${at} UTC ($(TZ=Asia/Shanghai date -d "${at} UTC" '+%Y-%m-%d %H:%M') in Asia/Shanghai)"

cache=$(mktemp -d "${TMPDIR:-/tmp}/zheli-other-day-XXXXXX")
trap 'rm -rf "$cache"' EXIT

run() {
  local name=$1
  shift
  local started=$SECONDS
  echo "test-other-day: ${name}"
  # FAKETIME_DONT_RESET: child processes (workers, Chromium) share the moved clock rather than
  # restarting it at the fixed time.
  TZ=UTC ZHELI_SANDBOX_CACHE_DIR="$cache" FAKETIME_DONT_RESET=1 \
    faketime -f "@${at}" "$@"
  echo "test-other-day: ${name} passed in $((SECONDS - started)) s"
}

# The whole sandbox: slots, tickets, idempotency keys, tokens, codes and their expiry.
(cd packages/sandbox && run sandbox npx vitest run)
# The elements whose tests involve a calendar day or a code's freshness, in Chromium, against the
# sandbox where they use one.
(cd packages/elements && run "elements (date-sensitive)" npx vitest run \
  src/appointment-picker src/qr-code src/evaluation)
# The county site's one-matter application: its sandbox runs on a clock of its own (2026-11-23
# onwards) while the sign-in's tokens carry this moved clock, so it proves the API checks tokens
# on the clock that issued them.
(cd examples/county-site && run "county site (one-matter application)" npx playwright test e2e/matter.spec.ts)
