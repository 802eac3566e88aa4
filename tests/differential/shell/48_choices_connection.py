# app: tests/differential/shell/apps/stories
# 48_choices_connection: fields with choices (get_FOO_display for plain, grouped and integer choices, values outside them, None; Field.choices and flatchoices; full_clean's "is not a valid choice"), get_next_by_FOO / get_previous_by_FOO on dates (ties broken by pk, filters, the end, unsaved objects, nullable dates), and django.db.connection.queries across statements with reset_queries().
from stories.models import *
from django.db import connection, reset_queries, transaction
from django.utils import timezone
import datetime
len(connection.queries)
s1 = Story.objects.get(pk=1)
len(connection.queries)
connection.queries[0]['sql']
sorted(connection.queries[0])
type(connection.queries[-1]['time'])
s1.get_visibility_display()
s1.get_mood_display()
s2 = Story.objects.get(pk=2)
s2.get_visibility_display()
s2.get_mood_display()
print(s2.get_mood_display())
s3, s4 = Story.objects.get(pk=3), Story.objects.get(pk=4)
s3.get_visibility_display(), s4.get_visibility_display()
s4.get_mood_display()
len(connection.queries)
[q['sql'].split(' WHERE ')[1] for q in connection.queries[-2:]]
s1.visibility = 'secret'
s1.get_visibility_display()
s1.mood = 7
s1.get_mood_display()
s1.mood = '2'
s1.get_mood_display()
s1.mood = 2.0
s1.get_mood_display()
s1.mood = True
s1.get_mood_display()
s1.refresh_from_db()
s1.get_visibility_display(), s1.get_mood_display()
[(s.pk, s.get_visibility_display(), s.get_mood_display()) for s in Story.objects.all()]
f = s1.get_visibility_display
f()
s1.get_caption_display()
s1.get_author_display()
s1.get_visibility_display('x')
s1.get_visibility_display(1, 2)
s1.get_visibility_display(x=1)
s1.get_visibility_display(field=None)
Story._meta.get_field('visibility').choices
Story._meta.get_field('visibility').flatchoices
Story._meta.get_field('mood').choices
Story._meta.get_field('mood').flatchoices
Story._meta.get_field('caption').choices
Story._meta.get_field('caption').flatchoices
Story.MOOD_CHOICES
reset_queries()
connection.queries
s1.get_next_by_posted_at()
s1.get_previous_by_posted_at()
len(connection.queries)
print(connection.queries[0]['sql'])
print(connection.queries[1]['sql'])
s2.get_next_by_posted_at()
s3.get_previous_by_posted_at()
s3.get_next_by_posted_at()
Story.objects.get(pk=5).get_next_by_posted_at()
Story.objects.get(pk=6).get_previous_by_posted_at()
Story.objects.get(pk=6).get_next_by_posted_at()
Story.objects.get(pk=7).get_previous_by_posted_at()
s1.get_next_by_posted_at(author__name='minji')
s1.get_next_by_posted_at(visibility='public')
s1.get_next_by_posted_at(visibility='nothing')
s1.get_previous_by_posted_at(view_count__gt=100)
s1.get_next_by_posted_at(1)
s1.get_next_by_posted_at(field=None)
s1.get_next_by_posted_at(is_next=False)
s1.get_previous_by_posted_at(is_next=1, author_id=3)
s1.get_next_by_posted_at(color='red')
s1.get_next_by_expires_on()
s1.get_previous_by_expires_on()
s1.get_next_by_caption()
Story(caption='새 스토리', author_id=1, posted_at=timezone.now()).get_next_by_posted_at()
reset_queries()
with transaction.atomic():
    n = Story.objects.filter(visibility='public').update(view_count=1)
    inside = connection.in_atomic_block

n, inside, connection.in_atomic_block
[q['sql'][:40] for q in connection.queries]
connection.vendor, connection.display_name, connection.alias
connection.no_such_thing
for q in connection.queries:
    print(q['sql'][:30])

reset_queries()
len(connection.queries)
Story(caption='ok', author_id=1, posted_at=timezone.now(), visibility='private').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), visibility='hidden').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), visibility='숨김').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), mood=4).full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), mood='3').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), mood='x').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), visibility='').full_clean()
Story(caption='ok', author_id=1, posted_at=timezone.now(), visibility='much_too_long_value').full_clean()
Story(caption='a caption that is far too long', author_id=1, posted_at=timezone.now(), visibility='nope').full_clean()
s = Story(caption='ok', author_id=1, posted_at=timezone.now(), mood='2')
s.full_clean()
s.mood, s.get_mood_display()
len(connection.queries)
