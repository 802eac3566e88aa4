#!/usr/bin/env bash
# Regenerates the golden files of tests/wasm/core_api_test.mjs from the native `gramlab`:
#   tests/wasm/expected/shell.jsonl    `gramlab shell --json --now ...` on examples/instagram
#                                      (migrated, fixture loaded) for tests/wasm/statements.py
#   tests/wasm/expected/deploy_sh.jsonl `gramlab deploy sh --json` for tests/wasm/deploy_commands.sh
# The WASM module must print the same lines (query times aside).
# Usage: scripts/update_wasm_golden.sh [PATH/TO/gramlab]   (default build/release/server/gramlab)
set -euo pipefail
cd "$(dirname "$0")/.."
G=$(realpath "${1:-build/release/server/gramlab}")
NOW=2024-01-15T12:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
common=(--models examples/instagram/models.py --database "sqlite:///$tmp/db.sqlite3" --now "$NOW")
"$G" migrate "${common[@]}" >/dev/null
"$G" loaddata instagram "${common[@]}" >/dev/null
mkdir -p tests/wasm/expected
"$G" shell --json "${common[@]}" < tests/wasm/statements.py > tests/wasm/expected/shell.jsonl
"$G" deploy sh --json --scenario examples/deploy/default < tests/wasm/deploy_commands.sh \
    > tests/wasm/expected/deploy_sh.jsonl || true   # the last command fails on purpose
wc -l tests/wasm/expected/*.jsonl
