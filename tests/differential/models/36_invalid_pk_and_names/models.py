from django.db import models


class Member(models.Model):
    code = models.CharField(max_length=10, primary_key=True, null=True)
    name_ = models.CharField(max_length=30)
    first__name = models.CharField(max_length=30)


class Ticket(models.Model):
    id = models.IntegerField()
    title = models.CharField(max_length=50)
