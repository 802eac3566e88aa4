# app: tests/differential/shell/apps/blog
# 14_exclude_paths: exclude() whose multi-valued step (a reverse ForeignKey or a many-to-many)
# comes after two or more forward ForeignKeys, and isnull / None across a multi-valued step
# after a forward ForeignKey: Django trims the leading joins of the subquery and compares it
# with the outer query's column (joining the outer query where the trimmed path needs it).

from blog.models import Writer, Article, Comment
from django.db.models import Q
Comment.objects.exclude(article__writer__articles__title='제주 바다').order_by('pk')
Comment.objects.exclude(article__writer__articles__title__contains='서울').count()
print(Comment.objects.exclude(article__writer__articles__title='제주 바다').query)
Comment.objects.exclude(article__writer__liked_articles__title='서울 여행').order_by('pk')
print(Comment.objects.exclude(article__writer__liked_articles__title='서울 여행').query)
Comment.objects.exclude(article__writer__comments__text='좋아요').values_list('pk', flat=True)
Comment.objects.exclude(article__comment__isnull=True).order_by('pk')
print(Comment.objects.exclude(article__comment__isnull=True).query)
Comment.objects.exclude(article__comment=None).count()
Comment.objects.exclude(writer__articles__isnull=True).values_list('pk', flat=True)
print(Comment.objects.exclude(writer__articles__isnull=True).query)
Comment.objects.exclude(article__likes__isnull=True).count()
print(Comment.objects.exclude(article__likes=None).query)
Comment.objects.exclude(Q(article__writer__articles__title='제주 바다') | Q(text='좋아요')).count()
Comment.objects.exclude(article__writer__articles__in=[]).count()
Article.objects.exclude(comment__text__in=[]).count()
Comment.objects.exclude(writer__articles__title__in=[]).count()
print(Comment.objects.exclude(article__writer__articles__title__in=[]).query)
Comment.objects.exclude(article__comment__isnull='yes').count()
Comment.objects.exclude(article__writer__articles__title__in=[], text='좋아요').count()
print(Comment.objects.exclude(article__writer__articles__isnull=True).query)
Comment.objects.exclude(article__writer__articles__isnull=True).count()
print(Comment.objects.exclude(article__writer__articles=None).query)
Comment.objects.exclude(article__writer__articles=None).count()
print(Comment.objects.exclude(article__writer__liked_articles__isnull=True).query)
Comment.objects.exclude(article__writer__liked_articles__isnull=True).count()
print(Comment.objects.exclude(article__writer__articles__isnull=False).query)
Comment.objects.exclude(article__writer__articles__isnull=False).count()
Comment.objects.filter(~Q(article__writer__articles__isnull=True) | Q(text='x')).count()
print(Comment.objects.exclude(article__writer__articles__comment__isnull=True).query)
Comment.objects.exclude(article__writer__articles__comment__isnull=True).count()
