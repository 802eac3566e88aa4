# app: tests/differential/shell/apps/blog
# 17_distinct_on: distinct(*fields) is DISTINCT ON, which Django's SQLite backend refuses when
# the SQL is made (NotSupportedError), after resolving the names (FieldError) and unless the
# query matches nothing; distinct() without fields works.
from blog.models import *
from django.db.models import Count
Article.objects.distinct('title')
qs = Article.objects.distinct('title')
qs.count()
list(qs)
print(qs.query)
qs.exists()
len(qs)
Article.objects.order_by('title').distinct('title').first()
Article.objects.distinct('nosuch')
Article.objects.distinct('writer__name')
Article.objects.distinct('writer__nosuch')
Comment.objects.distinct('text').values('text')
Comment.objects.values('text').distinct('text')
Article.objects.distinct('title').none()
list(Article.objects.distinct('title').filter(id__in=[]))
Article.objects.distinct('title').filter(id__in=[]).count()
Article.objects.distinct('title').aggregate(n=Count('id'))
Article.objects.distinct('title').delete()
Article.objects.distinct('title', 'id')[:2]
Article.objects.distinct().count()
Comment.objects.values('writer').distinct().count()
Article.objects.distinct(5)
