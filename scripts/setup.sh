#!/usr/bin/env bash
# Installs what gramlab needs on a fresh Debian/Ubuntu machine and fills the git-ignored
# third-party cache (.cache/). Idempotent: a second run installs and downloads nothing.
#   scripts/setup.sh            build dependencies (native + WASM)
#   scripts/setup.sh --test     also what the tests, the Django oracle and bench/ need
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache

# Pinned third-party source. SQLite's amalgamation ships inside the npm tarball of
# better-sqlite3 (package/deps/sqlite3/); both the tarball and the file are checked.
SQLITE_NPM=better-sqlite3@13.2.0
SQLITE_NPM_SHA256=40487589df3496f2ee0079d22b73c63fccebe7db0e8ee9a2c42421861e321e0b
SQLITE_C_SHA256=75a4760a7b9727a4c4c877aec92eacf39e52a8f2921ce00bd33be6d3a8e8e254  # SQLite 3.54.1

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(cmake ninja-build g++ pkg-config nlohmann-json3-dev libgtest-dev googletest libbenchmark-dev emscripten)
if (( want_test )); then
    packages+=(python3 python3-django python3-djangorestframework python3-pil)
    packages+=(valgrind)   # bench/instructions.sh: callgrind's instruction counts (bench/run.sh)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
    echo "setup: installing ${missing[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node runs the WASM tests; the machine's node (>= 18) is used as it is.
if ! command -v node >/dev/null; then
    echo "setup: node is required (>= 18) to run the WASM tests" >&2; exit 1
fi

check_sha() {  # file sha256
    local got; got=$(sha256sum "$1" | cut -d' ' -f1)
    if [[ "$got" != "$2" ]]; then
        echo "setup: checksum mismatch for $1: got $got, want $2" >&2; return 1
    fi
}

mkdir -p "$CACHE/downloads" "$CACHE/sqlite" "$CACHE/include"
if [[ ! -f "$CACHE/sqlite/sqlite3.c" ]] || ! check_sha "$CACHE/sqlite/sqlite3.c" "$SQLITE_C_SHA256" 2>/dev/null; then
    tgz="$CACHE/downloads/${SQLITE_NPM/@/-}.tgz"
    if [[ ! -f "$tgz" ]]; then
        echo "setup: fetching $SQLITE_NPM from the npm registry"
        (cd "$CACHE/downloads" && npm pack --silent "$SQLITE_NPM" >/dev/null)
    fi
    check_sha "$tgz" "$SQLITE_NPM_SHA256"
    tmp=$(mktemp -d)
    tar -xzf "$tgz" -C "$tmp" package/deps/sqlite3
    cp "$tmp"/package/deps/sqlite3/sqlite3.{c,h} "$tmp"/package/deps/sqlite3/sqlite3ext.h "$CACHE/sqlite/"
    rm -rf "$tmp"
    check_sha "$CACHE/sqlite/sqlite3.c" "$SQLITE_C_SHA256"
fi

# Header-only nlohmann/json, isolated so emcc never sees /usr/include.
if [[ ! -f "$CACHE/include/nlohmann/json.hpp" ]]; then
    cp -r /usr/include/nlohmann "$CACHE/include/"
fi
# yaml-cpp source (deploy simulator), from Debian's source package.
if [[ -x scripts/setup_yaml.sh ]]; then scripts/setup_yaml.sh; fi
# Dear ImGui source and the Hangul font subset (the browser playground).
if [[ -x scripts/setup_playground.sh ]]; then scripts/setup_playground.sh; fi
echo "setup: ok"
