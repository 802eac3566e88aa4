# 35_case_when: Case/When (conditional expressions) in annotate, aggregate, order_by, update
# and filter: reprs, SQL (parenthesized conditions where Django resolves them twice), a When
# matching nothing left out, the output field and its mixed-types error, argument errors.
from instagram.models import *
from django.db.models import Value, Q, F
Value('hot')
Value(None)
Q(numOfLike__gte=50)
from django.db.models import Case, When, Count, Sum, IntegerField
When(numOfLike__gte=50, then=Value('hot'))
Case(When(numOfLike__gte=50, then=Value('hot')), default=Value('cold'))
When(Q(numOfLike__gte=50) | Q(location=''), then=1)
When(numOfLike__gte=50)
When(then=1)
When(Q(), then=1)
When('x', then=1)
Case(1)
Case()
Post.objects.annotate(k=Case(When(numOfLike__gte=50, then=1), default=0)).values_list('k', flat=True)[:5]
Post.objects.annotate(k=Case(When(numOfLike__gte=50, then=Value(1)), default=Value(0), output_field=IntegerField())).values_list('k', flat=True)[:5]
Post.objects.annotate(k=Case(When(numOfLike__gte=50, then=Value('hot')))).values_list('k', flat=True)[:5]
Post.objects.annotate(k=Case(When(post_author__username='김민지', then=F('numOfLike')), default=Value(-1))).values_list('k', flat=True)[:5]
print(Post.objects.annotate(k=Case(When(post_author__username='김민지', then=F('numOfLike')), default=Value(-1))).values('k').query)
Post.objects.annotate(k=Case(When(pk__in=[], then=Value('x')), default=Value('y'))).values_list('k', flat=True)[:2]
Post.objects.annotate(k=Case(When(pk__in=[], then=Value('x')), When(pk=1, then=Value('one')), default=Value('y'))).values_list('k', flat=True)[:2]
Post.objects.aggregate(hot=Count(Case(When(numOfLike__gte=50, then=1))))
Post.objects.aggregate(hot=Sum(Case(When(numOfLike__gte=50, then=1), default=0)))
Post.objects.order_by(Case(When(location='', then=1), default=0), 'id').values_list('id', flat=True)[:4]
Post.objects.filter(pk__in=[1, 2]).update(location=Case(When(pk=1, then=Value('A')), default=Value('B')))
Post.objects.filter(pk__in=[1, 2]).values_list('location', flat=True)
Post.objects.annotate(k=Case(When(numOfLike__gte=50, then=Value('hot')), default=Value(0))).values_list('k', flat=True)[:1]
Post.objects.filter(Case(When(numOfLike__gte=50, then=True), default=False)).count()
Post.objects.annotate(hot=Case(When(numOfLike__gte=50, then=True), default=False)).values_list('id', 'hot')[:4]
Post.objects.exclude(Case(When(numOfLike__gte=50, then=True), default=False)).count()
Post.objects.filter(Case(When(numOfLike__gte=50, then=1), default=0)).count()
Post.objects.filter(Case(When(numOfLike__gte=50, then=True), default=False), location__contains='서울').values_list('id', flat=True)
Post.objects.annotate(k=Case(When(Q(location='') | Q(numOfLike=0), then=Value('empty')), default=Value('ok'))).values('id', 'k')[:4]
User.objects.annotate(big=Count(Case(When(posts__numOfLike__gte=20, then=1)))).values_list('username', 'big')
