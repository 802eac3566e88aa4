from django.db import models
from django.utils import timezone


class Tag(models.Model):
    name = models.CharField(max_length=30)


class Post(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, null=True)
    views = models.IntegerField(max_length=10, default=0)
    created = models.DateTimeField(default=timezone.now())


class Detail(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, unique=True)
    memo = models.TextField(blank=True)
