"""The curl sample: a bash script that signs with openssl at run time; every value single-quoted by shlex."""

from __future__ import annotations

import shlex

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION

from ..upstream import TryItRequest
from .common import env_note, is_signed, needs_broker, title
from .escaping import one_line


def curl(endpoint, call: TryItRequest) -> str:
    signed = is_signed(endpoint)
    lines = [f"# {one_line(title(endpoint, call))}"]
    if signed:
        lines += signing_lines(endpoint, call)
    method = "" if call.method == "GET" else f" -X {shlex.quote(call.method)}"
    command = ["curl -sS" + method + f" {shlex.quote(call.url)}"]
    if signed:
        command += header_options(endpoint)
    command.append("-H 'Content-Type: application/json'")
    if call.body:
        command.append('--data-raw "$KC_BODY"' if signed else f"--data-raw {shlex.quote(call.body)}")
    lines.append(" \\\n  ".join(command))
    return "\n".join(lines) + "\n"


def signing_lines(endpoint, call: TryItRequest) -> list[str]:
    """Shell variables for the timestamp, the signed string and the HMACs, computed when the script runs."""
    lines = [
        f"# Signed with openssl at run time. {env_note(endpoint)}",
        "# `date +%s%3N` needs GNU date (on macOS: brew install coreutils, then use gdate).",
        "KC_TIMESTAMP=$(date +%s%3N)",
        f"KC_ENDPOINT={shlex.quote(call.path_and_query)}  # path as sent, query unencoded: as signed",
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
    return lines


def header_options(endpoint) -> list[str]:
    options = [
        '-H "KC-API-KEY: $KC_API_KEY"',
        '-H "KC-API-SIGN: $KC_SIGN"',
        '-H "KC-API-TIMESTAMP: $KC_TIMESTAMP"',
        '-H "KC-API-PASSPHRASE: $KC_PASSPHRASE"',
        f'-H "KC-API-KEY-VERSION: ${{KC_API_KEY_VERSION:-{DEFAULT_KEY_VERSION}}}"',
    ]
    if needs_broker(endpoint):
        options += [
            '-H "KC-API-PARTNER: $KC_BROKER_PARTNER"',
            '-H "KC-BROKER-NAME: $KC_BROKER_NAME"',
            "-H 'KC-API-PARTNER-VERIFY: true'",
            '-H "KC-API-PARTNER-SIGN: $KC_PARTNER_SIGN"',
        ]
    return options
