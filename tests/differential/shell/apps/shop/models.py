# shop/models.py — 가격(DecimalField)을 다루는 작은 쇼핑몰 앱
from decimal import Decimal

from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name='products')
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    discount = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    shipping = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal('3.00'))
    weight = models.FloatField(default=0)
    stock = models.IntegerField(default=0)

    def __str__(self):
        return self.name

    def sale_price(self):
        if self.discount is None:
            return self.price
        return (self.price * (1 - self.discount)).quantize(Decimal('0.01'))


class VisibleManager(models.Manager):
    """숨긴 리뷰는 빼고 보여 주는 기본 매니저."""

    def get_queryset(self):
        return super().get_queryset().filter(hidden=False)

    def best(self):
        return self.get_queryset().order_by('-stars').first()


class ForgetfulManager(models.Manager):
    def get_queryset(self):
        super().get_queryset().filter(stars__gte=4)  # return을 빠뜨린 실수


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name='reviews')
    stars = models.IntegerField()
    text = models.CharField(max_length=200)
    hidden = models.BooleanField(default=False)

    objects = VisibleManager()
    all_reviews = models.Manager()
    forgetful = ForgetfulManager()

    def __str__(self):
        return f'{self.product_id}: {self.text}'


class TagQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Tag(models.Model):
    name = models.CharField(max_length=20)
    products = models.ManyToManyField(Product, related_name='tags')
    active = models.BooleanField(default=True)

    objects = TagQuerySet.as_manager()

    def __str__(self):
        return self.name
