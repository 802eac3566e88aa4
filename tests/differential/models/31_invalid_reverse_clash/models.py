from django.db import models


class User(models.Model):
    name = models.CharField(max_length=30)


class Message(models.Model):
    sender = models.ForeignKey(User, on_delete=models.CASCADE)
    receiver = models.ForeignKey(User, on_delete=models.CASCADE)
    text = models.TextField()


class Mail(models.Model):
    from_user = models.ForeignKey(User, on_delete=models.CASCADE, related_name='mails')
    to_user = models.ForeignKey(User, on_delete=models.CASCADE, related_name='mails')


class Badge(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name='name')
