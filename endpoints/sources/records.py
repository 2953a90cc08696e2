"""Plain data that every source produces and `endpoints.sync` consumes.

Sources never touch models; these dataclasses are the one shape that crosses
from the outside world (the SDK, an OpenAPI file) into the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


class SourceError(Exception):
    """A source is missing or malformed; the message says what and where, in plain words."""


@dataclass
class ParameterRecord:
    name: str
    location: str  # path | query | body
    type: str = "string"
    required: bool = False
    enum_values: list = field(default_factory=list)
    default: Any = None
    description: str = ""
    example: Any = None
    schema: dict = field(default_factory=dict)


@dataclass
class EndpointRecord:
    domain: str  # spot | futures | broker
    method: str
    path: str
    summary: str
    sdk_service: str
    sdk_sub_service: str
    sdk_method_name: str
    description: str = ""
    doc_url: str = ""
    deprecated: bool = False
    metadata_published: bool = True
    api_channel: str = ""
    api_permission: str = ""
    rate_limit_pool: str = ""
    rate_limit_weight: int | None = None
    json_body: bool = False
    needs_broker_signature: bool = False
    sdk_python_call: str = ""
    sdk_request_model: str = ""
    request_schema: dict | None = None
    response_schema: dict | None = None
    request_example: Any = None
    response_example: Any = None
    parameters: list[ParameterRecord] = field(default_factory=list)
    sort_order: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.domain, self.method, self.path)

    @property
    def slug(self) -> str:
        return "/".join(slugify_name(part) for part in (self.sdk_service, self.sdk_sub_service, self.sdk_method_name))


@dataclass
class ChannelRecord:
    topic: str
    summary: str
    sdk_service: str
    sdk_sub_service: str
    sdk_method_name: str
    api_channel: str  # public | private
    description: str = ""
    push_frequency: str = ""
    topic_args: list[str] = field(default_factory=list)
    accepts_many: bool = False
    message_schema: dict | None = None
    message_example: Any = None
    sort_order: int = 0
    # "classic" (token, instance servers, type: subscribe) or "unified" (fixed host, action: SUBSCRIBE).
    protocol: str = "classic"
    address: str = ""  # the unified protocol's fixed wss:// host; classic hosts come with the token
    subscribe_frame: dict | None = None  # the unified protocol's frame, with {placeholders}

    @property
    def key(self) -> tuple[str, str]:
        return (self.sdk_sub_service, self.topic)

    @property
    def slug(self) -> str:
        return "/".join(slugify_name(part) for part in (self.sdk_sub_service, self.sdk_method_name))


@dataclass
class Catalogue:
    """Everything one read of a source found."""

    source: str
    endpoints: list[EndpointRecord] = field(default_factory=list)
    channels: list[ChannelRecord] = field(default_factory=list)
    sdk_version: str = ""
    # Where each record came from (a record's key -> "file: METHOD path"), for error messages only.
    origins: dict = field(default_factory=dict, compare=False, repr=False)

    def fingerprint(self) -> str:
        """Hash the content so two reads of the same source compare equal."""
        content = {
            "endpoints": sorted(
                (asdict(e) for e in self.endpoints), key=lambda e: (e["domain"], e["method"], e["path"])
            ),
            "channels": sorted((asdict(c) for c in self.channels), key=lambda c: (c["sdk_sub_service"], c["topic"])),
        }
        encoded = json.dumps(content, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


def slugify_name(name: str) -> str:
    """Turn `getAccountInfo`, `spot_public` or `NDBroker` into URL words: get-account-info."""
    words: list[str] = []
    current = ""
    for index, char in enumerate(name):
        if char in "_- ":
            words.append(current)
            current = ""
            continue
        next_char = name[index + 1] if index + 1 < len(name) else ""
        starts_word = char.isupper() and current and (not current[-1].isupper() or next_char.islower())
        if starts_word:
            words.append(current)
            current = ""
        current += char
    words.append(current)
    return "-".join(word.lower() for word in words if word)
