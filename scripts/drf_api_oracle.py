#!/usr/bin/python3
"""Record what real Django 3.2 + Django REST framework 3.14 answer for the deploy simulator's app.

Run with Debian's python (python3-django, python3-djangorestframework):

    /usr/bin/python3 scripts/drf_api_oracle.py    # rewrites tests/deploy_drf/expected.json

The simulated web container answers GET /api/posts/ and /api/posts/<pk>/ through gramlab's ORM
over the deployed models.py (core/deploy/django_app.cpp). This script builds the same app with
the real tools in a temporary directory: app `instagram` = examples/instagram (models.py, its
migration 0001_initial and the instagram fixture), a ModelSerializer with fields='__all__', a
ListAPIView and a RetrieveAPIView (tests/deploy_drf/views.py and urls.py), DEBUG=False,
USE_TZ=True, TIME_ZONE='UTC', and the JSON renderer only. It records, for each request, the
status, Content-Type and body, first before `migrate` (no tables: Django's 500 page) and then
after `migrate` + `loaddata instagram`. tests/unit/deploy_django_app_test.cpp compares gramlab's
answers with that file. Running it twice gives the same file.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRF_DIR = os.path.join(ROOT, 'tests', 'deploy_drf')
INSTAGRAM_DIR = os.path.join(ROOT, 'examples', 'instagram')
OUT = os.path.join(DRF_DIR, 'expected.json')

SETTINGS = '''
SECRET_KEY = "oracle"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework", "instagram"]
AUTH_USER_MODEL = "instagram.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
USE_TZ = True
TIME_ZONE = "UTC"
MIDDLEWARE = []
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
'''

REQUESTS = ['/api/posts/', '/api/posts/3/', '/api/posts/999/', '/api/nothing/']

CHILD = r'''
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
django.setup()
from django.core.management import call_command
from django.test import Client

def record(label):
    c = Client(raise_request_exception=False)
    out = []
    for path in %r:
        r = c.get(path)
        out.append({"request": "GET " + path, "phase": label, "status": r.status_code,
                    "content_type": r["Content-Type"], "body": r.content.decode("utf-8")})
    return out

results = record("before migrate")
call_command("migrate", verbosity=0)
call_command("loaddata", "instagram", verbosity=0)
results += record("after migrate and loaddata")
json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
''' % (REQUESTS,)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = os.path.join(tmp, 'instagram')
        os.makedirs(os.path.join(app, 'migrations'))
        os.makedirs(os.path.join(app, 'fixtures'))
        shutil.copy(os.path.join(INSTAGRAM_DIR, 'models.py'), app)
        for name in ('__init__.py', '0001_initial.py'):
            shutil.copy(os.path.join(INSTAGRAM_DIR, 'migrations', name), os.path.join(app, 'migrations'))
        shutil.copy(os.path.join(INSTAGRAM_DIR, 'fixtures', 'instagram.json'), os.path.join(app, 'fixtures'))
        open(os.path.join(app, '__init__.py'), 'w').close()
        shutil.copy(os.path.join(DRF_DIR, 'views.py'), app)
        shutil.copy(os.path.join(DRF_DIR, 'urls.py'), tmp)
        with open(os.path.join(tmp, 'settings.py'), 'w') as f:
            f.write(SETTINGS)
        env = dict(os.environ, PYTHONHASHSEED='0', PYTHONPATH=tmp)
        out = subprocess.run(['/usr/bin/python3', '-c', CHILD], cwd=tmp, env=env, check=True,
                             capture_output=True, text=True).stdout
    data = json.loads(out)
    with open(OUT, 'w') as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print('wrote %s (%d responses)' % (os.path.relpath(OUT, ROOT), len(data)))


if __name__ == '__main__':
    sys.exit(main())
