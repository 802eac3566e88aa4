from django.conf import settings
from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80)


class Restaurant(models.Model):
    place = models.OneToOneField(Place, on_delete=models.CASCADE, primary_key=True)
    serves_pizza = models.BooleanField(default=False)


class Account(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='account')
    bio = models.TextField(blank=True)


class Manager(models.Model):
    restaurant = models.OneToOneField(Restaurant, on_delete=models.SET_NULL, null=True, blank=True)
    name = models.CharField(max_length=50)
