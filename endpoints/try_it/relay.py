"""The two-step send, signed in the page: prepare (what to sign, and a ticket), then relay the signed request.

The secret, the passphrase and the broker key never come here: the page posts the form
without them (their inputs carry no `name` once the script runs) and says only which of
them it holds. The relay sends the request it built at prepare, read back from the ticket,
with the page's key and signatures: whatever else the second POST carries is ignored.
"""

from __future__ import annotations

import time

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from requests.exceptions import RequestException

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION

from . import prepared, upstream
from .forms import CREDENTIAL_FIELDS, HELD_BY_PAGE_FIELD, SECRET_FIELDS
from .panel import panel_context
from .views import CANNOT_BUILD, built_request, deliver, endpoint_or_404, not_sent, panel_response

SECRET_POSTED = "A secret was posted with a request signed in the page: the page keeps it, this step never takes one."  # noqa: S105 - words, not a secret
# Never kept in a ticket: the credentials, the CSRF token, and our own bookkeeping.
NOT_KEPT = {*CREDENTIAL_FIELDS, "api_key_version", "csrfmiddlewaretoken", HELD_BY_PAGE_FIELD, prepared.TICKET_FIELD}


def held_by_page(post) -> frozenset[str]:
    """The secret fields the page says it holds (their names only)."""
    return frozenset(post.get(HELD_BY_PAGE_FIELD, "").split(",")) & set(SECRET_FIELDS)


def kept_fields(post) -> dict[str, str]:
    return {name: value for name, value in post.items() if name not in NOT_KEPT}


def prepared_answer(request, slug: str, form, call: upstream.TryItRequest) -> JsonResponse:
    """Stamp the built request, hand the page what to sign and the ticket, and bind it to this browser."""
    timestamp = str(int(time.time() * 1000))
    version = form.cleaned_data.get("api_key_version") or DEFAULT_KEY_VERSION
    broker = form.signing.needs_broker
    token, new = prepared.binding(request)
    ticket = prepared.issue(slug, kept_fields(request.POST), call, timestamp, version, broker, token)
    response = JsonResponse(prepared.what_to_sign(call, timestamp, ticket, version, broker))
    if new:
        prepared.set_binding_cookie(response, token)
    return response


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def prepare(request, slug: str):
    """Validate the form (secrets present in the page, not here), build the request, answer what to sign."""
    endpoint = endpoint_or_404(slug)
    if prepared.carries_secret(request.POST):  # the page never sends one; a client that does is told so
        context = panel_context(request, endpoint, data={})
        return not_sent(request, context, 400, SECRET_POSTED)
    context = panel_context(request, endpoint, data=request.POST)
    form = context["form"]
    if not form.takes_credentials:
        return not_sent(request, context, 400, "This endpoint is public: there is nothing to sign, send it directly.")
    if form.is_valid():
        form.require_credentials(held_by_page=held_by_page(request.POST))
    if form.is_valid() and not form.cleaned_data.get("api_key"):
        form.add_error("api_key", "API key is needed to sign this request.")
    call = built_request(endpoint, form) if form.is_valid() else None
    context["show_errors"] = True
    if call is None:
        return panel_response(request, context, status=200 if request.htmx else 400)
    return prepared_answer(request, endpoint.slug, form, call)


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def send_prepared(request, slug: str):
    """Send the request prepared for this browser, with the page's signatures, once; show the answer."""
    endpoint = endpoint_or_404(slug)
    try:
        ticket, signatures = relayed(request, endpoint.slug)
    except prepared.Refused as refusal:
        context = panel_context(request, endpoint, data=kept_fields(request.POST))
        return not_sent(request, context, refusal.status, refusal.message)
    context = panel_context(request, endpoint, data=ticket.fields)
    try:
        call = upstream.build_request(endpoint, ticket.inputs, now_ms=int(ticket.timestamp), signatures=signatures)
    except (ValueError, RequestException):
        return not_sent(request, context, 400, CANNOT_BUILD)
    return deliver(request, context, call)


def relayed(request, slug: str) -> tuple[prepared.Prepared, prepared.Signatures]:
    """The ticket and the page's signatures, checked; the ticket is spent here, so it goes out at most once."""
    if prepared.carries_secret(request.POST):
        raise prepared.Refused(400, SECRET_POSTED)
    token = request.COOKIES.get(prepared.BINDING_COOKIE, "")
    ticket = prepared.open_ticket(request.POST.get(prepared.TICKET_FIELD, ""), slug, token)
    signatures = prepared.posted_signatures(request.POST, ticket)
    prepared.claim(ticket)
    return ticket, signatures
