# The app's API as the deploy simulator serves it: a ModelSerializer with fields='__all__', a
# list view and a detail view (scripts/drf_api_oracle.py runs this with real DRF 3.14).
from rest_framework import generics, serializers

from .models import Post


class PostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Post
        fields = "__all__"


class PostList(generics.ListAPIView):
    queryset = Post.objects.all()
    serializer_class = PostSerializer


class PostDetail(generics.RetrieveAPIView):
    queryset = Post.objects.all()
    serializer_class = PostSerializer
