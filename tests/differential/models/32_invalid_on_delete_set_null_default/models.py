from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    category = models.ForeignKey(Category, on_delete=models.SET_NULL)
    backup_category = models.ForeignKey(Category, on_delete=models.SET_DEFAULT, related_name='backup_posts')
    title = models.CharField(max_length=100)
