"""The Node 20 sample (fetch + crypto, no packages): values as JSON literals, the title in a one-line comment."""

from __future__ import annotations

import json

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION

from ..upstream import TryItRequest
from .common import ENV, env_note, is_signed, needs_broker, title
from .escaping import one_line


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
    out += signing_lines(endpoint) if signed else []
    out += [
        'const url = BASE_URL + path + (query ? `?${query}` : "");  // path values already encoded, as signed',
        "const response = await fetch(url, { method, headers, body: body || undefined });",
        "console.log(response.status, await response.text());",
    ]
    return "\n".join(out) + "\n"


def signing_lines(endpoint) -> list[str]:
    """The signed string and KC-API-* headers, computed when the script runs."""
    lines = [
        'const rawQuery = params.map(([k, v]) => `${k}=${v}`).join("&");',
        'const endpoint = path + (rawQuery ? `?${rawQuery}` : "");',
        "const timestamp = Date.now().toString();",
        f"const secret = process.env.{ENV['secret']};",
        f'headers["KC-API-KEY"] = process.env.{ENV["key"]};',
        'headers["KC-API-SIGN"] = sign(secret, timestamp + method + endpoint + body);',
        'headers["KC-API-TIMESTAMP"] = timestamp;',
        f'headers["KC-API-PASSPHRASE"] = sign(secret, process.env.{ENV["passphrase"]});',
        f'headers["KC-API-KEY-VERSION"] = process.env.{ENV["version"]} ?? "{DEFAULT_KEY_VERSION}";',
    ]
    if needs_broker(endpoint):
        lines += [
            f'headers["KC-API-PARTNER"] = process.env.{ENV["partner"]};',
            f'headers["KC-BROKER-NAME"] = process.env.{ENV["name"]};',
            'headers["KC-API-PARTNER-VERIFY"] = "true";',
            f'headers["KC-API-PARTNER-SIGN"] = sign(process.env.{ENV["broker_key"]}, '
            f"timestamp + process.env.{ENV['partner']} + process.env.{ENV['key']});",
        ]
    return lines
