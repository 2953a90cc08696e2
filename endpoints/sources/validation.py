"""Check every record of a catalogue before anything is written: a source is data, never markup or code.

Every reader's output (the SDK, the spec overlay, an OpenAPI import) reaches the
database through `endpoints.sync.catalogue_sync`, which calls `catalogue_check`
first. What a record holds ends up in HTML attributes, URLs, code samples and
HTTP requests, so only values of a known shape pass:
- a path is an absolute KuCoin path of safe characters and `{placeholders}`;
- a URL (the doc link) is http or https;
- a name (SDK service, sub-service and method names, the Python call chain, the
  request model, parameter names) is an identifier.
A failing record raises SourceError naming the file (or SDK module) and the place in it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from endpoints.kucoin.hosts import DOMAINS

from .records import Catalogue, ChannelRecord, EndpointRecord, SourceError

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
LOCATIONS = {"path", "query", "body"}
CHANNEL_KINDS = {"public", "private"}

IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_IDENTIFIER = re.compile(IDENTIFIER)
# `get_spot_service().get_order_api().add_order`: getters called without arguments, then the method.
_PYTHON_CALL = re.compile(rf"(?:{IDENTIFIER}\(\)\.)*{IDENTIFIER}")
_DOTTED_NAME = re.compile(rf"{IDENTIFIER}(?:\.{IDENTIFIER})*")
# KuCoin's parameter names are identifiers, a few with a dash (`order-id`) or a dot.
_PARAMETER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
PLACEHOLDER_NAME = r"[A-Za-z_][A-Za-z0-9_\-]*"
_PLACEHOLDER = rf"\{{{PLACEHOLDER_NAME}\}}"
_SEGMENT = re.compile(rf"(?:[A-Za-z0-9._~\-]|{_PLACEHOLDER})+")
# Classic topics are paths (`/market/ticker:{symbol}`); unified-account ones are names (`execution.lite.{tradeType}`).
_TOPIC = re.compile(rf"[/A-Za-z](?:[A-Za-z0-9_\-/:.,]|{_PLACEHOLDER})*")
# Words KuCoin uses for channels, permissions and pools (`LeadtradeFutures`, `Spot`), or blank.
_LABEL = re.compile(r"(?:[A-Za-z][A-Za-z0-9 _\-]*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def catalogue_check(catalogue: Catalogue) -> None:
    """Raise SourceError for the first record that holds a value of the wrong shape."""
    for endpoint in catalogue.endpoints:
        endpoint_check(endpoint, where=origin(catalogue, endpoint))
    for channel in catalogue.channels:
        channel_check(channel, where=origin(catalogue, channel))


def origin(catalogue: Catalogue, record: EndpointRecord | ChannelRecord) -> str:
    """Where a record came from: the file and place its reader noted, else the source and the record's key."""
    noted = catalogue.origins.get(record.key)
    if noted:
        return noted
    if isinstance(record, EndpointRecord):
        return f"{catalogue.source}: {record.method!r} {record.path!r}"
    return f"{catalogue.source}: WebSocket topic {record.topic!r}"


def endpoint_check(record: EndpointRecord, *, where: str) -> None:
    """Check one REST record: domain, method, path, doc link, names, labels and parameters."""
    _one_of(record.domain, set(DOMAINS), "x-domain", where)
    _one_of(record.method, METHODS, "method", where)
    path_check(record.path, where=where)
    url_check(record.doc_url, where=where)
    for name in ("sdk_service", "sdk_sub_service", "sdk_method_name"):
        _match(getattr(record, name), _IDENTIFIER, name, "an identifier", where)
    if record.sdk_python_call:
        _match(record.sdk_python_call, _PYTHON_CALL, "sdk_python_call", "a chain of Python names", where)
    if record.sdk_request_model:
        _match(record.sdk_request_model, _DOTTED_NAME, "sdk_request_model", "a dotted Python name", where)
    for name in ("api_channel", "api_permission", "rate_limit_pool"):
        _match(getattr(record, name), _LABEL, name, "a plain word", where)
    _single_line(record.summary, "summary", where)
    placeholders = set(re.findall(rf"\{{({PLACEHOLDER_NAME})\}}", record.path))
    for param in record.parameters:
        _one_of(param.location, LOCATIONS, f"parameter {param.name!r}: location", where)
        _match(param.name, _PARAMETER_NAME, "parameter name", "an identifier", where)
        if param.location == "path" and param.name not in placeholders:
            raise SourceError(f"{where}: path parameter {param.name!r} has no {{{param.name}}} in the path.")


def channel_check(record: ChannelRecord, *, where: str) -> None:
    """Check one WebSocket record: topic, names and channel kind."""
    _match(record.topic, _TOPIC, "topic", "a KuCoin topic such as /market/ticker:{symbol} or ticker.SPOT", where)
    for name in ("sdk_service", "sdk_sub_service", "sdk_method_name"):
        _match(getattr(record, name), _IDENTIFIER, name, "an identifier", where)
    _one_of(record.api_channel, CHANNEL_KINDS, "api_channel", where)
    for arg in record.topic_args:
        _match(arg, _IDENTIFIER, "topic argument", "an identifier", where)
    _single_line(record.summary, "summary", where)


def path_check(path: str, *, where: str) -> None:
    """An absolute path (`/api/v1/orders/{orderId}`): safe characters and placeholders, no dot segments."""
    segments = path.split("/")[1:] if isinstance(path, str) and path.startswith("/") else None
    if not segments or any(not _SEGMENT.fullmatch(s) or s in (".", "..") for s in segments):
        raise SourceError(
            f"{where}: the path {_shown(path)} is not an absolute KuCoin path: it must start with / and hold only "
            "letters, digits, - _ . ~ and {placeholders} between slashes."
        )


def url_check(url: str, *, where: str) -> None:
    """A doc link is blank or an http(s) URL with a host, and nothing that could break out of an attribute."""
    if url == "":
        return
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"[\s<>\"'`]", url):
        raise SourceError(f"{where}: the doc link {_shown(url)} is not an http or https URL.")


def _one_of(value, allowed: set[str], field: str, where: str) -> None:
    if value not in allowed:
        raise SourceError(f"{where}: {field} {_shown(value)} is not one of {', '.join(sorted(allowed))}.")


def _match(value, pattern: re.Pattern, field: str, shape: str, where: str) -> None:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise SourceError(f"{where}: {field} {_shown(value)} is not {shape}.")


def _single_line(text: str, field: str, where: str) -> None:
    # Summaries become page titles, comments in code samples and share-link labels: one line of text.
    if not isinstance(text, str) or _CONTROL.search(text) or "\u2028" in text or "\u2029" in text:
        raise SourceError(f"{where}: the {field} {_shown(text)} holds a line break or a control character.")


def _shown(value) -> str:
    """The value as the error shows it: quoted, escaped, cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"
