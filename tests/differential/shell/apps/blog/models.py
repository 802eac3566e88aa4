# 블로그 예제: null=True인 ForeignKey (역참조 매니저의 add/remove/clear/set), ManyToManyField
from django.db import models


class Writer(models.Model):
    name = models.CharField(max_length=30, unique=True)

    def __str__(self):
        return self.name


class Article(models.Model):
    writer = models.ForeignKey(Writer, on_delete=models.SET_NULL, null=True, blank=True, related_name='articles')
    title = models.CharField(max_length=50)
    likes = models.ManyToManyField(Writer, related_name='liked_articles', blank=True)

    def __str__(self):
        return self.title


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True)
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name='comments')
    text = models.CharField(max_length=100)

    def __str__(self):
        return f'{self.writer_id}: {self.text}'
