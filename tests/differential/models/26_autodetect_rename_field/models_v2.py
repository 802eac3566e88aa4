from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    like_count = models.IntegerField(default=0)
    author_name = models.CharField(max_length=30)
