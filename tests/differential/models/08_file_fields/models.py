from django.db import models


class Attachment(models.Model):
    title = models.CharField(max_length=100)
    file = models.FileField(upload_to='uploads/')
    dated_file = models.FileField(upload_to='uploads/%Y/%m/%d/', blank=True)
    photo = models.ImageField(upload_to='photos/', blank=True, null=True)
    avatar = models.ImageField(upload_to='avatars/', max_length=255, default='avatars/default.png')
    plain = models.FileField()
