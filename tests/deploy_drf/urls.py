# ROOT_URLCONF of the oracle project (and the urls.py the C++ test deploys): /api/posts/ and
# /api/posts/<int:pk>/.
from django.urls import path

from instagram import views

urlpatterns = [
    path("api/posts/", views.PostList.as_view()),
    path("api/posts/<int:pk>/", views.PostDetail.as_view()),
]
