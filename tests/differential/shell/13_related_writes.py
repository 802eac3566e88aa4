# app: tests/differential/shell/apps/blog
# 13_related_writes: the reverse managers of a ForeignKey with null=True (add/create/remove/
# clear/set, bulk=True and bulk=False, the checks and errors Django makes), the same managers
# on a ForeignKey without null (no remove/clear), exclude() across multi-valued relations
# (Django's NOT (id IN (SELECT ...)) subqueries), bad bulk_create batch sizes and nested
# prefetch_related.

from blog.models import Writer, Article, Comment
from django.db.models import Q, Count
minji = Writer.objects.get(name='minji')
junho = Writer.objects.get(pk=2)
seoul = Article.objects.get(pk=1)
busan = Article.objects.get(pk=2)
seoul.comment_set.all()
c1 = Comment.objects.get(pk=1)
c3 = Comment.objects.get(pk=3)
c6 = Comment.objects.get(pk=6)
seoul.comment_set.remove(c1)
c1.article_id
seoul.comment_set.all()
seoul.comment_set.remove(c3)
c3.article_id
seoul.comment_set.remove(c6)
seoul.comment_set.remove()
seoul.comment_set.remove(busan)
seoul.comment_set.remove(1)
seoul.comment_set.add(c1, c6)
c6.article
seoul.comment_set.order_by('pk')
seoul.comment_set.remove(c1, c6, bulk=False)
seoul.comment_set.add(Comment(writer=junho, text='새 댓글'))
seoul.comment_set.add(busan)
seoul.comment_set.add(c1, bulk=False)
seoul.comment_set.count()
seoul.comment_set.clear()
seoul.comment_set.count()
Comment.objects.filter(article__isnull=True).values_list('pk', flat=True)
busan.comment_set.clear(bulk=False)
busan.comment_set.set([c1, c3, c6])
busan.comment_set.order_by('pk')
busan.comment_set.set([c1, Comment.objects.get(pk=2)])
busan.comment_set.order_by('pk')
busan.comment_set.set([c3], clear=True)
busan.comment_set.set([c3, c6], bulk=False)
busan.comment_set.set([])
busan.comment_set.count()
busan.comment_set.set(Comment.objects.filter(writer=junho))
busan.comment_set.values_list('pk', flat=True)
busan.comment_set.set(c1)
busan.comment_set.clear(True)
new = busan.comment_set.create(writer=minji, text='부산 최고')
new.article_id
busan.comment_set.get_or_create(writer=minji, text='부산 최고')
busan.comment_set.get_or_create(writer=junho, text='또 갈래요')
busan.comment_set.update_or_create(writer=junho, defaults={'text': '고쳤어요'})
minji.articles.all()
minji.articles.remove(busan)
minji.articles.set([Article.objects.get(pk=4)])
Article.objects.filter(writer__isnull=True).order_by('pk')
minji.articles.clear()
minji.comments.all()
minji.comments.remove(new)
minji.comments.clear()
minji.comments.set([new])
minji.comments.set([c1])
Comment.objects.get(pk=1).writer_id
minji.comments.add(c3, bulk=False)
Comment.objects.get(pk=3).writer_id
Article.objects.get(pk=3).comment_set.add(c1, c3)
Comment.objects.filter(article_id=3).order_by('pk').values_list('pk', 'writer_id')
Article.objects.exclude(comment__writer__name='seoyeon')
Article.objects.exclude(comment__text__contains='댓글').order_by('pk')
Writer.objects.exclude(articles__title='제주 바다')
Writer.objects.exclude(articles__title__contains='서울').count()
Writer.objects.exclude(comments__article__title='제주 바다').order_by('pk')
Article.objects.exclude(likes__name='seoyeon')
Article.objects.exclude(comment__writer=junho, comment__text='좋아요')
Article.objects.exclude(Q(comment__writer__name='junho') | Q(title='익명 글'))
Article.objects.filter(~Q(comment__writer__name='hana'))
Article.objects.exclude(comment__isnull=True)
Article.objects.exclude(comment=None).count()
Writer.objects.exclude(articles__comment__writer__name='minji')
Writer.objects.exclude(liked_articles__writer__name='junho').values_list('name', flat=True)
print(Article.objects.exclude(comment__writer__name='seoyeon').query)
print(Writer.objects.exclude(articles__title='제주 바다').query)
print(Article.objects.exclude(likes__name='hana').query)
Article.objects.filter(title__contains='바다').exclude(comment__text='바다!')
Writer.objects.annotate(n=Count('articles')).exclude(articles__title='서울 여행').values_list('name', 'n')
Writer.objects.bulk_create([Writer(name='a1'), Writer(name='a2')], batch_size=2.5)
Writer.objects.bulk_create([Writer(name='a3')], batch_size=0)
Writer.objects.bulk_create([Writer(name='a4')], batch_size=-1)
Writer.objects.bulk_create([Writer(name='a5')], batch_size='2')
Writer.objects.bulk_create([Writer(name='a6'), Writer(name='a7'), Writer(name='a8')], batch_size=2)
Writer.objects.filter(name__startswith='a').count()
for w in Writer.objects.prefetch_related('articles__comment_set').filter(pk__lte=3):
    print(w, [(a.title, [c.text for c in a.comment_set.all()]) for a in w.articles.all()])
for a in Article.objects.prefetch_related('comment_set__writer'):
    print(a, [str(c.writer) for c in a.comment_set.all()])
for c in Comment.objects.select_related('writer').prefetch_related('article__likes').order_by('pk'):
    print(c.pk, c.writer.name, c.article and [w.name for w in c.article.likes.all()])
for w in Writer.objects.prefetch_related('comments__article__writer').filter(pk__in=[1, 2]):
    print(w, [(c.text, c.article and str(c.article.writer)) for c in w.comments.all()])
for a in Article.objects.select_related('writer').prefetch_related('likes__articles').filter(pk__lte=2):
    print(a.writer, [(x.name, len(x.articles.all())) for x in a.likes.all()])
Writer.objects.prefetch_related('articles__nothing')
list(Writer.objects.prefetch_related('articles__title'))
from django.db.models import Prefetch
for w in Writer.objects.prefetch_related(Prefetch('articles', queryset=Article.objects.order_by('-pk'), to_attr='recent')).filter(pk__lte=2):
    print(w, w.recent)
for a in Article.objects.prefetch_related(Prefetch('comment_set', queryset=Comment.objects.filter(writer_id=3))).order_by('pk'):
    print(a, list(a.comment_set.all()))
for w in Writer.objects.prefetch_related('articles', 'articles__comment_set', 'articles__likes').filter(pk=2):
    print(w, [(a.title, len(a.comment_set.all()), [x.name for x in a.likes.all()]) for a in w.articles.all()])
for w in Writer.objects.prefetch_related(Prefetch('liked_articles', queryset=Article.objects.filter(title__contains='바다'), to_attr='sea')).order_by('pk'):
    print(w, w.sea)
for w in Writer.objects.prefetch_related(Prefetch('articles__comment_set', to_attr='talk')).filter(pk=2):
    print([(a.title, [c.text for c in a.talk]) for a in w.articles.all()])
for c in Comment.objects.prefetch_related(Prefetch('article', to_attr='art')).filter(pk__lte=3):
    print(c.pk, c.art)
Prefetch('articles', queryset=Article.objects.values('title'))
Prefetch('articles', to_attr='x').prefetch_to
Prefetch('articles__comment_set', to_attr='x').prefetch_to
Article.objects.exclude(comment__isnull=False).order_by('pk')
Article.objects.exclude(comment__writer__isnull=True).count()
Article.objects.exclude(likes__isnull=True).values_list('pk', flat=True)
Article.objects.exclude(comment__writer__comments__text='바다!')
Writer.objects.exclude(comments__article=None).values_list('name', flat=True)
Comment.objects.exclude(article__comment__text='바다!').order_by('pk').values_list('pk', flat=True)
Comment.objects.exclude(writer__liked_articles__title='제주 바다').count()
print(Comment.objects.exclude(article__likes=3).query)
Article(title='새 글').comment_set.remove(c1)
Article(title='새 글').comment_set.clear()
Article(title='새 글').comment_set.add(c1)
