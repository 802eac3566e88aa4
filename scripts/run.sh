#!/usr/bin/env bash
# Installs what is missing, builds the release `gramlab` binary and runs the main job on the
# shipped example: system checks, then migrations applied to examples/instagram/db.sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc 2>/dev/null || echo 2)"
G=build/release/server/gramlab
M=examples/instagram/models.py
S=examples/instagram/settings.py
$G check --models "$M" --settings "$S"
$G migrate --models "$M" --settings "$S"
$G showmigrations --models "$M" --settings "$S"
