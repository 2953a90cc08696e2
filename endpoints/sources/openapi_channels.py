"""Read the WebSocket topics of KuCoin's spec files (`ws/*.json`) into channel records."""

from __future__ import annotations

import re

from .openapi_values import decode_example, inline_refs, json_content, object_at, required_text, text
from .records import ChannelRecord


def channel_record(operation: dict, document: dict, where: str) -> ChannelRecord:
    topic = normalise_topic(required_text(operation, "x-topic", where))
    responses = object_at(operation.get("responses", {}), f"{where}: 'responses'")
    schema = json_content(responses.get("200"), f"{where}: responses['200']")
    private = operation.get("x-sdk-private")
    private = private if isinstance(private, bool) else str(private).lower() == "true"
    if "x-api-channel" in operation:
        private = str(operation["x-api-channel"]).lower() == "private"
    return ChannelRecord(
        topic=topic,
        summary=text(operation.get("summary")).strip(),
        description=text(operation.get("description")),
        sdk_service=required_text(operation, "x-sdk-service", where),
        sdk_sub_service=required_text(operation, "x-sdk-sub-service", where),
        sdk_method_name=required_text(operation, "x-sdk-method-name", where),
        api_channel="private" if private else "public",
        push_frequency=text(operation.get("x-push_frequency", operation.get("x-push-frequency"))),
        topic_args=re.findall(r"{(\w+)}", topic),
        accepts_many=bool(operation.get("x-accepts-many", _repeats_placeholder(operation["x-topic"]))),
        message_schema=inline_refs(schema, document) if schema else None,
        message_example=decode_example(operation.get("x-response-example"), f"{where} x-response-example"),
    )


def normalise_topic(topic: str) -> str:
    """KuCoin writes a batch topic as `/market/ticker:{symbol},{symbol}`; keep one placeholder."""
    return re.sub(r"({\w+})(?:,\1)+$", r"\1", topic)


def _repeats_placeholder(topic: str) -> bool:
    return bool(re.search(r"({\w+}),\1$", topic))
