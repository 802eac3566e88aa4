from django.db import models


class Customer(models.Model):
    first_name = models.CharField(max_length=50)
    last_name = models.CharField(max_length=50)
    email = models.EmailField()
    age = models.IntegerField()
    joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=['last_name', 'first_name'], name='customer_name_idx'),
            models.Index(fields=['-joined'], name='customer_joined_idx'),
            models.Index(fields=['email']),
        ]
        constraints = [
            models.UniqueConstraint(fields=['email'], name='unique_customer_email'),
            models.CheckConstraint(check=models.Q(age__gte=18), name='customer_age_gte_18'),
        ]


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    number = models.IntegerField()
    status = models.CharField(max_length=10, default='new')
    amount = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=['customer', 'number'], name='unique_order_per_customer'),
            models.CheckConstraint(check=models.Q(amount__gt=0), name='order_amount_positive'),
            models.UniqueConstraint(fields=['customer'], condition=models.Q(status='new'), name='one_new_order'),
        ]
