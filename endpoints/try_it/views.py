"""Try-it views: send one signed request and show the answer; refresh the code samples.

Credentials arrive only inside these POSTs. They are never stored, logged,
cached or rendered back: the views are `never_cache`, Django's error reports
filter the credential fields, and templates never print a credential value.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe
from requests.exceptions import RequestException

from endpoints import selectors
from endpoints.budget.calls import call_reserve, call_settle
from endpoints.models import Endpoint

from . import admission, results, upstream
from .forms import CREDENTIAL_FIELDS, SECRET_FIELDS
from .panel import panel_context
from .prepared import carries_secret

logger = logging.getLogger(__name__)
SERVER_SIGNING_OFF = (
    "This server does not take API secrets: it only relays requests signed in your browser. "
    "Turn JavaScript on and send again; your secret, passphrase and broker key stay in the page."
)
CANNOT_BUILD = "This request cannot be built: check the fields, and the base URL configured for this domain."


def endpoint_or_404(slug: str) -> Endpoint:
    endpoint = selectors.endpoint_for_send(slug=slug.strip("/"))
    if endpoint is None:
        raise Http404(f"No KuCoin endpoint is catalogued at “{slug}”.")
    return endpoint


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def send(request, slug: str):
    """Validate, build the one request, sign it here, send it, and show the answer (partial for htmx, page otherwise).

    This is the no-JavaScript path: the secret comes to this server to be signed. With
    TRY_IT_SERVER_SIGNING off, a POST carrying one is refused before anything is read.
    """
    endpoint = endpoint_or_404(slug)
    if not settings.TRY_IT_SERVER_SIGNING and carries_secret(request.POST):
        context = panel_context(request, endpoint, data=without_secrets(request.POST))
        return not_sent(request, context, 403, SERVER_SIGNING_OFF)
    context = panel_context(request, endpoint, data=request.POST)
    form = context["form"]
    if form.is_valid():
        form.require_credentials()
    call = built_request(endpoint, form) if form.is_valid() else None
    context["show_errors"] = True
    if call is None:
        return panel_response(request, context, status=200 if request.htmx else 400)
    return deliver(request, context, call)


def deliver(request, context, call: upstream.TryItRequest):
    """Send a built request once nothing refuses it (rate, slots, the team's budget) and show the answer."""
    endpoint = context["endpoint"]
    refusal = admission.rate_refusal(request)
    if refusal is not None:
        return refused_response(request, context, refusal)
    with admission.send_slot() as admitted:
        if not admitted:
            return refused_response(request, context, admission.busy_refusal())
        # The team's KuCoin budget (shared by every app server) is spent last, once nothing else refuses.
        over_budget = call_reserve(endpoint=endpoint)
        if over_budget is not None:
            refusal = admission.Refusal(429, over_budget.budget.resets_in_seconds, over_budget.message)
            return refused_response(request, context, refusal)
        response = upstream.send(call)
    call_settle(endpoint=endpoint, header=response.header)
    return answer_response(request, context, call, response)


def without_secrets(post) -> dict:
    return {name: value for name, value in post.items() if name not in SECRET_FIELDS}


def not_sent(request, context, status: int, message: str) -> TemplateResponse:
    """Nothing was sent, for a reason that waiting will not change: say it in the panel."""
    context["refusal"] = admission.Refusal(status, 0, message)
    context["show_errors"] = True
    return panel_response(request, context, status=200 if request.htmx else status)


def built_request(endpoint, form) -> upstream.TryItRequest | None:
    """The signed request from a valid form, or None with the reason added to the form's errors."""
    try:
        return upstream.build_request(endpoint, form.inputs(), form.signing_key(), form.broker_identity())
    except upstream.UnsafePathValue as error:
        form.add_path_error(error)
    except (ValueError, RequestException):
        # Validation should have caught it; say so plainly rather than fail, and echo nothing typed.
        form.add_error(None, CANNOT_BUILD)
    return None


def panel_response(request, context, *, status: int) -> TemplateResponse:
    template = "try_it/_result.html" if request.htmx else "try_it/send.html"
    return TemplateResponse(request, template, context, status=status)


def refused_response(request, context, refusal: admission.Refusal) -> TemplateResponse:
    """Nothing was sent: say why and when to try again, in the panel and in Retry-After."""
    context["refusal"] = refusal
    response = panel_response(request, context, status=refusal.status)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def answer_response(request, context, call, response: upstream.TryItResponse):
    """Show what came back; the request was delivered, so a failure to lay it out still shows the raw answer."""
    endpoint, form = context["endpoint"], context["form"]
    try:
        result = context["result"] = results.shape(endpoint, call, response)
        context["samples_call"] = call
        context["history_entry"] = history_entry(endpoint, form, result)
        return panel_response(request, context, status=200).render()
    except Exception:  # whatever broke, the user must see the answer to what was sent
        logger.exception("The answer to a try-it send could not be laid out; showing it raw")
        raw = {"endpoint": endpoint, "response": response, "body_text": response.body.decode("utf-8", "replace")}
        template = "try_it/_raw_answer.html" if request.htmx else "try_it/send_raw.html"
        return TemplateResponse(request, template, raw).render()


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def samples(request, slug: str):
    """Re-render the code samples for the form's current parameters (credentials are ignored)."""
    endpoint = endpoint_or_404(slug)
    context = panel_context(request, endpoint, data=request.POST)
    return TemplateResponse(request, "try_it/_samples.html", context)


@require_safe
def share_link_landing(request, slug: str):
    """Send people who reload a no-JavaScript result page back to the endpoint's page, parameters kept."""
    endpoint = endpoint_or_404(slug)
    query = request.GET.urlencode()
    return HttpResponseRedirect(endpoint.get_absolute_url() + (f"?{query}" if query else "") + "#try-it")


def history_entry(endpoint, form, result) -> dict:
    """What the browser keeps about a sent request: the parameters and the outcome, never a credential."""
    return {
        "slug": endpoint.slug,
        "title": endpoint.summary,
        "method": endpoint.method,
        "path": endpoint.path,
        "query": form.share_query(),
        "status": result.response.status,
        "code": result.kucoin_code,
        "ok": result.ok,
        "elapsed": round(result.response.elapsed_ms),
    }
