"""Discovery: the sitemap, robots.txt, and llms.txt where agents look for it."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from endpoints.exports.views import llms_txt

from . import views
from .sitemaps import SITEMAPS

app_name = "discovery"

urlpatterns = [
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/llms.txt", llms_txt, name="well_known_llms_txt"),
]
