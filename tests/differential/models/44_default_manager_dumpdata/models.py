# dumpdata serializes each model's default manager (the first one declared): a filtering
# manager keeps its hidden rows out of the fixture and out of the many-to-many lists that
# point at them; the ordering its get_queryset() adds is replaced by the pk's.
from django.db import models


class VisibleManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(visible=True)


class PublishedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(published=True).order_by('-title')


class Tag(models.Model):
    name = models.CharField(max_length=30)
    visible = models.BooleanField(default=True)

    objects = VisibleManager()
    all_objects = models.Manager()


class Article(models.Model):
    title = models.CharField(max_length=50)
    published = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, blank=True)

    public = PublishedManager()
    objects = models.Manager()


class Note(models.Model):
    # A plain default manager: every row.
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    text = models.TextField(blank=True)
