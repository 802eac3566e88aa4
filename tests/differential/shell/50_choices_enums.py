# app: tests/differential/shell/apps/stories
# 50_choices_enums: TextChoices and IntegerChoices classes (nested in a model and at module level in models.py, and typed at the prompt): members as str/int with repr, str, f-string, .name/.value/.label, labels from names, __empty__, .choices/.values/.labels/.names, lookup by value and by name, iteration, len, in, equality and hashing with plain values, a default written as a member (a new instance holds the member), members as filter values and in writes, get_FOO_display and full_clean with them.
from stories.models import *
from django.db import models
Highlight.Kind
Highlight.Kind.DAILY
Highlight.Kind.DAILY.label, Highlight.Kind.DAILY.value, Highlight.Kind.DAILY.name
Highlight.Kind.FOOD.label
str(Highlight.Kind.TRAVEL)
f'{Highlight.Kind.TRAVEL}'
print(Highlight.Kind.TRAVEL)
'%s' % Highlight.Kind.TRAVEL
Highlight.Kind.choices
Highlight.Kind.values
Highlight.Kind.labels
Highlight.Kind.names
Highlight.Priority.choices
Highlight.Priority.HIGH
Highlight.Priority.HIGH.label
Highlight.Priority.HIGH + 1
Highlight.Priority.LOW < Highlight.Priority.HIGH
Highlight.Priority(2)
Highlight.Priority(9)
Highlight.Kind('food')
Highlight.Kind('Food')
Highlight.Kind['TRAVEL']
Highlight.Kind['travel']
list(Highlight.Kind)
len(Highlight.Priority)
[m.name for m in Highlight.Priority]
'daily' in Highlight.Kind
'nope' in Highlight.Kind
Highlight.Kind.DAILY in Highlight.Kind
2 in Highlight.Priority
Highlight.Kind.DAILY == 'daily'
Highlight.Priority.NORMAL == 2
{Highlight.Kind.DAILY: 1}['daily']
isinstance(Highlight.Kind.DAILY, str)
isinstance(Highlight.Priority.LOW, int)
isinstance(Highlight.Kind.DAILY, models.TextChoices)
type(Highlight.Kind.DAILY) is Highlight.Kind
type(Highlight.Kind.DAILY).__name__
Highlight.Kind.DAILY.upper()
Highlight.Kind.DAILY.startswith('da')
Color.RED
Color.DARK_BLUE.label
Color.choices
Color('green')
h = Highlight(title='여행 모음')
h.kind
h.priority
h.color
h.get_kind_display(), h.get_priority_display(), h.get_color_display()
h.save()
h.kind
Highlight.objects.get(pk=h.pk).kind
Highlight.objects.get(pk=h.pk).priority
h2 = Highlight.objects.create(title='맛집', kind=Highlight.Kind.FOOD, priority=Highlight.Priority.HIGH, color=Color.RED)
h2.kind, h2.priority, h2.color
h2.get_kind_display(), h2.get_priority_display(), h2.get_color_display()
Highlight.objects.filter(kind=Highlight.Kind.FOOD).count()
Highlight.objects.filter(priority__gte=Highlight.Priority.NORMAL).values_list('title', 'priority')
Highlight.objects.filter(kind__in=[Highlight.Kind.DAILY, Highlight.Kind.TRAVEL]).count()
Highlight.objects.values('kind').get(pk=h2.pk)
Highlight(title='x', kind='nope').full_clean()
Highlight(title='x', kind=Highlight.Kind.TRAVEL, priority=Highlight.Priority.LOW).full_clean()
Highlight(title='x', priority=7).full_clean()
Highlight._meta.get_field('kind').choices
Highlight._meta.get_field('kind').default
class Size(models.IntegerChoices):
    SMALL = 1, '작음'
    MEDIUM = 2
    EXTRA_LARGE = 3

Size.choices
Size.MEDIUM
Size(3).label
class Tone(models.TextChoices):
    WARM = 'w'
    COOL = 'c', '차가움'

Tone.choices
Tone.WARM
[t.label for t in Tone]
