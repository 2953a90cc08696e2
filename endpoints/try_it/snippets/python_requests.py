"""The Python sample with requests: values as repr literals, the title in an escaped docstring."""

from __future__ import annotations

import json

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION

from ..upstream import TryItRequest
from .common import ENV, env_note, is_signed, needs_broker, python_literal, title
from .escaping import python_docstring

SIGN_FUNCTION = [
    "",
    "def sign(key: str, message: str) -> str:",
    '    """base64(HMAC-SHA256(key, message)): how KuCoin signs requests, passphrases and partners."""',
    "    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()",
    "",
    "",
]


def python_requests(endpoint, call: TryItRequest) -> str:
    signed = is_signed(endpoint)
    body = json.loads(call.body) if call.body else None
    out = [f'"""{python_docstring(title(endpoint, call))}.' + (f" {env_note(endpoint)}" if signed else "") + '"""', ""]
    out += ["import base64", "import hashlib", "import hmac"] if signed else []
    out += ["import json"] if body is not None else []
    out += ["import os", "import time"] if signed else []
    out += ["from urllib.parse import quote, urlencode", "", "import requests", ""]
    out += [f"BASE_URL = {call.base_url!r}", ""]
    out += SIGN_FUNCTION if signed else []
    out += [
        f"method = {call.method!r}",
        f"path = {call.path!r}",
        f"params = {python_literal(call.query_items)}  # sent in this order; signed unencoded",
        f"body = json.dumps({python_literal(body)}, separators=(',', ':'), ensure_ascii=False)"
        if body is not None
        else 'body = ""',
        'query = urlencode(params, quote_via=quote, safe="")',
        'url = BASE_URL + path + (f"?{query}" if query else "")  # path values are already encoded, as signed',
        'headers = {"Content-Type": "application/json"}',
    ]
    out += signing_lines(endpoint) if signed else []
    out += [
        "response = requests.request(method, url, headers=headers, data=body.encode() or None, timeout=10)",
        "print(response.status_code, response.text)",
    ]
    return "\n".join(out) + "\n"


def signing_lines(endpoint) -> list[str]:
    """The signed string and KC-API-* headers, computed when the script runs."""
    lines = [
        'raw_query = "&".join(f"{name}={value}" for name, value in params)',
        'endpoint = path + (f"?{raw_query}" if raw_query else "")',
        "timestamp = str(int(time.time() * 1000))",
        f'secret = os.environ["{ENV["secret"]}"]',
        "headers |= {",
        f'    "KC-API-KEY": os.environ["{ENV["key"]}"],',
        '    "KC-API-SIGN": sign(secret, timestamp + method + endpoint + body),',
        '    "KC-API-TIMESTAMP": timestamp,',
        f'    "KC-API-PASSPHRASE": sign(secret, os.environ["{ENV["passphrase"]}"]),',
        f'    "KC-API-KEY-VERSION": os.environ.get("{ENV["version"]}", "{DEFAULT_KEY_VERSION}"),',
        "}",
    ]
    if needs_broker(endpoint):
        lines += [
            "headers |= {",
            f'    "KC-API-PARTNER": os.environ["{ENV["partner"]}"],',
            f'    "KC-BROKER-NAME": os.environ["{ENV["name"]}"],',
            '    "KC-API-PARTNER-VERIFY": "true",',
            f'    "KC-API-PARTNER-SIGN": sign(os.environ["{ENV["broker_key"]}"], '
            f'timestamp + os.environ["{ENV["partner"]}"] + os.environ["{ENV["key"]}"]),',
            "}",
        ]
    return lines
