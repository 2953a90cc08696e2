"""Every page and its Markdown twin for /sitemap.xml, each dated by the catalogue (django.contrib.sitemaps)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from endpoints import selectors
from endpoints.guides import Guide, guide_list

# Site-wide pages that list the catalogue; they change when a sync does.
SITE_PAGES = ("home", "guides:index", "exports:index", "market_data:page")


def _last_sync() -> datetime | None:
    sync = selectors.latest_sync()
    return sync.finished_at if sync else None


class SitePages(Sitemap):
    def items(self) -> list[str]:
        return list(SITE_PAGES)

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> datetime | None:
        return _last_sync()


class GuidePages(Sitemap):
    """The guides; `twin = True` lists their `.md` twins instead."""

    twin = False

    def items(self) -> list[Guide]:
        return guide_list()

    def location(self, item: Guide) -> str:
        return item.get_markdown_url() if self.twin else item.get_absolute_url()

    def lastmod(self, item: Guide) -> datetime | None:
        return _last_sync()  # a guide's tables are filled from the catalogue


class EndpointPages(Sitemap):
    """Live endpoints, dated by their own last change."""

    twin = False

    def items(self):
        return selectors.endpoint_list().only("slug", "updated_at")

    def location(self, item) -> str:
        if self.twin:
            return reverse("reference:endpoint_markdown", kwargs={"slug": item.slug})
        return item.get_absolute_url()

    def lastmod(self, item) -> datetime:
        return item.updated_at


class ChannelPages(Sitemap):
    """Live WebSocket channels, dated by their own last change."""

    twin = False

    def items(self):
        return selectors.channel_list().only("slug", "updated_at")

    def location(self, item) -> str:
        if self.twin:
            return reverse("reference:channel_markdown", kwargs={"slug": item.slug})
        return item.get_absolute_url()

    def lastmod(self, item) -> datetime:
        return item.updated_at


def twin_of(sitemap: type[Sitemap]) -> type[Sitemap]:
    """The same listing, pointing at each page's Markdown twin."""
    return type(f"{sitemap.__name__}Twins", (sitemap,), {"twin": True})


SITEMAPS: dict[str, type[Sitemap]] = {
    "site": SitePages,
    "guides": GuidePages,
    "guide-twins": twin_of(GuidePages),
    "endpoints": EndpointPages,
    "endpoint-twins": twin_of(EndpointPages),
    "channels": ChannelPages,
    "channel-twins": twin_of(ChannelPages),
}
