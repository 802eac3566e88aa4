#!/usr/bin/env bash
# Fetches yaml-cpp's source from Debian bookworm's source package into the git-ignored cache
# (.cache/yaml-cpp/), for cmake/Yaml.cmake to compile identically into the native and WASM builds.
# Uses a private apt folder under .cache/apt, so /etc/apt is never touched (see TOOLCHAIN.md).
# Idempotent: once the pinned orig tarball is in .cache/downloads, no network is used.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=$PWD/.cache

YAML_VERSION=0.7.0
YAML_ORIG=yaml-cpp_${YAML_VERSION}+dfsg.orig.tar.xz
YAML_ORIG_SHA256=dc63708605404e0b963e0ca3a9619d1c8270eda2839603e6fa0384e5e51e5312  # Debian bookworm 0.7.0+dfsg-8

check_sha() {  # file sha256
    local got; got=$(sha256sum "$1" | cut -d' ' -f1)
    if [[ "$got" != "$2" ]]; then
        echo "setup_yaml: checksum mismatch for $1: got $got, want $2" >&2; return 1
    fi
}

if [[ -f "$CACHE/yaml-cpp/.extracted-$YAML_VERSION" ]]; then exit 0; fi

mkdir -p "$CACHE/downloads"
tarball="$CACHE/downloads/$YAML_ORIG"
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
    echo "setup_yaml: fetching Debian's yaml-cpp source package"
    apt-get -q "${apt_opts[@]}" update >/dev/null
    (cd "$CACHE/downloads" && apt-get -q "${apt_opts[@]}" source --download-only "yaml-cpp=$YAML_VERSION+dfsg-8" 2>&1 | grep -v "^W: Download is performed unsandboxed" || true)
fi
check_sha "$tarball" "$YAML_ORIG_SHA256"

rm -rf "$CACHE/yaml-cpp"
mkdir -p "$CACHE/yaml-cpp"
tar -xJf "$tarball" -C "$CACHE/yaml-cpp" --strip-components=1
touch "$CACHE/yaml-cpp/.extracted-$YAML_VERSION"
echo "setup_yaml: yaml-cpp $YAML_VERSION ready in $CACHE/yaml-cpp"
