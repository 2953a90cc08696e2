"""KuCoin's official SDK's own WebSocket client, pointed at the sandbox: every channel, limits, reconnects."""

import inspect
import re
import threading
import time
import typing

import pytest
from kucoin_universal_sdk.api.client import DefaultClient
from kucoin_universal_sdk.model.client_option import ClientOptionBuilder
from kucoin_universal_sdk.model.websocket_option import WebSocketClientOptionBuilder, WebSocketEvent

from endpoints.models import Channel
from tests.conftest import orders_until

pytestmark = pytest.mark.real_client
SYMBOLS = {"Spot": "ETH-USDT", "Margin": "ETH-USDT", "Futures": "ETHUSDTM"}
VALUES = {"type": "1min", "market": "USDS"}


class Inbox:
    """What the SDK hands its callbacks and event callback, readable from the test thread."""

    def __init__(self):
        self.messages: list[tuple[str, str, object]] = []
        self.events: list[WebSocketEvent] = []
        self.errors: list[str] = []
        self.changed = threading.Condition()

    def on_message(self, topic, subject, event):
        with self.changed:
            self.messages.append((topic, subject, event))
            self.changed.notify_all()

    def on_event(self, event, message, error):
        with self.changed:
            self.events.append(event)
            self.errors.append(str(error or ""))
            self.changed.notify_all()

    def wait(self, check, timeout=10.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: check(self), timeout=timeout)


def ws_service(sandbox, inbox: Inbox, sub_service: str):
    """The SDK's WebSocket service for one sub-service (spot_public, futures_private, ...), started."""
    ws_option = (
        WebSocketClientOptionBuilder()
        .with_event_callback(inbox.on_event)
        .with_reconnect_interval(0.2)
        .with_write_timeout(5)
        .build()
    )
    option = (
        ClientOptionBuilder()
        .set_key(sandbox.key)
        .set_secret(sandbox.secret)
        .set_passphrase(sandbox.passphrase)
        .set_spot_endpoint(sandbox.domain_url("spot"))
        .set_futures_endpoint(sandbox.domain_url("futures"))
        .set_broker_endpoint(sandbox.domain_url("broker"))
        .set_websocket_client_option(ws_option)
        .build()
    )
    service = getattr(DefaultClient(option).ws_service(), f"new_{sub_service}_ws")()
    service.start()
    return service


def sdk_subscribe(service, channel: Channel, callback):
    """Call the channel's SDK method with its arguments filled in, as an SDK user would."""
    method = getattr(service, re.sub(r"(?<!^)(?=[A-Z])", "_", channel.sdk_method_name).lower())
    args = []
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "callback":
            continue
        value = SYMBOLS[channel.sdk_service] if name == "symbol" else VALUES[name]
        args.append([value] if typing.get_origin(parameter.annotation) is list else value)
    return method(*args, callback)


def stop_soon(service) -> None:
    """Stop the SDK's service in the background: its stop() waits up to 10 s for websocket-client's idle select."""
    threading.Thread(target=service.stop, daemon=True).start()


@pytest.fixture
def ws_sandbox(fresh_sandbox):
    fresh_sandbox.ws.reset_connection_counts()
    fresh_sandbox.ws.clear_faults()
    yield fresh_sandbox
    fresh_sandbox.reset_state()


@pytest.mark.parametrize(
    "sub_service",
    ["spot_public", "spot_private", "margin_public", "margin_private", "futures_public", "futures_private"],
)
def test_every_channel_pushes_to_the_sdk(catalogue, ws_sandbox, sub_service):
    """Each channel of the sub-service, subscribed through the SDK, reaches its callback (for the symbol asked)."""
    channels = list(Channel.objects.filter(sdk_sub_service=sub_service, retired_at__isnull=True))
    inbox = Inbox()
    service = ws_service(ws_sandbox, inbox, sub_service)
    try:
        callbacks = {}
        for channel in channels:
            sdk_subscribe(service, channel, lambda t, s, e, slug=channel.slug: callbacks.setdefault(slug, e))
        # Order and balance topics push the REST sandbox's real changes only: make some.
        stop = threading.Event()
        threading.Thread(target=orders_until, args=(ws_sandbox, stop), daemon=True).start()
        deadline = time.monotonic() + 12
        while len(callbacks) < len(channels) and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        assert sorted(callbacks) == sorted(c.slug for c in channels)
        with_symbol = [c.slug for c in channels if "symbol" in c.topic_args]
        symbols = {getattr(callbacks[slug], "symbol", None) for slug in with_symbol}
        assert symbols <= {SYMBOLS[channels[0].sdk_service], None}
    finally:
        stop_soon(service)
    assert len(channels) >= 2


def test_sdk_subscribes_unsubscribes_and_messages_stop(catalogue, ws_sandbox):
    """Ticker through the SDK: several pushes for the symbol, then none once unsubscribed."""
    inbox = Inbox()
    service = ws_service(ws_sandbox, inbox, "spot_public")
    try:
        sub_id = service.ticker(["ETH-USDT"], inbox.on_message)
        assert inbox.wait(lambda box: len(box.messages) >= 3)
        assert {topic for topic, _, _ in inbox.messages} == {"/market/ticker:ETH-USDT"}
        service.unsubscribe(sub_id)
        time.sleep(0.3)
        count = len(inbox.messages)
        time.sleep(0.5)
        assert len(inbox.messages) == count
    finally:
        stop_soon(service)


def test_sdk_reconnects_and_resubscribes_after_a_drop(catalogue, ws_sandbox):
    """The sandbox cuts the connection; the SDK reconnects with a new token, resubscribes, and pushes resume."""
    inbox = Inbox()
    service = ws_service(ws_sandbox, inbox, "spot_public")
    try:
        service.ticker(["ETH-USDT"], inbox.on_message)
        assert inbox.wait(lambda box: len(box.messages) >= 1)
        connections = ws_sandbox.ws.stats["connections"]
        ws_sandbox.ws.set_faults({"drop": True})
        assert inbox.wait(lambda box: WebSocketEvent.EVENT_RE_SUBSCRIBE_OK in box.events, timeout=15)
        after = len(inbox.messages)
        assert inbox.wait(lambda box: len(box.messages) >= after + 2)
        assert ws_sandbox.ws.stats["connections"] == connections + 1
    finally:
        stop_soon(service)


def test_sdk_gets_kucoin_error_for_101_topics(catalogue, ws_sandbox):
    """101 symbols in one subscribe come back to the SDK as KuCoin's 509 error, and the subscribe fails."""
    inbox = Inbox()
    service = ws_service(ws_sandbox, inbox, "spot_public")
    try:
        # SDK 1.3.2 raises the error frame's text itself, which Python refuses with a TypeError.
        with pytest.raises(TypeError):
            service.ticker([f"S{i}-USDT" for i in range(101)], inbox.on_message)
        assert WebSocketEvent.EVENT_ERROR_RECEIVED in inbox.events
        assert any("limitation of 100 per time" in error for error in inbox.errors)
    finally:
        stop_soon(service)
