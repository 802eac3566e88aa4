from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80)


class Restaurant(Place):
    serves_hot_dogs = models.BooleanField(default=False)
    serves_pizza = models.BooleanField(default=False)


class Cafe(Place):
    place_ptr = models.OneToOneField(Place, on_delete=models.CASCADE, parent_link=True, primary_key=True)
    has_wifi = models.BooleanField(default=True)


class OpenPlace(Place):
    class Meta:
        proxy = True
        ordering = ['name']


class PublishedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(address__isnull=False)


class NamedPlace(Place):
    published = PublishedManager()

    class Meta:
        proxy = True
