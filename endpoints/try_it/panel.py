"""What the try-it panel shows: the form, the upstream in use, the share link and the code samples."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from requests.exceptions import RequestException

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION
from endpoints.selectors import endpoint_parameters

from . import snippets, upstream
from .forms import BODY_FIELD, EXTRA_QUERY_FIELD, PARAM_PREFIX, TryItForm
from .secret_parameters import is_secret_parameter, placeholder


def initial_data(endpoint, query) -> dict[str, str]:
    """Form values for a fresh panel: a share link's parameters, else examples for required fields and the body."""
    example = endpoint.request_example
    example_values = example if isinstance(example, dict) else {}
    data = {"api_key_version": DEFAULT_KEY_VERSION}
    for parameter in endpoint_parameters(endpoint):
        name = PARAM_PREFIX + parameter.name
        if parameter.location == "body":
            continue
        if name in query and not is_secret_parameter(parameter.name):  # links never carry secrets in
            data[name] = query[name]
        elif parameter.required or parameter.location == "path":
            value = example_values.get(parameter.name, parameter.example)
            data[name] = "" if value is None else (json.dumps(value) if isinstance(value, bool) else str(value))
    if endpoint.json_body:
        data[BODY_FIELD] = query.get(BODY_FIELD) or example_body(endpoint)
    if EXTRA_QUERY_FIELD in query:
        data[EXTRA_QUERY_FIELD] = query[EXTRA_QUERY_FIELD]
    return data


def example_body(endpoint) -> str:
    """The catalogued request example, less any path or query values, as indented JSON."""
    example = endpoint.request_example
    if isinstance(example, dict):
        outside = {p.name for p in endpoint_parameters(endpoint) if p.location != "body"}
        example = {name: value for name, value in example.items() if name not in outside}
    if example in (None, {}, []):
        return "{}" if (endpoint.request_schema or {}).get("type") != "array" else "[]"
    return json.dumps(example, indent=2, ensure_ascii=False)


def preview_request(form: TryItForm) -> upstream.TryItRequest | None:
    """An unsigned request from whatever in the form is valid, for the samples; None if none can be built."""
    form.is_valid()
    try:
        return upstream.build_request(form.endpoint, form.inputs())
    except (ValueError, RequestException):  # e.g. a base URL in settings without a scheme
        return None


def upstream_info(endpoint) -> dict:
    base = upstream.base_url(endpoint.domain)
    return {"live": upstream.is_live(endpoint.domain), "base_url": base, "host": urlsplit(base).netloc}


def panel_context(request, endpoint, *, data) -> dict:
    """Everything `try_it/_panel.html` needs; `samples_call` may be replaced by the request actually sent."""
    form = TryItForm(endpoint, data=data, auto_id="try-%s")
    context = {
        "endpoint": endpoint,
        "form": form,
        "request": request,
        "upstream": upstream_info(endpoint),
        "send_url": reverse("try_it:send", kwargs={"slug": endpoint.slug}),
        "samples_url": reverse("try_it:samples", kwargs={"slug": endpoint.slug}),
        "prepare_url": reverse("try_it:prepare", kwargs={"slug": endpoint.slug}),
        "relay_url": reverse("try_it:send_prepared", kwargs={"slug": endpoint.slug}),
        "server_signing": settings.TRY_IT_SERVER_SIGNING,
        "result": None,
        "show_errors": False,
        "credential_names": "api_key,api_secret,api_passphrase,broker_partner,broker_name,broker_key",
    }
    # The samples show the request actually sent when there is one, else a preview built on demand.
    context["samples_call"] = None
    context["samples"] = lambda: samples_for(endpoint, context["samples_call"] or preview_request(form))
    context["share_url"] = lambda: share_url(endpoint, form)
    return context


def samples_for(endpoint, call) -> list[snippets.Snippet]:
    """The code samples for a request; a secret parameter's value becomes a placeholder for the reader's own."""
    if call is None:
        return []
    inputs = call.inputs.with_secrets_replaced(placeholder)
    if inputs != call.inputs:
        call = upstream.build_request(endpoint, inputs)
    return snippets.samples(endpoint, call)


def share_url(endpoint, form: TryItForm) -> str:
    """The endpoint page with the parameters (never credentials) in the query, opened at the panel."""
    query = form.share_query()
    return endpoint.get_absolute_url() + (f"?{query}" if query else "") + "#try-it"
