#!/usr/bin/env bash
# The playground end to end in Debian's Chromium: installs chromium (apt-get) and
# playwright-core (npm ci, pinned by tests/e2e/package-lock.json; it never downloads a
# browser), then runs tests/e2e/playground.test.mjs (JS API, Stop, the Shell by keyboard) and
# tests/e2e/windows.test.mjs (Results, Models, Schema, Data windows) and tests/e2e/deploy.test.mjs
# (Deploy and Help windows, Korean UI, clipboard) on the built web/ folder,
# served on 127.0.0.1. Screenshots go to docs/screenshots/. The frame-time benchmark is
# separate: node tests/e2e/frame_time.mjs BUILD/web (docs/playground.md).
# Usage: scripts/test_e2e.sh [BUILD_DIR]   (default build/wasm; needs its `web` target built)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/wasm}
if ! command -v chromium >/dev/null; then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium
fi
if [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
    (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
if [[ ! -f "$BUILD/web/playground.js" ]]; then
    echo "test_e2e: $BUILD/web has no playground.js: build the wasm preset (with scripts/setup_playground.sh run)" >&2
    exit 2
fi
status=0
node tests/e2e/playground.test.mjs "$BUILD/web" docs/screenshots || status=1
node tests/e2e/windows.test.mjs "$BUILD/web" docs/screenshots || status=1
node tests/e2e/deploy.test.mjs "$BUILD/web" docs/screenshots || status=1
exit $status
