from .user import Profile
from .post import Post, Comment
