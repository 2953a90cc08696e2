"""Site-wide pages: the home page and the health check."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from endpoints import selectors


@require_GET
def home(request):
    return TemplateResponse(
        request,
        "home.html",
        {
            "tree": selectors.catalogue_tree(),
            "channels": selectors.channel_list(),
            "counts": selectors.catalogue_counts(),
            "latest_sync": selectors.latest_sync(),
        },
    )


@require_GET
def health(request):
    counts = selectors.catalogue_counts()
    return JsonResponse({"status": "ok", **counts})
