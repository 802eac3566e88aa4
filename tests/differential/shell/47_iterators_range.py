# 47_iterators_range: map(), filter(), zip(), enumerate() and reversed() as CPython's single-pass lazy iterators (a second list() is empty, next() and a for loop with break take only what they need, so only those items' queries run), zip(strict=True), their TypeErrors, and range() as a lazy sequence (its repr, len() and indexing without items, slicing into a range, arithmetic `in`, equality, hashing, index/count, a range as an __in value).
from instagram.models import *
names = map(lambda u: u.username, User.objects.order_by('id'))
type(names).__name__
list(names)
list(names)
authors = map(lambda p: p.post_author.username, Post.objects.order_by('id'))
next(authors)
next(authors)
for name in map(lambda p: p.post_author.username, Post.objects.order_by('id')):
    if name == '이준호':
        break

liked = filter(lambda p: p.numOfLike > 10, Post.objects.order_by('id'))
[p.id for p in liked]
[p.id for p in liked]
list(filter(None, [0, 1, '', 'a', None]))
pairs = zip(User.objects.order_by('id').values_list('username', flat=True), range(3))
dict(pairs)
list(pairs)
list(zip([1, 2, 3], 'ab'))
list(zip([1, 2], 'abc', strict=True))
list(zip([1, 2, 3], 'ab', strict=True))
list(zip([1, 2], 'ab', [0], strict=True))
list(zip([1, 2], 'ab', strict=True))
list(zip())
e = enumerate(User.objects.order_by('id').values_list('username', flat=True), start=1)
next(e)
list(e)
list(enumerate('abc', 10))
enumerate([1])[0]
len(zip([1], [2]))
len(map(str, [1]))
type(reversed([1, 2])).__name__
type(reversed((1, 2))).__name__
type(reversed(range(3))).__name__
list(reversed(range(3)))
list(reversed('가나다'))
list(reversed({'a': 1, 'b': 2}))
reversed({1, 2})
reversed(x for x in [1])
r = reversed([1, 2, 3])
list(r)
list(r)
map(str)
map()
filter(None)
enumerate('a', 'b')
zip([1], foo=1)
sum(map(lambda p: p.numOfLike or 0, Post.objects.all()))
', '.join(map(str, range(5)))
sorted(map(lambda u: u.username, User.objects.all()))
max(map(len, ['a', 'bbb', 'cc']))
list(map(lambda a, b: a * b, [1, 2, 3], [4, 5]))
any(map(lambda p: p.post_author.username == '김민지', Post.objects.order_by('id')))
dict(enumerate(['x', 'y']))
list(zip(*[(1, 'a'), (2, 'b')]))
range(5)
range(1, 10, 2)
print(range(3))
type(range(3)).__name__
len(range(10**12))
range(10**12)[-1]
range(10)[2:8:2]
range(10)[::-1]
range(0, 20, 3)[1:]
range(5)[7]
range(5)['a']
3 in range(0, 10, 3)
4 in range(0, 10, 3)
2.0 in range(3)
range(0) == range(5, 5)
range(0, 3) == range(0, 3, 1)
range(1, 2, 5) == range(1, 3, 7)
list(range(3)) == range(3)
r = range(2, 20, 4)
r.start, r.stop, r.step
r.index(10)
r.count(10)
r.index(11)
bool(range(0))
sum(range(101))
list(range(10, 0, -3))
{range(3): 'a'}[range(0, 3)]
range()
range(1, 2, 3, 4)
range(1.5)
range(1, 5, 0)
Post.objects.filter(id__in=range(1, 4)).count()
[p.id for p in Post.objects.order_by('id')[:3]] == list(range(1, 4))
for i in range(2):
    print(i)

big = (x for x in range(10**9))
next(big), next(big)
for i in range(10**12):
    if i == 3:
        print('stop', i)
        break

type(iter(range(3))).__name__
any(x > 5 for x in range(10**15))
list(zip(range(10**10), 'ab'))
