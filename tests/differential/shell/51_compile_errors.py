# 51_compile_errors: input that parses but that CPython's compiler refuses before running any of it (a misplaced `*x`, `return` / `break` / `continue` outside their block, `nonlocal` at module level or without a binding, several starred targets): the statement prints nothing and writes nothing, where gramlab used to run the part before the mistake.
from instagram.models import *
from django.db import transaction
if True:
    print('before')
    *Post.objects.all()

if Post.objects.exists():
    print('before')
    return Post.objects.count()

with transaction.atomic():
    Post.objects.filter(pk=1).update(numOfLike=99)
    break

Post.objects.get(pk=1).numOfLike
for p in Post.objects.all()[:2]:
    print(p.pk)
else:
    continue

if True:
    print('x')
    nonlocal n

def likes(pk):
    nonlocal total
    return Post.objects.get(pk=pk).numOfLike

first, *middle, *rest = Post.objects.values_list('pk', flat=True)
*everything = Post.objects.all()
x = *Post.objects.all()
def top():
    return *Post.objects.all()[:2]

class Report:
    return 1

Post.objects.get(pk=1).numOfLike
def outer():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump()

outer()
first, *rest = Post.objects.values_list('pk', flat=True)[:3]
rest
print(*Post.objects.values_list('pk', flat=True)[:3], sep=', ')
[*Post.objects.values_list('pk', flat=True)[:2], *User.objects.values_list('pk', flat=True)[:1]]
for i in range(3):
    try:
        if i == 1:
            continue
    finally:
        pass
    print(i)

