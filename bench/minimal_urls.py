"""The explorer's URLs plus two bench-only views: `/bench/minimal` (two bytes) and `/bench/floor`.

`/bench/floor` answers the HTML file named by BENCH_FLOOR_HTML (bench_fresh_browser.py's
static floor) through the same middleware as every page, so it carries the same response
headers (Cross-Origin-Opener-Policy, CSP, ...) and only the content differs from ours.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    """Answer without templates or queries: what the framework and the server cost by themselves."""
    return HttpResponse(b"ok", content_type="text/plain")


@cache
def _floor_html() -> bytes:
    return Path(os.environ["BENCH_FLOOR_HTML"]).read_bytes()


def floor(request):
    return HttpResponse(_floor_html(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/minimal", minimal), path("bench/floor", floor), path("", include("explorer.urls"))]
