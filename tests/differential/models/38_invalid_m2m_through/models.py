from django.db import models


class Student(models.Model):
    name = models.CharField(max_length=30)


class Course(models.Model):
    title = models.CharField(max_length=50)
    students = models.ManyToManyField(Student, through='Enrollment')
    tutors = models.ManyToManyField(Student, related_name='tutored_courses')


class CourseTutors(models.Model):
    note = models.TextField()

    class Meta:
        db_table = 'app_course_tutors'
