"""Site-wide request checks that run before any view reads the request, and sign-in when it is required."""

from __future__ import annotations

import codecs

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpResponse

UTF8 = codecs.lookup("utf-8").name


def utf8_bodies_only(get_response):
    """Refuse a body declared in a charset other than UTF-8, before Django decodes form fields with it.

    Browsers send forms as UTF-8 (with no charset at all for multipart). Django refuses other
    charsets for urlencoded forms itself, but decodes multipart field names with whatever codec the
    header names, and codecs such as idna or rot13 then fail with a 500.
    """

    def middleware(request):
        charset = request.content_params.get("charset") if request.content_type else None
        if charset is not None and not is_utf8(charset):
            return HttpResponse(
                "Request bodies must be UTF-8: send the form with charset=utf-8, or without a charset.\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return get_response(request)

    return middleware


def is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset.strip().strip('"')).name == UTF8
    except LookupError:
        return False


class LoginRequiredWhenConfigured(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, active only with REQUIRE_LOGIN (read per request, so tests can flip it)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_LOGIN:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
