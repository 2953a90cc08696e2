"""Reference pages: one per endpoint and per WebSocket channel."""

from django.urls import path

from . import views

app_name = "endpoints"

urlpatterns = [
    path("reference/websocket/<path:slug>", views.channel_detail, name="channel"),
    path("reference/<path:slug>", views.endpoint_detail, name="endpoint"),
]
