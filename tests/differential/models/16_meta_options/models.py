from django.db import models


class Author(models.Model):
    first_name = models.CharField(max_length=30)
    last_name = models.CharField(max_length=30)
    born = models.DateField(null=True)

    class Meta:
        db_table = 'authors'
        ordering = ['last_name', 'first_name']
        verbose_name = 'writer'
        verbose_name_plural = 'writers'
        unique_together = ['first_name', 'last_name']


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    edition = models.IntegerField(default=1)
    published = models.DateField()

    class Meta:
        ordering = ('-published', 'title')
        unique_together = (('author', 'title', 'edition'), ('title', 'published'))
        index_together = [['title', 'published']]
        get_latest_by = 'published'
        verbose_name = '책'
        verbose_name_plural = '책 목록'
