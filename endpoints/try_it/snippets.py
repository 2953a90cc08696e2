"""Code samples for one try-it request: curl + openssl, Python requests, the official Python SDK, Node 20.

Every sample is read from the same `TryItRequest` the panel sends (URL, signed
path and query, body), and signs at run time from environment variables, so a
copied sample never carries a secret and never carries a stale timestamp.
"""

from __future__ import annotations

import json
import pprint
import shlex
from dataclasses import dataclass

from django.conf import settings

from endpoints.kucoin.signing import signing_requirement

from .sample_escaping import one_line, python_call_chain, python_docstring, python_module_and_class
from .upstream import TryItRequest

ENV = {
    "key": "KC_API_KEY",
    "secret": "KC_API_SECRET",
    "passphrase": "KC_API_PASSPHRASE",
    "version": "KC_API_KEY_VERSION",
    "partner": "KC_BROKER_PARTNER",
    "name": "KC_BROKER_NAME",
    "broker_key": "KC_BROKER_KEY",
}


@dataclass(frozen=True)
class Snippet:
    language: str  # curl | python | python-sdk | node
    label: str
    filename: str
    code: str
    lexer: str  # for highlighting: bash | python | javascript


def samples(endpoint, call: TryItRequest) -> list[Snippet]:
    """All four samples for this request."""
    return [
        Snippet("curl", "curl", "kucoin.sh", curl(endpoint, call), "bash"),
        Snippet("python", "Python (requests)", "kucoin.py", python_requests(endpoint, call), "python"),
        Snippet("python-sdk", "Python (official SDK)", "kucoin_sdk.py", python_sdk(endpoint, call), "python"),
        Snippet("node", "Node 20", "kucoin.mjs", node(endpoint, call), "javascript"),
    ]


def is_signed(endpoint) -> bool:
    """Sign private and broker endpoints, and the unified-account ones whose channel KuCoin leaves unsaid."""
    return signing_requirement(endpoint).takes_key


def needs_broker(endpoint) -> bool:
    return signing_requirement(endpoint).needs_broker


def env_note(endpoint) -> str:
    names = [ENV["key"], ENV["secret"], ENV["passphrase"]]
    if needs_broker(endpoint):
        names += [ENV["partner"], ENV["name"], ENV["broker_key"]]
    return f"Set {', '.join(names)} in the environment first ({ENV['version']} defaults to 3)."


def title(endpoint, call: TryItRequest) -> str:
    return f"{endpoint.summary}: {call.method} {endpoint.path}"


# --- curl -----------------------------------------------------------------------------------------


def curl(endpoint, call: TryItRequest) -> str:
    signed = is_signed(endpoint)
    lines = [f"# {one_line(title(endpoint, call))}"]
    if signed:
        lines += [
            f"# Signed with openssl at run time. {env_note(endpoint)}",
            "# `date +%s%3N` needs GNU date (on macOS: brew install coreutils, then use gdate).",
            "KC_TIMESTAMP=$(date +%s%3N)",
            f"KC_ENDPOINT={shlex.quote(call.path_and_query)}  # path and query, unencoded, as signed",
            f"KC_BODY={shlex.quote(call.body)}",
            "KC_SIGN=$(printf '%s' \"${KC_TIMESTAMP}\"" + shlex.quote(call.method) + '"${KC_ENDPOINT}${KC_BODY}" '
            '| openssl dgst -sha256 -hmac "$KC_API_SECRET" -binary | base64)',
            'KC_PASSPHRASE=$(printf \'%s\' "$KC_API_PASSPHRASE" | openssl dgst -sha256 -hmac "$KC_API_SECRET" '
            "-binary | base64)",
        ]
        if needs_broker(endpoint):
            lines.append(
                "KC_PARTNER_SIGN=$(printf '%s' \"${KC_TIMESTAMP}${KC_BROKER_PARTNER}${KC_API_KEY}\" "
                '| openssl dgst -sha256 -hmac "$KC_BROKER_KEY" -binary | base64)'
            )
    method = "" if call.method == "GET" else f" -X {shlex.quote(call.method)}"
    command = ["curl -sS" + method + f" {shlex.quote(call.url)}"]
    if signed:
        command += [
            '-H "KC-API-KEY: $KC_API_KEY"',
            '-H "KC-API-SIGN: $KC_SIGN"',
            '-H "KC-API-TIMESTAMP: $KC_TIMESTAMP"',
            '-H "KC-API-PASSPHRASE: $KC_PASSPHRASE"',
            '-H "KC-API-KEY-VERSION: ${KC_API_KEY_VERSION:-3}"',
        ]
        if needs_broker(endpoint):
            command += [
                '-H "KC-API-PARTNER: $KC_BROKER_PARTNER"',
                '-H "KC-BROKER-NAME: $KC_BROKER_NAME"',
                "-H 'KC-API-PARTNER-VERIFY: true'",
                '-H "KC-API-PARTNER-SIGN: $KC_PARTNER_SIGN"',
            ]
    command.append("-H 'Content-Type: application/json'")
    if call.body:
        command.append('--data-raw "$KC_BODY"' if signed else f"--data-raw {shlex.quote(call.body)}")
    lines.append(" \\\n  ".join(command))
    return "\n".join(lines) + "\n"


# --- Python with requests ---------------------------------------------------------------------------


def python_literal(value) -> str:
    return pprint.pformat(value, sort_dicts=False, width=100)


def python_requests(endpoint, call: TryItRequest) -> str:
    signed = is_signed(endpoint)
    body = json.loads(call.body) if call.body else None
    out = [f'"""{python_docstring(title(endpoint, call))}.' + (f" {env_note(endpoint)}" if signed else "") + '"""', ""]
    out += ["import base64", "import hashlib", "import hmac"] if signed else []
    out += ["import json"] if body is not None else []
    out += ["import os", "import time"] if signed else []
    out += ["from urllib.parse import quote, urlencode", "", "import requests", ""]
    out += [f"BASE_URL = {call.base_url!r}", ""]
    if signed:
        out += [
            "",
            "def sign(key: str, message: str) -> str:",
            '    """base64(HMAC-SHA256(key, message)): how KuCoin signs requests, passphrases and partners."""',
            "    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()",
            "",
            "",
        ]
    out += [
        f"method = {call.method!r}",
        f"path = {call.path!r}",
        f"params = {python_literal(call.query_items)}  # sent in this order; signed unencoded",
        f"body = json.dumps({python_literal(body)}, separators=(',', ':'), ensure_ascii=False)"
        if body is not None
        else 'body = ""',
        'query = urlencode(params, quote_via=quote, safe="")',
        'url = BASE_URL + quote(path) + (f"?{query}" if query else "")',
        'headers = {"Content-Type": "application/json"}',
    ]
    if signed:
        out += [
            'raw_query = "&".join(f"{name}={value}" for name, value in params)',
            'endpoint = path + (f"?{raw_query}" if raw_query else "")',
            "timestamp = str(int(time.time() * 1000))",
            f'secret = os.environ["{ENV["secret"]}"]',
            "headers |= {",
            f'    "KC-API-KEY": os.environ["{ENV["key"]}"],',
            '    "KC-API-SIGN": sign(secret, timestamp + method + endpoint + body),',
            '    "KC-API-TIMESTAMP": timestamp,',
            f'    "KC-API-PASSPHRASE": sign(secret, os.environ["{ENV["passphrase"]}"]),',
            f'    "KC-API-KEY-VERSION": os.environ.get("{ENV["version"]}", "3"),',
            "}",
        ]
        if needs_broker(endpoint):
            out += [
                "headers |= {",
                f'    "KC-API-PARTNER": os.environ["{ENV["partner"]}"],',
                f'    "KC-BROKER-NAME": os.environ["{ENV["name"]}"],',
                '    "KC-API-PARTNER-VERIFY": "true",',
                f'    "KC-API-PARTNER-SIGN": sign(os.environ["{ENV["broker_key"]}"], '
                f'timestamp + os.environ["{ENV["partner"]}"] + os.environ["{ENV["key"]}"]),',
                "}",
            ]
    out += [
        "response = requests.request(method, url, headers=headers, data=body.encode() or None, timeout=10)",
        "print(response.status_code, response.text)",
    ]
    return "\n".join(out) + "\n"


# --- Python with the official SDK ----------------------------------------------------------------------


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
    arguments = sdk_arguments(endpoint, call)
    bases = settings.KUCOIN_BASE_URLS
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
    out += [
        "from kucoin_universal_sdk.model import ClientOptionBuilder, TransportOptionBuilder",
        "",
        "option = (",
        "    ClientOptionBuilder()",
        f'    .set_key(os.environ.get("{ENV["key"]}", ""))',
        f'    .set_secret(os.environ.get("{ENV["secret"]}", ""))',
        f'    .set_passphrase(os.environ.get("{ENV["passphrase"]}", ""))',
    ]
    if needs_broker(endpoint):
        out += [
            f'    .set_broker_partner(os.environ["{ENV["partner"]}"])',
            f'    .set_broker_name(os.environ["{ENV["name"]}"])',
            f'    .set_broker_key(os.environ["{ENV["broker_key"]}"])',
        ]
    out += [
        f"    .set_spot_endpoint({bases['spot']!r})",
        f"    .set_futures_endpoint({bases['futures']!r})",
        f"    .set_broker_endpoint({bases['broker']!r})",
        "    .set_transport_option(TransportOptionBuilder().set_read_timeout(10).build())",
        "    .build()",
        ")",
        "rest = DefaultClient(option).rest_service()",
    ]
    return "\n".join(out + sdk_call_lines(chain, model, arguments)) + "\n"


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


# --- Node 20 (fetch + crypto, no packages) ---------------------------------------------------------------


def node(endpoint, call: TryItRequest) -> str:
    signed = is_signed(endpoint)
    body = json.loads(call.body) if call.body else None
    out = [
        f"// {one_line(title(endpoint, call))}",
        "// Node 20 or newer, no packages. Save as kucoin.mjs and run: node kucoin.mjs",
    ]
    if signed:
        out += [
            f"// {env_note(endpoint)}",
            'import { createHmac } from "node:crypto";',
            "",
            'const sign = (key, message) => createHmac("sha256", key).update(message).digest("base64");',
        ]
    out += [
        "",
        f"const BASE_URL = {json.dumps(call.base_url)};",
        f"const method = {json.dumps(call.method)};",
        f"const path = {json.dumps(call.path, ensure_ascii=False)};",
        f"const params = {json.dumps([list(item) for item in call.query_items], ensure_ascii=False)};"
        "  // sent in this order; signed unencoded",
        f"const body = JSON.stringify({json.dumps(body, indent=2, ensure_ascii=False)});"
        if body is not None
        else 'const body = "";',
        'const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");',
        'const headers = { "Content-Type": "application/json" };',
    ]
    if signed:
        out += [
            'const rawQuery = params.map(([k, v]) => `${k}=${v}`).join("&");',
            'const endpoint = path + (rawQuery ? `?${rawQuery}` : "");',
            "const timestamp = Date.now().toString();",
            f"const secret = process.env.{ENV['secret']};",
            f'headers["KC-API-KEY"] = process.env.{ENV["key"]};',
            'headers["KC-API-SIGN"] = sign(secret, timestamp + method + endpoint + body);',
            'headers["KC-API-TIMESTAMP"] = timestamp;',
            f'headers["KC-API-PASSPHRASE"] = sign(secret, process.env.{ENV["passphrase"]});',
            f'headers["KC-API-KEY-VERSION"] = process.env.{ENV["version"]} ?? "3";',
        ]
        if needs_broker(endpoint):
            out += [
                f'headers["KC-API-PARTNER"] = process.env.{ENV["partner"]};',
                f'headers["KC-BROKER-NAME"] = process.env.{ENV["name"]};',
                'headers["KC-API-PARTNER-VERIFY"] = "true";',
                f'headers["KC-API-PARTNER-SIGN"] = sign(process.env.{ENV["broker_key"]}, '
                f"timestamp + process.env.{ENV['partner']} + process.env.{ENV['key']});",
            ]
    out += [
        'const url = BASE_URL + encodeURI(path) + (query ? `?${query}` : "");',
        "const response = await fetch(url, { method, headers, body: body || undefined });",
        "console.log(response.status, await response.text());",
    ]
    return "\n".join(out) + "\n"
