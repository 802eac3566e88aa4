# 25_sets_dicts: Python sets and dicts over ORM results — set and dict comprehensions, the set
# operators and methods, and a set's iteration order, which CPython takes from its hash table
# (ints, floats, tuples and model instances hash the same in every process; sets of strings do
# not, so they are only shown sorted here).
from instagram.models import *
from django.db.models import Count
author_ids = set(Post.objects.values_list('post_author_id', flat=True))
author_ids
len(author_ids)
{p.post_author_id for p in Post.objects.order_by('-id')}
authors = {p.post_author for p in Post.objects.select_related('post_author')}
len(authors)
sorted(a.pk for a in authors)
posts_by_id = {p.pk: p for p in Post.objects.all()}
len(posts_by_id)
posts_by_id[1]
{u.pk: u.username for u in User.objects.order_by('pk')}
likes = {p.pk: p.numOfLike for p in Post.objects.all() if p.numOfLike}
likes
commented = set(Comment.objects.values_list('post_id', flat=True))
commented
all_posts = set(Post.objects.values_list('pk', flat=True))
all_posts - commented
all_posts & commented
commented | {100, 200}
commented ^ {1, 2, 3}
commented <= all_posts, all_posts < commented
commented.issubset(all_posts), all_posts.isdisjoint([999])
Post.objects.filter(pk__in=commented).count()
Post.objects.filter(pk__in={9, 2, 17, 1}).values_list('pk', flat=True)
set(range(10, 0, -1))
{100, 3, 50}
{-1, -2, 5}
{9, 2, 17, 1}
{0.5, 1.5, 2.0, -0.25}
{(1, 2), (3, 4), (0, 0)}
{True, 2, 1.0}
s = set()
for x in (1, 9, 17, 25):
    s.add(x)

s
s.discard(17)
s.add(33)
s
d = set(range(20))
d.pop(), d.pop(), d.pop()
d
e = {100, 200, 300}
e.update([5, 6], {7})
e
e |= {1}
e &= {1, 5, 300}
e -= {5}
e ^= {2}
e
alias = e
alias.add(1000)
e
counts = {}
for c in Comment.objects.order_by('pk'):
    counts[c.post_id] = counts.get(c.post_id, 0) + 1

counts
{k: v for k, v in counts.items() if v > 1}
sorted({u.username for u in User.objects.all()})
{i % 7 for i in range(30, 0, -1)}
s.remove(12345)
set().pop()
s | [1]
s.add([1])
s.add()
set(1, 2)
{**{'a': 1}, 'b': 2}
# Containers that hold themselves print [...] / {...} / (...), as Python's reprs do.
loop = [1, 2]
loop.append(loop)
loop
me = {'k': 1}
me['me'] = me
me, [me]
t = ([],)
t[0].append(t)
t
str(loop), len(repr(me))
