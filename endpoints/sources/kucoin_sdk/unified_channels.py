"""The SDK's unified-account ("Pro") WebSocket: push channels and trading requests, read by calling the SDK.

These speak another protocol than the classic channels: fixed hosts, no token for
public data, and an `action: SUBSCRIBE` frame. Each method of the SDK's public
(per trade type) and private push classes is called once against a recording
service, and the frame the SDK's own wire code builds is kept. A method the SDK
refuses for a trade type (mark price on spot) is not offered there. The trading
connection's requests (place, cancel, amend an order) are read the same way from
the SDK's own request builders, and kept beside the channels as operations.
"""

from __future__ import annotations

import enum
import importlib.util
import inspect
import typing
from typing import Any

from ..records import ChannelRecord
from .introspection import snake_to_camel, words

SERVICE = "Unified"
PROTOCOL = "unified"
TRADE_PROTOCOL = "unified-trade"


class RecordingPushService:
    """Stands in for the SDK's push service and keeps the frame each subscribe would send."""

    def __init__(self, wire: type):
        self.wire = wire
        self.frames: list[dict[str, Any]] = []

    def subscribe(self, subscription) -> str:
        # The SDK's own frame builder, called on this stand-in: it hands the frame to _send_and_await_ack.
        self.wire._send_subscription(self, "{id}", subscription, "SUBSCRIBE")
        return "recorded"

    def _send_and_await_ack(self, message_id: str, message: dict[str, Any], *, operation: str) -> None:
        self.frames.append({"id": message_id, **message})


def has_unified_account() -> bool:
    """Whether the installed SDK has the unified account at all (releases before 1.3 do not)."""
    return importlib.util.find_spec("kucoin_universal_sdk.generate.uta") is not None


def unified_channels(start_order: int = 0) -> list[ChannelRecord]:
    """Every public (spot, futures) and private unified-account push channel the SDK offers."""
    if not has_unified_account():
        return []
    from kucoin_universal_sdk.generate.uta.privatews.api_uta_private_ws import UtaPrivateWS
    from kucoin_universal_sdk.generate.uta.publicws.api_uta_public_ws import UtaPublicWS
    from kucoin_universal_sdk.internal.infra.uta_push_ws_service import UtaPushWsService
    from kucoin_universal_sdk.model.push_trade_type import PushTradeType

    records: list[ChannelRecord] = []
    for trade_type in PushTradeType:
        service = RecordingPushService(UtaPushWsService)
        group = f"uta_public_{trade_type.value.lower()}"
        records += _records(UtaPublicWS(service, trade_type), service, group, "public", trade_type.endpoint)
    service = RecordingPushService(UtaPushWsService)
    records += _records(UtaPrivateWS(service), service, "uta_private", "private", UtaPushWsService.PRIVATE_ENDPOINT)
    for order, record in enumerate(records, start=start_order + 1):
        record.sort_order = order
    return records


def _records(ws, service: RecordingPushService, group: str, visibility: str, address: str) -> list[ChannelRecord]:
    records = []
    for name, function in _subscribe_methods(type(ws)):
        frame, placeholders, many = _record_frame(ws, service, name, function)
        if frame is None:
            continue  # the SDK refuses this channel on this connection
        records.append(_channel_record(name, frame, placeholders, many, group, visibility, address, function))
    return records


def _subscribe_methods(cls: type) -> list[tuple[str, Any]]:
    """Public methods that take a callback, once each (the SDK also keeps camelCase aliases)."""
    seen, methods = set(), []
    for name, function in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(function) or function in seen:
            continue
        if "callback" in inspect.signature(function).parameters:
            seen.add(function)
            methods.append((name, function))
    return methods


def _record_frame(ws, service: RecordingPushService, name: str, function) -> tuple[dict | None, list[str], bool]:
    """Call one subscribe method with placeholders; return the SDK's frame with `{name}` where values go."""
    hints = typing.get_type_hints(function)
    arguments, substitutes, placeholders, many = {}, {}, [], False
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.name == "callback" or parameter.default is not inspect.Parameter.empty:
            continue
        placeholder = "{" + snake_to_camel(parameter.name) + "}"
        choice = _enum_of(hints.get(parameter.name))
        # Enum-typed arguments are checked by the SDK: pass a real member, then put the placeholder back.
        value = next(iter(choice)).value if choice else placeholder
        substitutes[str(value).upper()] = placeholder
        arguments[parameter.name] = value
        placeholders.append(snake_to_camel(parameter.name))
        many = many or list in {typing.get_origin(arg) for arg in typing.get_args(hints.get(parameter.name))}
    try:
        getattr(ws, name)(**arguments, callback=None)
    except ValueError:
        return None, [], False
    frame = {key: substitutes.get(str(value).upper(), value) for key, value in service.frames[-1].items()}
    return frame, placeholders, many


def _enum_of(hint: Any) -> type[enum.Enum] | None:
    options = typing.get_args(hint) or (hint,)
    return next((option for option in options if isinstance(option, type) and issubclass(option, enum.Enum)), None)


def _channel_record(name, frame, placeholders, many, group, visibility, address, function) -> ChannelRecord:
    topic = frame["channel"] + (f".{frame['tradeType']}" if "tradeType" in frame else "")
    return ChannelRecord(
        topic=topic,
        summary=words(snake_to_camel(name)),
        description=_choices_text(function),
        sdk_service=SERVICE,
        sdk_sub_service=group,
        sdk_method_name=snake_to_camel(name),
        api_channel=visibility,
        topic_args=placeholders,
        accepts_many=many,
        protocol=PROTOCOL,
        address=address,
        subscribe_frame={key: value for key, value in frame.items() if key != "id"},
    )


def _choices_text(function) -> str:
    """The values the SDK accepts for each enum-typed argument, as Markdown (the SDK has no docstrings here)."""
    lines = []
    for parameter, hint in typing.get_type_hints(function).items():
        choice = _enum_of(hint)
        if choice and parameter != "return":
            values = ", ".join(f"`{member.value}`" for member in choice)
            lines.append(f"- `{snake_to_camel(parameter)}`: one of {values}.")
    return "\n".join(lines)


def recording_trade_service(wire: type):
    """The SDK's trading connection with its own request builders, keeping each frame instead of sending it."""

    class RecordingTradeService(wire):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:  # no connection, no credentials
            self.frames: list[dict[str, Any]] = []

        def _request(self, operation: str, args: dict[str, Any]) -> dict[str, Any]:
            self.frames.append({"id": "{id}", "op": operation, "args": args})
            return {}

    return RecordingTradeService()


def unified_trade_operations(start_order: int = 0) -> list[ChannelRecord]:
    """The requests the SDK's unified-account trading connection sends: place, cancel and amend an order."""
    if not has_unified_account():
        return []
    from kucoin_universal_sdk.generate.uta.privatews.api_uta_private_trade_ws import UtaPrivateTradeWS
    from kucoin_universal_sdk.internal.infra.uta_private_trade_ws_service import UtaPrivateTradeWsService

    service = recording_trade_service(UtaPrivateTradeWsService)
    ws = UtaPrivateTradeWS(service)
    records = []
    for order, (name, _) in enumerate(_request_methods(UtaPrivateTradeWS), start=start_order + 1):
        frame, needs = _record_request(getattr(ws, name), service)
        records.append(_operation_record(name, frame, needs, UtaPrivateTradeWsService.ENDPOINT, order))
    return records


def _request_methods(cls: type) -> list[tuple[str, Any]]:
    """Public methods that take a request, once each (the SDK also keeps camelCase aliases)."""
    seen, methods = set(), []
    for name, function in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(function) or function in seen:
            continue
        if "request" in inspect.signature(function).parameters:
            seen.add(function)
            methods.append((name, function))
    return methods


def _record_request(method, service) -> tuple[dict[str, Any], list[str]]:
    """Send an empty request; if the SDK refuses it, learn which reference it wants and send that."""
    try:
        method({})
        return service.frames[-1], []
    except ValueError as refusal:
        needs = [name for name in ("orderId", "clientOid") if name in str(refusal)]
        method({needs[0]: "{" + needs[0] + "}"})
        return service.frames[-1], needs


def _operation_record(name: str, frame: dict, needs: list[str], address: str, order: int) -> ChannelRecord:
    description = "Sent as `{id, op, args}`; the answer repeats the `id`."
    if needs:
        description += " `args` must name " + " or ".join(f"`{n}`" for n in needs) + " (the SDK refuses it otherwise)."
    return ChannelRecord(
        topic=frame["op"],
        summary=words(snake_to_camel(name)),
        description=description,
        sdk_service=SERVICE,
        sdk_sub_service="uta_private_trade",
        sdk_method_name=snake_to_camel(name),
        api_channel="private",
        topic_args=needs[:1],
        protocol=TRADE_PROTOCOL,
        address=address,
        subscribe_frame={key: value for key, value in frame.items() if key != "id"},
        sort_order=order,
    )
