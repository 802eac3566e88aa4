# 11_errors: mistakes a learner types at the prompt -- AttributeError on instances, managers
# and QuerySets, wrong arguments, invalid values -- and str(qs.query) / qs.explain().

Post.objects.all()
from django.db.models import Count, F
from instagram.models import User, Profile, Post, Image, Comment, Story
print(Post.objects.filter(location='제주도').query)
str(Post.objects.filter(numOfLike__gt=10).order_by('pk').query)
print(User.objects.filter(posts__numOfLike__gt=50).query)
print(Post.objects.values('post_author').annotate(n=Count('pk')).order_by('post_author').query)
print(Post.objects.filter(pk__in=[]).query)
Post.objects.filter(pk=1).explain()
print(Post.objects.all().explain())
p = Post.objects.get(pk=1)
p.title
p.post_author.email
Post.objects.fliter(pk=1)
Post.objects.all().fliter(pk=1)
Post.objecs
post.save()
Post.objects.filter(numOfLike > 10)
Post.objects.filter(pk=3).count
Post.objects.get(pk=3).delete
Post.objects.filter(pk__in=5)
Post.objects.filter(numOfLike__range=5)
Post.objects.get(pk=3).save(update_fields=['nope'])
Post.objects.filter(1)
Post.objects.get()
Post.objects.filter(location='x').get()
Post.objects.create(nope=1)
Post(nope=1)
Post.objects.get(pk='abc')
Post.objects.filter(upload_time='yesterday')
Post.objects.filter(post_author='kim_minji')
Post.objects.order_by('pk')[0:2].update(numOfLike=1)
Post.objects.order_by('pk')[:2].delete()
User.objects.create_user()
len(Post.objects)
for p in Post.objects:
    print(p)
Post.objects[0]
Post.objects.filter(pk=1).update(nope=1)
Post.objects.update(numOfLike=F('nope'))
Post.objects.filter(post_author__nope='x')
Post.objects.filter(post_author__username__nope='x')
import nonexistent_module
x = Post.objects.get(pk=2)
x.post_author_id = 99
x.save()
Post.objects.filter(pk=2).values_list('post_author_id', flat=True)
x.post_author
# unit: raw
print(Post.objects.all()
# unit: raw
Post.objects.get(pk=1).delete(
# unit: raw
for p in Post.objects.all() print(p)
# explain(): SQLite's plan rows; bound methods printed instead of called.
print(Comment.objects.filter(post__numOfLike__gt=10).order_by('pk').explain())
Post.objects.filter(location='제주도').explain()
Post.objects.all()[:2].count
Post.objects.none().count
Post.objects.filter(pk=3).exists
Post.objects.get(pk=3).save
Post.objects.get(pk=3).refresh_from_db
Post.objects.get(pk=3).__str__
User.objects.get(pk=1).check_password
callable(Post.objects.get(pk=3).delete)
Post.objects.filter(pk=3).count()
User.objects.get(pk=1).save
User.objects.get(pk=1).delete
# Floats where an integer field expects a number: NaN, infinities, beyond 64 bits, fractions.
Post.objects.filter(pk=float('nan'))
Post.objects.filter(pk=float('inf')).count()
Post.objects.filter(numOfLike__gt=float('-inf')).count()
Post.objects.filter(pk=2.9).values_list('pk', flat=True)
Post.objects.filter(pk__in=[1.0, float('nan')])
int(float('nan'))
int(float('inf'))
int(-2.5)
p = Post(post_author_id=1, location='x', post_content='y', numOfLike=float('nan'))
p.full_clean()
p.numOfLike = 3.7
p.full_clean()
p.numOfLike
p.numOfLike = float('inf')
p.full_clean()
