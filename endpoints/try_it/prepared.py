"""Prepared requests: the first half of a send signed in the page, and the checks on the second half.

With JavaScript on, the page never sends us the secret, the passphrase or the broker key.
`prepare` builds the one request (form, catalogue, settings), stamps it, and hands the page
what KuCoin signs plus a ticket: the request itself, signed with the server's SECRET_KEY
(django.core.signing), so the page can carry it back but not change it, and every app
server behind the proxy can read it without a store shared between prepare and send.

The ticket is bound to the browser by an HttpOnly cookie set on the prepare POST (never on a
page GET, so pages stay cacheable), lives for KuCoin's timestamp window and no longer (a later
send would be refused by KuCoin with 400002 anyway, and the page signs in milliseconds, with no
human step in between), and is spent once (`spent_tickets.py`: an atomic claim across every
worker), so of two sends of one ticket only one goes out.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing as django_signing

from endpoints.kucoin.signing import KEY_VERSIONS, TIMESTAMP_WINDOW_MS, Signatures

from .spent_tickets import spend
from .upstream import Inputs, TryItRequest

SALT = "endpoints.try_it.prepared"
TICKET_FIELD = "prepared"
BINDING_COOKIE = "kucoin_try_it_binding"
# base64 of an HMAC-SHA256 digest: 43 characters and one "=".
SIGNATURE = re.compile(r"[A-Za-z0-9+/]{43}=")
PRINTABLE = re.compile(r"[ -~]+")


EXPIRED = (
    f"This prepared request is older than KuCoin's {TIMESTAMP_WINDOW_MS // 1000}-second timestamp window, "
    "so KuCoin would refuse it: press Send again."
)


class Refused(Exception):
    """A prepared request that will not be sent, with the status and the words to say why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Prepared:
    """What a ticket holds: the request as built at prepare, and whom it was built for."""

    id: str
    slug: str
    fields: dict[str, str]  # the form as posted, credentials left out: the panel and share link show it
    inputs: Inputs
    timestamp: str
    key_version: str
    broker: bool


def binding(request) -> tuple[str, bool]:
    """This browser's binding token, and whether it is new (and so must be set as a cookie)."""
    token = request.COOKIES.get(BINDING_COOKIE, "")
    if len(token) == 43 and PRINTABLE.fullmatch(token):
        return token, False
    return secrets.token_urlsafe(32), True


def set_binding_cookie(response, token: str) -> None:
    response.set_cookie(
        BINDING_COOKIE, token, httponly=True, samesite="Strict", secure=settings.SESSION_COOKIE_SECURE, path="/"
    )


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


def issue(
    slug: str, fields: dict[str, str], call: TryItRequest, timestamp: str, key_version: str, broker: bool, token: str
) -> str:
    """The ticket for a built request: everything needed to send it again byte for byte, signed."""
    inputs = call.inputs
    payload = {
        "id": secrets.token_urlsafe(18),
        "slug": slug,
        "fields": fields,
        "path": inputs.path_values,
        "query": [list(item) for item in inputs.query_items],
        "body": inputs.body,
        "ts": timestamp,
        "kv": key_version,
        "broker": broker,
        "bind": fingerprint(token),
    }
    return django_signing.dumps(payload, salt=SALT, compress=True)


def what_to_sign(call: TryItRequest, timestamp: str, ticket: str, key_version: str, broker: bool) -> dict:
    """All the page needs to sign the request, and nothing else: no credential, nothing of ours."""
    return {
        "ok": True,
        "prepared": ticket,
        "timestamp": timestamp,
        "method": call.method,
        "path": call.path_and_query,
        "body": call.body,
        "key_version": key_version,
        "sign_passphrase": key_version in KEY_VERSIONS,  # versions 2 and 3 sign it; 1 (retired) sent it plain
        "sign_partner": broker,
        "expires_in_ms": TIMESTAMP_WINDOW_MS,
    }


def open_ticket(ticket: str, slug: str, token: str, *, now_ms: int | None = None) -> Prepared:
    """Read a ticket back: ours, for this endpoint, this browser, still within KuCoin's window."""
    try:
        payload = django_signing.loads(ticket, salt=SALT, max_age=TIMESTAMP_WINDOW_MS / 1000 + 1)
    except django_signing.SignatureExpired:
        raise Refused(410, EXPIRED) from None
    except django_signing.BadSignature:
        raise Refused(400, "This is not a request this server prepared: press Send again.") from None
    if payload["slug"] != slug:
        raise Refused(400, "This request was prepared for another endpoint: press Send again.")
    if not token or payload["bind"] != fingerprint(token):
        raise Refused(403, "This request was prepared in another browser session: press Send again here.")
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    if now_ms - int(payload["ts"]) >= TIMESTAMP_WINDOW_MS:
        raise Refused(410, EXPIRED)
    inputs = Inputs(payload["path"], tuple((n, v) for n, v in payload["query"]), payload["body"])
    return Prepared(
        payload["id"], payload["slug"], payload["fields"], inputs, payload["ts"], payload["kv"], payload["broker"]
    )


def claim(prepared: Prepared) -> None:
    """Spend the ticket: the first claim wins, any later one (or a concurrent one) is refused."""
    added = spend(prepared.id)
    if added is None:  # Redis down (django-redis ignores it), or no mark directory: nothing can tell
        raise Refused(503, "The shared cache is down, so this server cannot make sure a request goes out once.")
    if not added:
        raise Refused(409, "This prepared request was sent already; each one goes out once. Press Send again.")


def posted_signatures(post, prepared: Prepared) -> Signatures:
    """The key and signatures the page posted, checked for shape; the key version must be the one prepared."""
    key = post.get("api_key", "").strip()
    if not key or not PRINTABLE.fullmatch(key):
        raise Refused(400, "The API key is missing or holds characters an HTTP header cannot carry.")
    if post.get("api_key_version", prepared.key_version) != prepared.key_version:
        raise Refused(400, "The key version differs from the one this request was prepared and signed for.")
    wanted = ["sign", "passphrase_sign"] + (["partner_sign"] if prepared.broker else [])
    if any(not SIGNATURE.fullmatch(post.get(name, "")) for name in wanted):
        raise Refused(400, "The page's signatures are missing or not base64 HMAC-SHA256 values.")
    partner, name = post.get("broker_partner", "").strip(), post.get("broker_name", "").strip()
    if prepared.broker and not (PRINTABLE.fullmatch(partner) and PRINTABLE.fullmatch(name)):
        raise Refused(400, "Broker endpoints need the broker partner and name (printable ASCII).")
    return Signatures(
        key=key,
        version=prepared.key_version,
        sign=post["sign"],
        passphrase=post["passphrase_sign"],
        broker_partner=partner if prepared.broker else "",
        broker_name=name if prepared.broker else "",
        partner_sign=post.get("partner_sign", "") if prepared.broker else "",
    )


def carries_secret(post) -> bool:
    """Whether a POST holds a secret credential value (refused when the server does not sign)."""
    return any(post.get(name) for name in ("api_secret", "api_passphrase", "broker_key"))
