from decimal import Decimal

from django.db import models


class Product(models.Model):
    stock = models.IntegerField()
    rating = models.SmallIntegerField(default=0)
    views = models.BigIntegerField(default=0)
    quantity = models.PositiveIntegerField(default=1)
    priority = models.PositiveSmallIntegerField(null=True, blank=True)
    total_sold = models.PositiveBigIntegerField(default=0)
    weight = models.FloatField(null=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    discount = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal('0.00'))
    tax_rate = models.DecimalField(max_digits=4, decimal_places=3, default=0.1)

    def __str__(self):
        return f'{self.stock} @ {self.price}'
