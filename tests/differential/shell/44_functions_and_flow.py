# 44_functions_and_flow: code learners type at the prompt around ORM results: functions with defaults and keyword-only parameters, classes with __str__/__repr__, while/else, try/except/else/finally, custom exceptions, del, global, %-formatting, starred unpacking, assert.
from instagram.models import *
def top_posts(n=3, *, min_likes=0):
    return [p.id for p in Post.objects.filter(numOfLike__gte=min_likes).order_by('-numOfLike', 'id')[:n]]

top_posts()
top_posts(2, min_likes=10)
top_posts(min_likes=1000)
top_posts(1, 2)
class Report:
    def __init__(self, user):
        self.user = user
    def __str__(self):
        return f'{self.user.username}: {self.user.posts.count()}개'
    def __repr__(self):
        return f'Report({self.user.pk})'

r = Report(User.objects.get(pk=1))
r
print(r)
[Report(u) for u in User.objects.order_by('id')[:2]]
i = 0
while i < 3:
    i += 1
else:
    print('done', i)

try:
    Post.objects.get(pk=999)
except Post.DoesNotExist as e:
    print('없음:', e)
else:
    print('있음')
finally:
    print('끝')

try:
    raise ValueError('직접 발생')
except (TypeError, ValueError) as e:
    print(type(e).__name__, e.args)

class MyError(Exception):
    pass

try:
    raise MyError('custom')
except MyError as e:
    print(repr(e))

raise MyError('uncaught')
x = [1, 2, 3]
del x[0]
x
counter = 0
def bump():
    global counter
    counter += 1
    return counter

bump(), bump()
'%s has %d likes' % (Post.objects.get(pk=1).location, Post.objects.get(pk=1).numOfLike)
'%(a)s-%(b)05.1f' % {'a': 'x', 'b': 2.25}
a, *rest = Post.objects.order_by('id').values_list('id', flat=True)[:4]
a, rest
assert Post.objects.exists(), '게시물 없음'
assert not Post.objects.exists(), '게시물 있음'
