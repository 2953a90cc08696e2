"""The SDK's classic WebSocket topics: every subscribe method of the spot, margin and futures services."""

from __future__ import annotations

import inspect
import re
import typing
from typing import Any

from ..generated_text import sdk_text
from ..records import ChannelRecord
from ..schemas import tidy_schema
from .introspection import (
    RecordingTransport,
    getters,
    implementation,
    parse_docstring,
    snake_to_camel,
    test_examples,
    words,
)


def ws_channels(ws_service: type):
    order = 0
    for getter, ws_abc in getters(ws_service):
        match = re.fullmatch(r"new_(spot|margin|futures)_(public|private)_ws", getter)
        if not match:
            continue  # the unified-account push services are a different protocol
        service, visibility = match.groups()
        transport = RecordingTransport()
        ws = implementation(ws_abc)(transport)
        examples = test_examples(inspect.getfile(ws_abc).replace("ws_", "api_", 1))
        for name, function in vars(ws_abc).items():
            # Topics are the methods that take a callback; start/stop/unsubscribe are plumbing.
            if not inspect.isfunction(function) or "callback" not in inspect.signature(function).parameters:
                continue
            order += 1
            yield channel_record(
                ws, name, function, transport, service, visibility, examples.get(name, {}).get("resp"), order
            )


def channel_record(ws, name, function, transport, service, visibility, example, order) -> ChannelRecord:
    hints = typing.get_type_hints(function)
    args, placeholders, many = [], [], False
    for param in list(inspect.signature(function).parameters)[1:]:
        if param == "callback":
            continue
        is_list = typing.get_origin(hints.get(param)) in (list, typing.List)  # noqa: UP006
        many = many or is_list
        placeholders.append(param)
        args.append([f"{{{param}}}"] if is_list else f"{{{param}}}")
    getattr(ws, name)(*args, None)
    prefix, sent_args, _ = transport.subscriptions[-1]
    topic = prefix if not sent_args else f"{prefix}:{','.join(sent_args)}"
    doc = parse_docstring(inspect.getdoc(function) or "")
    frequency = re.search(r"push frequency:\s*(.*)", inspect.getdoc(function) or "")
    return ChannelRecord(
        topic=topic,
        summary=doc.summary or words(snake_to_camel(name)),
        description=doc.description,
        sdk_service=service.capitalize(),
        sdk_sub_service=f"{service}_{visibility}",
        sdk_method_name=snake_to_camel(name),
        api_channel=visibility,
        push_frequency=sdk_text(frequency.group(1).strip()) if frequency else "",
        topic_args=placeholders,
        accepts_many=many,
        message_schema=message_schema(hints["callback"]),
        message_example=example,
        sort_order=order,
    )


def message_schema(callback_type: Any) -> dict | None:
    """The push message envelope around the topic's event model.

    The SDK types each callback as `Callable[[topic, subject, Event], None]`.
    """
    argument_types = typing.get_args(callback_type)[0] if typing.get_args(callback_type) else []
    event = argument_types[-1] if argument_types else None
    if not hasattr(event, "model_json_schema"):
        return None
    schema = tidy_schema(event.model_json_schema(by_alias=True))
    schema.get("properties", {}).pop("common_response", None)
    return {
        "type": "object",
        "properties": {
            "topic": {"type": "string"},
            "type": {"type": "string", "enum": ["message"]},
            "subject": {"type": "string"},
            "data": schema,
        },
    }
