# 41_transactions: atomic blocks as Django runs them (a write failing inside one breaks the transaction: TransactionManagementError, then rollback at the end), savepoint(), set_rollback(), on_commit(), bulk_create(ignore_conflicts=), select_related() through reverse one-to-ones, Prefetch(to_attr=).
from instagram.models import *
from django.db import transaction, IntegrityError
from django.db.models import Prefetch, Count, Q, F
u = User.objects.get(pk=1)
try:
    with transaction.atomic():
        User.objects.create(instagram_id=u.instagram_id, username='dup')
except IntegrityError as e:
    print('rolled back:', e)

User.objects.filter(username='dup').exists()
with transaction.atomic():
    p = Post.objects.create(post_author=u, location='원자', post_content='a')
    try:
        User.objects.create(instagram_id=u.instagram_id, username='dup')
    except IntegrityError:
        print('caught inside')
    Post.objects.count()

with transaction.atomic():
    p = Post.objects.create(post_author=u, location='원자2', post_content='b')
    try:
        with transaction.atomic():
            User.objects.create(instagram_id=u.instagram_id, username='dup')
    except IntegrityError:
        print('inner savepoint rolled back')
    Post.objects.filter(location='원자2').count()

Post.objects.filter(location__startswith='원자').count()
transaction.get_autocommit()
sid = transaction.savepoint()
Image.objects.bulk_create([Image(post_id=1, img_url='https://a/%d.jpg' % i) for i in range(5)], batch_size=2)
Image.objects.filter(img_url__startswith='https://a/').count()
Image.objects.bulk_create([Image(id=1, post_id=1, img_url='x')], ignore_conflicts=True)
objs = Story.objects.bulk_create([Story(story_author=u, story_content='s1'), Story(story_author=u, story_content='s2')])
[o.pk is not None for o in objs]
User.objects.prefetch_related(Prefetch('posts', queryset=Post.objects.filter(numOfLike__gt=10), to_attr='popular')).order_by('id')[0].popular
[len(x.popular) for x in User.objects.prefetch_related(Prefetch('posts', queryset=Post.objects.filter(numOfLike__gt=10), to_attr='popular')).order_by('id')[:3]]
User.objects.get(pk=5).profile
User.objects.select_related('profile').get(pk=5).profile
hasattr(User.objects.get(pk=5), 'profile')
Post.objects.filter(pk__in=[1, 2, 3]).delete()
Comment.objects.all().delete()
User.objects.filter(pk=2).delete()
for p in Post.objects.order_by('id')[:3]:
    print(p.id, p.post_author.username)

posts = Post.objects.select_related('post_author').order_by('id')[:3]
[p.post_author.username for p in posts]
[(u.username, u.posts.count()) for u in User.objects.order_by('id')[:3]]
[(u.username, len(u.posts.all())) for u in User.objects.prefetch_related('posts').order_by('id')[:3]]
User.objects.annotate(n=Count('posts')).filter(n__gt=1).values_list('username', 'n').order_by('id')
us = list(User.objects.select_related('profile').order_by('id'))
[u.profile.profile_name if hasattr(u, 'profile') else None for u in us]
us[0].profile.user is us[0]
print(User.objects.select_related('profile').query)
[p.post_author.profile.profile_name for p in Post.objects.select_related('post_author__profile').filter(post_author__profile__isnull=False).order_by('id')[:3]]
print(Post.objects.select_related('post_author__profile').query)
pr = Profile.objects.select_related('user').order_by('id')[0]
pr.user.profile is pr
print(Comment.objects.select_related('comment_author', 'post').query)
User.objects.select_related('profile__nosuch')
User.objects.select_related('posts')
User.objects.select_related('profile').only('username', 'profile__profile_name').order_by('id')[0].profile.profile_name
transaction.get_rollback()
transaction.set_rollback(True)
transaction.commit()
transaction.rollback()
transaction.on_commit(lambda: print('now (autocommit)'))
transaction.on_commit(5)
with transaction.atomic():
    transaction.on_commit(lambda: print('after commit'))
    print('in block', transaction.get_autocommit(), transaction.get_rollback())
    transaction.commit()

with transaction.atomic():
    Story.objects.create(story_author_id=1, story_content='rolled')
    transaction.on_commit(lambda: print('never'))
    transaction.set_rollback(True)

Story.objects.filter(story_content='rolled').exists()
with transaction.atomic():
    s1 = transaction.savepoint()
    Story.objects.create(story_author_id=1, story_content='sp')
    transaction.savepoint_rollback(s1)
    s2 = transaction.savepoint()
    Story.objects.create(story_author_id=1, story_content='sp2')
    transaction.savepoint_commit(s2)
    print(s1, s2)

Story.objects.filter(story_content__startswith='sp').values_list('story_content', flat=True)
with transaction.atomic():
    with transaction.atomic():
        transaction.on_commit(lambda: print('inner hook kept'))
    try:
        with transaction.atomic():
            transaction.on_commit(lambda: print('inner hook dropped'))
            raise ValueError('boom')
    except ValueError:
        pass

with transaction.atomic():
    try:
        Post.objects.create(post_author_id=1, location='x', post_content='y', numOfLike='abc')
    except ValueError as e:
        print(e)
    Post.objects.count()

with transaction.atomic():
    with transaction.atomic(savepoint=False):
        try:
            User.objects.create(instagram_id='kim_minji', username='d')
        except IntegrityError:
            pass
    print(transaction.get_rollback())

Image.objects.bulk_create([], foo=1)
