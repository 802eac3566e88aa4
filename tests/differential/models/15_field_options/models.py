import uuid

from django.db import models


def default_title():
    return 'untitled'


class Article(models.Model):
    title = models.CharField('article title', max_length=100, default=default_title)
    subtitle = models.CharField(max_length=100, verbose_name='sub title', help_text='Shown under the title')
    body = models.TextField(db_column='content_body')
    code = models.CharField(max_length=36, default=uuid.uuid4, editable=False, unique=True)
    score = models.IntegerField(default=0, editable=False, db_index=True)
    summary = models.CharField(max_length=200, null=True, blank=True)
    note = models.TextField(blank=True, default='N/A')
    views = models.IntegerField('조회수', default=0, help_text='몇 번 봤는지')
    ratio = models.FloatField(default=0.5, blank=True)
    legacy_id = models.IntegerField(db_column='LegacyID', unique=True, null=True)
