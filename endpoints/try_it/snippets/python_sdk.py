"""The Python sample with KuCoin's official SDK: the real service and method, and only if they are Python names."""

from __future__ import annotations

import json

from django.conf import settings

from ..upstream import TryItRequest
from .common import ENV, env_note, is_signed, needs_broker, python_literal, title
from .escaping import python_call_chain, python_docstring, python_module_and_class


def sdk_arguments(endpoint, call: TryItRequest):
    """The values the SDK's request model takes: path values, query items and the body, by KuCoin name."""
    values = dict(call.path_values)
    values.update(call.query_items)
    if call.body:
        body = json.loads(call.body)
        if isinstance(body, list):
            return body
        values.update(body)
    return values


def python_sdk(endpoint, call: TryItRequest) -> str:
    chain = python_call_chain(endpoint.sdk_python_call or "")
    module, model = python_module_and_class(endpoint.sdk_request_model or "") or ("", "")
    out = [
        f'"""{python_docstring(title(endpoint, call))}, through KuCoin\'s official SDK '
        "(pip install kucoin-universal-sdk).",
        "",
        f"{env_note(endpoint) if is_signed(endpoint) else 'Public: no key needed.'}",
        '"""',
        "",
        "import os",
        "",
        "from kucoin_universal_sdk.api import DefaultClient",
    ]
    if model:
        out.append(f"from {module} import {model}")
    out += client_lines(endpoint)
    return "\n".join(out + sdk_call_lines(chain, model, sdk_arguments(endpoint, call))) + "\n"


def client_lines(endpoint) -> list[str]:
    """The client, configured from the environment and the base URLs in settings."""
    bases = settings.KUCOIN_BASE_URLS
    lines = [
        "from kucoin_universal_sdk.model import ClientOptionBuilder, TransportOptionBuilder",
        "",
        "option = (",
        "    ClientOptionBuilder()",
        f'    .set_key(os.environ.get("{ENV["key"]}", ""))',
        f'    .set_secret(os.environ.get("{ENV["secret"]}", ""))',
        f'    .set_passphrase(os.environ.get("{ENV["passphrase"]}", ""))',
    ]
    if needs_broker(endpoint):
        lines += [
            f'    .set_broker_partner(os.environ["{ENV["partner"]}"])',
            f'    .set_broker_name(os.environ["{ENV["name"]}"])',
            f'    .set_broker_key(os.environ["{ENV["broker_key"]}"])',
        ]
    return lines + [
        f"    .set_spot_endpoint({bases['spot']!r})",
        f"    .set_futures_endpoint({bases['futures']!r})",
        f"    .set_broker_endpoint({bases['broker']!r})",
        "    .set_transport_option(TransportOptionBuilder().set_read_timeout(10).build())",
        "    .build()",
        ")",
        "rest = DefaultClient(option).rest_service()",
    ]


def sdk_call_lines(chain: str | None, model: str, arguments) -> list[str]:
    """The call itself; a catalogue entry whose call is not made of Python names gets a plain stop instead."""
    if chain is None:
        return ['raise SystemExit("This endpoint\'s SDK call is not catalogued as Python names; see the SDK docs.")']
    call_expr = f"rest.{chain}"
    if model:
        out = [f"request = {model}.from_dict({python_literal(arguments)})", f"response = {call_expr}(request)"]
    elif arguments:
        out = [f"response = {call_expr}({python_literal(arguments)})"]
    else:
        out = [f"response = {call_expr}()"]
    return [*out, "print(response.to_json())"]
