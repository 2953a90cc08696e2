"""Shape an upstream answer for the result panel: status, body, KuCoin code, rate-limit gauge, trouble."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.safestring import SafeString

from endpoints.kucoin import error_codes
from endpoints.kucoin.rate_limits import LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER, UNPUBLISHED_POOL

from . import bounded_json
from .json_tree import MAX_TREE_BYTES, json_tree
from .schema_check import Mismatch, schema_mismatches
from .upstream import TryItRequest, TryItResponse

MAX_SHOWN_DEPTH = 64


@dataclass
class RateLimitGauge:
    pool: str
    limit: int
    remaining: int
    reset_ms: int
    weight: int | None

    @property
    def used_percent(self) -> int:
        return 0 if self.limit <= 0 else round(100 * (self.limit - self.remaining) / self.limit)

    @property
    def low(self) -> int:
        return self.limit // 5

    @property
    def high(self) -> int:
        return self.limit // 2

    @property
    def reset_seconds(self) -> str:
        return f"{self.reset_ms / 1000:.1f}"


@dataclass
class Result:
    """Everything the result partial shows, computed once."""

    call: TryItRequest
    response: TryItResponse
    status_text: str
    ok: bool
    trouble: str  # a plain-words message when something went wrong on the way, else ""
    kucoin_code: str | None
    kucoin_message: str
    explanation: error_codes.ErrorCode | None
    body_tree: SafeString | None
    body_text: str
    gauge: RateLimitGauge | None
    schema_mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def elapsed_ms(self) -> str:
        return f"{self.response.elapsed_ms:.0f}"


def shape(endpoint, call: TryItRequest, response: TryItResponse) -> Result:
    """Turn a request and its answer into what the panel shows."""
    payload, body_text = parse_body(response)
    code = str(payload.get("code")) if isinstance(payload, dict) and "code" in payload else None
    message = str(payload.get("msg", "")) if isinstance(payload, dict) else ""
    tree = json_tree(payload) if payload is not None and len(response.body) <= MAX_TREE_BYTES else None
    if payload is not None and tree is None:
        body_text = json.dumps(payload, indent=2, ensure_ascii=False)
    ok = response.status == 200 and code in (None, error_codes.SUCCESS) and not response.trouble
    return Result(
        call=call,
        response=response,
        status_text=status_text(response),
        ok=ok,
        trouble=trouble_message(call, response, is_json=payload is not None),
        kucoin_code=code,
        kucoin_message=message,
        explanation=error_codes.explain(code),
        body_tree=tree,
        body_text=body_text,
        gauge=gauge(endpoint, response),
        # The docs describe the success answer only: an error envelope is not held against them.
        schema_mismatches=checked_against_docs(endpoint, payload, response) if ok else [],
    )


def checked_against_docs(endpoint, payload, response: TryItResponse) -> list[Mismatch]:
    version = (endpoint.pk, endpoint.updated_at) if getattr(endpoint, "pk", None) else None
    return schema_mismatches(endpoint.response_schema, payload, body_bytes=len(response.body), version=version)


def parse_body(response: TryItResponse):
    """Return (parsed JSON or None, text); a cut body is never parsed as JSON."""
    text = response.body.decode("utf-8", errors="replace")
    if response.truncated or not text.strip():
        return None, text
    # Nested past what a tree can show, or holding numbers Python will not read: shown as text.
    return bounded_json.try_loads(text, max_depth=MAX_SHOWN_DEPTH, max_chars=len(text)), text


def status_text(response: TryItResponse) -> str:
    if response.status is None:
        return "No answer"
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = response.reason
    return f"{response.status} {phrase}".strip()


# A request that timed out may still have been carried out upstream: an order may stand.
UNKNOWN_OUTCOME = (
    "Whether the request was processed is unknown: check before sending anything that places or cancels again."
)


def trouble_message(call: TryItRequest, response: TryItResponse, *, is_json: bool) -> str:
    """Say in plain words what went wrong between us and the upstream, if anything did."""
    host = urlsplit(call.url).netloc
    if response.trouble == "off-origin":
        allowed = urlsplit(call.base_url).netloc
        return f"Not sent: {response.detail} ({allowed}). Nothing left this server; the catalogue entry needs fixing."
    if response.trouble == "timeout":
        return f"{host} did not answer in time ({response.detail}). {UNKNOWN_OUTCOME}"
    if response.trouble == "refused":
        return f"{host} refused the connection. If this is the sandbox, is `manage.py kucoin_sandbox` running?"
    if response.trouble == "reset":
        return f"The connection to {host} was reset before a full answer arrived."
    if response.trouble == "unreachable":
        return f"{host} could not be reached: {response.detail}."
    if response.trouble == "deadline" and response.status is None:
        return f"{host} did not send its answer's headers in time ({response.detail}). {UNKNOWN_OUTCOME}"
    if response.trouble == "deadline":
        return f"The answer from {host} was cut: {response.detail}."
    if response.trouble == "undecodable":
        return (
            f"{host} answered, but its body is labelled “Content-Encoding: {response.detail}” and does not decode "
            "as that: usually a proxy or CDN in between. The request itself was delivered."
        )
    if response.truncated:
        return f"The body was larger than {len_mb()} and was cut there; the first part is shown as text."
    content_type = (response.header("Content-Type") or "").lower()
    if response.status and response.status >= 500:
        return f"{host} answered {response.status}: a server-side failure, not a problem with your input."
    if "html" in content_type or (not is_json and response.body.lstrip()[:1] == b"<"):
        return (
            "The answer is an HTML page, not KuCoin's JSON: usually a CDN, firewall or regional block page. "
            "It is shown as text below."
        )
    return ""


def len_mb() -> str:
    return f"{settings.TRY_IT_MAX_BODY_BYTES / (1024 * 1024):g} MB"


def gauge(endpoint, response: TryItResponse) -> RateLimitGauge | None:
    """Read gw-ratelimit-* (reset is a countdown in ms) into a gauge for the endpoint's pool."""
    try:
        limit = int(response.header(LIMIT_HEADER))
        remaining = int(response.header(REMAINING_HEADER))
        reset = int(response.header(RESET_HEADER))
    except (TypeError, ValueError):
        return None
    pool = endpoint.rate_limit_pool or UNPUBLISHED_POOL  # as the team budget and the sandbox count it
    return RateLimitGauge(pool, limit, remaining, reset, endpoint.rate_limit_weight)
