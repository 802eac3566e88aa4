#!/usr/bin/env bash
# The benchmark of issue 3, end to end (see bench/README.md):
#   1. builds the `bench` preset (Release: gramlab, gramlab_bench, make_dataset)
#   2. makes (or reuses) the dataset in .cache/bench/ with make_dataset + the release gramlab
#   3. checks that Django 3.2 runs exactly the SQL and parameters the C API baseline runs
#   4. runs gramlab_bench (Google Benchmark, JSON: BM_Gramlab/* gramlab's shell and BM_CApi/*
#      the C API baseline, same process) and the Django baseline
#   5. prints the markdown table on stdout and writes docs/benchmarks.md
#
#   bench/run.sh            the full run (a few minutes, plus the first build)
#   bench/run.sh --wasm     also builds gramlab_bench to WASM (bench-wasm preset) and runs it
#                           under node on the same dataset (C API and gramlab WASM columns)
#   bench/run.sh --quick    short timings, docs/benchmarks.md left alone (to try changes)
#
# JOBS=N sets the build parallelism (default 1: the machine's cores are shared).
# BUILD_DIR=DIR builds the bench preset there (default build/bench) and keeps the raw results in
# DIR/results/; WASM_BUILD_DIR=DIR the same for bench-wasm (default build/bench-wasm).
# GRAMLAB=PATH uses that (release) gramlab binary to make the dataset's schema and builds only
# gramlab_bench and make_dataset (e.g. while core/ does not build in the work tree).
# Raw results stay in $BUILD_DIR/results/. Everything but the table goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 3>&1 1>&2   # stdout is for the table only

JOBS=${JOBS:-1}
WASM=0
QUICK=0
for a in "$@"; do
    case "$a" in
        --wasm) WASM=1 ;;
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&3; exit 0 ;;
        *) echo "run.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done
# Google Benchmark: every repetition is kept in the JSON (report.py pools them), the
# repetitions of all cases and both columns run in random order inside one process, and the
# measurements (native, WASM, in memory ...) alternate in ROUNDS rounds, so that noise on
# this shared machine falls on every column alike instead of on whichever ran during it.
if (( QUICK )); then
    GB_FLAGS=(--benchmark_repetitions=2 --benchmark_min_time=0.05)
    DJ_FLAGS=(--min-time 0.05 --rounds 3)
    ROUNDS=1
else
    GB_FLAGS=(--benchmark_repetitions=5 --benchmark_min_time=0.2 --benchmark_enable_random_interleaving=true)
    DJ_FLAGS=(--min-time 0.5 --rounds 7)
    ROUNDS=3
fi

BIN=${BUILD_DIR:-build/bench}
WBIN=${WASM_BUILD_DIR:-build/bench-wasm}
OUT=$BIN/results
PY=/usr/bin/python3    # Debian's python with Django 3.2 (not a pyenv python3 on PATH)

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt
: > "$OUT/commands.txt"
# run CMD...: logs the command to commands.txt, runs it.
run() { printf '%s\n' "$*" >> "$OUT/commands.txt"; echo "+ $*"; "$@"; }
# run_to FILE CMD...: the same, stdout into FILE.
run_to() { local f=$1; shift; printf '%s > %s\n' "$*" "$f" >> "$OUT/commands.txt"; echo "+ $* > $f"; "$@" > "$f"; }

# 1. build
run scripts/setup.sh --test
run cmake --preset bench -B "$BIN"
if [[ -n "${GRAMLAB:-}" ]]; then
    printf '# GRAMLAB=%s (%s) made the schema; the bench preset built only gramlab_bench and make_dataset\n' \
        "$GRAMLAB" "$("$GRAMLAB" version)" >> "$OUT/commands.txt"
    run cmake --build "$BIN" -j "$JOBS" --target gramlab_bench make_dataset
else
    run cmake --build "$BIN" -j "$JOBS"
    GRAMLAB=$BIN/server/gramlab
fi

# 2. dataset (cached under .cache/bench/, keyed by generator version and schema)
printf '%s\n' "$BIN/bench/make_dataset --gramlab $GRAMLAB" >> "$OUT/commands.txt"
echo "+ $BIN/bench/make_dataset --gramlab $GRAMLAB"
abs=$("$BIN/bench/make_dataset" --gramlab "$GRAMLAB" 2> >(tee "$OUT/make_dataset.txt" >&2))
DATASET=$(realpath --relative-to="$PWD" "$abs")
echo "run.sh: dataset $DATASET"

# 3. the same statements, the same SQL, the same parameters on both sides
run_to "$OUT/cases.json" "$BIN/bench/gramlab_bench" --print-cases
run_to "$OUT/django_sql.json" "$PY" bench/django_baseline.py --database "$DATASET" --sql
"$PY" - "$OUT/cases.json" "$OUT/django_sql.json" <<'EOF'
import json, sys
ours = json.load(open(sys.argv[1], encoding='utf-8'))
django = json.load(open(sys.argv[2], encoding='utf-8'))
bad = []
if list(ours) != list(django):
    bad.append('case lists differ: %s vs %s' % (list(ours), list(django)))
for name, c in ours.items():
    d = django.get(name)
    if d is None:
        continue
    for key in ('statement', 'sql', 'params'):
        if c[key] != d[key]:
            bad.append('%s: %s differs\n  C API:  %r\n  Django: %r' % (name, key, c[key], d[key]))
    if d['queries'] != 1:
        bad.append('%s: Django ran %d queries, expected 1' % (name, d['queries']))
    if d['error']:
        bad.append('%s: Django raised %s' % (name, d['error']))
if bad:
    print('run.sh: the C API baseline does not run what Django runs:\n' + '\n'.join(bad), file=sys.stderr)
    sys.exit(1)
print('run.sh: statements, SQL and parameters identical to Django 3.2 for %d cases' % len(ours), file=sys.stderr)
EOF
run_to "$OUT/explain.txt" "$BIN/bench/gramlab_bench" --dataset "$DATASET" --explain

# 4. build the WASM benchmark first, then measure (one after the other, never in parallel)
if (( WASM )); then
    run scripts/setup_benchmark.sh
    export NODE_PATH=/usr/share/nodejs   # what the bench-wasm build preset sets
    run cmake --preset bench-wasm -B "$WBIN"
    run cmake --build "$WBIN" -j "$JOBS" --target gramlab_bench
fi
cat /proc/loadavg > "$OUT/loadavg.txt"
NODE=(node --no-experimental-fetch --stack-size=8000 "$WBIN/bench/gramlab_bench.js")
for (( r = 1; r <= ROUNDS; r++ )); do
    run_to "$OUT/bench.$r.json" "$BIN/bench/gramlab_bench" --dataset "$DATASET" --benchmark_format=json "${GB_FLAGS[@]}"
    if (( WASM )); then
        run_to "$OUT/bench_wasm.$r.json" "${NODE[@]}" --dataset "$DATASET" --quiet --benchmark_format=json "${GB_FLAGS[@]}"
        # Diagnostic: the same C API cases with the file lock held for the whole connection,
        # native and WASM, to separate SQLite's per-statement file system calls from computation.
        run_to "$OUT/bench_excl.$r.json" "$BIN/bench/gramlab_bench" --dataset "$DATASET" --exclusive --quiet \
            --benchmark_filter=BM_CApi --benchmark_format=json "${GB_FLAGS[@]}"
        run_to "$OUT/bench_wasm_excl.$r.json" "${NODE[@]}" --dataset "$DATASET" --exclusive --quiet \
            --benchmark_filter=BM_CApi --benchmark_format=json "${GB_FLAGS[@]}"
        # The browser playground holds its database in memory (sqlite3_deserialize): both
        # columns, native and WASM, on the dataset loaded that way.
        run_to "$OUT/bench_mem.$r.json" "$BIN/bench/gramlab_bench" --dataset "$DATASET" --in-memory --quiet \
            --benchmark_format=json "${GB_FLAGS[@]}"
        run_to "$OUT/bench_wasm_mem.$r.json" "${NODE[@]}" --dataset "$DATASET" --in-memory --quiet \
            --benchmark_format=json "${GB_FLAGS[@]}"
    fi
done
run_to "$OUT/django.json" "$PY" bench/django_baseline.py --database "$DATASET" "${DJ_FLAGS[@]}"
# Instructions per statement (callgrind): what host noise does not change (bench/instructions.sh).
if (( ! QUICK )); then
    run_to "$OUT/instructions.md" env BUILD_DIR="$BIN" bench/instructions.sh
    run_to "$OUT/instructions_mem.md" env BUILD_DIR="$BIN" bench/instructions.sh --in-memory
fi

# 5. report
lscpu > "$OUT/lscpu.txt"
"$PY" - "$OUT" "$DATASET" "$WASM" "$BIN" <<'EOF'
import json, os, re, subprocess, sys, time
out, dataset, wasm, bindir = sys.argv[1], sys.argv[2], sys.argv[3] == '1', sys.argv[4]
def sh(*cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip()
    except OSError:
        return '?'
lscpu = {}
for line in open(os.path.join(out, 'lscpu.txt')):
    k, _, v = line.partition(':')
    lscpu[k.strip()] = v.strip()
cpu = '%s, %s, %s CPU(s) (%s thread(s) per core), %s; caches L1d %s, L2 %s, L3 %s' % (
    lscpu.get('Model name', '?'), lscpu.get('Architecture', '?'), lscpu.get('CPU(s)', '?'),
    lscpu.get('Thread(s) per core', '?'),
    ('%s %s guest' % (lscpu['Hypervisor vendor'], lscpu.get('Virtualization type', ''))).strip()
    if 'Hypervisor vendor' in lscpu else 'bare metal',
    lscpu.get('L1d cache', '?'), lscpu.get('L2 cache', '?'), lscpu.get('L3 cache', '?'))
stats = open(os.path.join(out, 'make_dataset.txt'), encoding='utf-8').read()
stats = '\n'.join(l.replace('make_dataset: ', '') for l in stats.splitlines()
                  if l.startswith('make_dataset: users') or l.startswith('make_dataset: user '))
explain = open(os.path.join(out, 'explain.txt'), encoding='utf-8').read()
git = sh('git', 'rev-parse', '--short', 'HEAD')
if sh('git', 'status', '--porcelain'):
    git += ' + uncommitted changes in the work tree'
env = {
    'date': time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime()),
    'cpu': cpu,
    'nproc': sh('nproc'),
    'kernel': sh('uname', '-srm'),
    'loadavg': open(os.path.join(out, 'loadavg.txt')).read().split()[:3],
    'git': git,
    'cxx': sh('c++', '--version').splitlines()[0],
    'cmake': sh('cmake', '--version').splitlines()[0],
    'gbench': sh('dpkg-query', '-W', '-f=${Version}', 'libbenchmark-dev'),
    'sqlite_gramlab': explain.splitlines()[0].replace('SQLite ', '') if explain else '?',
    'dataset': dataset,
    'dataset_mb': '%.1f' % (os.path.getsize(dataset) / 1e6),
    'dataset_stats': stats,
    'generator_version': sh(os.path.join(bindir, 'bench', 'make_dataset'), '--version'),
}
env['loadavg'] = ' '.join(env['loadavg'])
if wasm:
    env['emcc'] = sh('emcc', '--version').splitlines()[0]
    env['node'] = sh('node', '--version')
json.dump(env, open(os.path.join(out, 'env.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
EOF
if (( QUICK )); then
    "$PY" bench/report.py "$OUT" >&3
else
    "$PY" bench/report.py "$OUT" --docs docs/benchmarks.md >&3
    echo "run.sh: wrote docs/benchmarks.md (raw results in $OUT/)"
fi
