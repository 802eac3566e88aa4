# 42_python_over_results: plain Python over ORM results as learners write it: sorted/max/sum with keys, comprehensions, enumerate/zip, format specs and f-strings (datetime strftime specs included), str methods on Korean text, type()/isinstance/getattr, loops with break.
from instagram.models import *
from django.db.models import Count, Sum
posts = Post.objects.order_by('id')
sorted(posts, key=lambda p: (-p.numOfLike, p.id))[:3]
max(posts, key=lambda p: p.numOfLike).id
min(p.numOfLike for p in posts)
sum(p.numOfLike for p in posts)
sum([p.numOfLike for p in posts]) / len(posts)
round(sum(p.numOfLike for p in posts) / len(posts), 2)
{p.id: p.location for p in posts[:3]}
[(i, p.id) for i, p in enumerate(posts[:3], start=1)]
list(zip([p.id for p in posts[:3]], 'abc'))
isinstance(posts[0], Post), type(posts[0]).__name__, posts[0].__class__.__name__
type(posts[0])
type(posts)
type(Post.objects)
getattr(posts[0], 'location'), hasattr(posts[0], 'nosuch')
getattr(posts[0], 'nosuch', 'default')
p = posts[0]
setattr(p, 'location', '새 위치')
p.location
'{:>8}|{:<6}|{:^7}'.format(p.id, p.numOfLike, 'x')
f'{p.numOfLike:05d} {p.numOfLike:,} {1234567:,} {3.14159:.2f} {0.5:%}'
f'{p.location!r} {p.location!s}'
f'{p.upload_time:%Y-%m-%d}'
', '.join(p.location for p in posts[:3])
p.post_content.split()[:3]
p.post_content.replace('!', '?')[:10]
len(p.post_content), p.post_content[:5], p.post_content[-3:]
'맛집' in p.post_content
p.post_content.count('요')
p.post_content.upper()[:10]
str(p), repr(p)
print(p)
print(posts[:2])
print(list(posts[:2]))
print(Post.objects.values('id')[:2])
any(p.numOfLike > 100 for p in posts), all(p.numOfLike >= 0 for p in posts)
[u.username for u in User.objects.all() if u.posts.exists()]
dict(Post.objects.values_list('id', 'numOfLike')[:3])
set(Post.objects.values_list('post_author_id', flat=True)) == {1, 2, 3, 4}
sorted(set(Post.objects.values_list('post_author_id', flat=True)))
counts = User.objects.annotate(n=Count('posts')).order_by('id')
for u in counts:
    print(f'{u.username:<6} {"★" * u.n}')

total = 0
for p in Post.objects.all():
    total += p.numOfLike
    if total > 50:
        break

total
x = None
x or 'empty'
Post.objects.first() and Post.objects.first().id
divmod(17, 5), 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 10 / 4
int('42') + float('1.5')
abs(-3), round(2.5), round(3.5), round(-2.5)
list(range(0, 10, 3)), list(reversed([1, 2, 3]))
'abc'[::-1], [1, 2, 3, 4][1::2]
import datetime
f'{datetime.date(2024, 3, 1):%d/%m/%Y} {datetime.time(9, 5):%H시 %M분} {p.upload_time:%Y년 %m월}'
format(p.upload_time, '%H:%M')
'{:%Y}'.format(p.upload_time)
'{0:%B %d, %Y}'.format(datetime.date(2024, 1, 2))
format(datetime.timedelta(days=1), '')
f'{datetime.timedelta(hours=2)}'
