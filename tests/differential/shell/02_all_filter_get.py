# 02_all_filter_get: all(), filter()/exclude() with plain keyword arguments, get(), count(),
# exists(), first(), last(), attribute access, repr of instances and QuerySets, str().

from instagram.models import User, Profile, Post, Image, Comment, Story
User.objects.all()
Post.objects.all()
Post.objects.count()
User.objects.count()
User.objects.filter(is_professional=True)
User.objects.exclude(is_professional=True)
Post.objects.filter(location='제주도')
Post.objects.filter(post_author_id=3)
Post.objects.filter(numOfLike=0, is_comment=False)
Post.objects.filter(location='화성')
Post.objects.filter(location='화성').exists()
Post.objects.exists()
Post.objects.filter(is_comment=True).exclude(location='').count()
p = Post.objects.get(pk=4)
p
p.id
p.pk
p.location
p.numOfLike
p.post_content
print(p.post_content)
p.is_comment
p.upload_time
print(p.upload_time)
p.post_author_id
str(p)
print(p)
repr(p)
u = User.objects.get(instagram_id='kim_minji')
u
u.username
u.instagram_id
u.last_login
u.is_professional
User.objects.get(pk=2).last_login
print(User.objects.get(pk=2).last_login)
User.objects.get(instagram_id='nobody')
Post.objects.get(post_author_id=1)
Post.objects.get(id=99)
Post.objects.first()
Post.objects.last()
User.objects.first()
User.objects.last()
Story.objects.filter(story_author_id=1)
Story.objects.filter(story_author_id=2).first()
print(Story.objects.filter(story_author_id=2).first())
Comment.objects.filter(post_id=8).count()
Image.objects.filter(post_id=4)
Profile.objects.get(pk=2).profile_website
Profile.objects.get(pk=3).profile_info
print(Profile.objects.get(pk=3).profile_info)
qs = Post.objects.filter(is_comment=False)
qs
qs
list(qs)
qs
len(qs)
qs[0]
Post.objects.filter(pk=1).first().post_author
for post in Post.objects.filter(post_author_id=4):
    print(post.pk, post.post_content)
try:
    Post.objects.get(pk=100)
except Post.DoesNotExist:
    print('없는 게시물입니다')
