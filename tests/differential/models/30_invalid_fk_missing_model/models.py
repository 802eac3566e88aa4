from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    category = models.ForeignKey('Category', on_delete=models.CASCADE)
    writer = models.ForeignKey('accounts.User', on_delete=models.CASCADE)
