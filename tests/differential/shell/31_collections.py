# 31_collections: collections.Counter, defaultdict and OrderedDict over ORM results — counting
# posts per author the Python way (and the annotate(Count) that does it in SQL), grouping
# comments by post, most_common, update/subtract/total/elements, Counter arithmetic, the
# reprs, missing keys, and what is not there.
from collections import Counter, defaultdict, OrderedDict
from instagram.models import *
from django.db.models import Count
authors = Counter(p.post_author.username for p in Post.objects.select_related('post_author'))
authors
authors.most_common(2), authors.total(), authors['없는사람']
dict(Post.objects.values_list('post_author__username').annotate(n=Count('id')).order_by('-n', 'post_author__username'))
c = Counter('hello world')
c
c.update(['l', 'x'])
c.update({'h': 5})
c.subtract({'l': 10})
c
Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3, b=1) - Counter(a=1, b=2)
Counter(a=3) | Counter(a=1, b=1), Counter(a=3, b=1) & Counter(a=1)
sorted(Counter(a=2, b=1).elements()), Counter(), type(Counter()), isinstance(Counter(), dict)
Counter(a=1) == {'a': 1}, Counter([1, 1, 2]), len(Counter('aab'))
Counter(5)
Counter('a') + 1
by_post = defaultdict(list)
for cm in Comment.objects.order_by('pk')[:6]:
    by_post[cm.post_id].append(cm.pk)

by_post
dict(by_post), by_post.default_factory, by_post.get(999), 999 in by_post
e = defaultdict(int)
e['x'] += 2
e, len(e)
defaultdict(None), defaultdict()
defaultdict(3)
f = defaultdict(None)
f['q']
o = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
o
o.move_to_end('a')
o
o.move_to_end('c', last=False)
o, o.popitem(), o.popitem(last=False), o, OrderedDict()
from collections import deque
