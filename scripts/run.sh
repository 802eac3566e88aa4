#!/usr/bin/env bash
# Installs what is missing, builds the release `gramlab` binary and runs the main job on the
# shipped Instagram example: system checks, migrations applied to
# examples/instagram/db.sqlite3, the example fixture loaded, and the migration list.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc 2>/dev/null || echo 2)"
G=build/release/server/gramlab
M=examples/instagram/models.py
$G check --models "$M"
$G makemigrations --models "$M" --noinput
$G migrate --models "$M"
$G loaddata instagram --models "$M"
$G showmigrations --models "$M"
echo
echo "The database is examples/instagram/db.sqlite3. Try: $G dumpdata instagram.post --indent 2 --models $M"
