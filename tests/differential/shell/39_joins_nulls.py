# 39_joins_nulls: everyday queries probed against Django: several multi-valued joins in one query, F() across relations in filter() (its joins first, INNER under AND), OrderBy nulls_first/nulls_last (also reversed, in Window and union), Greatest/Least, empty __in, in_bulk, latest/earliest, prefetch chains.
from instagram.models import *
from django.db.models import Q, F, Count, Sum, Avg, Max, Min, Value, OuterRef, Subquery, Exists
from django.db.models.functions import Lower, Upper, Length, Concat, Coalesce, Greatest, Least, Cast
from django.db import models
User.objects.annotate(np=Count('posts'), nc=Count('comment')).values_list('id', 'np', 'nc').order_by('id')[:4]
User.objects.annotate(np=Count('posts', distinct=True), nc=Count('comment', distinct=True)).values_list('id', 'np', 'nc').order_by('id')[:4]
User.objects.filter(posts__numOfLike__gt=5).filter(posts__location__contains='서울').count()
User.objects.filter(posts__numOfLike__gt=5, posts__location__contains='서울').count()
Post.objects.order_by(Length('location').desc(), 'id').values_list('location', flat=True)[:3]
Post.objects.order_by(F('numOfLike').asc(nulls_last=True), 'id').values_list('numOfLike', flat=True)[:5]
Post.objects.annotate(g=Greatest('numOfLike', Value(5)), l=Least('numOfLike', Value(5))).values_list('numOfLike', 'g', 'l')[:4]
Post.objects.aggregate(avg=Avg('numOfLike'), s=Sum('numOfLike'), m=Max('location'))
Post.objects.values('post_author__username').annotate(n=Count('id')).order_by('-n', 'post_author__username')
Post.objects.filter(pk__in=[]).count()
Post.objects.filter(pk__in=[]).exists()
print(Post.objects.filter(Q(pk__in=[]) | Q(numOfLike__gt=3)).query)
Post.objects.none().aggregate(Sum('numOfLike'))
Post.objects.filter(pk__in=[]).aggregate(n=Count('id'), s=Sum('numOfLike'))
Comment.objects.filter(post__in=Post.objects.filter(numOfLike__gte=10)).count()
print(Comment.objects.filter(post__in=Post.objects.filter(numOfLike__gte=10).values('id')).query)
Post.objects.in_bulk([1, 2, 999])
User.objects.in_bulk(['kim_minji', 'nobody'], field_name='instagram_id')
Post.objects.latest('upload_time').id
Post.objects.earliest('upload_time', 'id').id
Comment.objects.latest()
Post.objects.filter(location__in=['서울', '부산']).values_list('location', flat=True).distinct().order_by('location')
Post.objects.annotate(c=Concat('location', Value(' / '), 'post_author__username', output_field=models.CharField())).values_list('c', flat=True)[:3]
Post.objects.annotate(x=Cast('numOfLike', models.CharField())).filter(x__startswith='1').count()
User.objects.annotate(last_post=Max('posts__upload_time')).filter(last_post__isnull=False).count()
u = User.objects.annotate(n=Count('posts')).order_by('-n', 'id').first()
(u.username, u.n)
Post.objects.filter(numOfLike__gt=F('post_author__posts__numOfLike')).distinct().count()
Post.objects.filter(post_author__in=User.objects.filter(is_professional=True)).count()
Post.objects.exclude(comment__isnull=True).distinct().count()
Post.objects.filter(comment__isnull=True).count()
Story.objects.filter(story_author__profile__isnull=False).count()
Post.objects.values_list('post_author').annotate(Count('id')).order_by('post_author')
list(Post.objects.values('id').order_by('id')[:2])
Post.objects.get(Q(pk=1) | Q(pk=2))
Post.objects.filter(Q(numOfLike__gt=5) & ~Q(location='서울')).count()
Post.objects.update(numOfLike=F('numOfLike') + 1)
Post.objects.filter(pk=1).update(location=Upper('location'))
Post.objects.get(pk=1).location
Comment.objects.select_related('post__post_author').order_by('id')[0].post.post_author.username
[c.post.location for c in Comment.objects.select_related('post').order_by('id')[:3]]
Post.objects.prefetch_related('comment_set').order_by('id')[0].comment_set.all()
User.objects.prefetch_related('posts__comment_set').order_by('id')[0].posts.all()[0].comment_set.count()
Post.objects.order_by(F('numOfLike').desc(nulls_first=True), 'id').values_list('id', flat=True)[:3]
Post.objects.order_by(F('numOfLike').asc(nulls_last=True), 'id').reverse().values_list('id', flat=True)[:3]
print(Post.objects.order_by(F('numOfLike').asc(nulls_last=True), 'id').reverse().query)
F('numOfLike').asc(nulls_last=True, nulls_first=True)
F('numOfLike').asc(nulls_last=True)
F('numOfLike').desc(descending=False)
F('numOfLike').asc(descending=True)
F('numOfLike').asc(foo=1)
F('numOfLike').asc(1)
Lower('location').desc(nulls_last=True)
Post.objects.order_by(Lower('location').desc(nulls_last=True), 'id').values_list('id', flat=True)[:3]
from django.db.models import Window
from django.db.models.functions import RowNumber
Post.objects.annotate(r=Window(RowNumber(), order_by=F('numOfLike').desc(nulls_last=True))).order_by('id').values_list('id', 'r')[:3]
Post.objects.values_list('id', flat=True).union(Post.objects.values_list('id', flat=True)).order_by(F('id').desc(nulls_last=True))[:3]
Post.objects.filter(post_author__username=F('comment__comment_author__username')).count()
print(Post.objects.filter(post_author__username=F('comment__comment_author__username')).query)
print(Post.objects.filter(comment__comment_content=F('post_author__username')).query)
print(User.objects.filter(Q(posts__numOfLike__gt=F('comment__post__numOfLike')) | Q(pk=1)).query)
Lower('location').asc(1)
(F('id') + 1).desc(descending=True)
