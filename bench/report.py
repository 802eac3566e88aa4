#!/usr/bin/python3
"""Turns one bench/run.sh run into the markdown table (stdout) and docs/benchmarks.md.

    /usr/bin/python3 bench/report.py RESULTS_DIR [--docs docs/benchmarks.md]

RESULTS_DIR (bench/run.sh fills it) holds:
    bench.json        gramlab_bench --benchmark_format=json (BM_CApi/*, BM_Gramlab/*)
    bench_wasm.json   the same binary built to WASM, run under node (optional; both columns)
    bench_mem.json, bench_wasm_mem.json   --in-memory runs, native and WASM (optional)
    (each of these may instead be rounds: bench.1.json, bench.2.json ..., pooled)
    django.json       bench/django_baseline.py
    cases.json        gramlab_bench --print-cases (statement, SQL, params per case)
    explain.txt       gramlab_bench --explain (query plans, SQLite linked by gramlab)
    env.json          machine, versions, dataset, date (written by run.sh)
    commands.txt      the commands run.sh ran, in order
Times are medians: of all Google Benchmark repetitions (real time) of every round, and
the median round of django_baseline.py. Nothing is estimated: a column without a measurement
is left empty.
"""
import argparse
import json
import os
import sys

TARGET_NATIVE = 1.5  # issue 3: gramlab within 1.5x of the C API on every case
TARGET_WASM = 2.0    # issue 3: gramlab's WASM build within 2x of its native build


def load(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def load_rounds(results_dir, stem):
    """The Google Benchmark documents of one measurement: <stem>.json, or the rounds
    <stem>.1.json, <stem>.2.json ... that run.sh alternates with the other measurements."""
    one = load(os.path.join(results_dir, stem + '.json'))
    docs = [one] if one else []
    r = 1
    while True:
        doc = load(os.path.join(results_dir, '%s.%d.json' % (stem, r)))
        if doc is None:
            break
        docs.append(doc)
        r += 1
    return docs


def load_text(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except OSError:
        return None


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2.0


def gbench_medians(docs):
    """{'BM_CApi/pk_lookup': {'us': median, 'min', 'max', 'cv': cv%, 'iterations': n,
    'repetitions': n}} from Google Benchmark JSON documents (one, or several rounds of the same
    measurement). With the repetitions in the documents (run_type "iteration"), the statistics
    are taken over all of them, every round pooled; otherwise from Google Benchmark's own
    aggregates (a document written with --benchmark_report_aggregates_only)."""
    if isinstance(docs, dict):
        docs = [docs]
    out = {}
    scale = {'ns': 1e-3, 'us': 1.0, 'ms': 1e3, 's': 1e6}
    raw = {}
    for doc in docs or []:
        for b in doc.get('benchmarks', []):
            name = b.get('run_name', b['name']).replace('/real_time', '')
            entry = out.setdefault(name, {})
            if b.get('error_occurred'):
                entry['error'] = b.get('error_message', 'error')
                continue
            if b.get('run_type') == 'iteration':
                raw.setdefault(name, []).append(b['real_time'] * scale[b['time_unit']])
                entry['iterations'] = b.get('iterations')
                continue
            agg = b.get('aggregate_name')
            if agg == 'median':
                entry['us'] = b['real_time'] * scale[b['time_unit']]
                entry['iterations'] = b.get('iterations')
                entry['repetitions'] = b.get('repetitions')
            elif agg == 'cv':
                entry['cv'] = b['real_time'] * 100.0
            elif agg in ('min', 'max'):
                entry[agg] = b['real_time'] * scale[b['time_unit']]
            elif agg is None and 'us' not in entry:  # a single repetition
                entry['us'] = b['real_time'] * scale[b['time_unit']]
                entry['iterations'] = b.get('iterations')
    for name, times in raw.items():
        if 'error' in out[name]:
            continue
        mean = sum(times) / len(times)
        sd = (sum((t - mean) ** 2 for t in times) / (len(times) - 1)) ** 0.5 if len(times) > 1 else 0.0
        out[name].update({'us': median(times), 'min': min(times), 'max': max(times),
                          'cv': 100.0 * sd / mean if mean else 0.0, 'repetitions': len(times)})
    return out


def us(results, column, name):
    """The median µs of BM_<column>/<name> in one gbench_medians() result, or None."""
    return results.get('BM_%s/%s' % (column, name), {}).get('us')


def fmt_us(v):
    if v is None:
        return ''
    if v >= 1000:
        return '{:,.0f}'.format(v)
    if v >= 100:
        return '%.0f' % v
    if v >= 10:
        return '%.1f' % v
    return '%.2f' % v


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return ''
    return '%.1fx' % (a / b) if a / b >= 10 else '%.2fx' % (a / b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('results')
    ap.add_argument('--docs', help='write the full report to this markdown file')
    args = ap.parse_args()
    R = args.results

    cases = load(os.path.join(R, 'cases.json'))
    native = gbench_medians(load_rounds(R, 'bench'))
    wasm = gbench_medians(load_rounds(R, 'bench_wasm'))
    django = load(os.path.join(R, 'django.json'), {}).get('cases', {})
    env = load(os.path.join(R, 'env.json'), {})

    header = ['case', 'C API µs', 'gramlab µs', 'gramlab / C API', 'Django 3.2 µs', 'Django / C API']
    if wasm:
        header += ['C API WASM µs', 'C API WASM / native', 'gramlab WASM µs', 'gramlab WASM / native']
    rows = []
    missed, missed_wasm, unmeasured = [], [], []
    for name in cases:
        capi = us(native, 'CApi', name)
        gram = us(native, 'Gramlab', name)
        dj = django.get(name, {}).get('us_median')
        row = [name, fmt_us(capi), fmt_us(gram), fmt_ratio(gram, capi), fmt_us(dj), fmt_ratio(dj, capi)]
        if gram is None or capi is None:
            unmeasured.append(name)
        elif gram / capi > TARGET_NATIVE:
            missed.append('%s (%s)' % (name, fmt_ratio(gram, capi)))
        if wasm:
            w = us(wasm, 'CApi', name)
            gw = us(wasm, 'Gramlab', name)
            row += [fmt_us(w), fmt_ratio(w, capi), fmt_us(gw), fmt_ratio(gw, gram)]
            if gw is not None and gram and gw / gram > TARGET_WASM:
                missed_wasm.append('%s (%s)' % (name, fmt_ratio(gw, gram)))
        rows.append(row)

    def table(header, rows):
        lines = ['| ' + ' | '.join(header) + ' |',
                 '|' + '|'.join('---' if i == 0 else '---:' for i in range(len(header))) + '|']
        lines += ['| ' + ' | '.join(r) + ' |' for r in rows]
        return '\n'.join(lines)

    main_table = table(header, rows)
    print(main_table)

    if not args.docs:
        return 0

    def gb_spread(c):
        if 'us' not in c:
            return c.get('error', '')
        return '%s (min %s, max %s, cv %.1f%%)' % (
            fmt_us(c.get('us')), fmt_us(c.get('min')), fmt_us(c.get('max')), c.get('cv', 0.0))

    reps = native.get('BM_CApi/' + next(iter(cases)), {}).get('repetitions') or '?'
    rounds = len(load_rounds(R, 'bench'))
    spread_rows = []
    for name in cases:
        d = django.get(name, {})
        spread_rows.append([
            name,
            gb_spread(native.get('BM_CApi/' + name, {})),
            gb_spread(native.get('BM_Gramlab/' + name, {})),
            '%s (min %s, max %s, %s calls/round × %s rounds)' % (
                fmt_us(d.get('us_median')), fmt_us(d.get('us_min')), fmt_us(d.get('us_max')),
                d.get('iterations_per_round', '?'), d.get('rounds', '?')) if d else '',
        ])

    ctx = (load_rounds(R, 'bench') or [{}])[0].get('context', {})
    with open(os.path.join(R, 'commands.txt'), encoding='utf-8') as f:
        commands = f.read().rstrip('\n')
    explain = ''
    if os.path.exists(os.path.join(R, 'explain.txt')):
        with open(os.path.join(R, 'explain.txt'), encoding='utf-8') as f:
            explain = f.read().rstrip('\n')

    md = []
    md.append('# Benchmarks\n')
    md.append('Issue 3\'s performance benchmark: the same five Django shell statements, measured in one '
              'run on one generated database, by gramlab\'s shell itself (a), the hand-written SQLite C API '
              '(baseline b) and real Django 3.2 (baseline c). This file is written by `bench/run.sh`; see '
              'bench/README.md for what each column does and how to rerun it.\n')
    md.append('## Results\n')
    md.append('Median time per statement, microseconds (lower is better). Ratios are against the C API '
              'column. Target (issue 3): gramlab within 1.5x of the C API on every case; WASM within 2x '
              'of native.\n')
    md.append(main_table + '\n')
    md.append('The gramlab column is `BM_Gramlab/<case>` in the same binary and run as the C API column: '
              '`gramlab::shell::Session::run(statement)` on the statement text, end to end (split, parse, '
              'interpret, build the query or take it from the compiled-query cache, run the SQL under the '
              'statement\'s time budget, record connection.queries with the parameters inlined, build the '
              'model instances), one session per '
              'case living across calls as a learner\'s shell session does. The session keeps its normal '
              'time budget (checked from SQLite\'s progress handler) and query log; nothing is turned off '
              'for the benchmark.\n')
    if unmeasured:
        md.append('Not measured in this run: %s.\n' % ', '.join(unmeasured))
    if missed:
        md.append('**1.5x target not met** on: %s. Where the C API takes tens of microseconds, the '
                  'shell\'s fixed per-statement work (interpreting the statement, building and compiling '
                  'the query, the query log, Python objects for the rows) is comparable to SQLite\'s own '
                  'time; see bench/README.md.\n' % ', '.join(missed))
    elif not unmeasured:
        md.append('The 1.5x target is met on every case.\n')
    if not wasm:
        md.append('WASM: not measured in this run (`bench/run.sh --wasm` adds the WASM columns).\n')
    else:
        md.append('The WASM columns are the same binary built with Emscripten and run under node on the same '
                  'file (`gramlab_bench.js`): "C API WASM / native" compares the two C API columns, '
                  '"gramlab WASM / native" gramlab\'s two columns (the issue\'s 2x target). %s\n'
                  % ('**2x target not met** on: %s.' % ', '.join(missed_wasm) if missed_wasm
                     else 'The 2x target is met on every case measured.'))
    excl = gbench_medians(load_rounds(R, 'bench_excl'))
    wasm_excl = gbench_medians(load_rounds(R, 'bench_wasm_excl'))
    if wasm and excl and wasm_excl:
        md.append('### WASM: where the time goes\n')
        md.append('The WASM build runs the same C API code under node, reading the file through '
                  'Emscripten\'s NODERAWFS (every file system call becomes a call into node). With Django\'s '
                  'connection settings SQLite takes and releases the file lock and re-reads the database '
                  'header for every statement; the diagnostic run below (`gramlab_bench --exclusive`: '
                  '`PRAGMA locking_mode = EXCLUSIVE`, which Django does not set) keeps the lock for the '
                  'whole connection, so what remains is computation. The per-statement lock and header '
                  'read is what separates `pk_lookup` from a microsecond natively as well. On the two '
                  'sort-dominated cases the differences between runs are within this machine\'s noise '
                  '(see Spread).\n')
        drows = []
        for name in cases:
            n = us(native, 'CApi', name)
            w = us(wasm, 'CApi', name)
            ne = us(excl, 'CApi', name)
            we = us(wasm_excl, 'CApi', name)
            drows.append([name, fmt_us(n), fmt_us(w), fmt_ratio(w, n), fmt_us(ne), fmt_us(we), fmt_ratio(we, ne)])
        md.append(table(['case', 'native µs', 'WASM µs', 'WASM / native', 'native, exclusive lock µs',
                         'WASM, exclusive lock µs', 'WASM / native, exclusive lock'], drows) + '\n')
    mem = gbench_medians(load_rounds(R, 'bench_mem'))
    wasm_mem = gbench_medians(load_rounds(R, 'bench_wasm_mem'))
    if wasm and mem and wasm_mem:
        md.append('### In memory, as the playground holds its database\n')
        md.append('The browser playground does not read a file: it loads the database into memory '
                  '(`sqlite3_deserialize`, core/gramlab.cpp). `gramlab_bench --in-memory` loads the same '
                  'dataset that way for both columns, native and WASM, so no file system call is left in '
                  'any column; what remains is computation, SQLite\'s and gramlab\'s.\n')
        mrows = []
        for name in cases:
            nc = us(mem, 'CApi', name)
            ng = us(mem, 'Gramlab', name)
            wc = us(wasm_mem, 'CApi', name)
            wg = us(wasm_mem, 'Gramlab', name)
            mrows.append([name, fmt_us(nc), fmt_us(ng), fmt_ratio(ng, nc), fmt_us(wc), fmt_us(wg), fmt_ratio(wg, wc),
                          fmt_ratio(wg, ng), fmt_ratio(wc, nc)])
        md.append(table(['case', 'C API µs', 'gramlab µs', 'gramlab / C API', 'C API WASM µs', 'gramlab WASM µs',
                         'gramlab / C API, WASM', 'gramlab WASM / native', 'C API WASM / native'], mrows) + '\n')
        missed_mem = []
        for name in cases:
            nc, ng = us(mem, 'CApi', name), us(mem, 'Gramlab', name)
            wc, wg = us(wasm_mem, 'CApi', name), us(wasm_mem, 'Gramlab', name)
            if None in (nc, ng, wc, wg):
                continue
            if wg / ng > TARGET_WASM:
                missed_mem.append('%s (%s; SQLite\'s own, the C API column: %s)'
                                  % (name, fmt_ratio(wg, ng), fmt_ratio(wc, nc)))
        md.append('In memory, as the product runs in the browser, the 2x target (gramlab WASM / native) %s\n'
                  % ('is **not met** on: %s.' % '; '.join(missed_mem) if missed_mem
                     else 'is met on every case.'))
    md.append('### Spread\n')
    md.append('Noise on this shared machine only ever adds time, so the fastest repetition / round '
              'is the closest to the undisturbed cost; the tables above use medians.\n')
    if rounds > 1:
        md.append('Google Benchmark columns: %s repetitions each, in %d rounds that alternate with the other '
                  'measurements (WASM, in memory); inside a round the repetitions of all cases and both '
                  'columns run in random order (`--benchmark_enable_random_interleaving`), so a noisy '
                  'stretch of time falls on the C API and gramlab alike.\n' % (reps, rounds))
    else:
        md.append('Google Benchmark columns: %s repetitions each.\n' % reps)
    md.append(table(['case', 'C API: median µs (fastest and slowest repetition, coefficient of variation)',
                     'gramlab: the same', 'Django: median µs (fastest and slowest round)'], spread_rows) + '\n')

    instructions = [t for t in (load_text(os.path.join(R, f)) for f in ('instructions.md', 'instructions_mem.md')) if t]
    if instructions:
        md.append('### Instructions per statement (callgrind)\n')
        md.append('What the host\'s load does not change: the instructions one statement executes, counted by '
                  'callgrind on the native binary (`bench/instructions.sh`: each case and column run with two '
                  'fixed iteration counts, the difference divided by the difference of the counts, so loading '
                  'and opening cancel out). Not time: the kernel\'s work (file locks and header reads, most of '
                  'the C API\'s file-backed pk_lookup), cache misses and node are not in it. "gramlab − C API" '
                  'is what the shell adds to the same SQLite work: parsing and interpreting the statement, '
                  'building the query, the query log, the model instances.\n')
        for t in instructions:
            md.append(t.strip() + '\n')
    md.append('## Cases\n')
    md.append('Each statement is what a learner types into `python manage.py shell`; results are assigned, '
              'so nothing is echoed (echoing a Post would run one extra query per row for `__str__`). '
              'The SQL is what Django 3.2.25 sends to SQLite for it, recorded and re-checked on every '
              'run (run.sh stops if Django\'s SQL or parameters differ from the C API\'s).\n')
    for name, c in cases.items():
        params = ', '.join(str(p) for p in c['params']) or 'none'
        md.append('- **%s** — `%s`  \n  parameters: %s  \n  ```sql\n  %s\n  ```' % (name, c['statement'], params, c['sql']))
    md.append('')
    if explain:
        md.append('SQLite\'s query plans (EXPLAIN QUERY PLAN with the SQLite gramlab links):\n')
        md.append('```\n' + explain + '\n```\n')
        md.append('`select_related_page` and, to a lesser degree, `fk_filter_order_slice` are dominated by '
                  'SQLite itself: `Meta.ordering = [\'-upload_time\']` has no index in the example schema, '
                  'so the first scans all 100,000 posts (joined to their authors) into a sorter to keep 20, '
                  'and the second sorts the power user\'s posts. On those cases every column converges '
                  'towards the C API time, so they say little about ORM overhead; the other three do. '
                  '`annotate_count` has no ORDER BY: Django 3.1+ leaves Meta.ordering out of GROUP BY '
                  'queries.\n')

    md.append('## Dataset\n')
    md.append('`bench/make_dataset` (generator version %s): the schema from `gramlab migrate` on '
              'examples/instagram (its committed migrations), then 10,000 users, ~6,000 profiles, '
              '100,000 posts, ~95,000 images, 300,000 comments and 3,000 stories, seeded and deterministic '
              '(the same version writes a byte-identical file), Korean text and emoji in every content '
              'field. Users 1–100 wrote 20%% of the posts; the cases use user 42 and post 50000.\n'
              % env.get('generator_version', '?'))
    md.append('- file: `%s` (%s MB)' % (env.get('dataset', '?'), env.get('dataset_mb', '?')))
    md.append('- generator output: %s\n' % env.get('dataset_stats', '').replace('\n', '; '))

    md.append('## Machine and versions\n')
    md.append('- date: %s' % env.get('date', '?'))
    md.append('- machine: %s' % env.get('cpu', '?'))
    md.append('- nproc: %s; Google Benchmark context: %s CPU(s) at %s MHz, load average before the run %s'
              % (env.get('nproc', '?'), ctx.get('num_cpus', '?'), ctx.get('mhz_per_cpu', '?'),
                 env.get('loadavg', '?')))
    md.append('- kernel: %s' % env.get('kernel', '?'))
    md.append('- gramlab: commit %s' % env.get('git', '?'))
    md.append('- compiler: %s, CMake preset `bench` (Release, -O3 -DNDEBUG)' % env.get('cxx', '?'))
    md.append('- SQLite linked by gramlab_bench: %s (the pinned amalgamation, target gramlab_sqlite3)'
              % env.get('sqlite_gramlab', '?'))
    md.append('- Google Benchmark: %s (Debian libbenchmark-dev; it warns that the library was built as '
              '"DEBUG": that is the library\'s own compile flags; the timed loop is inlined from its header '
              'into the Release-built benchmark)' % env.get('gbench', '?'))
    dj = load(os.path.join(R, 'django.json'), {})
    md.append('- Django %s on Python %s (%s) with the sqlite3 module\'s SQLite %s'
              % (dj.get('django', '?'), dj.get('python', '?'), dj.get('python_executable', '?'),
                 dj.get('sqlite', '?')))
    if wasm:
        md.append('- WASM: %s, node %s' % (env.get('emcc', '?'), env.get('node', '?')))
    md.append('')
    md.append('The machine is a shared 2-vCPU VM: other work on it shows up as noise (see Spread). '
              'Both baselines use wall-clock time.\n')

    md.append('## Commands\n')
    md.append('Run from the repository root (`bench/run.sh%s` runs exactly these):\n'
              % (' --wasm' if wasm else ''))
    md.append('```\n' + commands + '\n```\n')

    with open(args.docs, 'w', encoding='utf-8') as f:
        f.write('\n'.join(md))
    return 0


if __name__ == '__main__':
    sys.exit(main())
