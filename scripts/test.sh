#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test:
#   1. native debug build with ASan + UBSan (preset dev): core tests + CLI golden tests
#   2. WebAssembly build (preset wasm): the same core tests under node
#   3. native release build (preset release): the gramlab binary, checked on the example
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

jobs=$(nproc 2>/dev/null || echo 2)
export NODE_PATH=/usr/share/nodejs

run_preset() {
    local p=$1
    echo "== preset $p: configure + build"
    cmake --preset "$p" >/dev/null
    cmake --build --preset "$p" -j "$jobs"
    echo "== preset $p: test"
    ctest --preset "$p" -j "$jobs"
}

run_preset dev
run_preset wasm
run_preset release
