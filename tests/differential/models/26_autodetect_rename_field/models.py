from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    numOfLike = models.IntegerField(default=0)
    writer = models.CharField(max_length=30)
