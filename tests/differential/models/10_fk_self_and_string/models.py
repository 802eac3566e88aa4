from django.db import models


class Employee(models.Model):
    name = models.CharField(max_length=50)
    manager = models.ForeignKey('self', on_delete=models.SET_NULL, null=True, blank=True)
    department = models.ForeignKey('Department', on_delete=models.CASCADE)
    office = models.ForeignKey('app.Office', on_delete=models.CASCADE, null=True)


class Department(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey('app.Department', on_delete=models.CASCADE, null=True, blank=True, related_name='children')


class Office(models.Model):
    city = models.CharField(max_length=50)
