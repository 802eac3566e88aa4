from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        verbose_name_plural = 'categories'
        ordering = ['name']


class Tag(models.Model):
    name = models.CharField(max_length=20, unique=True)


class Post(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)
    tags = models.ManyToManyField(Tag, blank=True)

    class Meta:
        ordering = ['-created']
        db_table = 'blog_posts'
        unique_together = [['category', 'title']]
        indexes = [models.Index(fields=['title'], name='post_title_idx')]
        constraints = [models.CheckConstraint(check=~models.Q(title=''), name='post_title_not_empty')]
