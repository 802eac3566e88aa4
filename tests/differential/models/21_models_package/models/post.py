from django.db import models

from .user import Profile


class Post(models.Model):
    writer = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name='posts')
    title = models.CharField(max_length=100)


class Comment(models.Model):
    post = models.ForeignKey('Post', on_delete=models.CASCADE)
    writer = models.ForeignKey('app.Profile', on_delete=models.CASCADE)
    text = models.CharField(max_length=300)
