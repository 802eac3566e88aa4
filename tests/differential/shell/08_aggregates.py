# 08_aggregates: aggregate(), annotate() with Count/Sum/Avg/Max/Min (distinct=, filter=),
# values().annotate() GROUP BY.

from django.db.models import Count, Sum, Avg, Max, Min, Q
from instagram.models import User, Profile, Post, Image, Comment, Story
Post.objects.aggregate(Sum('numOfLike'))
Post.objects.aggregate(total=Sum('numOfLike'), avg=Avg('numOfLike'))
Post.objects.aggregate(Max('upload_time'), Min('upload_time'))
Post.objects.filter(location='화성').aggregate(Sum('numOfLike'))
Comment.objects.aggregate(Count('comment_author', distinct=True))
Comment.objects.aggregate(Count('comment_author'))
Post.objects.aggregate(Avg('numOfLike'))['numOfLike__avg']
Post.objects.filter(post_author__is_professional=True).aggregate(s=Sum('numOfLike'), c=Count('pk'))
Story.objects.aggregate(latest=Max('upload_time'))
Post.objects.aggregate(Avg('nope'))
Post.objects.aggregate(Sum('numOfLike') * 2)
Post.objects.aggregate(double=Sum('numOfLike') * 2)
User.objects.annotate(num_posts=Count('posts')).order_by('pk').values_list('instagram_id', 'num_posts')
for u in User.objects.annotate(n=Count('posts')).order_by('-n', 'pk'):
    print(u.username, u.n)
User.objects.annotate(likes=Sum('posts__numOfLike')).order_by('pk').values_list('username', 'likes')
Post.objects.annotate(nc=Count('comment')).filter(nc__gte=3).order_by('pk')
Post.objects.annotate(ni=Count('images'), nc=Count('comment')).order_by('pk').values_list('pk', 'ni', 'nc')
Post.objects.annotate(ni=Count('images', distinct=True), nc=Count('comment', distinct=True)).order_by('pk').values_list('pk', 'ni', 'nc')
User.objects.annotate(popular=Count('posts', filter=Q(posts__numOfLike__gte=30))).order_by('pk').values_list('instagram_id', 'popular')
User.objects.annotate(best=Max('posts__numOfLike'), first_post=Min('posts__upload_time')).get(pk=3).best
Post.objects.values('post_author').annotate(total=Sum('numOfLike')).order_by('post_author')
Post.objects.values('post_author__username').annotate(n=Count('id')).order_by('-n', 'post_author__username')
Comment.objects.values('post_id').annotate(n=Count('pk')).filter(n__gt=1).order_by('post_id')
Post.objects.values('is_comment').annotate(n=Count('pk'), likes=Avg('numOfLike')).order_by('is_comment')
User.objects.annotate(n=Count('posts')).aggregate(Avg('n'))
Post.objects.annotate(n=Count('comment')).order_by('-n', 'pk').first()
Post.objects.annotate(n=Count('comment')).get(pk=8).n
Post.objects.count()
