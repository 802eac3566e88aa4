from django.conf import settings
from django.db import models


class Shop(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=50)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='shops')


class Item(models.Model):
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, to_field='code', db_column='shop_code')
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name='items_sold',
        related_query_name='sold_item',
    )
    buyer = models.ForeignKey('auth.User', on_delete=models.SET_NULL, null=True, blank=True, related_name='+')
    origin = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name='origin_items', db_index=False, null=True)
    name = models.CharField(max_length=50)
