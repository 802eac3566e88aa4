from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100, unique=True)
    price = models.DecimalField(max_digits=10, decimal_places=0)
    description = models.TextField(blank=True, default='')
    stock = models.IntegerField()
