from django.db import models


class Post(models.Model):
    title = models.CharField()
    content = models.TextField()
    writer = models.CharField(max_length='abc')
    code = models.CharField(max_length=-1)
