import datetime

from django.db import models
from django.utils import timezone


class Event(models.Model):
    title = models.CharField(max_length=100)
    day = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    duration = models.DurationField(default=datetime.timedelta(hours=1))
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    published = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    birthday = models.DateField(auto_now_add=True)
    opened_on = models.DateField(default=datetime.date.today)

    class Meta:
        ordering = ['day', '-start_time']
