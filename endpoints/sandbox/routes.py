"""The sandbox's routing table: the catalogue read once into memory, matched without the database.

The sandbox answers from a snapshot so that its server threads never touch the
ORM (a test database, a closed connection or another thread's transaction would
all get in the way).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from endpoints.kucoin.error_codes import SUCCESS
from endpoints.kucoin.hosts import DOMAINS
from endpoints.kucoin.rate_limits import UNPUBLISHED_POOL

PLACEHOLDER = re.compile(r"\{([^}/]+)\}")


@dataclass(frozen=True)
class RouteParameter:
    name: str
    location: str  # path | query | body
    required: bool = False
    enum_values: tuple = ()
    type: str = ""  # the catalogue's JSON Schema type; "" checks nothing


@dataclass(frozen=True)
class Route:
    """One catalogued endpoint as the sandbox needs it."""

    domain: str
    method: str
    path: str
    api_channel: str  # public | private | "" (unpublished: credentials optional)
    rate_limit_pool: str
    rate_limit_weight: int | None
    needs_broker_signature: bool = False
    deprecated: bool = False
    parameters: tuple[RouteParameter, ...] = ()
    response_body: bytes = b'{"code":"200000","data":null}'
    # The scalar values of KuCoin's request example: an id from there answers with the example.
    example_values: frozenset = frozenset()
    pattern: re.Pattern | None = field(default=None, compare=False)

    @property
    def pool(self) -> str:
        """The rate-limit pool; unified-account routes publish none, so they share one of their own."""
        return self.rate_limit_pool or UNPUBLISHED_POOL

    @property
    def weight(self) -> int:
        """The weight charged; KuCoin leaves five weights unpublished, and those count as 1 here."""
        return 1 if self.rate_limit_weight is None else self.rate_limit_weight


def path_pattern(path: str) -> re.Pattern | None:
    """Compile a catalogued path with `{placeholders}` into a regex over the raw (encoded) path."""
    if "{" not in path:
        return None
    parts = PLACEHOLDER.split(path)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<p{index // 2}>[^/]+)" for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def placeholder_names(path: str) -> list[str]:
    return PLACEHOLDER.findall(path)


def response_bytes(example) -> bytes:
    """Serialise the endpoint's example envelope once, so answering costs no JSON encoding."""
    if not isinstance(example, dict) or "code" not in example:
        example = {"code": SUCCESS, "data": example}
    return json.dumps(example, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass
class Match:
    route: Route
    path_values: dict[str, str]


class RouteTable:
    """Every route, indexed by literal path and by placeholder pattern."""

    def __init__(self, routes: list[Route]):
        self.routes = routes
        self.literal: dict[tuple[str, str], list[Route]] = {}
        self.templated: list[Route] = []
        for route in routes:
            if route.pattern is None:
                self.literal.setdefault((route.method, route.path), []).append(route)
            else:
                self.templated.append(route)
        # Literal segments win over placeholders, as in any router: /orders/multi before /orders/{orderId}.
        self.templated.sort(key=lambda route: -len(PLACEHOLDER.sub("", route.path)))

    def __len__(self) -> int:
        return len(self.routes)

    def match(self, method: str, raw_path: str, domain: str | None = None, prefer: str = "") -> Match | None:
        """Find the route for a method and raw path, on one domain or (domain None) on any.

        Where a path lives on two domains and no domain is given, `prefer` (the domain the
        request's symbol belongs to) picks the copy.
        """
        order = preference if not prefer else (lambda m: (m.route.domain != prefer, *preference(m)))
        literal = [
            Match(route, {})
            for route in self.literal.get((method, unquote(raw_path)), ())
            if not domain or route.domain == domain
        ]
        if literal:
            return min(literal, key=order)
        templated = []
        for route in self.templated:
            if route.method != method or (domain and route.domain != domain):
                continue
            found = route.pattern.match(raw_path)
            if found:
                names = placeholder_names(route.path)
                templated.append(Match(route, {name: unquote(found.group(f"p{i}")) for i, name in enumerate(names)}))
        # self.templated is sorted most-literal first; keep that order, then prefer as for literals.
        return min(templated, key=lambda m: (-len(PLACEHOLDER.sub("", m.route.path)), *order(m)), default=None)


def preference(match: Match) -> tuple:
    """Where one method + path lives on two domains (13 pairs do), prefer the current endpoint, then spot."""
    return (match.route.deprecated, DOMAINS.index(match.route.domain))


def is_required(parameter, example: dict | None) -> bool:
    """Path values always; others as the spec says, unless KuCoin's own example leaves the field out.

    KuCoin marks some conditional fields required (multi-cancel takes orderIdsList *or*
    clientOidsList), and its own documented example must go through, as it does on KuCoin.
    """
    if parameter.location == "path":
        return True
    return parameter.required and (example is None or parameter.location != "body" or parameter.name in example)


def example_values(example: dict | None, parameters) -> frozenset:
    """The scalar values of KuCoin's request example and of each parameter's own example, as text."""
    values = [*(example or {}).values(), *(parameter.example for parameter in parameters)]
    return frozenset(str(value) for value in values if value is not None and not isinstance(value, (dict, list)))


def routes_from_catalogue() -> RouteTable:
    """Read every live endpoint and its parameters from the database, once."""
    from endpoints.selectors import endpoint_list

    routes = []
    for endpoint in endpoint_list().prefetch_related("parameters"):
        example = endpoint.request_example if isinstance(endpoint.request_example, dict) else None
        parameters = tuple(
            RouteParameter(p.name, p.location, is_required(p, example), tuple(p.enum_values or ()), p.type)
            for p in endpoint.parameters.all()
        )
        routes.append(
            Route(
                domain=endpoint.domain,
                method=endpoint.method.upper(),
                path=endpoint.path,
                api_channel=endpoint.api_channel,
                rate_limit_pool=endpoint.rate_limit_pool,
                rate_limit_weight=endpoint.rate_limit_weight,
                needs_broker_signature=endpoint.needs_broker_signature,
                deprecated=endpoint.deprecated,
                parameters=parameters,
                response_body=response_bytes(endpoint.response_example),
                example_values=example_values(example, endpoint.parameters.all()),
                pattern=path_pattern(endpoint.path),
            )
        )
    from .startup_routes import startup_routes

    if routes:  # an empty catalogue stays empty, so the command still refuses it
        routes += startup_routes({(route.domain, route.method, route.path) for route in routes})
    return RouteTable(routes)
