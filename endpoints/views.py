"""Endpoint and channel pages. Views stay thin: selectors read, templates render."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import selectors
from .models import Channel, Endpoint


@require_GET
def endpoint_detail(request, slug: str):
    try:
        endpoint = selectors.endpoint_get(slug=slug.strip("/"))
    except Endpoint.DoesNotExist:
        raise Http404(f"No KuCoin endpoint is catalogued at “{slug}”.") from None
    return TemplateResponse(request, "endpoints/endpoint_detail.html", {"endpoint": endpoint})


@require_GET
def channel_detail(request, slug: str):
    try:
        channel = selectors.channel_get(slug=slug.strip("/"))
    except Channel.DoesNotExist:
        raise Http404(f"No KuCoin WebSocket channel is catalogued at “{slug}”.") from None
    return TemplateResponse(request, "endpoints/channel_detail.html", {"channel": channel})
