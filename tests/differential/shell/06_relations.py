# 06_relations: forward FK traversal, reverse managers, lookups spanning relations,
# select_related / prefetch_related and how many queries they cost.

from instagram.models import User, Profile, Post, Image, Comment, Story
p = Post.objects.get(pk=1)
p.post_author
p.post_author.username
p.post_author.instagram_id
u = User.objects.get(pk=1)
u.posts.all()
u.posts.count()
u.posts.filter(numOfLike__gt=5)
u.comment_set.order_by('pk')
u.story_set.count()
u.profile
u.profile.profile_name
p.images.order_by('pk')
p.comment_set.count()
p.comment_set.order_by('pk')
c = Comment.objects.get(pk=4)
c.post.post_author.username
c.comment_author
Profile.objects.get(user__instagram_id='park_seoyeon')
User.objects.get(profile__profile_name='준호')
Post.objects.filter(post_author__instagram_id='choi_dev')
Post.objects.filter(post_author__profile__profile_website='')
Post.objects.filter(comment__comment_author__instagram_id='kim_minji')
User.objects.filter(posts__comment__comment_author__instagram_id='lee.junho').distinct().order_by('pk')
User.objects.filter(comment__post__location__startswith='제주').distinct().order_by('pk')
User.objects.filter(profile__isnull=True)
User.objects.filter(posts__isnull=True)
Image.objects.filter(post__post_author__username='박서연').order_by('pk')
Post.objects.filter(post_author=u).count()
Post.objects.filter(post_author__in=User.objects.filter(is_professional=True)).count()
new = User.objects.get(instagram_id='new_user')
new.profile
new.posts.all()
posts = Post.objects.select_related('post_author').order_by('pk')[:3]
for p in posts:
    print(p.pk, p.post_author.username)
for p in Post.objects.order_by('pk')[:3]:
    print(p.pk, p.post_author.username)
for p in Post.objects.prefetch_related('images').filter(pk__in=[1, 4]).order_by('pk'):
    print(p.pk, [i.img_url for i in p.images.all()])
for u in User.objects.prefetch_related('posts').order_by('pk'):
    print(u.username, len(u.posts.all()))
Comment.objects.select_related('post__post_author', 'comment_author').get(pk=1).post.post_author.username
Post.objects.select_related('nope')
Post.objects.prefetch_related('nope')
Profile.objects.select_related('user').get(pk=3).user
