"""Markdown twins of the reference pages and guides (`<page>.md`), for people and LLMs alike.

Each function returns one clean Markdown document: an H1 title, then the facts in
the same order as the HTML page. `base_url` is an absolute origin such as
`http://127.0.0.1:8000`; every link in the output is absolute so a copied page
still works outside the site. Pass endpoints with `parameters` prefetched when
rendering many of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from endpoints.reference import pages
from endpoints.reference.rendering import json_text
from endpoints.reference.replacements import replacement_find

if TYPE_CHECKING:
    from endpoints.guides import Guide
    from endpoints.models import Channel, Endpoint


def endpoint_markdown(endpoint: Endpoint, *, base_url: str) -> str:
    """One REST endpoint as Markdown: title, URL, metadata, parameters, schemas, examples, links."""
    parameters = list(endpoint.parameters.all())
    parts = [
        f"# {endpoint.summary}",
        f"`{endpoint.method} {pages.public_url(endpoint)}`",
        *_status_lines(endpoint, base_url),
        "## Metadata",
        _metadata_table(endpoint, base_url),
    ]
    if endpoint.description:
        parts += ["## Description", endpoint.description.strip()]
    parts += ["## Parameters", _parameter_table(parameters)]
    if endpoint.request_schema:
        parts += ["## Request body", _schema_table(endpoint.request_schema)]
    if endpoint.response_schema:
        parts += ["## Response", _schema_table(endpoint.response_schema)]
    if endpoint.request_example is not None or parameters:
        parts += ["## Example request", _fence(pages.example_request(endpoint, parameters), "http")]
    if endpoint.response_example is not None:
        parts += ["## Example response", _fence(json_text(endpoint.response_example), "json")]
    parts += _notes(endpoint)
    parts += ["## Links", _links(endpoint.doc_url, base_url + endpoint.get_absolute_url())]
    return _join(parts)


def channel_markdown(channel: Channel, *, base_url: str) -> str:
    """One WebSocket channel as Markdown: topic, access, frequency, subscribe frame, message schema and example."""
    rows = [
        ("topic", f"`{channel.topic}`"),
        ("api-channel", channel.get_api_channel_display()),
        ("push frequency", _cell(channel.push_frequency) or "not published"),
        ("protocol", channel.get_protocol_display()),
        ("connection", pages.channel_connection(channel)),
        ("sdk-service", channel.sdk_service),
        ("sdk-sub-service", channel.sdk_sub_service),
        ("sdk-method-name", channel.sdk_method_name),
    ]
    parts = [
        f"# {channel.summary}",
        f"`{channel.topic}`",
        *(["> Retired: KuCoin's SDK no longer has this channel."] if channel.is_retired else []),
        "## Metadata",
        _table(["Field", "Value"], rows),
    ]
    if channel.description:
        parts += ["## Description", channel.description.strip()]
    if channel.topic_args:
        args = ", ".join(f"`{{{arg}}}`" for arg in channel.topic_args)
        many = " It accepts a comma-separated list of symbols." if channel.accepts_many else ""
        where = {"unified": "subscribe frame", "unified-trade": "request"}.get(channel.protocol, "topic")
        parts += ["## Topic arguments", f"Replace {args} in the {where}.{many}"]
    heading = "## Request" if channel.protocol == "unified-trade" else "## Subscribe"
    parts += [heading, _fence(pages.subscribe_message(channel), "json")]
    if channel.message_schema:
        parts += ["## Message", _schema_table(channel.message_schema)]
    if channel.message_example is not None:
        parts += ["## Example message", _fence(json_text(channel.message_example), "json")]
    parts += _notes(channel)
    guide = _guide_url(base_url, "websocket")
    page = base_url + channel.get_absolute_url()
    parts += ["## Links", f"- [How to connect, ping and subscribe]({guide})\n- [This page]({page})"]
    return _join(parts)


def guide_markdown(guide: Guide, *, base_url: str) -> str:
    """A guide as Markdown, its links made absolute with `base_url`."""
    return guide.markdown(base_url=base_url)


# --- pieces --------------------------------------------------------------------------


def _status_lines(endpoint: Endpoint, base_url: str) -> list[str]:
    lines = []
    if endpoint.deprecated:
        lines.append(_deprecation_line(endpoint, base_url))
    if endpoint.is_retired:
        lines.append("> Retired: KuCoin's SDK no longer has this endpoint.")
    if not endpoint.metadata_published:
        lines.append(
            "> KuCoin publishes no api-channel, api-permission, rate-limit pool or rate-limit weight "
            "for this unified-account (UTA) route; only its method and path are known."
        )
    return lines


def _deprecation_line(endpoint: Endpoint, base_url: str) -> str:
    """As the page's notice says it: the replacement KuCoin names, linked, or that it names none."""
    said = "> Deprecated: KuCoin marks this endpoint as deprecated: it still answers, but new code should "
    replacement = replacement_find(endpoint=endpoint)
    if replacement is None:
        return said + "not rely on it. KuCoin names no replacement."
    link = f"[{replacement.summary}]({base_url}{replacement.get_absolute_url()})"
    return said + f"use {link} (`{replacement.method} {replacement.path}`), which KuCoin names as its replacement."


def _notes(item) -> list[str]:
    """The team's notes as quoted Markdown, oldest first, each signed; nothing when there are none."""
    notes = list(item.notes.all())
    if not notes:
        return []
    quoted = []
    for note in notes:
        body = "\n".join(f"> {line}".rstrip() for line in note.text.strip().splitlines())
        quoted.append(f"{body}\n>\n> — {note.author or 'Anonymous'}, {note.created_at:%Y-%m-%d}")
    return ["## Team notes", "\n\n".join(quoted)]


def _metadata_table(endpoint: Endpoint, base_url: str) -> str:
    rows = []
    for item in pages.metadata_fields(endpoint):
        value = item.value
        if item.key == "domain":
            value = f"{value} (`{pages.public_base_url(endpoint.domain)}`)"
        rows.append((f"[{item.label}]({_guide_url(base_url, item.guide)}#{item.anchor})", value))
    return _table(["Field", "Value"], rows)


def _parameter_table(parameters) -> str:
    if not parameters:
        return "None."
    rows = [
        (
            f"`{p.name}`",
            p.location,
            p.type,
            "yes" if p.required else "no",
            ", ".join(f"`{pages.value_text(v)}`" for v in p.enum_values or []),
            "" if p.default is None else f"`{pages.value_text(p.default)}`",
            _cell(p.description),
        )
        for p in parameters
    ]
    return _table(["Name", "In", "Type", "Required", "Enum", "Default", "Description"], rows)


def _schema_table(schema: dict) -> str:
    fields = pages.flatten(pages.schema_fields(schema))
    if not fields:
        return f"Type: {pages.schema_type(schema)}."
    rows = [
        (
            f"`{f.path}`",
            _cell(f.type),  # "string | null" holds a pipe
            "yes" if f.required else "no",
            ", ".join(f"`{pages.value_text(e['value'])}`" for e in f.enum),
            _cell(f.description),
        )
        for f in fields
    ]
    return _table(["Field", "Type", "Required", "Enum", "Description"], rows)


def _guide_url(base_url: str, slug: str) -> str:
    return base_url + reverse("guides:detail", kwargs={"slug": slug})


def _links(doc_url: str, page_url: str) -> str:
    lines = [f"- [KuCoin's official documentation]({doc_url})"] if doc_url else []
    lines.append(f"- [This page]({page_url})")
    return "\n".join(lines)


def _table(headers: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Fit free text into one table cell: one line, pipes escaped."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _fence(code: str, language: str) -> str:
    # A longer fence than any backtick run inside keeps KuCoin's text from closing it.
    ticks = "`" * max(3, _longest_backtick_run(code) + 1)
    return f"{ticks}{language}\n{code}\n{ticks}"


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def _join(parts: list[str]) -> str:
    return "\n\n".join(part for part in parts if part) + "\n"
