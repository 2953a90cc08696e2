"""Discovery: the sitemap, robots.txt, and llms.txt where agents look for it."""

from django.urls import path

from endpoints.exports.views import llms_txt

from . import views

app_name = "discovery"

urlpatterns = [
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/llms.txt", llms_txt, name="well_known_llms_txt"),
]
