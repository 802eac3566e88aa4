from django.db import models


class Contact(models.Model):
    name = models.CharField(max_length=100, db_index=True)
    nickname = models.CharField(max_length=30, unique=True)
    email = models.EmailField()
    backup_email = models.EmailField(max_length=100, blank=True, null=True)
    homepage = models.URLField(blank=True)
    blog = models.URLField(max_length=500, default='https://example.com')
    slug = models.SlugField()
    slug_unique = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    ip = models.GenericIPAddressField()
    ipv4 = models.GenericIPAddressField(protocol='IPv4', null=True, blank=True)
    memo = models.TextField(blank=True, default='')
    phone = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return f'{self.name} <{self.email}>'
