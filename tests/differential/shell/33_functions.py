# 33_functions: django.db.models.functions beyond the basics: Extract*/Trunc*/Now, text
# functions (Substr, Left, Right, StrIndex, NullIf, Reverse, LPad, RPad, Repeat, Ord, Chr),
# math functions (Ceil, Floor, Power, Sqrt, Sign, Mod, Exp, Ln, Log, Pi, trigonometry), Cast,
# their reprs, SQL, results and argument errors.
from instagram.models import *
from django.db.models import F, Value, Count, IntegerField, CharField, FloatField, DateField
from django.db.models.functions import ExtractYear, ExtractMonth, ExtractDay, ExtractHour, ExtractMinute, ExtractSecond
from django.db.models.functions import ExtractWeekDay, ExtractIsoWeekDay, ExtractWeek, ExtractQuarter, ExtractIsoYear, Extract
from django.db.models.functions import Trunc, TruncYear, TruncQuarter, TruncMonth, TruncWeek, TruncDay, TruncDate, TruncHour, TruncMinute, TruncSecond
ExtractYear('upload_time')
ExtractMonth(F('upload_time'))
Extract('upload_time', 'day')
TruncMonth('upload_time')
Trunc('upload_time', 'hour')
TruncDate('upload_time')
Post.objects.annotate(y=ExtractYear('upload_time')).values_list('id', 'y')
Post.objects.annotate(m=ExtractMonth('upload_time'), d=ExtractDay('upload_time')).values('id', 'm', 'd')[:3]
Post.objects.annotate(h=ExtractHour('upload_time'), mi=ExtractMinute('upload_time'), s=ExtractSecond('upload_time')).values_list('h', 'mi', 's')[:3]
Post.objects.annotate(w=ExtractWeekDay('upload_time'), iw=ExtractIsoWeekDay('upload_time'), wk=ExtractWeek('upload_time')).values_list('w', 'iw', 'wk')
Post.objects.annotate(q=ExtractQuarter('upload_time'), iy=ExtractIsoYear('upload_time')).values_list('q', 'iy')[:2]
Post.objects.annotate(x=Extract('upload_time', 'month')).values_list('x', flat=True)
Post.objects.annotate(month=TruncMonth('upload_time')).values('month').annotate(n=Count('id')).order_by('month')
Post.objects.annotate(day=TruncDay('upload_time')).values_list('day', flat=True)[:2]
Post.objects.annotate(d=TruncDate('upload_time')).values_list('d', flat=True)
Post.objects.annotate(y=TruncYear('upload_time')).values_list('y', flat=True).distinct()
Post.objects.annotate(q=TruncQuarter('upload_time'), w=TruncWeek('upload_time')).values_list('q', 'w')[:2]
Post.objects.annotate(h=TruncHour('upload_time'), mi=TruncMinute('upload_time'), s=TruncSecond('upload_time')).values_list('h', 'mi', 's')[:1]
Post.objects.annotate(t=Trunc('upload_time', 'month', output_field=DateField())).values_list('t', flat=True)[:2]
Post.objects.filter(upload_time__year=2024).annotate(m=ExtractMonth('upload_time')).filter(m__gte=1).count()
Post.objects.annotate(y=ExtractYear('upload_time')).filter(y=2024).values_list('id', flat=True)
Comment.objects.annotate(y=ExtractYear('post__upload_time')).values_list('id', 'y')[:3]
print(Post.objects.annotate(m=TruncMonth('upload_time')).values('m').query)
print(Post.objects.annotate(y=ExtractYear('upload_time')).query)
print(Post.objects.annotate(d=TruncDate('upload_time')).values('d').query)
p = Post.objects.annotate(m=TruncMonth('upload_time'), y=ExtractYear('upload_time')).first()
p.m, p.y
Post.objects.annotate(y=ExtractYear('location')).first()
Post.objects.annotate(y=TruncMonth('location')).first()
Post.objects.annotate(y=Extract('upload_time', 'fortnight')).first()
Extract('upload_time')
Trunc('upload_time')
Post.objects.annotate(n=Count('comment'), y=ExtractYear('upload_time')).values_list('y', 'n')[:3]
from django.db.models.functions import Lower
print(Post.objects.values_list('location', flat=True).distinct().query)
print(Post.objects.annotate(l=Lower('location')).values_list('l', flat=True).distinct().query)
print(Post.objects.annotate(l=Lower('location')).values('l').distinct().query)
print(Post.objects.values('location').distinct().order_by('location').query)
Post.objects.annotate(l=Lower('location')).count()
Post.objects.annotate(l=Lower('location')).filter(l='대구').count()
Post.objects.annotate(n=Count('comment')).count()
Post.objects.annotate(y=ExtractYear('upload_time')).filter(y__gte=2024).values_list('id', flat=True)[:2]
Post.objects.annotate(y=ExtractYear('upload_time')).filter(y__lt=2025, y__gt=2020).count()
Post.objects.annotate(y=ExtractIsoYear('upload_time')).filter(y=2024).values_list('id', flat=True)[:2]
Post.objects.annotate(y=ExtractYear('upload_time')).filter(y__in=[2024]).values_list('id', flat=True)[:2]
Post.objects.filter(upload_time__iso_year=2024).values_list('id', flat=True)[:2]
Post.objects.annotate(n=Count('comment'), l=Lower('location')).values_list('l', 'n')[:3]
Post.objects.annotate(l=Lower('location'), n=Count('comment')).values_list('n', 'l')[:3]
Post.objects.annotate(n=Count('comment'), l=Lower('location')).values_list('n', flat=True)[:3]
Post.objects.annotate(n=Count('comment'), l=Lower('location'))[:2]
from django.db.models.functions import Now
Now()
Post.objects.filter(upload_time__lte=Now()).count()
print(Post.objects.filter(upload_time__lte=Now()).query)
from django.db.models.functions import Substr, Left, Right, StrIndex, NullIf, Reverse, LPad, RPad, Repeat, Ord, Chr
Substr('location', 1, 2)
Post.objects.annotate(s=Substr('location', 1, 2)).values_list('s', flat=True)
Post.objects.annotate(s=Substr('location', 3)).values_list('s', flat=True)[:3]
Post.objects.annotate(s=Left('location', 2)).values_list('s', flat=True)[:3]
Post.objects.annotate(s=Right('location', 3)).values_list('s', flat=True)[:3]
print(Post.objects.annotate(s=Right('location', 3)).values('s').query)
print(Post.objects.annotate(s=Left('location', 3)).values('s').query)
Post.objects.annotate(i=StrIndex('location', Value('구'))).values_list('location', 'i')
Post.objects.annotate(n=NullIf('location', Value(''))).values_list('n', flat=True)
Post.objects.annotate(r=Reverse('location')).values_list('r', flat=True)[:3]
Post.objects.annotate(p=LPad('location', 10, Value('*'))).values_list('p', flat=True)[:3]
Post.objects.annotate(p=RPad('location', 8)).values_list('p', flat=True)[:3]
Post.objects.annotate(r=Repeat('location', 2)).values_list('r', flat=True)[:2]
print(Post.objects.annotate(r=Repeat('location', 2)).values('r').query)
Post.objects.annotate(o=Ord('location')).values_list('o', flat=True)[:3]
Post.objects.annotate(c=Chr(Value(44032))).values_list('c', flat=True)[:1]
Substr('location', 0)
Left('location', 0)
LPad('location', -1)
Repeat('location', -2)
Substr('location')
Post.objects.filter(location__startswith=Substr(Value('대구시'), 1, 2)).count()
from django.db.models.functions import Ceil, Floor, Power, Sqrt, Sign, Mod, Exp, Ln, Log, Pi, Sin, Cos, Tan, Cot, ACos, ASin, ATan, ATan2, Degrees, Radians, Round, Abs
Post.objects.annotate(s=Sqrt('numOfLike')).values_list('numOfLike', 's')[:3]
Post.objects.annotate(p=Power('numOfLike', 2)).values_list('numOfLike', 'p')[:3]
Post.objects.annotate(m=Mod('numOfLike', 7)).values_list('numOfLike', 'm')[:3]
Post.objects.annotate(c=Ceil(F('numOfLike') / 3.0), f=Floor(F('numOfLike') / 3.0)).values_list('c', 'f')[:3]
Post.objects.annotate(s=Sign(F('numOfLike') - 10)).values_list('s', flat=True)
Post.objects.annotate(e=Exp(Value(1)), l=Ln(Value(10)), g=Log(Value(10), Value(1000))).values_list('e', 'l', 'g')[:1]
Post.objects.annotate(pi=Pi()).values_list('pi', flat=True)[:1]
Post.objects.annotate(a=Sin(Value(0)), b=Cos(Value(0)), c=Tan(Value(0)), d=Degrees(Pi()), r=Radians(Value(180))).values_list('a', 'b', 'c', 'd', 'r')[:1]
Post.objects.annotate(a=ACos(Value(1)), b=ASin(Value(0)), c=ATan(Value(1)), d=ATan2(Value(1), Value(1)), e=Cot(Value(1))).values_list('a', 'b', 'c', 'd', 'e')[:1]
Sqrt('numOfLike')
Power('numOfLike', 2)
Pi()
print(Post.objects.annotate(s=Sqrt('numOfLike'), m=Mod('numOfLike', 7)).values('s', 'm').query)
Post.objects.annotate(l=Ln(Value(0))).values_list('l', flat=True)[:1]
Post.objects.annotate(s=Sqrt(Value(-1))).values_list('s', flat=True)[:1]
Post.objects.filter(numOfLike__gt=Power(Value(2), 3)).count()
Post.objects.annotate(r=Round(F('numOfLike') / 3.0)).values_list('r', flat=True)[:3]
Power('numOfLike')
from django.db.models.functions import Cast
Cast('numOfLike', CharField())
Post.objects.annotate(s=Cast('numOfLike', CharField())).values_list('s', flat=True)[:3]
Post.objects.annotate(f=Cast('numOfLike', FloatField())).values_list('f', flat=True)[:3]
Post.objects.annotate(i=Cast('location', IntegerField())).values_list('i', flat=True)[:3]
Post.objects.annotate(d=Cast('upload_time', DateField())).values_list('d', flat=True)[:2]
print(Post.objects.annotate(s=Cast('numOfLike', CharField(max_length=10))).values('s').query)
print(Post.objects.annotate(d=Cast('upload_time', DateField())).values('d').query)
Cast('numOfLike')
from django.db.models.functions import Upper
Post.objects.annotate(l=Lower('location')).values('l', 'id')[:1]
Post.objects.annotate(l=Lower('location')).values_list('l', 'id')[:1]
Post.objects.annotate(l=Lower('location'), u=Upper('location')).values('u', 'l', 'id')[:1]
Post.objects.annotate(l=Lower('location'), u=Upper('location')).values_list('u', 'l', 'id', named=True)[:1]
Post.objects.values('id').annotate(l=Lower('location'))[:1]
Post.objects.values('location').annotate(n=Count('id')).values('n', 'location')[:2]
Post.objects.values('location').annotate(l=Lower('location')).count()
Post.objects.annotate(s=Substr('location', 1, 2)).values('s').annotate(n=Count('id')).order_by('s')
Post.objects.annotate(n=Count('comment'), s=Substr('location', 1, 2)).count()
Post.objects.values_list('location', flat=True).distinct()
Post.objects.values_list('location', flat=True).distinct().order_by('location')
Comment.objects.values_list('post__location', flat=True).distinct()
Post.objects.annotate(n=Count('comment'), s=Substr('location', 1, 2)).values_list('id', 's', 'n')[:3]
[(p.s, p.n) for p in Post.objects.annotate(n=Count('comment'), s=Substr('location', 1, 2))[:3]]
from django.db.models.functions import MD5, SHA256
MD5('location')
Post.objects.annotate(h=MD5('location'), s=SHA256('location')).values_list('location', 'h', 's')[:2]
Post.objects.annotate(h=MD5('numOfLike')).values_list('h', flat=True)[:1]
from django.db.models.functions import SHA1, SHA224, SHA384, SHA512
SHA1('location')
Post.objects.annotate(a=SHA1('location'), b=SHA224('location')).values_list('location', 'a', 'b')[:2]
Post.objects.annotate(c=SHA384('post_content'), d=SHA512('post_content')).order_by('id').values_list('c', 'd')[:2]
User.objects.annotate(h=SHA1('username')).order_by('id').values_list('username', 'h')[:3]
Post.objects.annotate(h=SHA512('numOfLike')).values_list('h', flat=True)[:1]
Post.objects.filter(location__isnull=True).annotate(h=SHA224('location')).values_list('h', flat=True)[:1]
from django.db.models.functions import Collate
Collate('username', 'nocase')
User.objects.order_by(Collate('username', 'nocase')).values_list('username', flat=True)
User.objects.filter(instagram_id=Collate(Value('KIM_MINJI'), 'nocase')).values_list('id', flat=True)
User.objects.annotate(u=Collate('username', 'binary')).values_list('u', flat=True)[:2]
print(User.objects.order_by(Collate('instagram_id', 'nocase')).query)
Collate('username', 'no case')
Collate('username', '')
Collate('username', None)
User.objects.order_by(Collate('username', 'nosuch')).first()
from django.db.models.functions import Exp, Power, Ceil, Degrees
Post.objects.annotate(e=Exp(F('numOfLike') * 1000.0)).values_list('e', flat=True)[:2]
Post.objects.annotate(e=Power(10.0, 400)).values_list('e', flat=True)[:1]
Post.objects.annotate(e=Power(10, 40)).values_list('e', flat=True)[:1]
Post.objects.annotate(e=Ceil(Value(1e300) * 10.0)).values_list('e', flat=True)[:1]
Post.objects.annotate(e=Degrees(Value(1e308))).values_list('e', flat=True)[:1]
