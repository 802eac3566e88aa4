from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ['-created_at']


class Owned(models.Model):
    owner_name = models.CharField(max_length=50)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True


class Post(TimeStampedModel):
    title = models.CharField(max_length=100)


class Comment(TimeStampedModel, Owned):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name='%(class)s_set_custom')
    text = models.TextField()

    class Meta(TimeStampedModel.Meta):
        verbose_name = 'comment'


class Like(Owned):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
