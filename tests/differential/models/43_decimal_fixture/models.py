# 가격이 있는 상품: DecimalField를 fixture로 읽고(loaddata) 다시 쓰기(dumpdata)
from decimal import Decimal

from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    discount = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    shipping = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal('3.00'))
    weight = models.FloatField(default=0)
