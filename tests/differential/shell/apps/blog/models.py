# 블로그 예제: null=True인 ForeignKey (역참조 매니저의 add/remove/clear/set), ManyToManyField
from django.db import models


class Writer(models.Model):
    name = models.CharField(max_length=30, unique=True)

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def titled(self, prefix):
        return self.filter(title__startswith=prefix)

    def by(self, name):
        return self.filter(writer__name=name)

    def _helper(self):
        return self.none()


class WithWriterManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(writer__isnull=False)

    def named(self, name):
        return self.get_queryset().filter(writer__name=name)


class Article(models.Model):
    writer = models.ForeignKey(Writer, on_delete=models.SET_NULL, null=True, blank=True, related_name='articles')
    title = models.CharField(max_length=50)
    likes = models.ManyToManyField(Writer, related_name='liked_articles', blank=True)

    objects = models.Manager()
    with_writer = WithWriterManager()
    items = ArticleQuerySet.as_manager()
    mixed = WithWriterManager.from_queryset(ArticleQuerySet)()

    def __str__(self):
        return self.title


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True)
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name='comments')
    text = models.CharField(max_length=100)

    def __str__(self):
        return f'{self.writer_id}: {self.text}'
