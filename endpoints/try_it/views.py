"""Try-it views: send one signed request and show the answer; refresh the code samples.

Credentials arrive only inside these POSTs. They are never stored, logged,
cached or rendered back: the views are `never_cache`, Django's error reports
filter the credential fields, and templates never print a credential value.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST
from requests.exceptions import RequestException

from endpoints import selectors
from endpoints.models import Endpoint

from . import results, upstream
from .forms import CREDENTIAL_FIELDS
from .panel import panel_context

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
    """Validate, build the one request, send it, and show the answer (partial for htmx, page otherwise)."""
    endpoint = endpoint_or_404(slug)
    context = panel_context(request, endpoint, data=request.POST)
    form = context["form"]
    if form.is_valid():
        form.require_credentials()
    if form.is_valid():
        try:
            call = upstream.build_request(endpoint, form.inputs(), form.signing_key(), form.broker_identity())
        except upstream.UnsafePathValue as error:
            form.add_path_error(error)
        except (ValueError, RequestException):
            # Validation should have caught it; say so plainly rather than fail, and echo nothing typed.
            form.add_error(None, CANNOT_BUILD)
        else:
            result = context["result"] = results.shape(endpoint, call, upstream.send(call))
            context["samples_call"] = call
            context["history_entry"] = history_entry(endpoint, form, result)
    context["show_errors"] = True
    if request.htmx:
        return TemplateResponse(request, "try_it/_result.html", context)
    return TemplateResponse(request, "try_it/send.html", context, status=200 if form.is_valid() else 400)


@require_POST
@never_cache
@sensitive_post_parameters(*CREDENTIAL_FIELDS)
def samples(request, slug: str):
    """Re-render the code samples for the form's current parameters (credentials are ignored)."""
    endpoint = endpoint_or_404(slug)
    context = panel_context(request, endpoint, data=request.POST)
    return TemplateResponse(request, "try_it/_samples.html", context)


@require_GET
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
