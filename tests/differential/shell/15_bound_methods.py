# app: tests/differential/shell/apps/blog
# 15_bound_methods: methods as objects (equal when bound to the same object, hashable, their
# __self__ / __func__ / __name__ / __qualname__) and a bad lookup on a multi-valued relation
# inside exclude(), which Django reports against the relation as filter() does.
from blog.models import *
Writer.objects.get == Writer.objects.get
Writer.objects.all == Writer.objects.all
Writer.objects.filter == Writer.objects.filter
Writer.objects.get != Writer.objects.get
Writer.objects.get == Writer.objects.filter
Writer.objects.get == Article.objects.get
Writer.objects.all() == Writer.objects.all()
Writer.objects == Writer.objects
Writer.objects.get.__self__ is Writer.objects
Writer.objects.get.__name__
Writer.objects.get.__qualname__
Writer.objects.get.nosuch
len({Writer.objects.get, Writer.objects.get, Writer.objects.filter})
w = Writer.objects.first()
w.save == w.save
w.save == Writer.objects.first().save
w.save.__name__
w.save.__qualname__
w.save.__self__ is w
qs = Writer.objects.all()
qs.count == qs.count
qs.count == Writer.objects.all().count
qs.count.__name__
qs.count.__qualname__
qs.count.__self__ is qs
len.__name__
len.__qualname__
Comment.objects.exclude(article__writer__articles__nosuch='x')
Comment.objects.exclude(article__writer__articles__nosuch__exact='x')
Article.objects.exclude(comment__nosuch='x')
Comment.objects.exclude(article__comment__nosuch='x')
Article.objects.exclude(likes__nosuch='x')
Article.objects.exclude(likes__contains='x')
Article.objects.exclude(comment__in=[]).count()
Comment.objects.filter(article__contains='x')
Article.objects.filter(likes__contains=1)
Article.objects.filter(writer__iexact=1)
Article.objects.filter(comment__range=(1, 2))
Article.objects.filter(writer__gte=1).count()
Article.objects.filter(comment__lt=3).count()
Article.objects.filter(likes__in=[1, 2]).count()
