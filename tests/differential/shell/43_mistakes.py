# 43_mistakes: learner mistakes probed against Django 3.2 (wrong values, names, arguments, annotations colliding with fields and reverse relations, positional filter arguments, calling a manager like a list), and aggregation over values().
from instagram.models import *
from django.db.models import Count, F, Q
Post.objects.get(is_comment=True)
Post.objects.filter(post_author='kim').count()
Post.objects.create(post_author=1, location='x', post_content='y')
Post(post_author=User())
Post(post_author=User()).save()
Post.objects.filter(nosuch=1)
Post.objects.order_by('nosuch')
Post.objects.order_by('nosuch').first()
Post.objects.all()[-1]
Post.objects.all()[1:-1]
Post.objects.all()['a']
Post.objects.all()[1.5]
Post.objects.values('nosuch')
Post.objects.filter(id__in=1)
Post.objects.filter(id__range=(1,))
Post.objects.filter(location__foo='x')
Post.objects.filter(upload_time__yeer=2024)
Post.objects.filter(post_author__usernam='x')
Post.objects.all()[:2].delete()
Post.objects.all()[:2].update(numOfLike=1)
Post.objects.annotate(location=Count('id'))
Post.objects.annotate(Count('id'), Count('id'))
Post.objects.annotate(n=Count('id')).annotate(n=Count('id'))
Post.objects.filter(pk=1).first().nosuch
Post.objects.nosuch()
Post.objects.filter(pk=1).nosuch
Post.nosuch
Post.objects.get(pk=999)
User.objects.get(profile__profile_name='없음')
Profile.objects.get(pk=1).user.posts.get(pk=999)
Post.objects.create(location='x')
Post.objects.create(post_author_id=999, location='x', post_content='y')
Post.objects.filter(upload_time__gt='yesterday').count()
Post.objects.filter(upload_time__year='abc').count()
Post.objects.filter(numOfLike__gt=None)
# unit: raw
Post.objects.filter(Q(numOfLike=1), location='x', Q(id=1))
Post.objects.filter(Q(numOfLike=1), 'location')
Post.objects.exclude(None)
Post.objects.get(1)
Post.objects.count(1)
len(Post.objects)
Post.objects[0]
for p in Post.objects:
    print(p)

list(Post)
User.objects.create_user()
User.objects.create_user('', 'x')
Comment.objects.filter(post__post_author__posts__comment__id=1).count()
Post.objects.in_bulk([1], field_name='location')
Post.objects.latest()
Post.objects.order_by().latest()
Post.objects.earliest('nosuch')
Post.objects.distinct('location').count()
Post.objects.values('id').get(pk=1)
Post.objects.values_list('id', 'location', flat=True)
Post.objects.values_list(flat=True)
Post.objects.annotate(comment=Count('comment'))
Post.objects.annotate(images=Count('images'))
Post.objects.annotate(Count('id'), id__count=Count('id'))
Post.objects.annotate(n=Count('id'), m=Count('id')).annotate(n=Count('comment')).values_list('id', 'n', 'm').order_by('id')[:3]
Post.objects.values('location').annotate(location=Count('id'))
Post.objects.values('location').annotate(n=Count('id')).annotate(n=Count('comment')).order_by('location')[:2]
Post.objects.filter(id__range=(1,)).count()
Post.objects.filter(id__range=[]).count()
Post.objects.filter(id__range=5).count()
Post.objects.filter(('location', '서울')).count()
Post.objects.filter(['id', 1]).count()
Post.objects.filter('ab')
Post.objects.filter('a')
Post.objects.filter((1, 2))
Post.objects.filter(('', 2))
Post.objects.exists(1)
Post.objects.first(1)
Post.objects.last(x=1)
Post.objects.all(1)
Post.objects.none(1)
Post.objects.reverse(1)
Post.objects.all().delete(1)
Post.objects.count(x=1)
type(Post)
type(Post) is type(User)
isinstance(Post, type)
Post['x']
len(Post)
Post + 1
type(Post).__name__
from django.db import models
type(models.Model)
