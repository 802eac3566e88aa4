#!/usr/bin/env bash
# Raises the shell differential test's floor (tests/differential/shell/baseline.txt) to the
# number of statements that now match Django per corpus file. Run after improving the shell:
#   scripts/update_shell_baseline.sh [build-dir]      (default build/dev)
# The test fails whenever a file's count drops below its floor, so regressions are caught.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
GRAMLAB_SHELL_BASELINE_OUT="$PWD/tests/differential/shell/baseline.txt" ASAN_OPTIONS=detect_leaks=0 \
    "$build/tests/core_tests" --gtest_filter='DifferentialShell.*' | grep -E '^  |shell differential'
echo "baseline written to tests/differential/shell/baseline.txt"
