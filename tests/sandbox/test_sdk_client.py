"""KuCoin's official SDK, pointed at the sandbox, calls every catalogued endpoint successfully."""

import importlib

import pytest
from kucoin_universal_sdk.api.client import DefaultClient
from kucoin_universal_sdk.model.client_option import ClientOptionBuilder
from kucoin_universal_sdk.model.common import RestError
from kucoin_universal_sdk.model.transport_option import TransportOptionBuilder

from endpoints.models import Endpoint


def sdk_client(sandbox, *, secret=None):
    """A DefaultClient whose three domain endpoints are the sandbox's per-domain base URLs."""
    option = (
        ClientOptionBuilder()
        .set_key(sandbox.key)
        .set_secret(secret or sandbox.secret)
        .set_passphrase(sandbox.passphrase)
        .set_broker_partner(sandbox.broker_partner)
        .set_broker_name(sandbox.broker_name)
        .set_broker_key(sandbox.broker_key)
        .set_spot_endpoint(sandbox.domain_url("spot"))
        .set_futures_endpoint(sandbox.domain_url("futures"))
        .set_broker_endpoint(sandbox.domain_url("broker"))
        .set_transport_option(TransportOptionBuilder().set_read_timeout(5).build())
        .build()
    )
    return DefaultClient(option).rest_service()


def sdk_request(endpoint: Endpoint):
    """The SDK request model filled from the catalogue's example, as a user of the SDK would build it."""
    if not endpoint.sdk_request_model:
        return None
    module_name, _, class_name = endpoint.sdk_request_model.rpartition(".")
    model = getattr(importlib.import_module(module_name), class_name)
    return model.from_dict(endpoint.request_example or {})


def sdk_method(rest, endpoint: Endpoint):
    target = rest
    for step in endpoint.sdk_python_call.split("."):
        target = getattr(target, step.removesuffix("()"))() if step.endswith("()") else getattr(target, step)
    return target


# What KuCoin answers a lookup of an order or account that this session never made.
NOT_FOUND = ("order_not_exist_or_not_allow_to_cancel", "error.getOrder.orderNotExist", "account not found")


def test_every_catalogued_endpoint_answers_the_sdk(catalogue, sandbox):
    """All 332 endpoints, called through the SDK's own transport and signer, come back 200000.

    The sandbox keeps state, so a lookup by an example id nobody placed gets KuCoin's not-found answer.
    """
    rest = sdk_client(sandbox)
    failures = []
    endpoints = list(Endpoint.objects.filter(retired_at__isnull=True))
    for index, endpoint in enumerate(endpoints):
        if index % 200 == 0:
            sandbox.reset_rate_limits()  # one caller making 332 calls would spend some pools
        try:
            request, method = sdk_request(endpoint), sdk_method(rest, endpoint)
            response = method() if request is None else method(request)
            assert response.common_response.code == "200000"
        except (RestError, AssertionError) as error:
            if not ("{" in endpoint.path and any(text in str(error) for text in NOT_FOUND)):
                failures.append(f"{endpoint}: {error}")
    assert not failures, "\n".join(failures[:20])
    assert len(endpoints) == 332


def test_sdk_sees_rate_limit_headers(catalogue, sandbox):
    """The SDK reads gw-ratelimit-* from the sandbox into its RestRateLimit."""
    sandbox.reset_rate_limits()
    response = sdk_client(sandbox).get_spot_service().get_market_api().get_server_time()
    limit = response.common_response.rate_limit
    assert (limit.limit, limit.remaining) == (2000, 1997)  # Get Server Time weighs 3 in the Public pool
    assert 0 < limit.reset <= 30_000


def test_sdk_with_a_wrong_secret_gets_400005(catalogue, sandbox):
    """The SDK's own error carries the sandbox's 400005 for a wrong secret."""
    rest = sdk_client(sandbox, secret="not-the-secret")
    with pytest.raises(RestError, match="400005"):
        rest.get_account_service().get_account_api().get_account_info()


@pytest.mark.real_client
def test_sdk_places_lists_and_cancels_on_spot_and_futures(catalogue, fresh_sandbox):
    """Through the SDK's own models: add an order, find it open, cancel it, see it done; spot HF and futures."""
    from kucoin_universal_sdk.generate.futures.order import model_add_order_req as futures_add
    from kucoin_universal_sdk.generate.futures.order import model_cancel_order_by_id_req as futures_cancel
    from kucoin_universal_sdk.generate.futures.order import model_get_order_list_req as futures_list
    from kucoin_universal_sdk.generate.spot.order import model_add_order_req as spot_add
    from kucoin_universal_sdk.generate.spot.order import model_cancel_order_by_order_id_req as spot_cancel
    from kucoin_universal_sdk.generate.spot.order import model_get_open_orders_req as spot_open
    from kucoin_universal_sdk.generate.spot.order import model_get_order_by_order_id_req as spot_get

    rest = sdk_client(fresh_sandbox)
    spot = rest.get_spot_service().get_order_api()
    placed = spot.add_order(spot_add.AddOrderReq(symbol="BTC-USDT", side="buy", type="limit", price="10", size="1",
                                                 client_oid="sdk-spot-1"))  # fmt: skip
    assert placed.client_oid == "sdk-spot-1"
    open_orders = spot.get_open_orders(spot_open.GetOpenOrdersReq(symbol="BTC-USDT")).data
    assert placed.order_id in [order.id for order in open_orders]
    spot.cancel_order_by_order_id(spot_cancel.CancelOrderByOrderIdReq(order_id=placed.order_id, symbol="BTC-USDT"))
    detail = spot.get_order_by_order_id(spot_get.GetOrderByOrderIdReq(order_id=placed.order_id, symbol="BTC-USDT"))
    assert (detail.active, detail.cancel_exist) == (False, True)

    futures = rest.get_futures_service().get_order_api()
    placed = futures.add_order(futures_add.AddOrderReq(symbol="XBTUSDTM", side="buy", type="limit", price="10",
                                                       size=1, leverage=2, client_oid="sdk-futures-1"))  # fmt: skip
    listed = futures.get_order_list(futures_list.GetOrderListReq(status="active", symbol="XBTUSDTM")).items
    assert placed.order_id in [order.id for order in listed]
    cancelled = futures.cancel_order_by_id(futures_cancel.CancelOrderByIdReq(order_id=placed.order_id))
    assert cancelled.cancelled_order_ids == [placed.order_id]
