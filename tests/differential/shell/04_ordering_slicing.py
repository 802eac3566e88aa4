# 04_ordering_slicing: order_by, Meta.ordering, reverse(), distinct(), slicing and indexing,
# len/bool/in/iteration, and the truncated repr after 20 elements.

from instagram.models import User, Post, Comment, Image
Post.objects.all().ordered
User.objects.all().ordered
Post.objects.order_by('numOfLike', 'pk')
Post.objects.order_by('-numOfLike', 'pk')
[p.pk for p in Post.objects.order_by('location', '-pk')]
User.objects.order_by('-username')
Post.objects.order_by('post_author__username', 'upload_time')
Comment.objects.order_by('post__upload_time', 'pk')[:5]
Post.objects.order_by('?').count()
Post.objects.all().reverse()
Post.objects.order_by('pk').reverse()[:3]
Post.objects.order_by('upload_time').first()
Post.objects.latest('upload_time')
Post.objects.earliest('numOfLike', 'pk')
Post.objects.order_by('pk')[:3]
Post.objects.order_by('pk')[3:6]
Post.objects.order_by('pk')[8:]
Post.objects.order_by('pk')[0]
Post.objects.order_by('pk')[9]
Post.objects.order_by('pk')[10]
Post.objects.all()[-1]
Post.objects.order_by('pk')[::2]
Post.objects.order_by('pk')[1:6:2]
Post.objects.all()['a']
Post.objects.order_by('pk')[:3][1]
Post.objects.order_by('pk')[:3].filter(pk=1)
Post.objects.order_by('nofield')
qs = Post.objects.order_by('pk')
len(qs)
bool(qs)
qs[0]
Post.objects.get(pk=1) in qs
bool(Post.objects.filter(pk=100))
for p in Post.objects.order_by('pk')[:3]:
    print(p.pk, p.location)
User.objects.filter(posts__numOfLike__gt=10).order_by('pk')
User.objects.filter(posts__numOfLike__gt=10).distinct().order_by('pk')
Comment.objects.order_by('post_id').values_list('post_id', flat=True).distinct()
Image.objects.bulk_create([Image(post_id=2, img_url=f'https://cdn.example.com/p/2/extra{i}.jpg') for i in range(15)])
Image.objects.count()
Image.objects.order_by('pk')
Image.objects.order_by('-pk')[:25]
Image.objects.order_by('pk')[20:]
Image.objects.order_by('pk')[:21]
Image.objects.order_by('pk')[:20]
Image.objects.filter(post_id=2).order_by('-pk')[:3]
