# 40_instances_writes: instances as learners use them, probed against Django: datetime attributes and date lookups, save() arguments (update_fields, force_insert/force_update and their errors, an only() instance saving the fields it loaded), refresh_from_db(fields=), _meta, update() of a reverse relation, deferred fields of a deleted row.
from instagram.models import *
from django.db.models import Q, F, Count, Sum, Avg, Max, Min, Value
from django.utils import timezone
import datetime
p = Post.objects.get(pk=1)
p.upload_time.strftime('%Y년 %m월 %d일 %H:%M')
p.upload_time.isoformat()
p.upload_time.date()
p.upload_time.weekday()
p.upload_time.year, p.upload_time.month
p.upload_time.replace(tzinfo=None)
p.upload_time - datetime.timedelta(days=3)
(timezone.now() - p.upload_time).days >= 0
Post.objects.filter(upload_time__year=p.upload_time.year).count()
Post.objects.filter(upload_time__date=p.upload_time.date()).count()
Post.objects.filter(upload_time__week_day=p.upload_time.isoweekday() % 7 + 1).count()
Post.objects.filter(upload_time__quarter=1).count()
Post.objects.filter(upload_time__week=3).count()
Post.objects.filter(upload_time__iso_week_day=1).count()
Post.objects.filter(upload_time__time__gte=datetime.time(12, 0)).count()
p.save(update_fields=['location'])
p.save(update_fields=['nosuch'])
p.save(update_fields=[])
p.location = '변경'
p.refresh_from_db(fields=['location'])
p.location
p.refresh_from_db(fields=['post_author__username'])
u = User.objects.create_user('newbie', '새내기', 'pw1234')
u.check_password('pw1234'), u.check_password('x')
u.password.startswith('pbkdf2_sha256$260000$')
u.has_usable_password()
u.set_unusable_password()
u.has_usable_password()
u.is_authenticated
u.get_username()
u.natural_key()
u.delete()
User.objects.get(instagram_id='kim_minji').posts.aggregate(total=Sum('numOfLike'))['total']
c = Comment(post_id=1, comment_author_id=1, comment_content='x')
c.full_clean()
c.save()
c.upload_time is not None
Comment.objects.filter(pk=c.pk).exists()
c2 = Comment(post_id=99999, comment_author_id=1, comment_content='x')
c2.full_clean()
c2.save()
Post.objects.filter(pk=1).values('post_author__username', 'comment__comment_content').order_by('comment__id')[:3]
Post.objects.get(pk=1).comment_set.create(comment_author_id=2, comment_content='관계 매니저로')
Post.objects.get(pk=1).comment_set.latest('id').comment_content
Post.objects.get(pk=1).images.exists()
User.objects.first().posts.values_list('id', flat=True).order_by('id')[:5]
Post.objects.filter(post_author=User.objects.get(pk=1)).count()
Post.objects.filter(post_author=1).count()
Post.objects.filter(post_author__in=[1, 2]).count()
Post.objects.filter(post_author__in=User.objects.filter(pk__lte=2)).count()
Post.objects.filter(post_author='1').count()
Post.objects.filter(post_author='abc').count()
Post.objects.filter(numOfLike='abc').count()
Post.objects.filter(upload_time='not a date').count()
Post.objects.filter(is_comment='yes').count()
Post.objects.filter(id=1.5).count()
Post.objects.filter(id__gt='3').count()
Post(numOfLike='abc').full_clean()
p = Post.objects.get(pk=2)
p.post_author.username
p.location = 'x'
p.numOfLike = -5
p.refresh_from_db(fields=['location'])
(p.location, p.numOfLike)
p.refresh_from_db()
p.numOfLike == -5
p.refresh_from_db(fields=['post_author'])
p.post_author.username
p.refresh_from_db(fields=['nosuch'])
p.refresh_from_db('default', ['id'])
p.refresh_from_db(foo=1)
p.refresh_from_db(fields=[])
d = Post.objects.only('id', 'location').get(pk=3)
d.refresh_from_db()
sorted(d.get_deferred_fields())
d.numOfLike
sorted(d.get_deferred_fields())
u2 = User.objects.get(pk=1)
u2.profile.profile_name
u2.refresh_from_db()
u2.profile.profile_name
q = Post.objects.prefetch_related('comment_set').get(pk=1)
q.comment_set.count()
q.refresh_from_db(fields=['comment_set'])
q.comment_set.count()
Post.objects.get(pk=1) == Post.objects.get(pk=1)
hash(Post.objects.get(pk=1)) == hash(1)
n = Post.objects.get(pk=1)
n.pk = None
n.save()
n.pk > 1
Post.objects.count()
n.id = 1
n.save(force_insert=True)
m = Post(post_author_id=1, location='x', post_content='y')
m.save(force_update=True)
m.save(force_insert=True, force_update=True)
m.save(update_fields=['location'])
Post._meta.get_field('location').max_length
Post._meta.verbose_name, Post._meta.verbose_name_plural
Post._meta.db_table
[f.name for f in Post._meta.get_fields()]
User._meta.get_field('posts')
Post._meta.get_field('post_author').related_model
Post._meta.pk
Post._meta.ordering
Post._meta.label, Post._meta.model_name, Post._meta.app_label
Post._meta.get_field('nosuch')
Comment._meta.get_field('post').remote_field.on_delete.__name__
Post.objects.create(**{'post_author_id': 2, 'location': '부산', 'post_content': 'kwargs'}).location
Post.objects.filter(**{'location__startswith': '부'}).count()
Post.objects.get(pk=1).post_author_id
Post.objects.filter(pk=1).update(post_author_id=2)
Post.objects.get(pk=1).post_author_id
Post.objects.filter(pk=1).update(post_author=User.objects.get(pk=3))
Post.objects.filter(pk=1).update(post_author=3)
Post.objects.filter(pk=1).update(nosuch=3)
Post.objects.filter(pk=1).update(comment=3)
Post.objects.filter(pk=1).update(post_author__username='x')
Post.objects.filter(pk=1).update(comment=F('id'))
Post.objects.filter(pk=1).update(comment=None, location='x')
Post.objects.filter(pk=1).update(comment=None, nosuch=1)
User.objects.filter(pk=1).update(profile=1)
User.objects.update(posts=1)
d2 = Post.objects.only('location').get(pk=3)
d2.location = '지연 저장'
d2.save()
Post.objects.get(pk=3).location
d2.save(update_fields=['id'])
d2.save(update_fields=['location', 'location'])
d2.save(True)
d2.save(False, False, None, None, 1)
d2.save(bad=1)
d3 = Post.objects.only('id').get(pk=4)
Post.objects.filter(pk=4).delete()
d3.location
d3.get_deferred_fields() == set(['post_author_id', 'location', 'numOfLike', 'post_content', 'is_comment', 'upload_time'])
