"""The sandbox's KuCoin gateway: route, authenticate, validate, rate-limit, answer. No sockets here.

Checks run in the order KuCoin's gateway reports them: unknown URL, missing
auth headers, key version, timestamp window, unknown key, signature,
passphrase, broker partner, content type, parameters, then the pool's quota.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl, unquote

from endpoints.kucoin import signing
from endpoints.kucoin.error_codes import SUCCESS
from endpoints.kucoin.hosts import DOMAINS
from endpoints.kucoin.signing import AUTH_HEADERS, TIMESTAMP_WINDOW_MS, SigningRequirement, signing_requirement
from endpoints.kucoin.websocket import PRIVATE_TOKEN_PATH, PUBLIC_TOKEN_PATH

from . import market
from .answers import Ask, UseExample, handler_for
from .credentials import DemoCredentials
from .errors import Rejected, error_body
from .ratelimit import RateLimiter
from .reflect import example_shaped, given_values, reflected_body
from .routes import Route, RouteTable
from .state import DEFAULT_REFERENCE_PRICE, SandboxState
from .validation import request_validate

# Says how an answer was made: "state" (modelled: orders, balances, the clock), "reflected" (the
# example with the request's values laid in) or "example" (KuCoin's canned example, as it is).
ANSWER_HEADER = "X-Sandbox-Answer"
SYMBOL_IN_BODY = re.compile(rb'"symbol"\s*:\s*"([^"]*)"')


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
    code: str = SUCCESS


def error_response(code: str, detail: str = "", headers: dict | None = None, message: str = "") -> GatewayResponse:
    status, body = error_body(code, detail, message)
    return GatewayResponse(status, body, headers or {}, code)


def symbol_domain(request: GatewayRequest) -> str:
    """The domain a request's symbol belongs to: spot symbols have a dash (BTC-USDT), contracts not."""
    found = re.search(r"(?:^|&)symbol=([^&]*)", request.query)
    symbol = unquote(found.group(1)) if found else ""
    if not symbol and request.body:
        in_body = SYMBOL_IN_BODY.search(request.body)
        symbol = in_body.group(1).decode(errors="replace") if in_body else ""
    if not symbol:
        return ""
    return "spot" if "-" in symbol else "futures"


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
        self,
        routes: RouteTable,
        credentials: DemoCredentials,
        limiter: RateLimiter | None = None,
        bullets=None,
        state: SandboxState | None = None,
    ):
        self.routes = routes
        self.credentials = credentials
        self.limiter = limiter or RateLimiter()
        self.bullets = bullets  # a ws_tokens.BulletAnswers: bullet-* hand out tokens for our WebSocket server
        self.state = state or SandboxState(reference_price(routes))

    def handle(self, request: GatewayRequest, now_ms: int) -> GatewayResponse:
        """Answer one request: 200000 with its answer, or KuCoin's error for what is wrong."""
        domain, raw_path = split_domain(request.raw_path)
        prefer = "" if domain else symbol_domain(request)
        match = self.routes.match(request.method, raw_path, domain, prefer)
        if match is None:
            return error_response("404000")
        route = match.route
        items = parse_qsl(request.query, keep_blank_values=True)
        query = dict(items)
        try:
            caller = self.authenticate(route, request, raw_path, items, now_ms)
            payload = self.parse_body(request)
            request_validate(route=route, path_values=match.path_values, query=query, payload=payload)
        except Rejected as rejected:
            return error_response(rejected.code, rejected.detail, message=rejected.message)
        quota = self.limiter.spend(route.pool, caller, route.weight, now_ms)
        if not quota.allowed:
            return error_response("429000", headers=quota.headers())
        if self.bullets is not None and route.path in (PUBLIC_TOKEN_PATH, PRIVATE_TOKEN_PATH):
            private = route.path == PRIVATE_TOKEN_PATH
            return GatewayResponse(200, self.bullets.answer(private=private, key=caller), quota.headers())
        ask = Ask(route, match.path_values, query, payload, caller, self.state, now_ms)
        return self.answer(ask, quota.headers())

    @staticmethod
    def answer(ask: Ask, headers: dict[str, str]) -> GatewayResponse:
        """The modelled answer where a handler exists, else the example with the request laid in."""
        route = ask.route
        try:  # the market-data answers (sandbox/market.py) come first, where they apply
            live = market.live_answer(route.domain, route.method, route.path, ask.query, ask.now_ms)
        except market.BadParameter as error:
            return error_response("400100", str(error), headers)
        if live is not None:
            headers[ANSWER_HEADER] = "state"
            return GatewayResponse(200, example_shaped(route, live), headers)
        handler = handler_for(route)
        try:
            if handler is None:
                raise UseExample
            data = handler(ask)
        except UseExample:
            given = given_values(path_values=ask.path, query=ask.query, payload=ask.body)
            body, changed = reflected_body(ask.route, given)
            headers[ANSWER_HEADER] = "reflected" if changed else "example"
            return GatewayResponse(200, body, headers)
        except Rejected as rejected:
            return error_response(rejected.code, rejected.detail, headers, rejected.message)
        headers[ANSWER_HEADER] = "state"
        body = json.dumps({"code": SUCCESS, "data": data}, separators=(",", ":"), ensure_ascii=False)
        return GatewayResponse(200, body.encode(), headers)

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
        # The query is signed decoded. The path is accepted as received (percent-encoded, as
        # try-it signs it) or decoded, as the official SDK signs it; the two differ only for
        # values that encoding changes, and KuCoin's own SDK must keep working here.
        body = request.body.decode("utf-8", errors="replace")
        paths = {raw_path, unquote(raw_path)}
        expected = [
            signing.request_signature(demo.secret, timestamp, request.method, signing.path_and_query(p, items), body)
            for p in paths
        ]
        if not any(same(headers["KC-API-SIGN"], signature) for signature in expected):
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


def reference_price(routes: RouteTable) -> Decimal:
    """The price market orders fill at: the one in KuCoin's own level-1 ticker example."""
    match = routes.match("GET", "/api/v1/market/orderbook/level1", "spot")
    try:
        return Decimal(json.loads(match.route.response_body)["data"]["price"])
    except (AttributeError, KeyError, TypeError, ValueError, InvalidOperation):
        return DEFAULT_REFERENCE_PRICE


def same(given: str, expected: str) -> bool:
    """Compare secrets-derived values in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())
