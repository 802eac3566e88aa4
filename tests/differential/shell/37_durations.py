# 37_durations: date and time arithmetic: F('datetime') +/- timedelta (django_format_dtdelta) in
# filters, updates and annotations (mixed types without output_field), datetime minus datetime
# (django_timestamp_diff, a DurationField read back as a timedelta), in aggregates too; and the
# limits exists() keeps from a slice.
from instagram.models import *
from django.db.models import F, Value, Max, Min, Avg, ExpressionWrapper, DurationField, DateTimeField
import datetime
Post.objects.annotate(later=F('upload_time') + datetime.timedelta(days=1)).values_list('later', flat=True)[:2]
Post.objects.annotate(later=ExpressionWrapper(F('upload_time') + datetime.timedelta(days=1), output_field=DateTimeField())).values_list('later', flat=True)[:2]
Comment.objects.annotate(delay=ExpressionWrapper(F('upload_time') - F('post__upload_time'), output_field=DurationField())).values_list('delay', flat=True)[:3]
Comment.objects.annotate(delay=F('upload_time') - F('post__upload_time')).values_list('id', 'delay')[:3]
Post.objects.filter(upload_time__lt=F('upload_time') + datetime.timedelta(hours=1)).count()
Comment.objects.filter(upload_time__lte=F('post__upload_time') + datetime.timedelta(minutes=30)).values_list('id', flat=True)
Comment.objects.filter(upload_time__gt=F('post__upload_time') - datetime.timedelta(days=-1)).count()
Post.objects.aggregate(span=Max('upload_time') - Min('upload_time'))
Comment.objects.annotate(delay=F('upload_time') - F('post__upload_time')).aggregate(Max('delay'))
print(Post.objects.filter(upload_time__lt=F('upload_time') + datetime.timedelta(hours=1, microseconds=5)).query)
Post.objects.filter(pk=1).update(upload_time=F('upload_time') + datetime.timedelta(days=1, seconds=30))
Post.objects.filter(pk=1).values_list('upload_time', flat=True)
Post.objects.filter(pk=1).update(upload_time=F('upload_time') - datetime.timedelta(days=1, seconds=30))
Post.objects.filter(pk=1).values_list('upload_time', flat=True)
Post.objects.annotate(x=F('upload_time') * datetime.timedelta(days=1)).filter(x__isnull=False).count()
Post.objects.order_by('id').values_list('id', flat=True)[2:4].exists()
Post.objects.order_by('id')[11:].exists()
Post.objects.order_by('id')[12:].exists()
Post.objects.all()[3:3].exists()
Post.objects.annotate(p=F('id') ** 2).values_list('p', flat=True)[:3]
Post.objects.annotate(p=2 ** F('id')).values_list('p', flat=True)[:3]
Post.objects.filter(numOfLike__gt=F('id') ** 2).count()
Post.objects.filter(upload_time__lt=F('upload_time') + datetime.timedelta(days=10**8)).count()
Post.objects.filter(pk=1).update(upload_time=F('upload_time') - datetime.timedelta(days=10**8))
Post.objects.filter(upload_time__date__gt=F('upload_time') - datetime.timedelta(hours=1)).count()
Post.objects.filter(id=9223372036854775807).count()
Post.objects.filter(id__lt=9223372036854775807).count()
Post.objects.filter(id=-9223372036854775808).count()
Post.objects.filter(numOfLike__lt=1000000000000000000).count()
Post.objects.annotate(p=F('id') ** 100).values_list('p', flat=True)[:1]
Post.objects.annotate(p=F('id') * 9223372036854775807).values_list('p', flat=True)[:2]
