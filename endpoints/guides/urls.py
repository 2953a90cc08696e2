"""The guides, each with a Markdown twin at `<guide>.md`."""

from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("", views.guide_index, name="index"),
    path("<slug:slug>.md", views.guide_markdown, name="markdown"),
    path("<slug:slug>", views.guide_detail, name="detail"),
]
