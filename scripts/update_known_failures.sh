#!/usr/bin/env bash
# Rewrites tests/differential/known_failures.txt from a run of the differential tests
# (build/dev must be built). Review the diff: every removed line is a newly matching output.
set -euo pipefail
cd "$(dirname "$0")/.."
list=tests/differential/known_failures.txt
tmp=$(mktemp)
mv "$list" "$tmp.saved"
trap 'mv -f "$tmp.saved" "$list" 2>/dev/null || true' EXIT
touch "$list"
build/dev/tests/core_tests --gtest_filter='Differential*' 2>/dev/null |
    sed -nE 's/^\[  FAILED  \] Differential\.([^ ]+) \(.*/\1/p' | sort > "$tmp" || true
{
    echo "# Differential outputs that do not yet match Django 3.2.25 (one test id per line)."
    echo "# Strict: a listed test that starts matching fails until its line is removed."
    echo "# Regenerate with scripts/update_known_failures.sh after building the dev preset."
    cat "$tmp"
} > "$tmp.new"
rm -f "$tmp.saved"
mv "$tmp.new" "$list"
trap - EXIT
echo "$(grep -vc '^#' "$list") known failures"
