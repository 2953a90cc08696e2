"""The guides: Markdown files in texts/, in our own words, filled from the catalogue when they are read.

A guide file is Markdown with Django template tags, rendered by its own engine
with autoescaping off (the output is Markdown, not HTML; the page turns it into
HTML through `endpoints.reference.rendering`, which sanitises it). `{{ base }}` is the
origin for links: empty on our pages, absolute in the `.md` twins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.template import Context, Engine
from django.urls import reverse

from . import context as guide_context

GUIDES_DIR = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class Guide:
    """One guide: its slug (the URL and the file name), title, one-line summary and context."""

    slug: str
    title: str
    summary: str
    context: Callable[[], dict] = field(default=dict, compare=False, repr=False)

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", kwargs={"slug": self.slug})

    def get_markdown_url(self) -> str:
        return reverse("guides:markdown", kwargs={"slug": self.slug})

    def markdown(self, *, base_url: str = "") -> str:
        """Render the guide file to Markdown, its links prefixed with `base_url`."""
        source = _engine().get_template(f"{self.slug}.md")
        context = Context({"base": base_url, "guide": self, **self.context()}, autoescape=False)
        text = source.render(context)
        return _tidy(text)


GUIDES = [
    Guide(
        "introduction",
        "Introduction",
        "KuCoin's domains and base URLs, and how every reference page is laid out.",
        guide_context.introduction,
    ),
    Guide(
        "authentication",
        "Authentication",
        "Signing a private request step by step, with a worked example computed by our own signing code.",
        guide_context.authentication,
    ),
    Guide(
        "rate-limits",
        "Rate limits",
        "The rate-limit pools, their quotas per VIP level, and every endpoint's weight.",
        guide_context.rate_limits,
    ),
    Guide(
        "permissions",
        "Permissions",
        "What each API-key permission allows, with the endpoints that need it.",
        guide_context.permissions,
    ),
    Guide(
        "websocket",
        "WebSocket",
        "Getting a token, connecting, keeping the connection alive with pings, and subscribing.",
        guide_context.websocket,
    ),
]


def guide_list() -> list[Guide]:
    """Every guide, in reading order."""
    return list(GUIDES)


def guide_get(*, slug: str) -> Guide | None:
    return next((guide for guide in GUIDES if guide.slug == slug), None)


@cache
def _engine() -> Engine:
    return Engine(dirs=[GUIDES_DIR], autoescape=False, builtins=["endpoints.guides.filters"])


def _tidy(text: str) -> str:
    """Drop the blank lines template tags leave behind (more than one in a row)."""
    lines, blank = [], False
    for line in text.splitlines():
        line = line.rstrip()
        if not line and blank:
            continue
        blank = not line
        lines.append(line)
    return "\n".join(lines).strip() + "\n"
