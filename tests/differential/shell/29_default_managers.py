# app: tests/differential/shell/apps/shop
# 29_default_managers: a model whose first manager is the learner's (VisibleManager hides
# hidden reviews; Tag's is a QuerySet's as_manager()): the reverse and many-to-many managers
# start from it (its filter before the relation's), have its methods, and so does
# prefetch_related; forward access, refresh_from_db and the second manager stay unfiltered.
from shop.models import *
p = Product.objects.get(pk=1)
p.reviews.all()
p.reviews.count()
p.reviews.filter(stars__gte=2)
p.reviews.best()
p.reviews.order_by('stars').values_list('text', flat=True)
Review.objects.count(), Review.all_reviews.count()
Review.objects.filter(product=p)
r = Review.all_reviews.get(pk=3)
r, r.hidden, r.product
r.refresh_from_db()
p.reviews.exists(), Product.objects.get(pk=3).reviews.exists()
Product.objects.get(pk=3).reviews.all()
Product.objects.filter(reviews__hidden=True)
from django.db.models import Count, Prefetch
Product.objects.annotate(n=Count('reviews')).filter(n__gt=0).values_list('name', 'n')
[list(x.reviews.all()) for x in Product.objects.prefetch_related('reviews').filter(pk__in=[1, 3])]
[list(x.reviews.all()) for x in Product.objects.prefetch_related(Prefetch('reviews', queryset=Review.all_reviews.all())).filter(pk__in=[1, 3])]
new = p.reviews.create(stars=3, text='다시 샀어요')
new, p.reviews.count()
p.reviews.get(pk=3)
p.reviews.get(pk=1)
Review.objects.filter(pk=2).update(hidden=True)
p.reviews.all()
p.tags.all()
p.tags.active()
p.tags.active().count()
Tag.objects.active()
Product.objects.get(pk=6).tags.all()
[list(x.tags.all()) for x in Product.objects.prefetch_related('tags').filter(pk__in=[1, 5])]
type(p.reviews).__name__
type(p.reviews), isinstance(p.reviews, VisibleManager), type(p.tags).__name__
Review.forgetful.all()
print(Review.forgetful.all())
Review.forgetful.count()
Review.forgetful.filter(stars=5)
Review.forgetful.get_queryset()
Review.forgetful.none()
