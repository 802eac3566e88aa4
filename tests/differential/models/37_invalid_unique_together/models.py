from django.db import models


class Enrollment(models.Model):
    student = models.CharField(max_length=30)
    course = models.CharField(max_length=30)

    class Meta:
        unique_together = [['student', 'lecture']]
        indexes = [models.Index(fields=['semester'], name='enroll_semester_idx')]
