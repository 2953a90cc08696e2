"""Top-level URLs: the home page and the health check; each feature keeps its own URL module, namespaced."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .context_processors import SITE_NAME

# Django's login view names the site after the request's host; our pages keep their own name.
LOGIN_CONTEXT = {"site_name": SITE_NAME}

# The reference pages come first: they are most of the traffic, and Django tries the patterns in
# order, so each page would otherwise walk every other app's list first (about 0.1 ms a request).
# None of the other apps' paths starts with "reference/", "search" or "nav/".
urlpatterns = [
    path("", include("endpoints.reference.urls")),
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("guides/", include("endpoints.guides.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(extra_context=LOGIN_CONTEXT), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("endpoints.notes.urls")),
    path("", include("endpoints.history.urls")),
    path("", include("endpoints.budget.urls")),
    path("", include("endpoints.exports.urls")),
    path("", include("endpoints.discovery.urls")),
    path("try-it/", include("endpoints.try_it.urls")),
    path("market-data/", include("endpoints.market_data.urls")),
]

handler404 = "explorer.views.page_not_found"
