"""Top-level URLs. Each feature keeps its own URL module and is included here."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("", include("endpoints.exports.urls")),
    path("try-it/", include("endpoints.try_it.urls")),
    path("", include("endpoints.urls")),
]
