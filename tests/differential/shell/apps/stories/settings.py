# settings.py (필요한 부분만)

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'stories',
]

DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

TIME_ZONE = 'UTC'

USE_TZ = True
