"""The string KuCoin signs and the unsigned request, built by try-it's own form and request builder.

The tool takes no credential of any kind, so nothing secret can reach it; parameters that are
secrets themselves (a sub-account's password) are masked in what it shows, as try-it masks them.
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

from endpoints.kucoin import signing
from endpoints.kucoin.signing import SigningRequirement, signing_requirement
from endpoints.models import Channel, Endpoint
from endpoints.reference import pages
from endpoints.try_it.forms import BODY_FIELD, EXTRA_QUERY_FIELD, PARAM_PREFIX, TryItForm
from endpoints.try_it.secret_parameters import MASK, body_with_secrets_replaced, masked, query_with_secrets_masked
from endpoints.try_it.upstream import UnsafePathValue, build_request

from .answers import Answer, BadInput
from .references import item_find, reference_of

MAX_BODY_CHARS = 64_000
# What each KC-API-* header holds, in words: the preview shows recipes, never values derived from a secret.
HEADER_VALUES = {
    "KC-API-KEY": "<your API key>",
    "KC-API-SIGN": "<base64(HMAC-SHA256(API secret, string to sign))>",
    "KC-API-TIMESTAMP": "{timestamp}",
    "KC-API-PASSPHRASE": "<base64(HMAC-SHA256(API secret, API passphrase))>",
    "KC-API-KEY-VERSION": signing.DEFAULT_KEY_VERSION,
    "KC-API-PARTNER": "<your broker partner id>",
    "KC-BROKER-NAME": "<your broker name>",
    "KC-API-PARTNER-VERIFY": "true",
    "KC-API-PARTNER-SIGN": "<base64(HMAC-SHA256(broker key, timestamp + partner + API key))>",
}
SIGNING_ADVICE = {
    SigningRequirement.NONE: "This endpoint is public: send it unsigned.",
    SigningRequirement.OPTIONAL: "KuCoin publishes no api-channel for this unified-account route: sign it with "
    "your API key (key version 3) unless you know it is public.",
    SigningRequirement.KEY: "Sign it with your API key (key version 3).",
    SigningRequirement.KEY_AND_BROKER: "Sign it with your API key and add the broker partner headers.",
}


def request_preview(*, reference: str, parameters: dict[str, Any], body: Any, timestamp_ms: int | None) -> Answer:
    """Validate the values as try-it does, then show the string to sign and the request without signing it."""
    endpoint = item_find(reference=reference)
    if isinstance(endpoint, Channel):
        raise BadInput("WebSocket channels are subscribed to, not signed per message: use get_reference for its frame.")
    form = TryItForm(endpoint, _form_data(endpoint, parameters, body))
    if not form.is_valid():
        raise BadInput("These values are not accepted: " + "; ".join(_form_problems(form)))
    try:
        call = build_request(endpoint, form.inputs())
    except UnsafePathValue as error:
        raise BadInput(str(error)) from None
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    call = dataclasses.replace(call, timestamp=timestamp)
    url = pages.public_base_url(endpoint.domain) + call.url[len(call.base_url) :]
    requirement = signing_requirement(endpoint)
    headers = _headers(requirement, timestamp, has_body=bool(call.body))
    shown_body = body_with_secrets_replaced(call.body, masked) if call.body else ""
    data = {
        "reference": reference_of(endpoint),
        "method": call.method,
        "url": _masked_url(url),
        "timestamp": timestamp,
        "string_to_sign": call.shown_string_to_sign,
        "signing": requirement.value,
        "headers": [{"name": n, "value": v} for n, v in headers],
        "body": MASK if shown_body is None else shown_body,
        "secret_values_masked": call.holds_secret_values,
    }
    return Answer(_preview_text(data), data)


def _form_data(endpoint: Endpoint, parameters: dict[str, Any], body: Any) -> dict[str, str]:
    form = TryItForm(endpoint)
    by_name = {p.name: p for p in [*form.parameters, *form.body_parameters]}
    data, extra = {}, []
    for name, value in parameters.items():
        parameter = by_name.get(name)
        if parameter is not None and parameter.location == "body":
            raise BadInput(f"{name} travels in the JSON body: put it in `body`, not in `parameters`.")
        if parameter is None and EXTRA_QUERY_FIELD not in form.fields:
            accepted = ", ".join(p.name for p in form.parameters) or "none (use body)"
            raise BadInput(f"{endpoint.summary} has no parameter '{name[:60]}'. Path and query parameters: {accepted}.")
        text = _value_text(name, value)
        if parameter is None:
            extra.append(f"{name}={text}")
        else:
            data[PARAM_PREFIX + name] = text
    if extra:
        data[EXTRA_QUERY_FIELD] = "\n".join(extra)
    if body is not None:
        data[BODY_FIELD] = _body_text(endpoint, body)
    return data


def _value_text(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_value_text(name, item) for item in value)
    if isinstance(value, str | int | float):
        return str(value)
    raise BadInput(f"{name}: a path or query value is a string, a number, a boolean or a list of those.")


def _body_text(endpoint: Endpoint, body: Any) -> str:
    if not endpoint.json_body:
        raise BadInput(f"{endpoint.method} {endpoint.path} takes no JSON body: send its values in `parameters`.")
    text = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    if len(text) > MAX_BODY_CHARS:
        raise BadInput(f"The body is {len(text)} characters; the preview takes at most {MAX_BODY_CHARS}.")
    return text


def _form_problems(form: TryItForm) -> list[str]:
    problems = []
    for field, errors in form.errors.items():
        name = field.removeprefix(PARAM_PREFIX) if field != "__all__" else "request"
        problems.append(f"{name}: {' '.join(str(error) for error in errors)}")
    return problems


def _masked_url(url: str) -> str:
    base, question, query = url.partition("?")
    return base + question + query_with_secrets_masked(query)


def _headers(requirement: SigningRequirement, timestamp: str, *, has_body: bool) -> list[tuple[str, str]]:
    names = [*signing.AUTH_HEADERS] if requirement.takes_key else []
    names += [*signing.BROKER_HEADERS] if requirement.needs_broker else []
    headers = [("Content-Type", "application/json")] if has_body else []
    return headers + [(name, HEADER_VALUES[name].format(timestamp=timestamp)) for name in names]


def _preview_text(data: dict) -> str:
    head = "\n".join([f"{data['method']} {data['url']}", *(f"{h['name']}: {h['value']}" for h in data["headers"])])
    request = f"{head}\n\n{data['body']}" if data["body"] else head
    lines = [
        SIGNING_ADVICE[SigningRequirement(data["signing"])],
        "",
        "String to sign (timestamp + method + path with raw query + body):",
        f"```\n{data['string_to_sign']}\n```",
        "",
        "The request, unsigned:",
        f"```http\n{request}\n```",
    ]
    if data["secret_values_masked"]:
        lines.append("Values of secret parameters are masked here; sign with the real ones.")
    return "\n".join(lines)
