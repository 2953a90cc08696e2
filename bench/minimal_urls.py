"""The explorer's URLs plus `/bench/minimal`: a Django view that only returns two bytes."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    """Answer without templates or queries: what the framework and the server cost by themselves."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), path("", include("explorer.urls"))]
