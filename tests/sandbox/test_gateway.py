"""The gateway's decisions without sockets: required parameters, enums, quotas, weights."""

import json

from endpoints.sandbox.credentials import DemoCredentials
from endpoints.sandbox.gateway import Gateway, GatewayRequest
from endpoints.sandbox.ratelimit import RateLimiter
from endpoints.sandbox.routes import Route, RouteParameter, RouteTable, path_pattern

NOW = 1_700_000_000_000
DEMO = DemoCredentials("k", "s", "p")


def gateway(*parameters, weight=2, quota=None):
    route = Route(
        "spot", "GET", "/api/v1/things/{id}", "public", "Public", weight,
        parameters=parameters, pattern=path_pattern("/api/v1/things/{id}"),
    )  # fmt: skip
    return Gateway(RouteTable([route]), DEMO, RateLimiter(quota))


def call(gate, query="", now=NOW):
    answer = gate.handle(GatewayRequest("GET", "/api/v1/things/1", query, {}), now_ms=now)
    return answer.status, json.loads(answer.body)["code"], answer


def test_required_query_parameter_is_400100():
    """A required parameter left out is KuCoin's 400100 naming it."""
    status, code, answer = call(gateway(RouteParameter("symbol", "query", required=True)))
    assert (status, code) == (400, "400100")
    assert b"symbol is required" in answer.body


def test_value_outside_the_enum_is_400100():
    """An enum value KuCoin does not accept is 400100."""
    gate = gateway(RouteParameter("side", "query", enum_values=("buy", "sell")))
    assert call(gate, "side=hold")[1] == "400100"
    assert call(gate, "side=buy")[1] == "200000"


def test_weight_is_charged_and_window_resets_after_30_seconds():
    """Each call spends its weight; a new 30 s window restores the quota."""
    gate = gateway(weight=3, quota={"Public": 7})
    assert [call(gate)[1] for _ in range(3)] == ["200000", "200000", "429000"]
    assert call(gate, now=NOW + 30_000)[1] == "200000"


def test_429_carries_the_reset_countdown():
    """A refused call still reports the pool's limit, what is left and the ms until reset."""
    gate = gateway(weight=5, quota={"Public": 5})
    call(gate)
    status, code, answer = call(gate, now=NOW + 1_000)
    assert (status, code) == (429, "429000")
    assert answer.headers == {"gw-ratelimit-limit": "5", "gw-ratelimit-remaining": "0", "gw-ratelimit-reset": "29000"}
