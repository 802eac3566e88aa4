# 소셜 기능 예제: 좋아요, 태그, 팔로우, 친구 (ManyToManyField)
from django.db import models


class User(models.Model):
    username = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=50)
    follows = models.ManyToManyField('self', symmetrical=False, related_name='followers', blank=True)
    friends = models.ManyToManyField('self', blank=True)

    def __str__(self):
        return self.username


class Post(models.Model):
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name='posts')
    post_content = models.TextField()
    likes = models.ManyToManyField(User, related_name='liked_posts', blank=True)

    def __str__(self):
        return self.post_content


class Tag(models.Model):
    name = models.CharField(max_length=20, unique=True)
    posts = models.ManyToManyField(Post, related_name='tags', related_query_name='tag', blank=True)

    class Meta:
        ordering = ['name']

    def __str__(self):
        return self.name


class Group(models.Model):
    name = models.CharField(max_length=30)
    members = models.ManyToManyField(User, through='Membership', related_name='member_groups')

    def __str__(self):
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default='회원')
    joined = models.DateTimeField(auto_now_add=True)
