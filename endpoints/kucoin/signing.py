"""KuCoin's request-signing recipe as pure functions: the same inputs always give the same headers.

Nothing here reads the clock, the settings or the network; callers pass the
timestamp in, so every function is checked against fixed test vectors.

The recipe (KuCoin's authentication page, and the official SDK's KcSigner):
    KC-API-SIGN            = base64(HMAC-SHA256(secret, timestamp + METHOD + path?raw-query + body))
    KC-API-PASSPHRASE      = base64(HMAC-SHA256(secret, passphrase))      key versions 2 and 3
    KC-API-PARTNER-SIGN    = base64(HMAC-SHA256(broker key, timestamp + partner + api key))
The path is signed as sent (values percent-encoded); the query *unencoded*, in the order it is sent.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from django.views.decorators.debug import sensitive_variables

KEY_VERSIONS = ("3", "2")
DEFAULT_KEY_VERSION = "3"

# KuCoin refuses a KC-API-TIMESTAMP this far or further from its own clock (error 400002).
TIMESTAMP_WINDOW_MS = 5_000

# The headers every signed request carries, in the order KuCoin's docs list them.
AUTH_HEADERS = ("KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE", "KC-API-KEY-VERSION")
BROKER_HEADERS = ("KC-API-PARTNER", "KC-BROKER-NAME", "KC-API-PARTNER-VERIFY", "KC-API-PARTNER-SIGN")


class SignedItem(Protocol):
    """What deciding the signing needs to know of an endpoint (a model, a record or a route)."""

    api_channel: str
    needs_broker_signature: bool


class SigningRequirement(enum.Enum):
    """How a request to an endpoint is signed."""

    NONE = "none"  # a public endpoint: no key at all
    # KuCoin publishes no api-channel for unified-account routes: signed when a key is given.
    OPTIONAL = "optional"
    KEY = "key"
    KEY_AND_BROKER = "key+broker"

    @property
    def takes_key(self) -> bool:
        """Whether a key may be sent (and so whether a form offers the fields)."""
        return self is not SigningRequirement.NONE

    @property
    def requires_key(self) -> bool:
        return self in (SigningRequirement.KEY, SigningRequirement.KEY_AND_BROKER)

    @property
    def needs_broker(self) -> bool:
        return self is SigningRequirement.KEY_AND_BROKER


def signing_requirement(item: SignedItem) -> SigningRequirement:
    """Decide how requests to `item` are signed: every consumer asks this, never the fields."""
    if item.needs_broker_signature:
        return SigningRequirement.KEY_AND_BROKER
    if item.api_channel == "private":
        return SigningRequirement.KEY
    if item.api_channel == "public":
        return SigningRequirement.NONE
    return SigningRequirement.OPTIONAL


@dataclass(frozen=True)
class ApiKey:
    """A KuCoin API key as typed by its owner; repr never shows the secret or the passphrase."""

    key: str
    secret: str = field(repr=False)
    passphrase: str = field(repr=False)
    version: str = DEFAULT_KEY_VERSION


@dataclass(frozen=True)
class BrokerKey:
    """A broker's partner identity; repr never shows the broker key."""

    partner: str
    name: str
    key: str = field(repr=False)


def hmac_base64(key: str, message: str) -> str:
    """Return base64(HMAC-SHA256(key, message)) over the UTF-8 bytes of both."""
    digest = hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def string_to_sign(timestamp: int | str, method: str, path_and_query: str, body: str) -> str:
    """Join what KuCoin signs: timestamp (ms) + upper-case method + path with raw query + body."""
    return f"{timestamp}{method.upper()}{path_and_query}{body}"


@sensitive_variables("secret")
def request_signature(secret: str, timestamp: int | str, method: str, path_and_query: str, body: str) -> str:
    """Return the KC-API-SIGN value for one request."""
    return hmac_base64(secret, string_to_sign(timestamp, method, path_and_query, body))


@sensitive_variables("secret", "passphrase")
def passphrase_signature(secret: str, passphrase: str) -> str:
    """Return the KC-API-PASSPHRASE value for key versions 2 and 3 (the passphrase signed with the secret)."""
    return hmac_base64(secret, passphrase)


@sensitive_variables("broker_key")
def partner_signature(broker_key: str, timestamp: int | str, partner: str, api_key: str) -> str:
    """Return the KC-API-PARTNER-SIGN value: timestamp + partner + api key, keyed with the broker key."""
    return hmac_base64(broker_key, f"{timestamp}{partner}{api_key}")


def raw_query(items: Iterable[tuple[str, str]]) -> str:
    """Join query items as KuCoin signs them: `name=value` pairs, unencoded, in the order sent."""
    return "&".join(f"{name}={value}" for name, value in items)


def path_and_query(path: str, items: Iterable[tuple[str, str]]) -> str:
    """Return the signed endpoint: the path, plus `?` and the raw query when there is one."""
    query = raw_query(items)
    return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class Signatures:
    """What a browser that signed a request itself hands over: the key and the signatures, never a secret."""

    key: str
    version: str
    sign: str
    passphrase: str
    broker_partner: str = ""
    broker_name: str = ""
    partner_sign: str = ""


def signed_headers(signatures: Signatures, timestamp: int | str) -> dict[str, str]:
    """Lay KuCoin's KC-API-* headers out from signatures made elsewhere (in the page, or by `auth_headers`)."""
    headers = {
        "KC-API-KEY": signatures.key,
        "KC-API-SIGN": signatures.sign,
        "KC-API-TIMESTAMP": str(timestamp),
        "KC-API-PASSPHRASE": signatures.passphrase,
        "KC-API-KEY-VERSION": signatures.version,
    }
    if signatures.partner_sign:
        headers |= {
            "KC-API-PARTNER": signatures.broker_partner,
            "KC-BROKER-NAME": signatures.broker_name,
            "KC-API-PARTNER-VERIFY": "true",
            "KC-API-PARTNER-SIGN": signatures.partner_sign,
        }
    return headers


@sensitive_variables("api_key", "broker")
def auth_headers(
    api_key: ApiKey,
    timestamp: int | str,
    method: str,
    path_and_query: str,
    body: str,
    broker: BrokerKey | None = None,
) -> dict[str, str]:
    """Return KuCoin's KC-API-* headers for one request, with the broker partner headers when given."""
    timestamp = str(timestamp)
    signatures = Signatures(
        key=api_key.key,
        version=api_key.version,
        sign=request_signature(api_key.secret, timestamp, method, path_and_query, body),
        passphrase=passphrase_signature(api_key.secret, api_key.passphrase),
    )
    if broker is not None:
        partner_sign = partner_signature(broker.key, timestamp, broker.partner, api_key.key)
        signatures = replace(
            signatures, broker_partner=broker.partner, broker_name=broker.name, partner_sign=partner_sign
        )
    return signed_headers(signatures, timestamp)


# Headers whose values are derived from a secret (or are the key itself): masked wherever shown.
SECRET_DERIVED_HEADERS = frozenset({"KC-API-SIGN", "KC-API-PASSPHRASE", "KC-API-PARTNER-SIGN"})
