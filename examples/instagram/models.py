from django.db import models
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager


class UserManager(BaseUserManager):
    def create_user(self, instagram_id, username, password=None):
        if not instagram_id:
            raise ValueError('인스타그램 아이디는 필수입니다')
        user = self.model(
            instagram_id=instagram_id,
            username=username,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user


# 회원
class User(AbstractBaseUser):
    username = models.CharField(max_length=30)
    instagram_id = models.CharField(max_length=30, unique=True)
    is_professional = models.BooleanField(default=False)  # 프로페셔널 계정 여부

    objects = UserManager()

    USERNAME_FIELD = 'instagram_id'

    def __str__(self):
        return self.username


# 프로필
class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    profile_picture = models.ImageField(upload_to='profile/', blank=True)
    profile_name = models.CharField(max_length=30)
    profile_website = models.URLField(blank=True)
    profile_info = models.TextField(blank=True)

    def __str__(self):
        return f'{self.user.username}의 프로필'


# 게시물
class Post(models.Model):
    post_author = models.ForeignKey(User, on_delete=models.CASCADE, related_name='posts')
    location = models.CharField(max_length=100)
    numOfLike = models.IntegerField(default=0)
    post_content = models.TextField()
    is_comment = models.BooleanField(default=True)  # 댓글 허용 여부
    upload_time = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-upload_time']

    def __str__(self):
        return f'{self.post_author} - {self.post_content[:20]}'


# 게시물 사진
class Image(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name='images')
    img_url = models.URLField()

    def __str__(self):
        return self.img_url


# 댓글
class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    comment_author = models.ForeignKey(User, on_delete=models.CASCADE)
    comment_content = models.TextField()
    upload_time = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f'{self.comment_author}: {self.comment_content}'


# 스토리
class Story(models.Model):
    story_author = models.ForeignKey(User, on_delete=models.CASCADE)
    story_content = models.TextField()
    upload_time = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.story_content
