from django.db import models


class Writer(models.Model):
    name = models.CharField(max_length=50)


class Article(models.Model):
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
