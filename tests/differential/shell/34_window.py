# 34_window: window functions (Window with RowNumber, Rank, DenseRank, Lag, Lead, FirstValue,
# LastValue, NthValue, Ntile, PercentRank, CumeDist and aggregates over partitions): reprs, SQL,
# results, the filter Django refuses, and their argument errors.
from instagram.models import *
from django.db.models import F, Window, Count, Sum, Avg, Max, Value
from django.db.models.functions import RowNumber, Rank, DenseRank, Lag, Lead, FirstValue, LastValue, NthValue, Ntile, PercentRank, CumeDist, Lower
Window(RowNumber())
Window(RowNumber(), partition_by=[F('post_author')], order_by=F('upload_time').desc())
Window(Rank(), partition_by=F('post_author'), order_by=[F('numOfLike').desc(), 'id'])
RowNumber()
Lag('numOfLike')
Ntile(4)
Post.objects.annotate(rn=Window(RowNumber(), partition_by=[F('post_author')], order_by=F('upload_time').desc())).values_list('id', 'post_author_id', 'rn')
Post.objects.annotate(r=Window(Rank(), order_by=F('numOfLike').desc())).values_list('numOfLike', 'r')[:5]
Post.objects.annotate(r=Window(DenseRank(), order_by=F('numOfLike').desc())).values_list('numOfLike', 'r')[:5]
Post.objects.annotate(prev=Window(Lag('numOfLike'), order_by=F('id').asc())).values_list('id', 'numOfLike', 'prev')[:4]
Post.objects.annotate(nxt=Window(Lead('numOfLike', 2, 0), order_by='id')).values_list('id', 'nxt')[:4]
Post.objects.annotate(nxt=Window(Lead('numOfLike', 2, 0), order_by=['id'])).values_list('id', 'nxt')[:4]
Post.objects.annotate(f=Window(FirstValue('location'), partition_by='post_author', order_by=F('id').asc())).values_list('id', 'f')[:4]
Post.objects.annotate(total=Window(Sum('numOfLike'), partition_by=[F('post_author')])).values_list('post_author_id', 'numOfLike', 'total')
Post.objects.annotate(avg=Window(Avg('numOfLike'))).values_list('avg', flat=True)[:2]
Post.objects.annotate(c=Window(Count('id'), partition_by=[F('post_author')])).values_list('c', flat=True)[:3]
Post.objects.annotate(q=Window(Ntile(3), order_by=F('numOfLike').asc())).values_list('numOfLike', 'q')
Post.objects.annotate(p=Window(PercentRank(), order_by=F('numOfLike').asc()), c=Window(CumeDist(), order_by=F('numOfLike').asc())).values_list('p', 'c')[:3]
Post.objects.annotate(n=Window(NthValue('numOfLike', 2), order_by=F('id').asc())).values_list('n', flat=True)[:3]
Post.objects.annotate(l=Window(LastValue('id'), partition_by=[F('post_author')])).values_list('l', flat=True)[:3]
print(Post.objects.annotate(rn=Window(RowNumber(), partition_by=[F('post_author')], order_by=F('upload_time').desc())).query)
print(Post.objects.annotate(rn=Window(RowNumber())).values('rn').query)
Post.objects.annotate(rn=Window(RowNumber(), order_by=F('id').asc())).filter(rn__lte=2)
Post.objects.annotate(rn=Window(RowNumber(), order_by=F('id').asc())).first().rn
Post.objects.annotate(rn=Window(RowNumber(), order_by=F('id').asc())).count()
Window(Lower('location'))
Window(RowNumber(), order_by='id')
Lag('numOfLike', 0)
Lag(None)
NthValue('numOfLike', 0)
Ntile(0)
Post.objects.annotate(rn=RowNumber()).values_list('rn', flat=True)[:1]
Post.objects.annotate(n=Count('comment'), r=Window(Rank(), order_by=F('numOfLike').desc())).values_list('id', 'n', 'r')[:3]
Post.objects.values('post_author').annotate(n=Count('id'), r=Window(RowNumber(), order_by=F('post_author').asc())).values_list('post_author', 'n', 'r')
F('upload_time').desc()
F('id').asc()
Post.objects.annotate(rn=Window(RowNumber(), order_by=[F('numOfLike').desc(), F('id').asc()])).order_by('rn').values_list('rn', 'numOfLike', 'id')[:4]
Post.objects.annotate(c=Window(Count('id'), partition_by=[F('post_author')])).order_by('-c', 'id').values_list('post_author_id', 'c')[:4]
[(p.id, p.rn) for p in Post.objects.annotate(rn=Window(RowNumber(), partition_by=[F('post_author')], order_by=F('id').asc()))[:3]]
from django.db.models import RowRange, ValueRange
RowRange(start=None, end=0)
ValueRange(-2, 2)
RowRange()
Window(Sum('numOfLike'), order_by=F('id').asc(), frame=RowRange(start=None, end=0))
Post.objects.annotate(running=Window(Sum('numOfLike'), order_by=F('id').asc(), frame=RowRange(start=None, end=0))).order_by('id').values_list('id', 'numOfLike', 'running')[:5]
Post.objects.annotate(m=Window(Avg('numOfLike'), order_by=F('id').asc(), frame=RowRange(-1, 1))).order_by('id').values_list('id', 'm')[:4]
Post.objects.annotate(m=Window(Max('numOfLike'), partition_by=[F('post_author')], order_by=F('numOfLike').asc(), frame=ValueRange(start=0))).values_list('post_author_id', 'm')[:4]
print(Post.objects.annotate(running=Window(Sum('numOfLike'), order_by=F('id').asc(), frame=RowRange(start=-3, end=0))).values('running').query)
Post.objects.annotate(x=Window(Sum('numOfLike'), frame=RowRange(start=2))).first()
Post.objects.annotate(x=Window(Sum('numOfLike'), frame=RowRange(end=-1))).first()
RowRange(start=2)
Window(expression=RowNumber(), partition_by=[])
Post.objects.annotate(r=Window(expression=RowNumber(), partition_by=[])).count()
Window(expression=RowNumber(), partition_by=[F('id')], order_by=[])
