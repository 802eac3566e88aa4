from django.db import models


class Country(models.Model):
    id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=60)


class City(models.Model):
    id = models.BigAutoField(primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.CASCADE)
    name = models.CharField(max_length=60)


class Tag(models.Model):
    tag_id = models.SmallAutoField(primary_key=True)
    label = models.CharField(max_length=20)


class Note(models.Model):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    body = models.TextField()


class Code(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
    description = models.TextField(blank=True)


class CodeUse(models.Model):
    code = models.ForeignKey(Code, on_delete=models.CASCADE)
    number = models.IntegerField(primary_key=True)
