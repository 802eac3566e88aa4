# 36_subqueries: Exists, Subquery and OuterRef: correlated subqueries in annotate() and filter()
# (~Exists), their SQL (the inner aliases U0, U1, ...; an unsliced subquery loses its
# ordering), results and typing.
from instagram.models import *
from django.db.models import Exists, OuterRef, Subquery, Count, F, Q
OuterRef('pk')
Post.objects.annotate(has_comments=Exists(Comment.objects.filter(post=OuterRef('pk')))).values_list('id', 'has_comments')[:5]
Post.objects.annotate(last_comment=Subquery(Comment.objects.filter(post=OuterRef('pk')).order_by('-upload_time').values('comment_content')[:1])).values_list('id', 'last_comment')[:5]
Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk')))).values_list('id', flat=True)
Post.objects.filter(~Exists(Comment.objects.filter(post=OuterRef('pk')))).values_list('id', flat=True)
Post.objects.exclude(Exists(Comment.objects.filter(post=OuterRef('pk')))).count()
User.objects.annotate(latest_post=Subquery(Post.objects.filter(post_author=OuterRef('pk')).order_by('-upload_time').values('post_content')[:1])).values_list('username', 'latest_post')
User.objects.annotate(top_likes=Subquery(Post.objects.filter(post_author=OuterRef('pk')).order_by('-numOfLike').values('numOfLike')[:1])).order_by('-top_likes').values_list('username', 'top_likes')
User.objects.filter(Exists(Comment.objects.filter(comment_author=OuterRef('pk'), post__post_author=OuterRef('pk')))).values_list('username', flat=True)
Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk'), comment_author__username='이준호'))).values_list('id', flat=True)
Post.objects.filter(post_author__in=Subquery(User.objects.filter(is_professional=True).values('pk'))).count()
Post.objects.filter(numOfLike__gt=Subquery(Post.objects.filter(post_author=OuterRef('post_author')).values('post_author').annotate(avg=Count('id')).values('avg')[:1])).count()
print(Post.objects.annotate(c=Exists(Comment.objects.filter(post=OuterRef('pk')).order_by('upload_time'))).values('c').query)
print(User.objects.annotate(p=Subquery(Post.objects.filter(post_author=OuterRef('pk')).values('id'))).values('p').query)
print(User.objects.filter(Exists(Post.objects.filter(post_author=OuterRef('pk'), location__contains='서울'))).query)
p = Post.objects.annotate(has_comments=Exists(Comment.objects.filter(post=OuterRef('pk')))).first()
p.has_comments
Post.objects.annotate(x=Exists(Comment.objects.filter(post=OuterRef('pk')))).filter(x=True).count()
Post.objects.annotate(x=Exists(Comment.objects.filter(post=OuterRef('pk')))).filter(x=False).values_list('id', flat=True)
Post.objects.annotate(n=Subquery(Comment.objects.filter(post=OuterRef('pk')).values('post').annotate(c=Count('id')).values('c'))).values_list('id', 'n')[:5]
Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk'), pk__in=[]))).count()
Post.objects.filter(~Exists(Comment.objects.filter(post=OuterRef('pk'), pk__in=[]))).count()
Post.objects.filter(Q(Exists(Comment.objects.filter(post=OuterRef('pk')))) | Q(numOfLike__gt=50)).values_list('id', flat=True)
Comment.objects.filter(post__in=Subquery(Post.objects.filter(location__contains='서울').values('pk'))).count()
Post.objects.annotate(author_posts=Subquery(User.objects.filter(pk=OuterRef('post_author')).annotate(n=Count('posts')).values('n')[:1])).values_list('id', 'author_posts')[:4]
Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk'))) & Q(numOfLike__gt=20)).values_list('id', flat=True)
Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk'))) | Exists(Image.objects.filter(post=OuterRef('pk')))).count()
