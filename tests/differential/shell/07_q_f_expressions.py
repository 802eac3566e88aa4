# 07_q_f_expressions: Q objects (& | ~), F() in filters and updates, Value, Lower/Upper/
# Length/Concat/Coalesce, ExpressionWrapper.

from django.db.models import Q, F, Value, ExpressionWrapper, IntegerField
from django.db.models.functions import Lower, Upper, Length, Concat, Coalesce
from instagram.models import User, Profile, Post, Image, Comment, Story
Q(location='제주도') | Q(numOfLike__gt=10)
~Q(pk=1)
Q(pk=1) & Q(is_comment=True)
F('numOfLike') + 1
Post.objects.filter(Q(location='제주도') | Q(location='대구'))
Post.objects.filter(Q(numOfLike__gt=10) & Q(is_comment=True)).count()
Post.objects.filter(~Q(location='')).count()
Post.objects.filter(Q(location__startswith='제주') | Q(numOfLike=0), is_comment=True)
Post.objects.exclude(Q(location='') | Q(post_content='')).count()
Post.objects.filter(Q(post_author__username='김민지') | Q(comment__comment_author__username='김민지')).distinct().order_by('pk')
# unit: raw
Post.objects.filter(location='대구', Q(pk=9))
Post.objects.filter(numOfLike__gt=F('pk') * 10)
Comment.objects.filter(comment_author=F('post__post_author')).order_by('pk')
Post.objects.filter(pk=3).update(numOfLike=F('numOfLike') + 1)
Post.objects.get(pk=3).numOfLike
p = Post.objects.get(pk=4)
p.numOfLike = F('numOfLike') + 10
p.save()
p.numOfLike
p.refresh_from_db()
p.numOfLike
User.objects.annotate(upper_id=Upper('instagram_id')).values_list('upper_id', flat=True).order_by('pk')
User.objects.annotate(lower_name=Lower('username')).filter(lower_name='김민지')
Post.objects.annotate(content_len=Length('post_content')).order_by('pk').values_list('pk', 'content_len')
User.objects.annotate(label=Concat('username', Value(' (@'), 'instagram_id', Value(')'))).values_list('label', flat=True).order_by('pk')
User.objects.annotate(site=Coalesce('profile__profile_website', Value('없음'))).values_list('instagram_id', 'site').order_by('pk')
Post.objects.annotate(score=ExpressionWrapper(F('numOfLike') * 2 + 1, output_field=IntegerField())).values_list('pk', 'score').order_by('pk')[:4]
Post.objects.annotate(double=F('numOfLike') * 2).filter(double__gt=100)
Post.objects.filter(numOfLike__gt=F('nope'))
Post.objects.filter(is_comment=False).update(numOfLike=F('numOfLike') * 2)
Post.objects.filter(is_comment=False).values_list('pk', 'numOfLike').order_by('pk')
