#!/usr/bin/env bash
# scripts/run-tests.sh FAMILY... — run test families (make test-FAMILY), show
# each one's output, and sum their "N passed, N failed" lines into one final
# line.  Exits non-zero if any family failed or printed no count.  Writes
# build/test-results.txt ("FAMILY PASSED FAILED" per family) and, from it and
# the suites' JSON files, build/test-report.md (scripts/test-report.py).
# RESULTS=FILE writes the per-family lines elsewhere; NO_REPORT=1 skips the
# report (the nested release run of `make test` uses both).
set -uo pipefail
cd "$(dirname "$0")/.."
build="${BUILD:-debug}"
total_pass=0 total_fail=0 status=0
summary=()
results="${RESULTS:-build/test-results.txt}"
mkdir -p build
: >"$results"
for family in "$@"; do
    echo "=== test-$family ($build) ==="
    log="$(mktemp)"
    make --no-print-directory BUILD="$build" "test-$family" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    line="$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)"
    rm -f "$log"
    if [ -z "$line" ]; then
        echo "test-$family: no result line (exit $rc)"
        summary+=("$family: no result (exit $rc)")
        echo "$family 0 -" >>"$results"
        total_fail=$((total_fail + 1))
        status=1
        continue
    fi
    p="$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/' <<<"$line")"
    f="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    summary+=("$family: $p passed, $f failed")
    echo "$family $p $f" >>"$results"
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
done
if [ -z "${NO_REPORT:-}" ]; then
    BUILD="$build" python3 scripts/test-report.py "$results" || status=1
fi
echo "=== summary ==="
printf '  %s\n' "${summary[@]}"
echo "${total_pass} passed, ${total_fail} failed"
exit $status
