"""Reference pages, one per endpoint and per WebSocket channel, each with a Markdown twin at `<page>.md`; search."""

from django.urls import path

from . import views

app_name = "reference"

# The `.md` twins come first: `<path:slug>` would otherwise swallow the suffix.
urlpatterns = [
    path("search", views.search, name="search"),
    path("nav/<str:domain>/<str:service>", views.nav_service, name="nav"),
    path("reference/websocket/<path:slug>.md", views.channel_markdown, name="channel_markdown"),
    path("reference/websocket/<path:slug>", views.channel_detail, name="channel"),
    path("reference/<path:slug>.md", views.endpoint_markdown, name="endpoint_markdown"),
    path("reference/<path:slug>", views.endpoint_detail, name="endpoint"),
]
