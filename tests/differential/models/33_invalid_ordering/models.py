from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    upload_time = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-created_at', 'title']


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)

    class Meta:
        ordering = '-id'
