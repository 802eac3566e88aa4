from django.db import models


class Setting(models.Model):
    name = models.CharField(max_length=50)
    enabled = models.BooleanField()
    is_public = models.BooleanField(default=True)
    is_deleted = models.BooleanField(default=False)
    agreed = models.BooleanField(null=True)
    verified = models.BooleanField(null=True, blank=True, default=None)
    is_staff_only = models.BooleanField('staff only', default=False, help_text='Only staff can see it')
