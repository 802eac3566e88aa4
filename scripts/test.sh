#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test:
#   1. native debug build with ASan + UBSan (preset dev): core tests + CLI golden tests
#   2. WebAssembly build (preset wasm): the same core tests under node
#   3. native release build (preset release): the gramlab binary, checked on the example
#   4. the deploy simulator compared with real nginx, Docker and docker-compose
#   5. the browser playground end to end in Debian's Chromium (the wasm preset's web/)
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

# 4. The deploy simulator against the real tools (nginx, dockerd, docker-compose), all on
#    127.0.0.1: installs the Debian packages it needs, starts them, compares, stops them.
echo "== deploy simulator vs real nginx / docker / docker-compose"
scripts/test_deploy_real.sh build/release/server/gramlab

# 5. The playground in a real browser (Chromium + playwright-core), served on 127.0.0.1.
echo "== playground end to end (chromium)"
scripts/test_e2e.sh build/wasm
