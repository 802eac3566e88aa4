from instagram.models import User, Post, Comment, Profile
from django.db.models import Q, F, Count
from django.utils import timezone
Post.objects.count()
User.objects.filter(instagram_id='kim_minji')
User.objects.filter(username__startswith='김').values_list('instagram_id', flat=True)
Post.objects.filter(post_author__instagram_id='kim_minji').count()
Post.objects.order_by('-id').first()
Post.objects.annotate(n=Count('comment')).values('id', 'n')[:3]
User.objects.filter(Q(is_professional=True) | Q(username='nobody')).count()
for u in User.objects.all()[:3]:
    print(u.instagram_id, u.username)

u = User.objects.get(instagram_id='kim_minji')
u.post_set.count() if hasattr(u, 'post_set') else None
p = Post.objects.create(post_author=u, post_content='새 글')
p.id
Post.objects.count()
timezone.now()
User.objects.get(instagram_id='nobody')
Post.objects.filter(nme='x')
x = (
def f(:
undefined_name
'인스타그램'
