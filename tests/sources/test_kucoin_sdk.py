"""The catalogue holds exactly what the installed official SDK holds, with KuCoin's metadata."""

from collections import Counter

from endpoints.models import ApiPermission, Channel, Endpoint, RateLimitPool

from . import sdk_census


def live_endpoints():
    return Endpoint.objects.filter(retired_at__isnull=True)


def test_every_sdk_call_is_catalogued_and_none_is_invented(catalogue):
    """Domain + method + path of every *APIImpl call and UTA route equals the catalogue's set."""
    census = {e.key for e in sdk_census.rest_endpoints()}
    stored = set(live_endpoints().values_list("domain", "method", "path"))
    assert stored == census
    assert len(census) == len(sdk_census.rest_endpoints()), "domain + method + path identifies each endpoint"


def test_counts_per_service_and_sub_service_match_the_sdk_files(catalogue):
    """Each SDK package folder has as many endpoints as the catalogue's service / sub-service."""
    census = Counter((e.service_dir, e.sub_dir) for e in sdk_census.rest_endpoints())
    stored = Counter(
        (service.lower(), sub.lower())
        for service, sub in live_endpoints().values_list("sdk_service", "sdk_sub_service")
    )
    assert stored == census


def test_the_sdk_has_250_classic_endpoints_82_unified_routes_38_classic_21_unified_channels_3_ws_orders(catalogue):
    """The pinned SDK's size, as the catalogue and WebSocket issues expect it."""
    assert live_endpoints().filter(metadata_published=True).count() == 250
    assert live_endpoints().filter(metadata_published=False, path__startswith="/api/ua/v2/").count() == 82
    assert Channel.objects.filter(protocol="classic").count() == 38
    assert Channel.objects.filter(protocol="unified").count() == 21
    assert Channel.objects.filter(protocol="unified-trade").count() == 3


def test_every_classic_endpoint_has_every_metadata_field(catalogue):
    """Channel, permission, pool, weight, SDK names, doc link and summary are all filled in."""
    permissions = set(ApiPermission.values) | {""}
    for endpoint in live_endpoints().filter(metadata_published=True):
        assert endpoint.api_channel in {"public", "private"}, endpoint
        assert endpoint.api_permission in permissions, endpoint
        assert endpoint.rate_limit_pool in RateLimitPool.values, endpoint
        assert endpoint.sdk_service and endpoint.sdk_sub_service and endpoint.sdk_method_name, endpoint
        assert endpoint.doc_url.startswith("https://www.kucoin.com/docs-new/"), endpoint
        assert endpoint.summary.strip(), endpoint
        assert endpoint.response_schema and endpoint.response_example, endpoint


def test_metadata_equals_the_extra_api_info_tables(catalogue):
    """Each endpoint's channel, permission, pool and weight equal its docstring table, NULL meaning none."""
    stored = {(e.domain, e.method, e.path): e for e in live_endpoints()}
    for census in sdk_census.rest_endpoints():
        if not census.table:
            continue
        table = dict(census.table)
        endpoint = stored[census.key]
        assert table["API-DOMAIN"].lower() == endpoint.domain
        assert table["API-CHANNEL"].lower() == endpoint.api_channel
        assert table["API-PERMISSION"].replace("NULL", "").lower() == endpoint.api_permission.lower()
        assert table["API-RATE-LIMIT-POOL"].lower() == endpoint.rate_limit_pool.lower()
        weight = table["API-RATE-LIMIT-WEIGHT"]
        assert endpoint.rate_limit_weight == (None if weight == "NULL" else int(weight))


def test_unpublished_weights_are_unknown_not_zero(catalogue):
    """The five endpoints KuCoin publishes no weight for say 'unknown'."""
    unknown = live_endpoints().filter(metadata_published=True, rate_limit_weight__isnull=True)
    assert {e.path for e in unknown} == {
        "/api/kyc/ndBroker/proxyClient/submit",
        "/api/kyc/ndBroker/proxyClient/status/list",
        "/api/kyc/ndBroker/proxyClient/status/page",
        "/api/v1/earn/promotion/products",
        "/api/v1/recentFills",
    }
    assert {e.rate_limit_weight_display for e in unknown} == {"unknown"}


def test_unified_account_routes_are_present_without_invented_metadata(catalogue):
    """UTA routes keep method and path, and claim no channel, permission, pool or weight."""
    uta = live_endpoints().filter(sdk_service="UTA")
    assert uta.count() == sum(1 for e in sdk_census.rest_endpoints() if e.service_dir == "uta")
    for endpoint in uta:
        assert not endpoint.metadata_published
        assert (endpoint.api_channel, endpoint.api_permission, endpoint.rate_limit_pool) == ("", "", "")
        assert endpoint.rate_limit_weight is None
        assert endpoint.path.startswith("/api/ua/v2/")


def test_method_and_path_pairs_shared_by_spot_and_futures_both_survive(catalogue):
    """Every method + path pair found on both hosts is two endpoints.

    KuCoin's spec counts twelve such pairs because it files the futures
    GET /api/v1/trade-fees under PATCH; the SDK shows the real thirteenth.
    """
    pairs = Counter((e.method, e.path) for e in sdk_census.rest_endpoints() if e.domain in {"spot", "futures"})
    shared = {pair for pair, n in pairs.items() if n > 1}
    assert len(shared) == 13
    assert ("GET", "/api/v1/trade-fees") in shared
    for method, path in shared:
        assert set(live_endpoints().filter(method=method, path=path).values_list("domain", flat=True)) == {
            "spot",
            "futures",
        }


def test_broker_signing_follows_the_sdk_calls(catalogue):
    """Endpoints the SDK signs with broker headers are marked so, and only those."""
    census = {e.key for e in sdk_census.rest_endpoints() if e.broker}
    stored = set(live_endpoints().filter(needs_broker_signature=True).values_list("domain", "method", "path"))
    assert stored == census
    assert len(census) == 17


def test_parameters_say_where_they_travel(catalogue):
    """Path variables go in the path, POST fields in the JSON body, GET fields in the query."""
    ticker = Endpoint.objects.get(domain="spot", method="GET", path="/api/v1/market/orderbook/level2_{size}")
    assert {p.name: p.location for p in ticker.parameters.all()} == {"symbol": "query", "size": "path"}
    add_order = Endpoint.objects.get(domain="spot", method="POST", path="/api/v1/hf/orders")
    assert add_order.json_body
    assert {p.location for p in add_order.parameters.all()} == {"body"}
    side = add_order.parameters.get(name="side")
    assert side.enum_values == ["buy", "sell"]
    assert add_order.request_schema["properties"]["side"]["enum"] == ["buy", "sell"]
    time_in_force = add_order.parameters.get(name="timeInForce")
    assert time_in_force.default == "GTC"


def test_a_delete_with_a_json_body_is_marked(catalogue):
    """Futures batch cancel sends JSON on a DELETE, as the SDK's request_as_json says."""
    endpoint = Endpoint.objects.get(domain="futures", method="DELETE", path="/api/v1/orders/multi-cancel")
    assert endpoint.json_body


def test_examples_come_from_the_sdk_tests(catalogue):
    """Request and response examples are as many as the SDK's generated tests carry."""
    counts = sdk_census.test_file_examples()
    classic = live_endpoints().filter(metadata_published=True)
    assert classic.exclude(request_example=None).count() == counts["req"]
    assert classic.exclude(response_example=None).count() == counts["resp"]
    example = Endpoint.objects.get(domain="spot", method="GET", path="/api/v1/timestamp").response_example
    assert example["code"] == "200000"


def test_response_schemas_wrap_data_in_kucoins_envelope(catalogue):
    """Lists, numbers and objects all sit under `data` beside `code`."""
    timestamp = Endpoint.objects.get(domain="spot", method="GET", path="/api/v1/timestamp")
    assert timestamp.response_schema["properties"]["data"]["type"] == "integer"
    symbols = Endpoint.objects.get(domain="spot", method="GET", path="/api/v2/symbols")
    assert symbols.response_schema["properties"]["data"]["type"] == "array"
    assert "common_response" not in str(symbols.response_schema)


def test_every_websocket_topic_is_catalogued(catalogue):
    """Each `topic_prefix` in the SDK's ws modules is one channel, public or private as its module says."""
    census = Counter(sdk_census.ws_topic_prefixes())
    stored = Counter(
        (f"ws_{c.sdk_sub_service}", c.topic.rsplit(":", 1)[0] if c.topic_args else c.topic)
        for c in Channel.objects.filter(protocol="classic")
    )
    assert stored == census
    for channel in Channel.objects.filter(protocol="classic"):
        assert channel.api_channel == channel.sdk_sub_service.split("_")[1]
        assert channel.message_schema and channel.message_example


def test_batch_topics_take_a_symbol_list(catalogue):
    """Spot tickers accept many symbols; the klines topic joins symbol and type."""
    ticker = Channel.objects.get(topic="/market/ticker:{symbol}")
    assert ticker.accepts_many and ticker.topic_args == ["symbol"]
    klines = Channel.objects.get(topic="/market/candles:{symbol}_{type}")
    assert not klines.accepts_many and klines.topic_args == ["symbol", "type"]
