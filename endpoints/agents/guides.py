"""The guides as MCP resources: each one's Markdown twin, its links absolute."""

from __future__ import annotations

from dataclasses import dataclass

from endpoints.guides import Guide, guide_get, guide_list
from endpoints.reference.markdown import guide_markdown

from .answers import BadInput, site_url, text_bounded

URI_PREFIX = "guide://"
MIME_TYPE = "text/markdown"


@dataclass(frozen=True)
class GuideResource:
    uri: str
    name: str
    title: str
    description: str


def guide_resources() -> list[GuideResource]:
    """One resource per guide, in reading order."""
    return [GuideResource(URI_PREFIX + g.slug, g.slug, g.title, g.summary) for g in guide_list()]


def guide_read(*, slug: str) -> str:
    """The guide's Markdown, filled from the catalogue now."""
    guide: Guide | None = guide_get(slug=slug)
    if guide is None:
        raise BadInput(f"There is no guide '{slug[:60]}'.")
    twin = site_url() + guide.get_markdown_url()
    return text_bounded(text=guide_markdown(guide, base_url=site_url()), more_at=twin)
