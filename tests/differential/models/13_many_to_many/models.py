from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=30)


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField('self', blank=True)
    following = models.ManyToManyField('self', symmetrical=False, related_name='followers', blank=True)


class Group(models.Model):
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Person, through='Membership', related_name='member_groups')
    tags = models.ManyToManyField(Tag)


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    date_joined = models.DateField()
    invite_reason = models.CharField(max_length=64, blank=True)


class Article(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, related_name='articles', db_table='article_tag_map', blank=True)
