"""Try-it URLs: send a request, refresh the code samples, and a landing redirect for share links."""

from django.urls import path

from . import relay, views, ws_token

app_name = "try_it"

urlpatterns = [
    path("send/<path:slug>", views.send, name="send"),
    path("prepare/<path:slug>", relay.prepare, name="prepare"),
    path("send-prepared/<path:slug>", relay.send_prepared, name="send_prepared"),
    path("samples/<path:slug>", views.samples, name="samples"),
    path("ws-token/<path:slug>", ws_token.ws_token, name="ws_token"),
    path("<path:slug>", views.share_link_landing, name="landing"),
]
