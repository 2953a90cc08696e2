"""Top-level URLs. Each feature keeps its own URL module and is included here."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("search", views.search, name="search"),
    path("guides/", views.guide_index, name="guides"),
    path("guides/<slug:slug>.md", views.guide_markdown, name="guide_markdown"),
    path("guides/<slug:slug>", views.guide_detail, name="guide"),
    path("admin/", admin.site.urls),
    path("", include("endpoints.exports.urls")),
    path("try-it/", include("endpoints.try_it.urls")),
    path("", include("endpoints.urls")),
]

handler404 = "explorer.views.page_not_found"
