from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=50)
    price = models.IntegerField()
    description = models.TextField(blank=True)
    old_code = models.CharField(max_length=10)
    stock = models.IntegerField(null=True)


class Coupon(models.Model):
    code = models.CharField(max_length=20)
