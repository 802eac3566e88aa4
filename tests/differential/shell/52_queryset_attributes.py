# 52_queryset_attributes: attributes a learner sets on a QuerySet and reads back (a QuerySet is a plain Python object), `_result_cache` to see whether a QuerySet was evaluated and to forget its rows, the read-only properties `ordered` and `db`, clones not carrying the attributes, an attribute shadowing a method.
from instagram.models import *
qs = Post.objects.filter(post_author__instagram_id='kim_minji')
qs._result_cache is None
qs.note = '메모: 민지의 글'
qs.note
qs.note, qs.note
qs.filter(pk=1).note
qs.all().note
qs._result_cache is None
len(qs)
qs._result_cache is None
len(qs._result_cache)
qs._result_cache == list(qs)
qs._result_cache = None
qs._result_cache is None
list(qs) == list(Post.objects.filter(post_author__instagram_id='kim_minji'))
qs.ordered
qs.ordered = False
qs.db
qs.db = 'other'
qs.count = 99
qs.count
qs.count()
qs.exists()
qs.me = qs
qs.me is qs
qs.me.me.note
other = Post.objects.all()
other.note
other.tags = ['a', 'b']
other.tags.append('c')
other.tags
del other
qs2 = Comment.objects.none()
qs2.label = '없음'
qs2.label, list(qs2)
