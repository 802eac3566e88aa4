# 10_models_code: the code in models.py -- the custom UserManager.create_user, password
# checks, __str__ of every model -- plus functions a learner defines at the prompt.
#
# Fixture passwords (examples/instagram/fixtures/instagram.json, pbkdf2_sha256, 260000
# iterations, salt 'gramlabsaltNNinstagram'):
#   1 kim_minji 'minji1234', 2 lee.junho 'junho1234', 3 park_seoyeon 'seoyeon1234',
#   4 choi_dev 'django32!', 5 jung_hana 'hana1234', 6 new_user 'newbie1234'.
# The salts are 22 characters long so that a correct check_password() does not re-hash and
# save the password (Django 3.2 upgrades hashes whose salt has < 128 bits of entropy).

from django.contrib.auth import authenticate
from instagram.models import User, Profile, Post, Image, Comment, Story
u = User.objects.get(instagram_id='kim_minji')
u.check_password('minji1234')
u.check_password('wrong')
User.objects.get(pk=2).check_password('junho1234')
User.objects.get(pk=3).check_password('seoyeon1234')
User.objects.get(pk=4).check_password('django32!')
User.objects.get(pk=5).check_password('hana1234')
u.has_usable_password()
User.objects.get(pk=6).has_usable_password()
User.objects.get(pk=6).check_password('')
User.objects.get(pk=6).check_password('newbie1234')
u.get_username()
u.USERNAME_FIELD
u.is_authenticated
u.is_anonymous
u.is_active
new = User.objects.create_user('new_dev', '새개발자', password='s3cret!')
new
new.pk
new.check_password('s3cret!')
new.password.startswith('pbkdf2_sha256$260000$')
new.set_password('changed')
new.check_password('changed')
new.check_password('s3cret!')
new.save()
User.objects.get(pk=new.pk).check_password('changed')
User.objects.create_user('', 'noid')
nopw = User.objects.create_user('no_pw', '비번없음')
nopw.has_usable_password()
authenticate(username='park_seoyeon', password='seoyeon1234')
print(authenticate(username='park_seoyeon', password='nope'))
str(User.objects.get(pk=1))
str(Profile.objects.get(pk=1))
Profile.objects.get(pk=3)
str(Post.objects.get(pk=7))
str(Post.objects.get(pk=9))
Post.objects.get(pk=4)
str(Image.objects.get(pk=1))
str(Comment.objects.get(pk=1))
str(Comment.objects.get(pk=16))
Story.objects.get(pk=1)
Story.objects.get(pk=4)
str(Story.objects.get(pk=4))
Profile.objects.get(pk=1).profile_picture
Profile.objects.get(pk=2).profile_picture
bool(Profile.objects.get(pk=2).profile_picture)
Profile.objects.get(pk=1).profile_picture.name
Post._meta.ordering
Post._meta.db_table
[f.name for f in Post._meta.get_fields()]
Post._meta.get_field('location').max_length
str(User.objects)
Post.DoesNotExist
Post
type(Post.objects.all())
Post(pk=1) == Post.objects.get(pk=1)
Post.objects.get(pk=1) == Post.objects.get(pk=2)
def summary(post):
    return f'[{post.pk}] {post.post_author.username}: {post.numOfLike} likes'
summary(Post.objects.get(pk=5))
for post in Post.objects.filter(numOfLike__gte=45).order_by('pk'):
    print(summary(post))
class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k
        return self.n
cnt = Counter()
cnt.add(2)
cnt.add(3)
# FileField / ImageField values are FieldFile objects.
pic = Profile.objects.get(pk=1).profile_picture
pic
str(pic)
print(pic)
f'{pic}'
pic == 'profile/minji.jpg'
pic == 'other.jpg'
bool(pic)
pic.url
pic.instance
empty = Profile.objects.get(pk=2).profile_picture
empty.name
str(empty)
empty == ''
empty.url
prof = Profile.objects.get(pk=2)
prof.profile_picture = 'profile/new.jpg'
prof.profile_picture
prof.save()
Profile.objects.values_list('profile_picture', flat=True).get(pk=2)
prof.profile_picture.name = 'profile/renamed.jpg'
prof.save()
Profile.objects.get(pk=2).profile_picture
Profile.objects.filter(profile_picture='profile/renamed.jpg').count()
# Model._meta: Options.
Post._meta
Post._meta.model_name
Post._meta.app_label
Post._meta.object_name
Post._meta.label
Post._meta.verbose_name
Post._meta.verbose_name_plural
User._meta.db_table
User._meta.ordering
Post._meta.pk
Post._meta.pk.name
Post._meta.fields
Post._meta.get_fields()
[f.name for f in User._meta.get_fields()]
[f.name for f in Profile._meta.get_fields()]
Post._meta.get_field('post_author')
Post._meta.get_field('post_author').related_model
Post._meta.get_field('post_author').column
Post._meta.get_field('post_author').attname
Post._meta.get_field('post_author').is_relation
Post._meta.get_field('post_author').many_to_many
Post._meta.get_field('post_author').get_internal_type()
Post._meta.get_field('location').get_internal_type()
Post._meta.get_field('location').null
Post._meta.get_field('location').blank
Post._meta.get_field('location').primary_key
Post._meta.get_field('location').is_relation
Post._meta.get_field('location').related_model
Post._meta.get_field('numOfLike').max_length
Post._meta.get_field('id').primary_key
Post._meta.get_field('upload_time').blank
Profile._meta.get_field('profile_picture')
Profile._meta.get_field('profile_picture').get_internal_type()
Profile._meta.get_field('profile_website').max_length
str(Post._meta.get_field('location'))
Post._meta.get_field('comment')
Post._meta.get_field('images').related_model
Post._meta.get_field('nope')
Post._meta.get_field('pk')
Post.objects.get(pk=1)._meta.model_name
[(f.name, f.get_internal_type()) for f in Comment._meta.fields]
[f.name for f in Post._meta.get_fields() if f.is_relation]
prof.profile_picture = 'profile/사진 1.jpg'
prof.profile_picture.url
prof.profile_picture = None
prof.profile_picture
# Class methods: bound to the class whether reached through the class or an instance
# (BaseUserManager.normalize_email is one), static methods to nothing.
User.objects.normalize_email
User.objects.normalize_email('Min.Ji@Example.COM')
from instagram.models import UserManager
UserManager.normalize_email('a@B.kr')
UserManager.normalize_email
class Tally:
    made = 0
    @classmethod
    def make(cls, n):
        cls.made += n
        return cls.__name__ + ':' + str(cls.made)
    @staticmethod
    def double(n):
        return n * 2

Tally.make(2)
Tally().make(3)
Tally.made
Tally.make
Tally.double(4)
Tally().double(5)
class SubTally(Tally):
    pass

SubTally.make(1)
SubTally.made
Tally.made
Tally.__module__
repr(Tally()).split(' at ')[0]
User.objects.normalize_email('  Min@EXAMPLE.Com  ')
User.objects.normalize_email(' no-at ')
User.objects.normalize_email(0)
User.objects.normalize_email(5)
