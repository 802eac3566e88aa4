# 09_writes: create, save (INSERT vs UPDATE), auto_now / auto_now_add with the pinned clock,
# get_or_create, update_or_create, bulk_create, update, delete (CASCADE), refresh_from_db,
# IntegrityError, full_clean(), transaction.atomic.

from django.utils import timezone
from django.db import transaction, IntegrityError
from instagram.models import User, Profile, Post, Image, Comment, Story
timezone.now()
u = User.objects.get(pk=2)
p = Post(post_author=u, location='서울', post_content='새 글')
p.pk
print(p.pk)
p.upload_time
p.save()
p.pk
p.upload_time
p.numOfLike
p.is_comment
p.post_content = '수정된 글'
p.save()
Post.objects.count()
Post.objects.first()
p2 = Post.objects.create(post_author_id=3, location='', post_content='create()로 만든 글', numOfLike=5)
p2
p2.pk
c = Comment.objects.create(post=p2, comment_author=u, comment_content='첫 댓글')
c
c.upload_time
obj, created = Story.objects.get_or_create(story_author=u, story_content='첫 스토리')
created
obj.pk
Story.objects.get_or_create(story_author=u, story_content='첫 스토리')
Profile.objects.update_or_create(user_id=6, defaults={'profile_name': '새내기'})
Profile.objects.update_or_create(user_id=6, defaults={'profile_name': '새내기2'})
User.objects.get(pk=6).profile.profile_name
Image.objects.bulk_create([Image(post=p2, img_url='https://cdn.example.com/new/1.jpg'), Image(post=p2, img_url='https://cdn.example.com/new/2.jpg')])
Image.objects.filter(post=p2).count()
Post.objects.filter(location='').update(location='위치 없음')
Post.objects.filter(location='위치 없음').count()
Post.objects.get(pk=p.pk).delete()
Post.objects.get(pk=p2.pk).delete()
User.objects.get(pk=4).delete()
Comment.objects.count()
Post.objects.filter(pk__gt=100).delete()
p = Post.objects.get(pk=1)
Post.objects.filter(pk=1).update(numOfLike=100)
p.numOfLike
p.refresh_from_db()
p.numOfLike
User.objects.create(instagram_id='kim_minji', username='중복')
try:
    User.objects.create(instagram_id='lee.junho', username='중복')
except IntegrityError as e:
    print('실패:', e)
Story.objects.create(story_author_id=99, story_content='없는 작성자')
u = User(instagram_id='', username='')
u.full_clean()
Post(location='x' * 101, post_content='', post_author_id=1).full_clean()
Post(location='부산', post_content='ok', post_author_id=1).full_clean()
try:
    with transaction.atomic():
        Post.objects.create(post_author_id=1, post_content='롤백될 글')
        raise ValueError('취소!')
except ValueError as e:
    print('rolled back:', e)
Post.objects.filter(post_content='롤백될 글').exists()
with transaction.atomic():
    Post.objects.filter(pk=2).update(numOfLike=50)
    Story.objects.create(story_author_id=1, story_content='원자적')
with transaction.atomic():
    Story.objects.create(story_author_id=1, story_content='취소될 스토리')
    raise RuntimeError('중간에 실패')
Story.objects.filter(story_content='취소될 스토리').count()
Story.objects.filter(story_content='원자적').count()
with transaction.atomic():
    Story.objects.create(story_author_id=1, story_content='바깥')
    try:
        with transaction.atomic():
            Story.objects.create(story_author_id=1, story_content='안쪽')
            raise ValueError('안쪽 실패')
    except ValueError:
        print('inner rolled back')
Story.objects.filter(story_content__in=['바깥', '안쪽']).values_list('story_content', flat=True)
Post().delete()
Story.objects.all().delete()
Story.objects.create(story_author_id=2, story_content='남길 스토리')
Story.objects.create(story_author_id=3, story_content='지울 스토리')
Story.objects.filter(story_author__username='박서연').delete()
Story.objects.filter(pk__in=[]).delete()
Story.objects.exclude(story_author__instagram_id='lee_junho').delete()
Story.objects.values_list('story_content', flat=True)
Comment.objects.filter(post__post_author__username='김민지', post__location='').delete()
bulk = Story.objects.bulk_create([Story(story_author_id=2, story_content=f'벌크 {i}') for i in range(3)], batch_size=2)
len(bulk)
len(Story.objects.bulk_create([Story(story_author_id=3, story_content=f'많이 {i}') for i in range(340)]))
Story.objects.filter(story_content__startswith='많이').count()
Story.objects.bulk_create([], batch_size=0)
Story.objects.bulk_create([Story(story_author_id=2, story_content='x')], batch_size='2')
Story.objects.bulk_create([Story(story_author_id=2, story_content='y')], None)
