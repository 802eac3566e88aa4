#!/usr/bin/env bash
# Fetches Google Benchmark's source from Debian bookworm's source package into the git-ignored
# cache (.cache/benchmark/), so the WASM build of bench/ can compile it with emcc (Debian ships
# libbenchmark-dev for the native build only). Same private apt folder as scripts/setup_yaml.sh:
# /etc/apt is never touched. Only `bench/run.sh --wasm` (the bench-wasm preset) needs this.
# Idempotent: once the pinned orig tarball is in .cache/downloads, no network is used.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=$PWD/.cache

BENCHMARK_VERSION=1.7.1   # the version of Debian bookworm's libbenchmark-dev (native build)
BENCHMARK_ORIG=benchmark_${BENCHMARK_VERSION}.orig.tar.gz
BENCHMARK_ORIG_SHA256=6430e4092653380d9dc4ccb45a1e2dc9259d581f4866dc0759713126056bc1d7  # Debian bookworm 1.7.1-1

check_sha() {  # file sha256
    local got; got=$(sha256sum "$1" | cut -d' ' -f1)
    if [[ "$got" != "$2" ]]; then
        echo "setup_benchmark: checksum mismatch for $1: got $got, want $2" >&2; return 1
    fi
}

if [[ -f "$CACHE/benchmark/.extracted-$BENCHMARK_VERSION" ]]; then exit 0; fi

mkdir -p "$CACHE/downloads"
tarball="$CACHE/downloads/$BENCHMARK_ORIG"
if [[ ! -f "$tarball" ]]; then
    APT=$CACHE/apt
    mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/cache/archives/partial"
    cat > "$APT/sources.list.d/debian-src.sources" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$APT/sources.list.d"
              -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache")
    echo "setup_benchmark: fetching Debian's benchmark source package"
    if ! ls "$APT"/lists/*bookworm_main_source_Sources* >/dev/null 2>&1; then
        apt-get -q "${apt_opts[@]}" update >/dev/null
    fi
    (cd "$CACHE/downloads" && apt-get -q "${apt_opts[@]}" source --download-only "benchmark=$BENCHMARK_VERSION-1" 2>&1 | grep -v "^W: Download is performed unsandboxed" || true)
fi
check_sha "$tarball" "$BENCHMARK_ORIG_SHA256"

rm -rf "$CACHE/benchmark"
mkdir -p "$CACHE/benchmark"
tar -xzf "$tarball" -C "$CACHE/benchmark" --strip-components=1
touch "$CACHE/benchmark/.extracted-$BENCHMARK_VERSION"
echo "setup_benchmark: benchmark $BENCHMARK_VERSION ready in $CACHE/benchmark"
