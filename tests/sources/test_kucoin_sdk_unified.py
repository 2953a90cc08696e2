"""The unified-account WebSocket channels, read from the SDK's own push classes and wire code."""

from endpoints.sources.kucoin_sdk.unified_channels import unified_channels, unified_trade_operations

PUBLIC_BOTH = {"ticker", "kline", "trade", "obu"}
FUTURES_ONLY = {"mark-price", "funding-fee", "funding-fee-all-symbols"}
PRIVATE = {"execution", "execution.lite", "orderAll", "order", "balance", "positionAll", "position", "leverage", "lw"}


def channels_by_group():
    found: dict[str, set[str]] = {}
    for record in unified_channels():
        found.setdefault(record.sdk_sub_service, set()).add(record.subscribe_frame["channel"])
    return found


def test_each_connection_offers_the_channels_the_sdk_allows_on_it():
    """Spot adds call-auction info, futures mark price and funding fees, private the account channels."""
    groups = channels_by_group()
    assert groups["uta_public_spot"] == PUBLIC_BOTH | {"callAuctionInfo"}
    assert groups["uta_public_futures"] == PUBLIC_BOTH | FUTURES_ONLY
    assert groups["uta_private"] == PRIVATE


def test_frames_are_the_sdks_own_with_placeholders_where_values_go():
    """Spot ticker subscribes with action SUBSCRIBE, tradeType SPOT and the symbols placeholder."""
    ticker = next(r for r in unified_channels() if r.slug == "uta-public-spot/ticker")
    assert ticker.subscribe_frame == {"action": "SUBSCRIBE", "channel": "ticker", "tradeType": "SPOT",
                                      "symbol": "{symbols}"}  # fmt: skip
    assert (ticker.topic, ticker.topic_args, ticker.accepts_many) == ("ticker.SPOT", ["symbols"], True)


def test_enum_arguments_become_placeholders_and_their_values_are_described():
    """The balance channel's account type is a placeholder, and the description lists the SDK's choices."""
    balance = next(r for r in unified_channels() if r.slug == "uta-private/balance")
    assert balance.subscribe_frame["accountType"] == "{accountType}"
    assert "`UNIFIED`, `FUNDING`, `ISOLATED`" in balance.description


def test_hosts_are_the_sdks_constants():
    """Public channels live on each trade type's push host, private ones on the private push host."""
    from kucoin_universal_sdk.internal.infra.uta_push_ws_service import UtaPushWsService

    addresses = {record.sdk_sub_service: record.address for record in unified_channels()}
    assert addresses["uta_public_spot"] == "wss://x-push-spot.kucoin.com"
    assert addresses["uta_private"] == UtaPushWsService.PRIVATE_ENDPOINT


def test_the_trading_connection_places_cancels_and_amends_orders():
    """Three requests, each the SDK's own op; cancel and amend name the order they act on."""
    operations = {record.sdk_method_name: record for record in unified_trade_operations()}
    assert {name: op.subscribe_frame["op"] for name, op in operations.items()} == {
        "placeOrder": "uta.order",
        "cancelOrder": "uta.cancel",
        "amendOrder": "uta.amend",
    }
    assert operations["cancelOrder"].subscribe_frame["args"] == {"orderId": "{orderId}"}
    assert "`orderId` or `clientOid`" in operations["amendOrder"].description
    assert operations["placeOrder"].address == "wss://wsapi.kucoin.com/v1/private"
