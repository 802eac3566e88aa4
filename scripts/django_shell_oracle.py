#!/usr/bin/python3
"""Record what real Django 3.2's `manage.py shell` does for every shell corpus file.

Run with Debian's python, which has Django 3.2.25 installed:

    /usr/bin/python3 scripts/django_shell_oracle.py             # every tests/differential/shell/NN_*.py
    /usr/bin/python3 scripts/django_shell_oracle.py 03 writes   # only files whose name contains a filter

For every corpus file tests/differential/shell/NN_topic.py it builds a throwaway Django project
in a temporary directory (app `instagram` = examples/instagram/models.py with its migration
0001_initial.py and its fixture, or the app folder a `# app: <dir>` header line names, see
below), creates a fresh SQLite database, runs `migrate` and `loaddata` of the app's fixtures
quietly, and then runs the file statement by statement the way the
interactive console of `manage.py shell` does: each top-level statement is compiled with
compile(text, '<console>', 'single') and executed in one persistent namespace, so expression
statements echo their repr and set `_`. For every statement ("unit") it writes one JSON line to
tests/differential/shell/expected/NN_topic.jsonl:

    {"statement": ..., "output": ... | null, "error": null | {"type": ..., "message": ...},
     "queries": [{"sql": ..., "params": [...], "ms": 0}, ...]}

See tests/differential/shell/README.md for the corpus format, the unit-splitting rule and the
full JSON contract.

Determinism: django.utils.timezone.now() is pinned to 2024-01-15 12:00:00 UTC, the random
strings of django.contrib.auth.hashers (password salts, unusable passwords) are pinned, every
corpus file runs in its own child process with PYTHONHASHSEED=0, and the oracle fails loudly if
an output would contain a memory address or a temporary path. Running it twice gives identical
files.
"""
import ast
import collections
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django_oracle  # noqa: E402  (settings_py, child_env)

SHELL_DIR = os.path.join(ROOT, 'tests', 'differential', 'shell')
EXPECTED_DIR = os.path.join(SHELL_DIR, 'expected')
INSTAGRAM_DIR = os.path.join(ROOT, 'examples', 'instagram')
PYTHON = '/usr/bin/python3'

CORPUS_RE = re.compile(r'^\d\d_[A-Za-z0-9_]+\.py$')
RAW_MARKER = '# unit: raw'
FIXED_NOW = (2024, 1, 15, 12, 0, 0)

# django.contrib.auth.hashers.get_random_string(length) returns the first `length` characters
# of this text repeated: PBKDF2 salts (22 characters) are 'gramlabgramlabgramlabg', unusable
# passwords are '!' + 40 characters of it.
PINNED_RANDOM = 'gramlab'
PINNED_THREAD_IDENT = 1

SETTINGS = {
    'SECRET_KEY': 'gramlab-differential-oracle',
    'DEBUG': True,
    'INSTALLED_APPS': ['django.contrib.auth', 'django.contrib.contenttypes', 'instagram'],
    'DEFAULT_AUTO_FIELD': 'django.db.models.BigAutoField',
    'USE_TZ': True,
    'TIME_ZONE': 'UTC',
    'AUTH_USER_MODEL': 'instagram.User',
}

ADDRESS_RE = re.compile(r'\b0x[0-9a-fA-F]{6,}\b')

# A corpus file may run on another app than examples/instagram: a line `# app: <dir>` before its
# first statement names an app folder (relative to the repository root) holding models.py,
# settings.py, migrations/NNNN_*.py and fixtures/*.json; the folder's name is the app label.
APP_HEADER_RE = re.compile(r'^#\s*app:\s*(\S+)\s*$')
# The settings an app folder's settings.py may set (the rest are the oracle's).
APP_SETTINGS_KEYS = ('INSTALLED_APPS', 'DEFAULT_AUTO_FIELD', 'USE_TZ', 'TIME_ZONE', 'AUTH_USER_MODEL')


class OracleError(Exception):
    """A problem with the corpus or the oracle, never a Django verdict."""


# --------------------------------------------------------------------------------------------
# Splitting a corpus file into units
# --------------------------------------------------------------------------------------------
def split_units(text, name='<corpus>'):
    """Return [(first_line, unit_text)] for a corpus file's text.

    Every top-level statement of the file (parsed with `ast`) is one unit: the source lines
    from its first line (its first decorator, if any) to its end_lineno, verbatim, without the
    trailing newline. Blank lines and comment-only lines between statements belong to no
    unit. A line `# unit: raw` makes the NEXT line one unit verbatim; that line is hidden from
    `ast` (so it may be a deliberate syntax error)."""
    lines = text.split('\n')
    parse_lines = list(lines)
    units = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == RAW_MARKER:
            if i + 1 >= len(lines) or not lines[i + 1].strip():
                raise OracleError('%s:%d: `%s` must be followed by a non-blank line' % (name, i + 1, RAW_MARKER))
            units.append((i + 2, i + 2, lines[i + 1]))
            parse_lines[i + 1] = ''
            i += 2
        else:
            i += 1
    try:
        tree = ast.parse('\n'.join(parse_lines), filename=name)
    except SyntaxError as e:
        raise OracleError('%s:%s: corpus file does not parse (%s); mark deliberate syntax errors '
                          'with a `%s` line' % (name, e.lineno, e.msg, RAW_MARKER))
    for node in tree.body:
        first = node.lineno
        for deco in getattr(node, 'decorator_list', []):
            first = min(first, deco.lineno)
        if node.col_offset != 0:
            raise OracleError('%s:%d: two statements share a line (write one statement per unit)'
                              % (name, node.lineno))
        units.append((first, node.end_lineno, '\n'.join(lines[first - 1:node.end_lineno])))
    units.sort()
    for (a_first, a_last, _), (b_first, _, _) in zip(units, units[1:]):
        if b_first <= a_last:
            raise OracleError('%s:%d: two statements share a line (write one statement per unit)'
                              % (name, b_first))
    return [(first, text) for first, _, text in units]


# --------------------------------------------------------------------------------------------
# Child mode: one corpus file, in its own process, cwd = the throwaway project.
# --------------------------------------------------------------------------------------------
def json_param(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):     # executemany: one list of params per row
        return [json_param(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_param(v) for k, v in value.items()}
    return str(value)


def exception_line(exc):
    """(type, message, syntax_position_or_None) as the last line of the console's traceback
    shows them: `T: M`, split at the first ': '."""
    lines = traceback.format_exception_only(type(exc), exc)
    if isinstance(exc, SyntaxError):
        # '  File "<console>", line 1', the source line, the caret line, then 'SyntaxError: ...'
        final = [l for l in lines if not l.startswith(' ')][0]
    else:
        final = lines[0]     # 'T: M\n' (M may contain newlines); exception notes would follow
    final = final[:-1] if final.endswith('\n') else final
    if ': ' in final:
        etype, message = final.split(': ', 1)
    else:
        etype, message = final, ''
    return etype, message


def shell_child(corpus_path, out_path, proj):
    import datetime

    sys.path.insert(0, proj)
    os.chdir(proj)
    os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'
    import types
    import django
    from django.utils import timezone

    # Savepoint names are "s<thread ident>_x<n>" (BaseDatabaseWrapper.savepoint); the thread
    # ident is a memory-address-like number that changes every run, so it is pinned to 1:
    # the first savepoint of the session is "s1_x1". Done before any connection exists (the
    # wrapper remembers the ident of the thread that created it).
    from django.db.backends.base import base as backend_base
    backend_base._thread = types.SimpleNamespace(get_ident=lambda: PINNED_THREAD_IDENT)

    fixed = datetime.datetime(*FIXED_NOW, tzinfo=timezone.utc)   # pytz UTC, repr tzinfo=<UTC>

    def now():
        return fixed
    now.__module__ = 'django.utils.timezone'
    now.__qualname__ = 'now'
    timezone.now = now
    django.setup()

    from django.contrib.auth import hashers

    def pinned_random_string(length, allowed_chars=None):
        return (PINNED_RANDOM * (length // len(PINNED_RANDOM) + 1))[:length]
    hashers.get_random_string = pinned_random_string

    from django.core.management import call_command
    from django.db import connection

    if connection._thread_ident != PINNED_THREAD_IDENT:
        raise OracleError('the database connection was created before the thread ident was pinned')
    call_command('migrate', verbosity=0, interactive=False)
    fixtures = corpus_app(corpus_path).fixture_names()
    if fixtures:
        call_command('loaddata', *fixtures, verbosity=0)

    with open(corpus_path, encoding='utf-8') as f:
        units = split_units(f.read(), os.path.basename(corpus_path))

    # connection.queries_log is the learner's to read and to empty (reset_queries()) across
    # statements, as in a real shell session; each statement's own queries are collected
    # beside it by this deque, which Django's debug cursor appends to.
    class StatementTee(collections.deque):
        current = []

        def append(self, entry):
            super().append(entry)
            StatementTee.current.append(entry)

    connection.queries_log = StatementTee(maxlen=connection.queries_limit)
    namespace = {}      # like manage.py shell's code.interact(local=imported_objects)
    records = []
    real_stdout, real_stderr = sys.stdout, sys.stderr
    for first_line, text in units:
        where = '%s:%d' % (os.path.basename(corpus_path), first_line)
        raw_calls = []

        def wrapper(execute, sql, params, many, context):
            raw_calls.append(params)
            return execute(sql, params, many, context)

        connection.force_debug_cursor = True
        StatementTee.current = []
        out, err = io.StringIO(), io.StringIO()
        error = None
        sys.stdout, sys.stderr = out, err
        try:
            with connection.execute_wrapper(wrapper):
                try:
                    code = compile(text, '<console>', 'single')
                except (SyntaxError, OverflowError, ValueError) as e:
                    code = None
                    error = e
                if code is not None:
                    try:
                        exec(code, namespace)
                    except SystemExit:
                        raise OracleError('%s: the statement called exit()' % where)
                    except Exception as e:
                        error = e
        finally:
            sys.stdout, sys.stderr = real_stdout, real_stderr
        if err.getvalue():
            raise OracleError('%s: the statement wrote to stderr (e.g. a naive-datetime '
                              'RuntimeWarning); the JSON contract has no place for it:\n%s'
                              % (where, err.getvalue()))
        queries = StatementTee.current
        if len(queries) != len(raw_calls):
            raise OracleError('%s: connection.queries has %d entries but execute_wrapper saw %d '
                              'executes' % (where, len(queries), len(raw_calls)))
        rec_error = None
        if error is not None:
            etype, message = exception_line(error)
            rec_error = {'type': etype, 'message': message}
            if isinstance(error, SyntaxError):
                rec_error['line'] = error.lineno
                rec_error['column'] = error.offset
        output = out.getvalue()
        record = {
            'statement': text,
            'output': output if output else None,
            'error': rec_error,
            'queries': [{'sql': q['sql'], 'params': json_param(p) if p is not None else [], 'ms': 0}
                        for q, p in zip(queries, raw_calls)],
        }
        line = json.dumps(record, ensure_ascii=False)
        if ADDRESS_RE.search(line):
            raise OracleError('%s: output contains a memory address: %s' % (where, line))
        if proj in line or tempfile.gettempdir() + os.sep in line:
            raise OracleError('%s: output contains a temporary path: %s' % (where, line))
        records.append(line)

    with open(out_path, 'w', encoding='utf-8', newline='\n') as f:
        for line in records:
            f.write(line + '\n')


# --------------------------------------------------------------------------------------------
# Parent mode
# --------------------------------------------------------------------------------------------
class App:
    """The app a corpus file runs on: its label, folder and Django settings."""

    def __init__(self, label, folder, settings):
        self.label = label
        self.folder = folder
        self.settings = settings

    def fixture_names(self):
        fixtures = os.path.join(self.folder, 'fixtures')
        if not os.path.isdir(fixtures):
            return []
        return sorted(n[:-5] for n in os.listdir(fixtures) if n.endswith('.json'))


def corpus_app(corpus_path):
    """The App named by the corpus file's `# app: <dir>` header (examples/instagram without)."""
    with open(corpus_path, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            if not line.startswith('#'):
                break
            m = APP_HEADER_RE.match(line.strip())
            if m:
                folder = os.path.join(ROOT, m.group(1))
                if not os.path.isfile(os.path.join(folder, 'models.py')):
                    raise OracleError('%s: `# app: %s` names no app folder with a models.py'
                                      % (os.path.basename(corpus_path), m.group(1)))
                label = os.path.basename(os.path.normpath(folder))
                settings = {'SECRET_KEY': SETTINGS['SECRET_KEY'], 'DEBUG': True}
                namespace = {}
                settings_py = os.path.join(folder, 'settings.py')
                if os.path.isfile(settings_py):
                    with open(settings_py, encoding='utf-8') as sf:
                        exec(compile(sf.read(), settings_py, 'exec'), namespace)
                for key in APP_SETTINGS_KEYS:
                    if key in namespace:
                        settings[key] = namespace[key]
                settings.setdefault('INSTALLED_APPS', ['django.contrib.auth', 'django.contrib.contenttypes', label])
                return App(label, folder, settings)
    return App('instagram', INSTAGRAM_DIR, SETTINGS)


def build_project(tmp, app):
    proj = os.path.join(tmp, 'project')
    os.makedirs(os.path.join(proj, 'config'))
    open(os.path.join(proj, 'config', '__init__.py'), 'w').close()
    with open(os.path.join(proj, 'config', 'settings.py'), 'w', encoding='utf-8') as f:
        f.write(django_oracle.settings_py(app.settings))
    dest = os.path.join(proj, app.label)
    os.makedirs(os.path.join(dest, 'migrations'))
    os.makedirs(os.path.join(dest, 'fixtures'))
    open(os.path.join(dest, '__init__.py'), 'w').close()
    open(os.path.join(dest, 'migrations', '__init__.py'), 'w').close()
    shutil.copyfile(os.path.join(app.folder, 'models.py'), os.path.join(dest, 'models.py'))
    migrations = os.path.join(app.folder, 'migrations')
    for name in sorted(os.listdir(migrations)):
        if re.match(r'^\d{4}_\w+\.py$', name):
            shutil.copyfile(os.path.join(migrations, name), os.path.join(dest, 'migrations', name))
    for name in app.fixture_names():
        shutil.copyfile(os.path.join(app.folder, 'fixtures', name + '.json'),
                        os.path.join(dest, 'fixtures', name + '.json'))
    return proj


def run_file(corpus_path, out_path):
    with tempfile.TemporaryDirectory(prefix='gramlab-shell-oracle-') as tmp:
        app = corpus_app(corpus_path)
        proj = build_project(tmp, app)
        result = os.path.join(tmp, 'result.jsonl')
        p = subprocess.run([PYTHON, os.path.abspath(__file__), '--child', corpus_path, result, proj],
                           cwd=proj, env=django_oracle.child_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise OracleError((p.stderr.decode('utf-8') or p.stdout.decode('utf-8')).strip())
        with open(result, encoding='utf-8') as f:
            text = f.read()
    with open(out_path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    records = [json.loads(l) for l in text.splitlines()]
    return (len(records), sum(1 for r in records if r['error']),
            sum(len(r['queries']) for r in records))


def main(argv):
    if len(argv) >= 2 and argv[1] == '--child':
        try:
            shell_child(argv[2], argv[3], argv[4])
        except OracleError as e:
            sys.__stderr__.write('ORACLE ERROR: %s\n' % e)
            return 1
        return 0
    filters = argv[1:]
    names = sorted(n for n in os.listdir(SHELL_DIR) if CORPUS_RE.match(n))
    if filters:
        names = [n for n in names if any(f in n for f in filters)]
    os.makedirs(EXPECTED_DIR, exist_ok=True)
    failures = 0
    total = 0
    for name in names:
        out_path = os.path.join(EXPECTED_DIR, name[:-3] + '.jsonl')
        try:
            units, errors, queries = run_file(os.path.join(SHELL_DIR, name), out_path)
            total += units
            line = '%4d units, %3d errors, %4d queries' % (units, errors, queries)
        except OracleError as e:
            failures += 1
            line = 'ORACLE FAILURE: %s' % e
        print('%-28s %s' % (name, line))
    print('\n%d file(s), %d unit(s) recorded, %d oracle failure(s)' % (len(names) - failures, total, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
