# 22_union_ordering: union() of a model with Meta.ordering (Post: ['-upload_time']): its
# queries are ordered, which SQLite refuses inside a compound statement (Django's
# DatabaseError), unless order_by() clears the ordering first; exists() of a union still works.
from instagram.models import *
Post.objects.filter(id=1).union(Post.objects.filter(id=2))
Post.objects.filter(id=1).order_by().union(Post.objects.filter(id=2).order_by())
Post.objects.filter(id=1).order_by().union(Post.objects.filter(id=2).order_by()).order_by('-upload_time')
Post.objects.filter(id=1).union(Post.objects.filter(id=2)).exists()
Post.objects.filter(id=1).union(Post.objects.filter(id=2)).count()
Post.objects.values_list('location', flat=True).order_by().union(User.objects.values_list('username', flat=True).order_by())
Post.objects.values_list('location', flat=True).order_by().intersection(Post.objects.filter(id__gt=3).values_list('location', flat=True).order_by())
Comment.objects.order_by().union(Comment.objects.order_by(), all=True).count()
