# 05_values: values(), values_list() (flat, named), only(), defer(), in_bulk(), none().

from instagram.models import User, Profile, Post, Image, Comment, Story
Post.objects.values('pk', 'location').order_by('pk')[:3]
User.objects.values('id', 'username', 'instagram_id').order_by('pk')
Post.objects.values('post_author__username').order_by('pk')[:3]
Post.objects.filter(pk=1).values().first()
User.objects.values('username').get(pk=3)
Post.objects.values_list('pk', 'numOfLike').order_by('pk')
Post.objects.values_list('location', flat=True).order_by('pk')
Post.objects.values_list('pk', 'location', named=True).order_by('pk')[:2]
row = Post.objects.values_list('pk', 'location', named=True).get(pk=4)
row.location
Post.objects.values_list('pk', 'location', flat=True)
Post.objects.values_list('pk', flat=True, named=True)
Post.objects.values('nope')
Post.objects.values_list('upload_time', flat=True).order_by('pk')[:2]
User.objects.values_list('last_login', flat=True).order_by('pk')
list(Post.objects.values_list('pk', flat=True))
Post.objects.values_list('pk').get(pk=1)
Post.objects.order_by('pk').values_list('pk', flat=True)[0]
Post.objects.values('location').distinct().order_by('location')
Comment.objects.filter(post_id=1).values_list('comment_content', flat=True).order_by('pk')
Profile.objects.values_list('user__instagram_id', 'profile_name').order_by('pk')
p = Post.objects.only('location').get(pk=1)
p.location
p.numOfLike
p = Post.objects.defer('post_content').get(pk=2)
p.location
p.post_content
Post.objects.in_bulk([1, 2, 3])
User.objects.in_bulk(['choi_dev'], field_name='instagram_id')
Post.objects.in_bulk([])
Post.objects.in_bulk(field_name='location')
Story.objects.in_bulk()
Post.objects.none()
Post.objects.none().count()
list(Post.objects.none())
Post.objects.none().filter(pk=1).exists()
