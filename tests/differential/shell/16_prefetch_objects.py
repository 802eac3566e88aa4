# app: tests/differential/shell/apps/blog
# 16_prefetch_objects: Prefetch() as Django 3.2 takes it — stored without checks and failing
# where Django fails (a lookup that is not a str, a queryset that is not a QuerySet), values()
# querysets refused, equality and hashing by prefetch_to.
from blog.models import *
from django.db.models import Prefetch
p = Prefetch(5)
p.prefetch_to
p.prefetch_through
p = Prefetch(5, to_attr='x')
Article.objects.prefetch_related(Prefetch(None))
list(Article.objects.prefetch_related(Prefetch(5)))
p = Prefetch('comment_set', queryset=5)
list(Article.objects.prefetch_related(Prefetch('comment_set', queryset=5)))
list(Article.objects.prefetch_related(Prefetch('comment_set', queryset='x')))
p = Prefetch('comment_set', queryset=Comment.objects.values('id'))
p = Prefetch('comment_set', queryset=Comment.objects.values_list('id'))
list(Article.objects.prefetch_related(Prefetch('comment_set', queryset=Writer.objects.all())))
Prefetch('comment_set') == Prefetch('comment_set')
Prefetch('comment_set', to_attr='x') == Prefetch('comment_set', to_attr='y')
Prefetch('comment_set', to_attr='x') == Prefetch('comment_set', to_attr='x')
Prefetch('comment_set') == 'comment_set'
Prefetch(5) == Prefetch(5)
len({Prefetch('comment_set'), Prefetch('comment_set'), Prefetch('comment_set', to_attr='c')})
Prefetch('comment_set').queryset
Prefetch('comment_set', to_attr='c').prefetch_to
[len(a.c) for a in Article.objects.prefetch_related(Prefetch('comment_set', to_attr='c')).order_by('id')]
