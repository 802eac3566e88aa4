from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Article(models.Model):
    writer = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
