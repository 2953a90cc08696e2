"""The sandbox's KuCoin gateway: route, authenticate, validate, rate-limit, answer. No sockets here.

Checks run in the order KuCoin's gateway reports them: unknown URL, missing
auth headers, key version, timestamp window, unknown key, signature,
passphrase, broker partner, content type, parameters, then the pool's quota.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote

from endpoints.kucoin import signing
from endpoints.kucoin.error_codes import ERROR_CODES
from endpoints.kucoin.hosts import DOMAINS
from endpoints.kucoin.signing import AUTH_HEADERS, TIMESTAMP_WINDOW_MS, SigningRequirement, signing_requirement
from endpoints.kucoin.websocket import PRIVATE_TOKEN_PATH, PUBLIC_TOKEN_PATH

from . import market
from .credentials import DemoCredentials
from .ratelimit import RateLimiter
from .routes import Route, RouteTable


@dataclass
class GatewayRequest:
    method: str
    raw_path: str  # as on the wire, percent-encoded, without the query
    query: str  # as on the wire, without the `?`
    headers: dict[str, str]  # names upper-cased
    body: bytes = b""
    client: str = "127.0.0.1"


@dataclass
class GatewayResponse:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    code: str = "200000"


class Rejected(Exception):
    """A KuCoin error answer; `detail` is appended to the message where KuCoin would add one."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


def error_response(code: str, detail: str = "", headers: dict | None = None) -> GatewayResponse:
    error = ERROR_CODES[code]
    status, message = error.status, error.message
    if detail:
        message = f"{message}: {detail}"
    body = json.dumps({"code": code, "msg": message}, separators=(",", ":")).encode()
    return GatewayResponse(status, body, headers or {}, code)


def split_domain(raw_path: str) -> tuple[str | None, str]:
    """Take a leading /spot, /futures or /broker off the path: that base URL serves one domain only."""
    for domain in DOMAINS:
        prefix = f"/{domain}/"
        if raw_path.startswith(prefix):
            return domain, raw_path[len(prefix) - 1 :]
    return None, raw_path


class Gateway:
    """Answer requests for every catalogued endpoint the way KuCoin's gateway does."""

    def __init__(
        self, routes: RouteTable, credentials: DemoCredentials, limiter: RateLimiter | None = None, bullets=None
    ):
        self.routes = routes
        self.credentials = credentials
        self.limiter = limiter or RateLimiter()
        self.bullets = bullets  # a ws_tokens.BulletAnswers: bullet-* hand out tokens for our WebSocket server

    def handle(self, request: GatewayRequest, now_ms: int) -> GatewayResponse:
        """Answer one request: the endpoint's example with 200000, or KuCoin's error for what is wrong."""
        domain, raw_path = split_domain(request.raw_path)
        match = self.routes.match(request.method, raw_path, domain)
        if match is None:
            return error_response("404000")
        route = match.route
        items = parse_qsl(request.query, keep_blank_values=True)
        try:
            caller = self.authenticate(route, request, raw_path, items, now_ms)
            payload = self.parse_body(request)
            self.validate(route, match.path_values, items, payload)
        except Rejected as rejected:
            return error_response(rejected.code, rejected.detail)
        quota = self.limiter.spend(route.pool, caller, route.weight, now_ms)
        if not quota.allowed:
            return error_response("429000", headers=quota.headers())
        if self.bullets is not None and route.path in (PUBLIC_TOKEN_PATH, PRIVATE_TOKEN_PATH):
            private = route.path == PRIVATE_TOKEN_PATH
            return GatewayResponse(200, self.bullets.answer(private=private), quota.headers())
        try:
            body = market.live_answer(route.domain, route.method, route.path, dict(items), now_ms)
        except market.BadParameter as error:
            return error_response("400100", str(error), quota.headers())
        return GatewayResponse(200, body or route.response_body, quota.headers())

    def authenticate(self, route: Route, request: GatewayRequest, raw_path: str, items, now_ms: int) -> str:
        """Check the KC-API-* headers where the route needs them; return who the quota is charged to."""
        headers = request.headers
        requirement = signing_requirement(route)
        if not requirement.requires_key and not (requirement.takes_key and headers.get("KC-API-KEY")):
            return f"ip:{request.client}"
        if not all(headers.get(name) for name in AUTH_HEADERS[:4]):
            raise Rejected("400001")
        self.check_key_version(headers.get("KC-API-KEY-VERSION", ""))
        timestamp = self.check_timestamp(headers["KC-API-TIMESTAMP"], now_ms)
        demo = self.credentials
        if headers["KC-API-KEY"] != demo.key:
            raise Rejected("400003")
        # The signature is checked before the passphrase: a wrong secret spoils both, and KuCoin
        # reports it as the signature error (400005), which is what a user needs to hear.
        signed = signing.path_and_query(unquote(raw_path), items)
        body = request.body.decode("utf-8", errors="replace")
        expected = signing.request_signature(demo.secret, timestamp, request.method, signed, body)
        if not same(headers["KC-API-SIGN"], expected):
            raise Rejected("400005")
        if not same(headers["KC-API-PASSPHRASE"], signing.passphrase_signature(demo.secret, demo.passphrase)):
            raise Rejected("400004")
        if requirement is SigningRequirement.KEY_AND_BROKER:
            self.check_partner(headers, timestamp)
        return f"key:{demo.key}"

    @staticmethod
    def check_key_version(version: str) -> None:
        if version in signing.KEY_VERSIONS:
            return
        if version in ("", "1"):
            raise Rejected("400008")
        raise Rejected("400009")

    @staticmethod
    def check_timestamp(value: str, now_ms: int) -> str:
        """The timestamp must be milliseconds within 5 seconds of the gateway's clock."""
        if not value.isdigit() or abs(int(value) - now_ms) >= TIMESTAMP_WINDOW_MS:
            raise Rejected("400002")
        return value

    def check_partner(self, headers: dict[str, str], timestamp: str) -> None:
        demo = self.credentials
        if headers.get("KC-API-PARTNER") != demo.broker_partner or headers.get("KC-BROKER-NAME") != demo.broker_name:
            raise Rejected("400200")
        if headers.get("KC-API-PARTNER-VERIFY", "").lower() == "true":
            expected = signing.partner_signature(demo.broker_key, timestamp, demo.broker_partner, headers["KC-API-KEY"])
            if not same(headers.get("KC-API-PARTNER-SIGN", ""), expected):
                raise Rejected("400201")

    @staticmethod
    def parse_body(request: GatewayRequest):
        """Parse a JSON body; KuCoin wants Content-Type application/json whenever there is one."""
        if not request.body:
            return None
        if not request.headers.get("CONTENT-TYPE", "").lower().startswith("application/json"):
            raise Rejected("415000")
        try:
            return json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise Rejected("400100", "the body is not valid JSON") from None

    @staticmethod
    def validate(route: Route, path_values: dict, items, payload) -> None:
        """Check required parameters and enum values, as far as the catalogue knows them."""
        given = {"path": dict(path_values), "query": dict(items), "body": payload if isinstance(payload, dict) else {}}
        for parameter in route.parameters:
            value = given[parameter.location].get(parameter.name)
            if value in (None, "") and parameter.required and not isinstance(payload, list):
                raise Rejected("400100", f"{parameter.name} is required")
            if value not in (None, "") and parameter.enum_values and not isinstance(value, (list, dict)):
                allowed = {str(v).lower() if isinstance(v, bool) else str(v) for v in parameter.enum_values}
                shown = str(value).lower() if isinstance(value, bool) else str(value)
                if shown not in allowed:
                    raise Rejected("400100", f"{parameter.name} must be one of {', '.join(sorted(allowed))}")


def same(given: str, expected: str) -> bool:
    """Compare secrets-derived values in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())
