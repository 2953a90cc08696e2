"""`/llms.txt` and `/llms-full.txt` (https://llmstxt.org): the catalogue as a map for language models.

llms.txt is an H1, a one-line blockquote summary, a paragraph of guidance, then
H2 sections of `- [Title](URL of the page's .md twin): notes` lines: the guides
first, then REST endpoints per host and SDK service, then WebSocket channels per
service, and deprecated endpoints last under `## Optional`, which the format
reserves for what a short context may skip. llms-full.txt is the Markdown of
every listed page, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from endpoints import selectors
from endpoints.guides import guide_list
from endpoints.models import Channel, Domain, Endpoint
from endpoints.reference.markdown import channel_markdown, endpoint_markdown, guide_markdown

PRODUCT = "KuCoin API Explorer"
NOTE_LENGTH = 160


@dataclass
class Entry:
    """One listed page: its link text, its .md twin, a one-line note, and how to render its Markdown."""

    title: str
    url: str
    notes: str
    markdown: Callable[[], str]


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


class LlmsTxt:
    """The sections of llms.txt; llms-full.txt renders the same entries in the same order."""

    def __init__(self, *, site_url: str):
        self.site_url = site_url.rstrip("/")

    def sections(self) -> list[Section]:
        guides = Section("Guides", [self._guide(guide) for guide in guide_list()])
        rest: dict[tuple[int, str], Section] = {}
        optional = Section("Optional")
        domains = [value for value, _ in Domain.choices]
        for endpoint in selectors.endpoint_list().prefetch_related("parameters", "notes"):
            if endpoint.deprecated:
                optional.entries.append(self._endpoint(endpoint))
                continue
            key = (domains.index(endpoint.domain), endpoint.sdk_service)
            title = f"{endpoint.get_domain_display()} host: {endpoint.sdk_service}"
            rest.setdefault(key, Section(title)).entries.append(self._endpoint(endpoint))
        websocket: dict[str, Section] = {}
        for channel in selectors.channel_list().prefetch_related("notes"):
            section = websocket.setdefault(channel.sdk_service, Section(f"WebSocket: {channel.sdk_service}"))
            section.entries.append(self._channel(channel))
        ordered = [guides, *(rest[key] for key in sorted(rest)), *websocket.values(), optional]
        return [section for section in ordered if section.entries]

    def render(self) -> str:
        """llms.txt itself."""
        lines = [f"# {PRODUCT}", "", f"> {self._summary()}", "", self._guidance()]
        for section in self.sections():
            lines += ["", f"## {section.title}", ""]
            lines += [f"- [{_link_text(e.title)}]({e.url}): {e.notes}" for e in section.entries]
        return "\n".join(lines) + "\n"

    def render_full(self) -> str:
        """llms-full.txt: every listed page's Markdown, in llms.txt's order."""
        parts = [f"# {PRODUCT}: every page\n\n> {self._summary()}\n\n{self._guidance()}"]
        for section in self.sections():
            for entry in section.entries:
                parts.append(f"Source: {entry.url}\n\n{entry.markdown().strip()}")
        return "\n\n---\n\n".join(parts) + "\n"

    # --- entries -----------------------------------------------------------------------

    def _guide(self, guide) -> Entry:
        return Entry(
            guide.title,
            self.site_url + guide.get_markdown_url(),
            guide.summary,
            lambda: guide_markdown(guide, base_url=self.site_url),
        )

    def _endpoint(self, endpoint: Endpoint) -> Entry:
        url = self.site_url + reverse("reference:endpoint_markdown", kwargs={"slug": endpoint.slug})
        words = one_line(endpoint.description)
        if not endpoint.metadata_published:
            words = words or "A unified-account route; KuCoin publishes only its method and path."
        where = f" on the {endpoint.domain} host" if endpoint.deprecated else ""  # Optional mixes hosts
        notes = f"`{endpoint.method} {endpoint.path}`{where}" + (f". {words}" if words else "")
        return Entry(endpoint.summary, url, notes, lambda: endpoint_markdown(endpoint, base_url=self.site_url))

    def _channel(self, channel: Channel) -> Entry:
        url = self.site_url + reverse("reference:channel_markdown", kwargs={"slug": channel.slug})
        words = one_line(channel.description)
        notes = f"`{channel.topic}` ({channel.api_channel})" + (f". {words}" if words else "")
        return Entry(channel.summary, url, notes, lambda: channel_markdown(channel, base_url=self.site_url))

    # --- prose ---------------------------------------------------------------------------

    def _summary(self) -> str:
        return (
            "Every KuCoin REST endpoint and WebSocket channel, with the metadata KuCoin publishes for each "
            "(host, api-channel, api-permission, rate-limit pool and weight, SDK service, sub-service and "
            "method name), parameters, schemas and examples. Unofficial; generated from KuCoin's official SDK."
        )

    def _guidance(self) -> str:
        site = self.site_url
        return (
            "Each link is the Markdown twin of an explorer page. Private endpoints need a request signed with "
            "HMAC-SHA256 (see the Authentication guide). The whole API is also available as OpenAPI 3.1 "
            f"({site}/openapi.json), as a Postman collection that signs requests ({site}/postman.json), and "
            f"as one file with every page below ({site}/llms-full.txt).\n\n"
            "Agents can also ask the catalogue over MCP: `python manage.py mcp` (stdio), or "
            "`python manage.py mcp --http` (Streamable HTTP at /mcp)."
        )


def one_line(markdown: str) -> str:
    """The first sentence of some Markdown, as plain text on one line."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown or "")  # links keep their words
    text = re.sub(r"[`*_#>|]", "", text)
    text = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) > NOTE_LENGTH:
        sentence = sentence[: NOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def _link_text(title: str) -> str:
    # llms.txt parsers read a link's text up to the first `]`.
    return title.replace("[", "(").replace("]", ")")
