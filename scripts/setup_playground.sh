#!/usr/bin/env bash
# Fetches what the browser playground needs into the git-ignored cache, pinned:
#   .cache/imgui/          Dear ImGui 1.86 source from Debian bookworm's source package
#                          (private apt folder under .cache/apt, /etc/apt untouched; see TOOLCHAIN.md)
#   .cache/fonts/          gramlab-hangul.ttf: NanumGothic (Debian fonts-nanum, SIL OFL 1.1)
#                          subset to ASCII, Latin-1, punctuation and the 2,350 Hangul syllables
#                          of KS X 1001 (plus every character of the example fixture), by
#                          fonttools' pyftsubset (Debian fonttools)
# Idempotent: once the pinned tarball and the subset exist, nothing is downloaded or rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache

IMGUI_VERSION=1.86
IMGUI_ORIG=imgui_${IMGUI_VERSION}+ds.orig.tar.xz
IMGUI_ORIG_SHA256=0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64  # Debian bookworm 1.86+ds-1
NANUM_TTF=/usr/share/fonts/truetype/nanum/NanumGothic.ttf

check_sha() {  # file sha256
    local got; got=$(sha256sum "$1" | cut -d' ' -f1)
    if [[ "$got" != "$2" ]]; then
        echo "setup_playground: checksum mismatch for $1: got $got, want $2" >&2; return 1
    fi
}

# Debian packages: the font and the subsetting tool (build time only; neither is shipped whole).
missing=()
for p in fonts-nanum fonttools; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
    echo "setup_playground: installing ${missing[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui source.
if [[ ! -f "$CACHE/imgui/.extracted-$IMGUI_VERSION" ]]; then
    mkdir -p "$CACHE/downloads"
    tarball="$CACHE/downloads/$IMGUI_ORIG"
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
        echo "setup_playground: fetching Debian's imgui source package"
        apt-get -q "${apt_opts[@]}" update >/dev/null
        (cd "$CACHE/downloads" && apt-get -q "${apt_opts[@]}" source --download-only "imgui=$IMGUI_VERSION+ds-1" 2>&1 | grep -v "^W: Download is performed unsandboxed" || true)
    fi
    check_sha "$tarball" "$IMGUI_ORIG_SHA256"
    rm -rf "$CACHE/imgui"
    mkdir -p "$CACHE/imgui"
    tar -xJf "$tarball" -C "$CACHE/imgui" --strip-components=1
    touch "$CACHE/imgui/.extracted-$IMGUI_VERSION"
    echo "setup_playground: Dear ImGui $IMGUI_VERSION ready in $CACHE/imgui"
fi

# The Hangul font subset.
FONT_OUT=$CACHE/fonts/gramlab-hangul.ttf
if [[ ! -f "$FONT_OUT" || "$FONT_OUT" -ot "$0" ]]; then
    mkdir -p "$CACHE/fonts"
    text=$CACHE/fonts/subset-text.txt
    /usr/bin/python3 - "$ROOT/examples/instagram/fixtures/instagram.json" > "$text" <<'PY'
import sys
# KS X 1001's 2,350 Hangul syllables: EUC-KR rows 0xB0..0xC8, cells 0xA1..0xFE.
chars = set()
for lead in range(0xB0, 0xC9):
    for trail in range(0xA1, 0xFF):
        chars.add(bytes([lead, trail]).decode("euc-kr"))
chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
chars |= {chr(c) for c in range(0x3131, 0x318F)}   # Hangul compatibility jamo (IME composition)
chars |= set("\u2018\u2019\u201c\u201d\u2026\u2013\u2014\u00b7\u2192\u2190\u2191\u2193\u25b6\u25c0\u25a0\u25cf\u25cb\u2500\u2502\u251c\u2514")
for path in sys.argv[1:]:
    chars |= set(open(path, encoding="utf-8").read())
sys.stdout.write("".join(sorted(c for c in chars if c.isprintable())))
PY
    pyftsubset "$NANUM_TTF" --text-file="$text" --output-file="$FONT_OUT" \
        --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-legacy --notdef-outline \
        --drop-tables+=TSI0,TSI1,TSI2,TSI3,TSI5 2>&1 | grep -v '^WARNING: TSI' || true
    # The OFL reserves the name "NanumGothic" for the original: the subset is a modified
    # version, so its family and font names become "GramlabHangul" (copyright notice kept).
    /usr/bin/python3 - "$FONT_OUT" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
for rec in font["name"].names:
    if rec.nameID in (1, 16, 21):
        rec.string = "GramlabHangul"
    elif rec.nameID in (3, 4, 6, 17, 18, 22):
        rec.string = {3: "GramlabHangul subset of NanumGothic (OFL-1.1)", 17: "Regular", 22: "Regular"}.get(
            rec.nameID, "GramlabHangul-Regular")
font.save(sys.argv[1])
PY
    cp /usr/share/doc/fonts-nanum/copyright "$CACHE/fonts/NanumGothic-LICENSE.txt"
    echo "setup_playground: $(stat -c %s "$FONT_OUT") bytes in $FONT_OUT"
fi
