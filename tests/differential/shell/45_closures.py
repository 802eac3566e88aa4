# 45_closures: functions inside functions: closures over the enclosing function's variables (late binding), nonlocal counters, lambdas over parameters as sort keys, factories, UnboundLocalError and free-variable errors as Python 3.11 reports them.
from instagram.models import *
def liked_more_than(n):
    def check(post):
        return post.numOfLike > n
    return check

popular = liked_more_than(10)
[p.id for p in Post.objects.order_by('id') if popular(p)]
[p.id for p in Post.objects.order_by('id') if liked_more_than(0)(p)]
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

counter = make_counter()
counter()
counter()
other = make_counter()
other()
counter()
def count_queries_by_author():
    seen = {}
    def add(post):
        seen[post.post_author_id] = seen.get(post.post_author_id, 0) + 1
    for p in Post.objects.order_by('id'):
        add(p)
    return seen

count_queries_by_author()
def sort_posts(field, reverse=False):
    return [p.id for p in sorted(Post.objects.all(), key=lambda p: (getattr(p, field) or 0, p.id), reverse=reverse)]

sort_posts('numOfLike')
sort_posts('numOfLike', reverse=True)
def late():
    x = 1
    def f():
        return x
    x = 2
    return f()

late()
def broken_counter():
    count = 0
    def inc():
        count += 1
        return count
    return inc()

broken_counter()
total = 100
def shadow():
    print(total)
    total = 1

shadow()
def early():
    def f():
        return z
    r = f()
    z = 1
    return r

early()
def adders():
    return [lambda y: y + i for i in range(3)]

[a(10) for a in adders()]
def adders_bound():
    return [lambda y, i=i: y + i for i in range(3)]

[a(10) for a in adders_bound()]
def fact_maker():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

fact_maker()(6)
def nested_levels(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle

nested_levels(1)(10)(100)
def outer_nonlocal():
    n = 0
    def middle():
        def inner():
            nonlocal n
            n += 5
        inner()
        inner()
    middle()
    return n

outer_nonlocal()
def author_names():
    names = []
    def collect(u):
        names.append(u.username)
    for u in User.objects.order_by('id')[:3]:
        collect(u)
    return names

author_names()
def labeler(prefix):
    class Label:
        def __init__(self, post):
            self.post = post
        def __str__(self):
            return f'{prefix}-{self.post.id}'
    return Label

L = labeler('post')
str(L(Post.objects.order_by('id').first()))
def del_local():
    del gone

del_local()
def except_name_cleared():
    try:
        Post.objects.get(pk=999)
    except Post.DoesNotExist as e:
        pass
    return e

except_name_cleared()
def uses_global_after_def():
    global total
    total = total + 1
    return total

uses_global_after_def()
total
def nonlocal_in_comprehension_reader():
    k = 3
    return [k * x for x in range(3)]

nonlocal_in_comprehension_reader()
def keyword_filter(**lookups):
    def run():
        return Post.objects.filter(**lookups).count()
    return run

keyword_filter(numOfLike__gte=1)()
keyword_filter(post_author__username__startswith='k')()
