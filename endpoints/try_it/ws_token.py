"""The WebSocket console's one server call: fetch a connection token from bullet-public or bullet-private.

KuCoin's REST API sends no CORS headers, so the browser cannot ask for a token
itself. This view builds and sends the request with the same form, request object
and session as a try-it send, and answers JSON. A bullet-private request is signed in
the page, as try-it's are (`relay.py`: step=prepare, then the ticket and signatures);
signing here, with the secret posted, remains for browsers without WebCrypto.
The browser then connects to the WebSocket server named in the answer on its
own; nothing else of the connection passes through us.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from requests.exceptions import RequestException

from endpoints import selectors
from endpoints.kucoin.error_codes import SUCCESS
from endpoints.kucoin.websocket import token_domain, token_path

from . import prepared, relay, upstream
from .forms import CREDENTIAL_FIELDS, TryItForm
from .views import SERVER_SIGNING_OFF


def token_endpoint(channel):
    """The bullet-* endpoint that hands out tokens for this channel, on its domain."""
    domain, path = token_domain(channel.sdk_service), token_path(channel.api_channel)
    return selectors.endpoint_find(domain=domain, method="POST", path=path)


def is_websocket_url(value) -> bool:
    """Only ws:// and wss:// addresses go to the browser as servers to connect to."""
    return isinstance(value, str) and value.startswith(("ws://", "wss://"))


def failure(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message, **extra}, status=status)


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def ws_token(request, slug: str):
    """Ask the configured upstream for a WebSocket token for the channel; answer its token and servers as JSON."""
    channel = selectors.channel_get(slug=slug.strip("/"))
    endpoint = token_endpoint(channel) if channel is not None else None
    if endpoint is None:
        return failure(f"No WebSocket channel is catalogued at “{slug}”.", 404)
    if channel.protocol != "classic":
        return failure("This channel speaks KuCoin's unified protocol, which takes no token from bullet-*.", 404)
    # Signed in the page (the secret stays there): step=prepare answers what to sign, then the ticket comes back.
    if request.POST.get(prepared.TICKET_FIELD):
        return relayed_token(request, endpoint)
    in_page = request.POST.get("step") == "prepare"
    if (in_page or not settings.TRY_IT_SERVER_SIGNING) and prepared.carries_secret(request.POST):
        return failure(relay.SECRET_POSTED if in_page else SERVER_SIGNING_OFF, 400 if in_page else 403)
    form = TryItForm(endpoint, data=request.POST)
    if form.is_valid():
        form.require_credentials(held_by_page=relay.held_by_page(request.POST) if in_page else frozenset())
    if not form.is_valid():
        errors = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        return failure("Fill in the API key, secret and passphrase to get a private token.", 400, fields=errors)
    try:
        call = upstream.build_request(endpoint, form.inputs(), None if in_page else form.signing_key())
    except (ValueError, RequestException):
        return failure("The token request cannot be built: check the base URL configured for this domain.", 500)
    if in_page:
        return relay.prepared_answer(request, endpoint.slug, form, call)
    return token_answer(endpoint, upstream.send(call))


def relayed_token(request, endpoint) -> JsonResponse:
    """Send the bullet-private request prepared for this browser, with the page's signatures, once."""
    try:
        ticket, signatures = relay.relayed(request, endpoint.slug)
    except prepared.Refused as refusal:
        return failure(refusal.message, refusal.status)
    call = upstream.build_request(endpoint, ticket.inputs, now_ms=int(ticket.timestamp), signatures=signatures)
    return token_answer(endpoint, upstream.send(call))


def token_answer(endpoint, answer: upstream.TryItResponse) -> JsonResponse:
    """Shape the upstream's answer: the token and instance servers, or what went wrong, in plain words."""
    source = {"endpoint": f"{endpoint.method} {endpoint.path}", "base_url": upstream.base_url(endpoint.domain)}
    if answer.trouble:
        return failure(f"The upstream did not answer: {answer.detail or answer.trouble}.", 502, **source)
    try:
        body = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        return failure(f"The upstream answered {answer.status} with a body that is not JSON.", 502, **source)
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict) or body.get("code") != SUCCESS:
        code = body.get("code") if isinstance(body, dict) else None
        message = body.get("msg") if isinstance(body, dict) else None
        return failure(f"KuCoin error {code}: {message}" if code else "No token in the answer.", 502, **source)
    servers = [
        s for s in data.get("instanceServers") or [] if isinstance(s, dict) and is_websocket_url(s.get("endpoint"))
    ]
    if not data.get("token") or not servers:
        return failure("The answer carries no token or no instance server.", 502, **source)
    return JsonResponse({"ok": True, "token": data["token"], "instanceServers": servers, **source})
