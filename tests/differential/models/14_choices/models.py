from django.db import models


class Student(models.Model):
    FRESHMAN = 'FR'
    SOPHOMORE = 'SO'
    YEAR_IN_SCHOOL_CHOICES = [
        (FRESHMAN, 'Freshman'),
        (SOPHOMORE, 'Sophomore'),
        ('JR', 'Junior'),
        ('SR', 'Senior'),
    ]

    class Grade(models.TextChoices):
        A = 'A', 'Excellent'
        B = 'B', 'Good'
        C = 'C'

    class Level(models.IntegerChoices):
        LOW = 1
        MID = 2, 'Middle'
        HIGH = 3, '높음'

    year = models.CharField(max_length=2, choices=YEAR_IN_SCHOOL_CHOICES, default=FRESHMAN)
    grade = models.CharField(max_length=1, choices=Grade.choices, blank=True)
    level = models.IntegerField(choices=Level.choices, default=Level.LOW)
    gender = models.CharField(max_length=1, choices=(('M', '남성'), ('F', '여성')))
    media = models.CharField(max_length=10, choices=[
        ('Audio', (('vinyl', 'Vinyl'), ('cd', 'CD'))),
        ('Video', (('vhs', 'VHS Tape'), ('dvd', 'DVD'))),
        ('unknown', 'Unknown'),
    ], default='unknown')
