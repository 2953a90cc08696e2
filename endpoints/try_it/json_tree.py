"""Render a JSON value as collapsible HTML (`<details>`), escaped, without JavaScript."""

from __future__ import annotations

import json
from html import escape  # the same five characters as Django's escape, without its lazy-string wrapper per call

from django.utils.safestring import SafeString, mark_safe

OPEN_DEPTH = 2  # levels shown open; deeper objects start collapsed
MAX_TREE_BYTES = 256 * 1024  # larger bodies are shown as indented text: a tree that big helps nobody


def json_tree(value) -> SafeString:
    """Return the value as nested `<details>` lists; every key and string is HTML-escaped."""
    # Safe: node() escapes every key and value it writes.
    return mark_safe(f'<div class="json-tree">{node(value, 0)}</div>')  # noqa: S308


def node(value, depth: int) -> str:
    if isinstance(value, dict):
        return container(value.items(), "{", "}", counted(len(value), "key"), depth)
    if isinstance(value, list):
        return container(enumerate(value), "[", "]", counted(len(value), "item"), depth)
    return leaf(value)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def container(items, opening: str, closing: str, count: str, depth: int) -> str:
    rows = "".join(
        f'<li><span class="j-key">{escape(json.dumps(key)) if isinstance(key, str) else key}</span>: {node(child, depth + 1)}</li>'  # noqa: E501
        for key, child in items
    )
    if not rows:
        return f'<span class="j-punct">{opening}{closing}</span>'
    state = " open" if depth < OPEN_DEPTH else ""
    return (
        f'<details{state}><summary><span class="j-punct">{opening}</span>'
        f'<span class="j-count">{count}</span></summary><ul>{rows}</ul>'
        f'<span class="j-punct">{closing}</span></details>'
    )


def leaf(value) -> str:
    if value is None:
        return '<span class="j-null">null</span>'
    if isinstance(value, bool):
        return f'<span class="j-bool">{"true" if value else "false"}</span>'
    if isinstance(value, (int, float)):
        return f'<span class="j-num">{escape(json.dumps(value))}</span>'
    return f'<span class="j-str">{escape(json.dumps(value, ensure_ascii=False))}</span>'
