# 46_generators: generator expressions run lazily as in CPython (any()/all()/next() and a for loop with break stop taking items, so only those items' queries run; a generator is empty once taken to its end), next() with and without a default, iter() over lists and QuerySets, `in` on a generator, and the errors Python 3.11 gives.
from instagram.models import *
any(p.post_author.username == '이준호' for p in Post.objects.order_by('id'))
all(p.post_author.username.startswith('김') for p in Post.objects.order_by('id'))
next(p.id for p in Post.objects.order_by('id') if p.numOfLike > 10)
next((p.id for p in Post.objects.order_by('id') if p.numOfLike > 10000), None)
next(p for p in Post.objects.order_by('id') if p.numOfLike > 10000)
gen = (u.username for u in User.objects.order_by('id'))
type(gen).__name__
next(gen)
next(gen)
list(gen)
list(gen)
next(gen, 'empty')
authors = (p.post_author for p in Post.objects.order_by('id'))
for a in authors:
    if a.username == '이준호':
        print('found', a.pk)
        break

next(authors).username
sum(1 for _ in authors)
g = (x * 2 for x in range(5))
4 in g
list(g)
it = iter(Post.objects.order_by('id'))
type(it).__name__
next(it).id
next(it).id
len(list(it))
iter([1, 2]).__class__.__name__
type(iter('abc')).__name__
type(iter('가나')).__name__
type(iter({'a': 1})).__name__
next([1, 2])
next()
next(iter([]), 1, 2)
len(p for p in Post.objects.all())
g0 = (x for x in range(3))
g0[0]
bool(x for x in [])
', '.join(u.username for u in User.objects.order_by('id')[:3])
sum(p.numOfLike or 0 for p in Post.objects.all())
max((p.numOfLike or 0 for p in Post.objects.all()), default=0)
sorted((p.id for p in Post.objects.filter(numOfLike__gt=10)), reverse=True)
[(a, b) for a, b in ((u.id, c.id) for u in User.objects.order_by('id')[:2] for c in u.comment_set.order_by('id')[:2])]
Post.objects.filter(id__in=(p.id for p in Post.objects.filter(numOfLike__gt=10))).count()
def first_liked(min_likes):
    return next((p for p in Post.objects.order_by('id') if p.numOfLike and p.numOfLike >= min_likes), None)

first_liked(20)
first_liked(10**6) is None
it2 = iter([1, 2, 3])
try:
    while True:
        print(next(it2))
except StopIteration:
    print('done')

pairs = ((u.username, u.posts.count()) for u in User.objects.order_by('id'))
dict(pairs)
dict(pairs)
def lazy_in_function(k):
    return (x * k for x in range(3))

list(lazy_in_function(10))
squares = (n * n for n in range(4))
tuple(squares), tuple(squares)
