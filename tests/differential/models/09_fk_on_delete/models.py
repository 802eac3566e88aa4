from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Publisher(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT)
    editor = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True, blank=True, related_name='edited_books')
    translator = models.ForeignKey(Author, on_delete=models.SET_DEFAULT, default=1, related_name='translated_books')
    reviewer = models.ForeignKey(Author, on_delete=models.DO_NOTHING, related_name='reviewed_books')
    printer = models.ForeignKey(Publisher, on_delete=models.RESTRICT, related_name='printed_books')
