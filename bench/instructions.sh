#!/usr/bin/env bash
# Instructions per statement of every benchmark case, C API and gramlab columns, counted by
# callgrind (Debian's valgrind): the noise-free companion of bench/run.sh's timings. A shared
# machine's load changes time (coefficients of variation up to 30% were measured here) but not
# the instructions a statement executes, so this is what tells whether a change to the
# statement path made it cheaper, and what gramlab adds on top of the hand-written C API.
#
# Method: each case and column runs twice under callgrind with a fixed number of timed
# iterations (gramlab_bench --iterations N --warmup 0, one repetition), N_LOW and N_HIGH; the
# difference of the two totals divided by N_HIGH - N_LOW is the cost of one statement, with
# everything that runs once (loading models.py, opening the database, the C API column's
# checks) cancelled out. What it does not see: time in the kernel (the file lock and header
# reads of a file-backed database: most of the C API's pk_lookup time natively), cache misses,
# and node (the native binary is counted).
#
#   bench/instructions.sh [--in-memory] [CASE ...]   markdown table on stdout
#
# BUILD_DIR=DIR: the bench preset's build (default build/bench; run.sh builds it). The dataset
# is the one run.sh made in .cache/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUILD_DIR:-build/bench}/bench/gramlab_bench
EXTRA=()
CASES=()
for a in "$@"; do
    case "$a" in
        --in-memory) EXTRA+=(--in-memory) ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "instructions.sh: unknown option $a" >&2; exit 2 ;;
        *) CASES+=("$a") ;;
    esac
done
[[ -x "$BIN" ]] || { echo "instructions.sh: $BIN missing (run bench/run.sh first, or set BUILD_DIR)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind missing (scripts/setup.sh installs it)" >&2; exit 2; }
DATASET=$(ls .cache/bench/instagram-*.sqlite3 2>/dev/null | head -1)
[[ -n "$DATASET" ]] || { echo "instructions.sh: no dataset in .cache/bench/ (run bench/run.sh first)" >&2; exit 2; }
# The cases gramlab_bench has (bench/cases.hpp), in its order.
read -r -a KNOWN <<< "$("$BIN" --print-cases | python3 -c 'import json, sys; print(*json.load(sys.stdin))')"
if (( ${#CASES[@]} == 0 )); then
    CASES=("${KNOWN[@]}")
fi
for c in "${CASES[@]}"; do
    [[ " ${KNOWN[*]} " == *" $c "* ]] || { echo "instructions.sh: no case '$c' (cases: ${KNOWN[*]})" >&2; exit 2; }
done

# Iterations per case: enough for the difference to dwarf callgrind's own rounding, few enough
# that the slow cases (SQLite sorting 100,000 posts) finish in seconds under valgrind.
iterations() {
    case "$1" in
        pk_lookup) echo "200 1200" ;;
        select_related_page) echo "1 3" ;;
        *) echo "20 120" ;;
    esac
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# total COLUMN CASE N: instructions of the whole process with N iterations of the case.
total() {
    local out="$TMP/cg.$1.$2.$3"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" --dataset "$DATASET" --quiet "${EXTRA[@]}" \
        --warmup 0 --iterations "$3" --benchmark_repetitions=1 --benchmark_filter="^BM_$1/$2/" >/dev/null 2>&1 ||
        { echo "instructions.sh: gramlab_bench failed for BM_$1/$2" >&2; exit 1; }
    sed -n 's/^totals: \([0-9]*\).*/\1/p' "$out"
}

commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }

per_statement() {  # COLUMN CASE
    read -r lo hi <<< "$(iterations "$2")"
    local a b
    a=$(total "$1" "$2" "$lo")
    b=$(total "$1" "$2" "$hi")
    echo $(( (b - a) / (hi - lo) ))
}

mode="file-backed"
(( ${#EXTRA[@]} )) && mode="in memory"
echo "Instructions per statement, callgrind, native release build, $mode ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))."
echo
echo "| case | C API | gramlab | gramlab − C API | gramlab / C API |"
echo "|---|---:|---:|---:|---:|"
for c in "${CASES[@]}"; do
    capi=$(per_statement CApi "$c")
    gl=$(per_statement Gramlab "$c")
    ratio=$(awk -v a="$gl" -v b="$capi" 'BEGIN { printf "%.2fx", a / b }')
    printf '| %s | %s | %s | %s | %s |\n' "$c" "$(commas "$capi")" "$(commas "$gl")" "$(commas $((gl - capi)))" "$ratio"
done
