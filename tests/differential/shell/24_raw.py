# 24_raw: Manager.raw() — a RawQuerySet over the learner's own SQL: its repr (the SQL with the
# parameters %-formatted in, no query), one query per evaluation cached like a QuerySet's,
# the columns that are fields loaded and the rest deferred, other columns as attributes (with
# sqlite3's declared-type converters), translations, prefetch_related(), using(), and the
# errors of Django's SQLite cursor and Python's sqlite3 module.
from instagram.models import *
import datetime
from django.db import transaction
from django.utils import timezone
from django.db import connection
qs = Post.objects.raw('SELECT * FROM instagram_post')
qs
type(qs)
len(qs)
qs[0]
qs[0].post_content
list(Post.objects.raw('SELECT id, post_content FROM instagram_post WHERE id = %s', [1]))
p = Post.objects.raw('SELECT id, post_content FROM instagram_post WHERE id = %s', [1])[0]
p.location
sorted(p.get_deferred_fields())
Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s', [1])
Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s', (2,))
Post.objects.raw('SELECT * FROM instagram_post WHERE post_content = %s', ['abc'])
Post.objects.raw("SELECT * FROM instagram_post WHERE post_content LIKE '%a%'")
list(Post.objects.raw("SELECT * FROM instagram_post WHERE post_content LIKE '%%a%%'", []))
Post.objects.raw("SELECT * FROM instagram_post WHERE post_content LIKE '%%a%%'", [])
Post.objects.raw('SELECT * FROM instagram_post WHERE id = :id', {'id': 1})
list(Post.objects.raw('SELECT * FROM instagram_post WHERE id = :id', {'id': 1}))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE id = :id', {'x': 1}))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s', {'id': 1}))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s'))
Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s', None)
list(Post.objects.raw('SELECT post_content FROM instagram_post'))
list(Post.objects.raw('SELECT id, post_content AS c FROM instagram_post'))[0].c
r = list(Post.objects.raw('SELECT id, post_content AS c, numOfLike * 2 AS dbl, upload_time AS t FROM instagram_post ORDER BY id'))
r[0].dbl
r[0].t
r[0].upload_time
[x.id for x in Post.objects.raw('SELECT p.id, COUNT(c.id) AS n FROM instagram_post p LEFT JOIN instagram_comment c ON c.post_id = p.id GROUP BY p.id')]
[(x.id, x.n) for x in Post.objects.raw('SELECT p.id, COUNT(c.id) AS n FROM instagram_post p LEFT JOIN instagram_comment c ON c.post_id = p.id GROUP BY p.id')]
list(Post.objects.raw('SELECT * FROM nosuch'))
list(Post.objects.raw('SELEC * FROM instagram_post'))
list(Post.objects.raw('SELECT * FROM instagram_post; SELECT 1'))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE upload_time < %s', [timezone.now()]))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE upload_time < %s', [datetime.datetime(2030, 1, 1)]))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE upload_time < %s', [datetime.date(2030, 1, 1)]))
list(Post.objects.raw('SELECT * FROM instagram_post WHERE is_comment = %s', [True]))
qs = Post.objects.raw('SELECT * FROM instagram_post')
qs.columns
qs.model_fields
qs.query
str(qs.query)
qs.raw_query
qs.params
qs.model
qs.db
qs.translations
bool(qs)
for p in qs:
    print(p.id, p.post_author_id)

qs.count()
qs.filter(id=1)
list(qs.iterator())
User.objects.raw('SELECT id, username AS name FROM instagram_user', translations={'name': 'username'})
[u.username for u in User.objects.raw('SELECT id, username AS name FROM instagram_user', translations={'name': 'username'})]
Post.objects.filter(id=1).raw('SELECT * FROM instagram_post')
list(Post.objects.filter(id=1).raw('SELECT * FROM instagram_post'))
list(Post.objects.raw('SELECT * FROM instagram_post').prefetch_related('comment_set'))
[len(p.comment_set.all()) for p in Post.objects.raw('SELECT * FROM instagram_post').prefetch_related('comment_set')]
Post.objects.raw('SELECT * FROM instagram_post').using('default')
list(Post.objects.raw('SELECT * FROM instagram_post').using('other'))
Post.objects.raw('SELECT * FROM instagram_post')[1:3]
Post.objects.raw('SELECT * FROM instagram_post')[-1]
Post.objects.raw('SELECT * FROM instagram_post')[99]
Post.objects.raw('SELECT * FROM instagram_post')['a']
Post.objects.raw()
Post.objects.raw(5)
Post.objects.raw('SELECT 1', [1], nosuch=1)
list(Post.objects.raw('UPDATE instagram_post SET numOfLike = 5'))
Post.objects.raw('SELECT * FROM instagram_post') == Post.objects.raw('SELECT * FROM instagram_post')
p in Post.objects.raw('SELECT * FROM instagram_post')
list(Post.objects.raw('SELECT id, post_author_id FROM instagram_post'))[0].post_author
Comment.objects.raw('SELECT * FROM instagram_comment WHERE comment_content LIKE %s', ['%좋%'])
[c.comment_content for c in Comment.objects.raw('SELECT * FROM instagram_comment WHERE comment_content LIKE %s', ['%좋%'])]
Post.objects.raw('SELECT * FROM instagram_post WHERE id = %s', [1, 2])
list(Post.objects.raw('SELECT * FROM instagram_post WHERE id IN (%s, %s) ORDER BY id', [1, 2]))
Post.objects.raw('SELECT * FROM instagram_post WHERE id = ?', [3])
Post.objects.raw('SELECT id, is_comment AS c FROM instagram_post ORDER BY id')[0].c
Post.objects.raw('SELECT id, is_comment FROM instagram_post ORDER BY id')[1].is_comment
[u.last_login for u in User.objects.raw('SELECT * FROM instagram_user ORDER BY id')][:2]
for p in Post.objects.raw('SELECT id, post_author_id FROM instagram_post ORDER BY id LIMIT 3'):
    print(p.post_author.username)

u = User.objects.get(pk=1)
u.posts.raw('SELECT * FROM instagram_post ORDER BY id DESC LIMIT 2')
list(u.posts.raw('SELECT * FROM instagram_post ORDER BY id DESC LIMIT 2'))
list(Post.objects.raw('SELECT * FROM instagram_post -- every post'))[:1]
len(Post.objects.raw('SELECT * FROM instagram_post;'))
list(Post.objects.raw(''))
list(Post.objects.raw('/* nothing */'))
Post.objects.raw('SELECT id FROM instagram_post').translations
list(Post.objects.raw("UPDATE instagram_post SET location = 'raw' WHERE id = 1"))
Post.objects.filter(location='raw').count()
try:
    with transaction.atomic():
        list(Post.objects.raw("UPDATE instagram_post SET location = 'undone'"))
except TypeError as e:
    print('rolled back:', e)

Post.objects.filter(location='undone').count()
list(Post.objects.raw("INSERT INTO instagram_post (post_author_id, location, numOfLike, post_content, is_comment, upload_time) VALUES (999, 'x', 0, 'x', 1, '2024-01-01 00:00:00')"))
Post.objects.count()
Post.objects.raw('SELECT p.id, u.username FROM instagram_post p JOIN instagram_user u ON u.id = p.post_author_id ORDER BY p.id')[0].username
Post.objects.raw('SELECT id, 1 AS post_author FROM instagram_post')[0]
Post.objects.raw('SELECT id, id AS pk FROM instagram_post')[0].pk
qs = Post.objects.raw('SELECT * FROM instagram_post WHERE id < %s', [3])
qs.resolve_model_init_order()
list(qs)
qs[0] is qs[0]
