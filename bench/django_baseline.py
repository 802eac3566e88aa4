#!/usr/bin/python3
"""Baseline (c) of the gramlab benchmark: real Django 3.2 running the benchmark statements.

Run with Debian's python, which has Django 3.2.25 installed (not a pyenv python3 on PATH):

    /usr/bin/python3 bench/django_baseline.py --database .cache/bench/instagram-....sqlite3
    /usr/bin/python3 bench/django_baseline.py --database DB --sql     # the SQL each case runs

It builds a throwaway Django project in a temporary directory (as scripts/django_oracle.py
does): examples/instagram/models.py is copied into an app called `instagram`, and the
settings are those of examples/instagram/settings.py (USE_TZ=True, UTC, BigAutoField,
AUTH_USER_MODEL='instagram.User') with DEBUG=False, so connection.queries is not recorded
while timing. The database is the generated dataset file, opened by Django's own SQLite
backend; nothing is written to it.

Each case is the exact statement text a learner would type into `manage.py shell` (the
same text gramlab's shell will be given). Every call does what the interactive console does
with a line: compile(text, '<console>', 'single') and exec() in a namespace that holds the
models and Count and persists across calls, so the time is the statement end to end (parse,
QuerySet, SQL compiler, sqlite3 module, model instances). Statements assign their result
(`posts = list(...)`), so nothing is echoed: Post.__str__ would run one query per row to
print post_author.

Timing: timeit with a per-round iteration count calibrated so one round lasts about
--min-time seconds; --rounds rounds; the reported per-call time is the median round.
Output (stdout): one JSON object; --sql prints, per case, the SQL Django sent to SQLite
(with ? placeholders, as the sqlite3 module receives it), its parameters and the number of
queries (must be 1), plus connection.queries as Django logs it.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTAGRAM_DIR = os.path.join(ROOT, 'examples', 'instagram')

# The dataset's fixed parameters (bench/make_dataset.cpp documents why these ids):
#   post 50000 exists; user 42 is one of the "power users" with ~200 posts.
# Keep in sync with kCases in bench/cases.hpp; bench/run.sh checks that the statements, SQL
# and parameters are identical on both sides before it reports anything.
CASES = [
    ('pk_lookup', "p = Post.objects.get(pk=50000)"),
    ('fk_filter_order_slice',
     "posts = list(Post.objects.filter(post_author_id=42).order_by('-upload_time')[:20])"),
    ('select_related_page', "posts = list(Post.objects.select_related('post_author')[:20])"),
    ('annotate_count', "posts = list(Post.objects.annotate(n=Count('comment'))[:20])"),
    ('filtered_count', "n = Comment.objects.filter(post__post_author_id=42).count()"),
]


def setup_django(database, tmp):
    """A temporary project with the instagram app; returns the statement namespace."""
    app_dir = os.path.join(tmp, 'instagram')
    os.makedirs(os.path.join(app_dir, 'migrations'))
    for name in ('__init__.py', os.path.join('migrations', '__init__.py')):
        open(os.path.join(app_dir, name), 'w').close()
    shutil.copyfile(os.path.join(INSTAGRAM_DIR, 'models.py'), os.path.join(app_dir, 'models.py'))
    sys.path.insert(0, tmp)

    import django
    from django.conf import settings
    settings.configure(
        SECRET_KEY='gramlab-bench',
        DEBUG=False,
        INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'instagram'],
        DEFAULT_AUTO_FIELD='django.db.models.BigAutoField',
        TIME_ZONE='UTC',
        USE_TZ=True,
        AUTH_USER_MODEL='instagram.User',
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': database}},
    )
    django.setup()
    from django.db.models import Count, Q, F
    from instagram.models import User, Profile, Post, Image, Comment, Story
    return {'Count': Count, 'Q': Q, 'F': F, 'User': User, 'Profile': Profile, 'Post': Post,
            'Image': Image, 'Comment': Comment, 'Story': Story}


def capture_sql(namespace):
    """Per case: the SQL and parameters as handed to the sqlite3 module, and connection.queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for name, stmt in CASES:
        code = compile(stmt, '<console>', 'single')
        sent = []

        def wrapper(execute, sql, params, many, context):
            sent.append({'sql': sql.replace('%s', '?'), 'params': list(params or ())})
            return execute(sql, params, many, context)

        error = None
        with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(wrapper):
            try:
                exec(code, dict(namespace))
            except Exception as e:  # e.g. DoesNotExist on an empty database: the SQL still counts
                error = '%s: %s' % (type(e).__name__, e)
        out[name] = {
            'statement': stmt,
            'queries': len(ctx.captured_queries),
            'sql': sent[0]['sql'] if sent else None,
            'params': sent[0]['params'] if sent else None,
            'connection_queries': [q['sql'] for q in ctx.captured_queries],
            'error': error,
        }
    return out


def time_case(stmt, namespace, min_time, rounds):
    # What code.InteractiveConsole (manage.py shell) does with one statement: compile it in
    # 'single' mode, then exec it in the session's namespace (kept across statements).
    ns = dict(namespace)
    timer = timeit.Timer(stmt="exec(compile(source, '<console>', 'single'), ns)",
                         globals={'source': stmt, 'ns': ns})
    timer.timeit(number=3)  # warm-up: connection opened, sqlite3 statement cache filled
    number = 1
    while True:  # calibrate like timeit.autorange, to about min_time per round
        t = timer.timeit(number=number)
        if t >= min_time:
            break
        number = max(number * 2, int(number * min_time / max(t, 1e-9) * 1.1))
    totals = timer.repeat(repeat=rounds, number=number)
    per_call = [t / number * 1e6 for t in totals]
    return {'us_median': statistics.median(per_call), 'us_min': min(per_call),
            'us_max': max(per_call), 'iterations_per_round': number, 'rounds': rounds}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--database', required=True, help='the dataset file made by bench/make_dataset')
    ap.add_argument('--sql', action='store_true', help='print the SQL of each case instead of timing')
    ap.add_argument('--min-time', type=float, default=0.25, help='seconds per round (default 0.25)')
    ap.add_argument('--rounds', type=int, default=7, help='rounds per case; the median is reported')
    ap.add_argument('--filter', default='', help='only cases whose name contains this')
    args = ap.parse_args()
    database = os.path.abspath(args.database)
    if not os.path.isfile(database):
        ap.error('no such database: %s' % database)

    with tempfile.TemporaryDirectory(prefix='gramlab-bench-django-') as tmp:
        namespace = setup_django(database, tmp)
        import django
        import sqlite3
        if args.sql:
            print(json.dumps(capture_sql(namespace), ensure_ascii=False, indent=2))
            return 0
        results = {}
        for name, stmt in CASES:
            if args.filter and args.filter not in name:
                continue
            results[name] = dict(statement=stmt, **time_case(stmt, namespace, args.min_time, args.rounds))
            print('django_baseline: %-24s %10.1f us' % (name, results[name]['us_median']), file=sys.stderr)
        print(json.dumps({
            'django': django.get_version(),
            'python': platform.python_version(),
            'python_executable': sys.executable,
            'sqlite': sqlite3.sqlite_version,
            'database': database,
            'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
            'cases': results,
        }, ensure_ascii=False, indent=2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
