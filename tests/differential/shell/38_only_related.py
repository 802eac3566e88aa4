# 38_only_related: only() and defer() with paths through relations: what select_related()
# loads of the related model (its pk and the fields named), the deferred fields loaded on use,
# and Django's errors (a path naming no field; a foreign key both deferred and followed).
from instagram.models import *
Post.objects.select_related('post_author').only('id', 'post_author__username')[:2]
[p.post_author.username for p in Post.objects.select_related('post_author').only('location', 'post_author__username')[:2]]
Post.objects.select_related('post_author').defer('post_author__password', 'post_content')[:1]
p = Post.objects.select_related('post_author').only('id', 'post_author__username').first()
p.post_author.username
p.post_author.instagram_id
Post.objects.only('post_author__username')[:1]
Comment.objects.select_related('post__post_author').only('comment_content', 'post__location', 'post__post_author__username')[:2]
Post.objects.select_related('post_author').only('location', 'post_author')[:1]
Post.objects.select_related('post_author').only('location')[:1]
Post.objects.select_related('post_author').defer('post_author')[:1]
Post.objects.only('post_author__nosuch')[:1]
Post.objects.only('nosuch__username')[:1]
print(Post.objects.select_related('post_author').only('id', 'post_author__username').query)
