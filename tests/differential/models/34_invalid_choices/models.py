from django.db import models


class Post(models.Model):
    status = models.CharField(max_length=10, choices='draft')
    kind = models.CharField(max_length=10, choices=['news', 'notice'])
    level = models.IntegerField(choices=[(1, 'low'), (2, 'high')])
    color = models.CharField(max_length=3, choices=[('red', 'Red'), ('green', 'Green')])
