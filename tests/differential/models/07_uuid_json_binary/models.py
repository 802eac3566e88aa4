import uuid

from django.db import models


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=100)
    data = models.JSONField(default=dict)
    tags = models.JSONField(default=list, blank=True)
    extra = models.JSONField(null=True, blank=True)
    raw = models.BinaryField()
    thumbnail = models.BinaryField(null=True, blank=True, editable=True)


class Token(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE)
