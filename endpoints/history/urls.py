"""What changed between syncs: the changes page, one sync's page, and the Atom feed."""

from django.urls import path

from . import views
from .feeds import ChangesFeed

app_name = "history"

urlpatterns = [
    path("changes", views.change_list, name="changes"),
    path("changes/feed.atom", ChangesFeed(), name="feed"),
    path("changes/<int:pk>", views.change_run, name="sync"),
]
