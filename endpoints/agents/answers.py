"""What every tool hands back: Markdown text for the model, JSON data for programs, both bounded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache

from endpoints import selectors
from endpoints.release import code_version

# An agent's context is small and shared: no answer may flood it.
MAX_TEXT_CHARS = 60_000
MAX_LIST_ITEMS = 50


class BadInput(ValueError):
    """The caller asked for something that does not exist or cannot be done; the message says what to send."""


@dataclass(frozen=True)
class Answer:
    """One tool result: `text` is what a model reads, `data` the same facts as structured JSON."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)


def text_bounded(*, text: str, more_at: str = "") -> str:
    """Cut `text` at MAX_TEXT_CHARS on a line break, saying where the whole of it lives."""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    cut = text[:MAX_TEXT_CHARS].rsplit("\n", 1)[0]
    where = f" The whole document: {more_at}" if more_at else ""
    return f"{cut}\n\n[Cut at {len(cut)} of {len(text)} characters.{where}]\n"


def site_url() -> str:
    """The explorer's public origin, for the links in answers (EXPLORER_SITE_URL)."""
    return settings.EXPLORER_SITE_URL.rstrip("/")


def page_url(path: str) -> str:
    return site_url() + path


def answer_cached(*, name: str, build: Callable[[], Answer]) -> Answer:
    """An answer that reads the whole catalogue, built once per catalogue and code version."""
    key = f"agents:{name}:{selectors.catalogue_version()}:{code_version()}:{site_url()}"
    answer = cache.get(key)
    if answer is None:
        answer = build()
        cache.set(key, answer, timeout=None)
    return answer
