# 49_instance_dict: what a learner inspects on a model instance: vars(obj) / obj.__dict__ (the loaded fields by attname in field order, annotations, attributes set at the prompt, _prefetched_objects_cache; fields left out by only()/defer()), obj._state.adding and obj._state.db before and after save(), and vars() of Python's own types.
from instagram.models import *
from django.db.models import Count, Prefetch
from django.utils import timezone
p = Post.objects.get(pk=1)
list(vars(p))
{k: v for k, v in vars(p).items() if k != '_state'}
list(p.__dict__) == list(vars(p))
p._state.adding, p._state.db
type(p._state).__name__
type(p._state)
p.post_author
list(vars(p))
p._state.fields_cache
p.note = '메모'
list(vars(p))
vars(p)['note']
q = Post.objects.annotate(n_comments=Count('comment'), n_images=Count('images')).get(pk=1)
list(vars(q))
[vars(q)[k] for k in ('n_comments', 'n_images')]
r = Post.objects.prefetch_related('comment_set', 'images').get(pk=1)
list(vars(r))
sorted(vars(r)['_prefetched_objects_cache'])
vars(r)['_prefetched_objects_cache']['comment_set']
s = Post.objects.only('location').get(pk=2)
{k: v for k, v in vars(s).items() if k != '_state'}
t = Post.objects.defer('post_content', 'location').get(pk=2)
list(vars(t))
t.location
list(vars(t))
t.refresh_from_db()
list(vars(t))
t2 = Post.objects.only('location').get(pk=3)
t2.refresh_from_db(fields=['numOfLike'])
list(vars(t2))
list(vars(Post.objects.only('post_author_id', 'location').get(pk=1)))
list(vars(Post.objects.defer('post_author_id').get(pk=1)))
print(Post.objects.only('post_author_id').query)
u = User.objects.values('pk').first()
u
new = Post(post_author_id=1, location='제주', post_content='', upload_time=timezone.now())
new._state.adding, new._state.db
[k for k in vars(new) if k != '_state']
new.id
new.save()
new._state.adding, new._state.db
vars(new)['id'] == new.pk
user = User.objects.get(pk=1)
[k for k in vars(user) if k != '_state']
prof = Profile.objects.select_related('user').first()
sorted(prof._state.fields_cache)
vars(3)
vars('text')
vars(None)
vars([1, 2])
