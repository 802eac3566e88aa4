# app: tests/differential/shell/apps/shop
# 28_decimal: Python's Decimal at the prompt (exact arithmetic, 28-digit division, rounding,
# quantize, formatting, comparisons and hashing with int and float, its errors) and
# DecimalField through the ORM on SQLite: values read back quantized to decimal_places,
# aggregates and expressions as Django's converters make them, writes rounded by
# max_digits/decimal_places, lookups with Decimal, int, float and str, validation errors.
from decimal import Decimal
Decimal('10.50')
Decimal(10), Decimal(-3), Decimal()
Decimal(1.1)
Decimal(0.5), Decimal('  7.25  '), Decimal('1_000.5')
Decimal('0.1') + Decimal('0.2')
Decimal('0.1') + Decimal('0.2') == Decimal('0.3')
0.1 + 0.2 == 0.3
Decimal('1') / Decimal('3')
Decimal('2') / Decimal('3')
Decimal(1) / 8
Decimal('10.50') * 3
Decimal('10.50') * Decimal('1.1')
Decimal('10') - 2, 2 - Decimal('0.5'), 3 * Decimal('0.1'), 1 + Decimal('1E+2')
Decimal('7') // 2, Decimal('-7') // 2, Decimal('7') % 3, Decimal('-7') % 3
divmod(Decimal('7.5'), 2)
Decimal('2') ** 10, Decimal('1.1') ** 2, Decimal(2) ** -2
-Decimal('1.50'), +Decimal('1.50'), abs(Decimal('-3.5'))
str(Decimal('10.50')), str(Decimal('1E+3')), str(Decimal('0.0000001')), str(Decimal('-0'))
print(Decimal('100.00'), Decimal('1e-3'))
repr(Decimal('5E-8'))
Decimal('1.5') + 1.5
1.5 * Decimal('2')
Decimal('1.5') + '1'
Decimal('abc')
Decimal(None)
Decimal([1, 2])
Decimal('1') / 0
Decimal('0') / 0
Decimal('1') % 0
Decimal('10.555').quantize(Decimal('0.01'))
from decimal import ROUND_HALF_UP, ROUND_DOWN, ROUND_UP, ROUND_FLOOR, ROUND_CEILING
Decimal('10.555').quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)
Decimal('2.675').quantize(Decimal('0.01')), Decimal('-2.675').quantize(Decimal('0.01'), ROUND_DOWN)
Decimal('2.671').quantize(Decimal('0.01'), rounding=ROUND_UP), Decimal('-2.671').quantize(Decimal('.01'), rounding=ROUND_FLOOR)
Decimal('12.5').quantize(Decimal('1')), Decimal('13.5').quantize(Decimal('1')), Decimal('7').quantize(Decimal('0.001'))
ROUND_HALF_UP
round(Decimal('2.675'), 2), round(Decimal('2.5')), round(Decimal('3.5')), round(Decimal('-2.5'))
round(Decimal('1234.5'), -2)
int(Decimal('9.99')), int(Decimal('-9.99')), float(Decimal('9.99')), float(Decimal('0.1'))
f"{Decimal('1234.5'):,.2f}", f"{Decimal('0.125'):.2f}", f"{Decimal('2.5'):.0f}", f"{Decimal('42')}"
'{:>10}|{:.1%}|{:e}'.format(Decimal('3.14'), Decimal('0.256'), Decimal('12345.678'))
'%.2f' % Decimal('2.675'), '%s' % Decimal('2.50'), '%d' % Decimal('7.9')
Decimal('1.10') == Decimal('1.1'), Decimal('1.0') == 1, Decimal('0.1') == 0.1, Decimal('0.5') == 0.5
Decimal('0.5') < 1, Decimal('0.5') > 0.4, Decimal('0.1') < 0.1, 2 >= Decimal('2.00')
Decimal('1.5') == '1.5', Decimal('1') != None
{Decimal('1.0'), 1, 1.0}
{1: 'int', Decimal('1.00'): 'decimal'}
hash(Decimal('1.5')) == hash(1.5), hash(Decimal(10)) == hash(10), hash(Decimal('-1')), hash(Decimal('0.1'))
sum([Decimal('0.1')] * 3), sum([Decimal('0.1')] * 3) == Decimal('0.3')
sum([0.1] * 3)
max(Decimal('1.5'), 2), min([Decimal('2.50'), Decimal('2.5'), 3])
sorted([Decimal('2.5'), 1, Decimal('0.5'), 2.0, Decimal('-1')])
bool(Decimal('0.00')), bool(Decimal('0.01'))
Decimal('1.500').normalize(), Decimal('100').normalize(), Decimal('0.000').normalize()
Decimal('1.23').as_tuple(), Decimal('-0.5').as_tuple().exponent
Decimal('123.45').adjusted(), Decimal('3.14').is_zero(), Decimal('-0').is_signed()
Decimal('7.6').to_integral_value(), Decimal('7.5').to_integral_value(rounding=ROUND_DOWN)
Decimal('2').sqrt()
type(Decimal('1')), type(Decimal('1')).__name__, isinstance(Decimal(1), Decimal)
Decimal('NaN'), Decimal('-Infinity'), Decimal('inf') > 10 ** 18
Decimal('NaN') == Decimal('NaN')
Decimal('NaN') < 1
Decimal('1E+999999') * 10
Decimal('1e999999') + 1
Decimal(10) ** 100
Decimal('123456789012345678901234567890')
Decimal('123456789012345678901234567890') + 0
Decimal(3).foo
import decimal
decimal.Decimal('1.1') + decimal.Decimal('2.2')
try:
    Decimal('x')
except decimal.InvalidOperation as e:
    print('잘못된 값', type(e).__name__, isinstance(e, ArithmeticError))

try:
    Decimal(5) / 0
except ZeroDivisionError as e:
    print('0으로 나눔', type(e).__name__)

from shop.models import *
from django.db.models import Sum, Avg, Max, Min, Count, F, Value, DecimalField, ExpressionWrapper
p = Product.objects.get(pk=1)
p.price, p.discount, p.shipping, p.weight
p
Product.objects.values_list('price', flat=True)
Product.objects.values('name', 'price', 'discount')[:3]
Product.objects.filter(price__gt=Decimal('100'))
Product.objects.filter(price__gt=100).count()
Product.objects.filter(price='2.75')
Product.objects.filter(price__lt=1.5)
Product.objects.filter(price=Decimal('0.1'))
Product.objects.filter(price=0.1)
Product.objects.filter(price='0.10')
Product.objects.filter(price__range=(Decimal('1'), Decimal('100'))).values_list('name', 'price')
Product.objects.filter(price__in=[Decimal('2.75'), '10.1', 0.2]).values_list('name', flat=True)
Product.objects.filter(discount__isnull=True).values_list('name', 'discount')
Product.objects.filter(price='abc')
Product.objects.aggregate(Sum('price'))
Product.objects.filter(pk__in=[3, 4]).aggregate(Sum('price'))
Product.objects.aggregate(Avg('price'), Max('price'), Min('discount'))
Product.objects.aggregate(Avg('stock'), Sum('weight'))
Product.objects.filter(category=1).aggregate(total=Sum('price'))
Product.objects.filter(pk=0).aggregate(total=Sum('price'))
Product.objects.annotate(total=F('price') * F('stock')).values_list('name', 'total')
Product.objects.annotate(after=F('price') - F('shipping')).values_list('after', flat=True)
Product.objects.annotate(half=F('price') / 2).values_list('half', flat=True)
Product.objects.annotate(x=F('price') + F('weight')).values_list('x', flat=True)
Category.objects.annotate(total=Sum('products__price')).values_list('name', 'total')
Category.objects.annotate(avg=Avg('products__price')).values_list('name', 'avg')
Product.objects.order_by('-price').values_list('name', flat=True)
Product.objects.filter(price__gte=F('shipping') * 100).values_list('name', flat=True)
str(Product.objects.filter(price__gt=Decimal('9.5')).query)
str(Product.objects.annotate(t=F('price') * 2).query)
p.sale_price()
[x.sale_price() for x in Product.objects.all()]
sum(x.price for x in Product.objects.all())
q = Product.objects.create(category_id=1, name='귤', price='3.5')
q.price, q.shipping, q.discount
q.refresh_from_db()
q.price, q.shipping
r = Product(category_id=2, name='감자', price=Decimal('1.255'), discount=0.1)
r.save()
r.price, r.discount
Product.objects.get(pk=r.pk).price, Product.objects.get(pk=r.pk).discount
s = Product.objects.create(category_id=1, name='수박', price=1.1)
Product.objects.get(pk=s.pk).price
Product.objects.create(category_id=1, name='x', price='abc')
Product.objects.create(category_id=1, name='y', price=Decimal('12345678.9'))
Product.objects.create(category_id=1, name='z', price=None)
Product.objects.filter(pk=1).update(price=F('price') * Decimal('1.1'))
Product.objects.get(pk=1).price
Product.objects.filter(pk=2).update(price=Decimal('3.333'))
Product.objects.get(pk=2).price
Product.objects.filter(pk=3).update(price='0.5')
Product.objects.get(pk=3).price
t = Product(category_id=1, name='비싼', price=Decimal('1234567.891'), discount=Decimal('12.5'))
t.full_clean()
Product(category_id=1, name='이상', price='1.2.3').full_clean()
Product.objects.filter(price__gt=Decimal('NaN'))
Product.objects.annotate(d=ExpressionWrapper(F('price') * F('discount'), output_field=DecimalField(max_digits=10, decimal_places=2))).values_list('d', flat=True)
Product.objects.annotate(v=Value(Decimal('1.5'))).values_list('v', flat=True)[:2]
Product.objects.aggregate(n=Count('price'), m=Max(F('price') * 2))
Product.objects.values('category__name').annotate(s=Sum('price')).order_by('category__name')
from decimal import getcontext, setcontext, localcontext, Context, Inexact, FloatOperation, ROUND_HALF_EVEN
c = getcontext()
c
c.prec, c.rounding, c.flags[Inexact]
Decimal(1.5), c.flags[FloatOperation]
c.clear_flags()
Decimal(1) / 3
c
c.prec = 5
Decimal(1) / 3, Decimal('1.234567') + 0, +Decimal('1.234567'), Decimal('1.234567')
c.prec = 0
c.prec = 'a'
c.rounding = 'x'
c.foo = 1
c.rounding = ROUND_DOWN
Decimal(2) / 3, c.rounding
with localcontext() as lc:
    lc.prec = 2
    print(Decimal(1) / 7, lc.prec)

Decimal(1) / 7
x = Context(prec=3)
x.create_decimal('1.2345'), x.create_decimal_from_float(0.1), x
setcontext(x)
Decimal(1) / 3, getcontext() is x, type(getcontext())
getcontext().flags
getcontext().flags['x']
getcontext().traps[Inexact] = True
Decimal(1) / 3
Decimal(1) / 4
Product.objects.get(pk=1).price, Product.objects.aggregate(Sum('price'))
setcontext(Context())
getcontext()
Decimal(1) / 3
Product.objects.filter(price="1'; DROP TABLE shop_product; --")
Product(category_id=1, name="따옴표'", price="1'2").full_clean()
Product.objects.filter(price='')
Product.objects.filter(price=Decimal('9' * 5000)).count()
