# 32_pprint: pprint over ORM results as learners print them — values() rows (keys sorted,
# one dict per line when the list is too wide, a dict broken at its keys), Korean text
# counted by characters, long strings split into adjacent literals, width/indent/depth/
# compact/sort_dicts, pp(), pformat(), saferepr(), nested tuples and sets, bytes, the
# collections dicts, values_list rows, and the errors.
from pprint import pprint, pformat, pp, saferepr
import pprint as pprint_module
from collections import Counter, OrderedDict, defaultdict
from instagram.models import *
pprint(list(User.objects.order_by('pk').values('id', 'username', 'instagram_id')))
pprint(list(Post.objects.order_by('pk').values('id', 'location', 'numOfLike', 'post_content')[:3]))
pprint(Post.objects.order_by('pk').values('id', 'upload_time').first())
pprint(list(Post.objects.order_by('pk').values_list('pk', 'location')[:4]))
pprint(list(Post.objects.order_by('pk').values_list('pk', 'location', named=True)[:2]))
pprint(Post.objects.order_by('pk')[:2])
pprint({'b': 1, 'a': 2, 'c': {'z': [1, 2, 3], 'y': None}})
pprint({'b': 1, 'a': 2}, sort_dicts=False)
pp({'b': 1, 'a': 2})
pprint(list(range(40)))
pprint(list(range(40)), compact=True)
pprint(list(range(40)), width=30, compact=True)
pprint([[1, 2, [3, 4, [5, 6, [7]]]], {'a': {'b': {'c': {}}}}], depth=2)
pprint({'key': 'word ' * 30})
pprint('사진 ' * 40)
pprint(['짧은 글', '조금 더 긴 글입니다 ' * 6, ''])
pprint('line one\nline two\n' * 5, width=30)
pprint((1,))
pprint(tuple(range(30)), width=40)
pprint({5, 3, 1, 4, 2, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130}, width=40)
pprint(set())
pprint(b'bytes ' * 20)
pprint(Counter(Comment.objects.values_list('comment_post_id', flat=True)))
pprint(Counter({'apple': 10, 'banana': 3, 'cherry': 7, 'durian': 1, 'elderberry': 12}), width=40)
pprint(OrderedDict([('first', list(range(10))), ('second', list(range(10)))]), width=40)
d = defaultdict(list)
for c in Comment.objects.order_by('pk')[:6]:
    d[c.comment_post_id].append(c.pk)

pprint(d, width=30)
pprint({'a': 1, 2: 'b'})
pprint({'created': Post.objects.order_by('pk').first().upload_time, 'pk': 1, 'author': User.objects.get(pk=1)})
pprint([User.objects.get(pk=1)] * 3)
pformat({'b': [1, 2], 'a': 'x'})
print(pformat(list(range(30)), width=20))
pformat('x' * 100, width=30)
saferepr({'b': 1, 'a': [3, 2]})
pprint_module.pformat([1, 2, 3])
pprint(12345678, underscore_numbers=True)
pprint([10 ** 8, -1234567], underscore_numbers=True)
pprint([1, 2], indent=4, width=5)
pprint({'alpha': [1, 2, 3], 'beta': (4, 5, 6)}, indent=3, width=20)
pprint(list(range(10)), width=0)
pprint([1], depth=0)
pprint([1], indent=-1)
pprint()
pprint([1], foo=1)
x = pprint([1, 2])
x
b'ab' + b'cd', b'ab' * 3, 2 * b'x'
b'ab' + 'cd'
deep = []
for i in range(3000):
    deep = [deep]

pformat(deep)[:20]
pprint({'한글 키': '값 ' * 30, 'english': ['리스트 항목'] * 8})
