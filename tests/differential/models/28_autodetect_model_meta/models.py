from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)


class Obsolete(models.Model):
    value = models.IntegerField()
