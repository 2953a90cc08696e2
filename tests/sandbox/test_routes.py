"""The sandbox's routing table: literal before template, domain prefixes, shared paths."""

from endpoints.sandbox.gateway import split_domain
from endpoints.sandbox.routes import Route, RouteTable, path_pattern


def route(path, method="GET", domain="spot", deprecated=False):
    return Route(domain, method, path, "public", "Public", 1, deprecated=deprecated, pattern=path_pattern(path))


def test_literal_path_wins_over_a_placeholder():
    """/orders/multi is not taken for /orders/{orderId}."""
    table = RouteTable([route("/api/v1/orders/{orderId}"), route("/api/v1/orders/multi")])
    assert table.match("GET", "/api/v1/orders/multi").route.path == "/api/v1/orders/multi"
    assert table.match("GET", "/api/v1/orders/123").path_values == {"orderId": "123"}


def test_placeholders_inside_a_segment_and_encoded_values():
    """level2_{size} matches level2_20, and values are decoded."""
    table = RouteTable([route("/api/v1/market/orderbook/level2_{size}"), route("/api/v1/x/{id}")])
    assert table.match("GET", "/api/v1/market/orderbook/level2_20").path_values == {"size": "20"}
    assert table.match("GET", "/api/v1/x/a%20b").path_values == {"id": "a b"}
    assert table.match("GET", "/api/v1/x/a/b") is None


def test_shared_path_prefers_current_then_spot_unless_a_domain_is_named():
    """Without a domain prefix the non-deprecated route wins; a prefix picks its own domain."""
    table = RouteTable(
        [route("/api/v1/orders", "POST", "spot", deprecated=True), route("/api/v1/orders", "POST", "futures")]
    )
    assert table.match("POST", "/api/v1/orders").route.domain == "futures"
    assert table.match("POST", "/api/v1/orders", "spot").route.domain == "spot"


def test_method_must_match():
    """A catalogued path with another method is not a match."""
    assert RouteTable([route("/api/v1/timestamp")]).match("POST", "/api/v1/timestamp") is None


def test_domain_prefix_is_split_off():
    """/futures/api/... serves the futures domain only; other paths serve all domains."""
    assert split_domain("/futures/api/v1/orders") == ("futures", "/api/v1/orders")
    assert split_domain("/api/v1/orders") == (None, "/api/v1/orders")
