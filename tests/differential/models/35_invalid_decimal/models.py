from django.db import models


class Price(models.Model):
    amount = models.DecimalField()
    tax = models.DecimalField(max_digits=5, decimal_places=-1)
    fee = models.DecimalField(max_digits=-3, decimal_places=2)
    rate = models.DecimalField(max_digits=3, decimal_places=5)
    total = models.DecimalField(max_digits=10)
