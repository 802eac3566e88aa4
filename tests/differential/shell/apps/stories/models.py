# 스토리 예제: choices가 있는 필드(get_FOO_display), 날짜 순서(get_next_by_FOO)
from django.db import models

VISIBILITY_CHOICES = [
    ('public', '전체 공개'),
    ('friends', '친한 친구'),
    ('숨김', (
        ('private', '나만 보기'),
        ('archived', '보관됨'),
    )),
]


class Color(models.TextChoices):
    RED = 'red', '빨강'
    GREEN = 'green', '초록'
    DARK_BLUE = 'dark_blue'


class Author(models.Model):
    name = models.CharField(max_length=30)

    def __str__(self):
        return self.name


class Story(models.Model):
    MOOD_CHOICES = (
        (1, '😀 좋음'),
        (2, '😐 보통'),
        (3, '😢 나쁨'),
    )
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name='stories')
    caption = models.CharField(max_length=20, blank=True)
    visibility = models.CharField(max_length=10, choices=VISIBILITY_CHOICES, default='public')
    mood = models.IntegerField(choices=MOOD_CHOICES, null=True, blank=True)
    posted_at = models.DateTimeField()
    expires_on = models.DateField(null=True, blank=True)
    view_count = models.IntegerField(default=0)

    class Meta:
        ordering = ['-posted_at']

    def __str__(self):
        return self.caption or '(사진만)'


class Highlight(models.Model):
    class Kind(models.TextChoices):
        DAILY = 'daily', '일상'
        TRAVEL = 'travel', '여행'
        FOOD = 'food'
        __empty__ = '(선택 안 함)'

    class Priority(models.IntegerChoices):
        LOW = 1, '낮음'
        NORMAL = 2, '보통'
        HIGH = 3

    title = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DAILY)
    priority = models.IntegerField(choices=Priority.choices, default=Priority.NORMAL)
    color = models.CharField(max_length=10, choices=Color.choices, blank=True)
    stories = models.ManyToManyField(Story, related_name='highlights', blank=True)

    def __str__(self):
        return self.title
