# app: tests/differential/shell/apps/blog
# 23_bulk_update: bulk_update() (one UPDATE ... SET f = CASE WHEN pk THEN value ... END WHERE
# pk IN (...) per batch, after BEGIN; None values inline as NULL; filtered and sliced
# QuerySets; its argument checks, in Django's order).
from blog.models import *
from django.db import transaction
arts = list(Article.objects.order_by('id'))
arts[0].title = '새 제목'
arts[1].writer_id = None
Article.objects.bulk_update(arts[:2], ['title', 'writer'])
list(Article.objects.order_by('id').values_list('title', 'writer_id'))
Article.objects.bulk_update(arts, ['title'], batch_size=2)
Article.objects.bulk_update(arts, ['title'], 3)
Article.objects.filter(id__gt=1).bulk_update(arts, ['title'])
Article.objects.bulk_update([], ['title'])
Article.objects.bulk_update(arts, [])
Article.objects.bulk_update(arts, ['nosuch'])
Article.objects.bulk_update(arts, ['id'])
Article.objects.bulk_update(arts, ['likes'])
Article.objects.bulk_update(arts, ['comment'])
Article.objects.bulk_update([Article(title='x')], ['title'])
Article.objects.bulk_update(arts, ['title'], batch_size=-1)
Article.objects.bulk_update(arts, ['title'], batch_size=0)
Article.objects.bulk_update([5], ['title'])
Article.objects.bulk_update(arts, 'title')
Article.objects.bulk_update(arts)
Article.objects.bulk_update(arts, ['title'], nosuch=1)
Article.objects.all()[:2].bulk_update(arts, ['title'])
Article.objects.using('other').bulk_update(arts, ['title'])
Article.objects.using('other').bulk_update([], ['title'])
with transaction.atomic():
    Article.objects.bulk_update(arts[:1], ['title'])

ws = list(Writer.objects.order_by('id'))
for w in ws:
    w.name = w.name + "'; DROP TABLE blog_writer; --"

Writer.objects.bulk_update(ws, ['name'])
Writer.objects.count()
Writer.objects.order_by('id').first().name
ws[0].name = ws[1].name
Writer.objects.bulk_update(ws[:1], ['name'])
Writer.objects.order_by('id').first().name
Article.objects.bulk_update(arts, ['title'] * 300)
Article.objects.bulk_update(arts, ['title', 'writer_id', 'title'])
# Expressions as values: each THEN is the compiled expression.
from django.db.models import F, Value
from django.db.models.functions import Concat, Upper
arts = list(Article.objects.order_by('id')[:3])
arts[0].title = Concat(F('title'), Value('!'))
arts[1].title = Upper('title')
arts[2].title = 'plain'
Article.objects.bulk_update(arts, ['title'])
list(Article.objects.order_by('id').values_list('title', flat=True)[:3])
arts[0].title = F('writer__name')
Article.objects.bulk_update(arts[:1], ['title'])
arts[0].title = F('nosuch')
Article.objects.bulk_update(arts[:1], ['title'])
arts[0].writer_id = F('writer_id')
arts[0].title = 'again'
Article.objects.bulk_update(arts[:1], ['title', 'writer_id'])
Article.objects.order_by('id').values_list('title', 'writer_id').first()
# A joined column in an UPDATE's expression is refused (after trimming, writer__id is local).
arts = list(Article.objects.order_by('id')[:2])
arts[0].title = Concat(F('writer__name'), Value('!'))
Article.objects.bulk_update(arts, ['title'])
Article.objects.filter(pk=1).update(title=Concat(F('writer__name'), Value('?')))
Article.objects.filter(pk=1).update(writer_id=F('writer__id'))
arts[0].title = Upper('writer__name')
arts[0].save()
