"""The changes page, an endpoint's history and the Atom feed show what really changed between two SDK releases."""

import html
import re
import xml.etree.ElementTree as ET

import pytest

from endpoints.models import Channel, Endpoint, SyncRun
from endpoints.sync import catalogue_sync

pytestmark = pytest.mark.real_client
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def two_releases(db, older_sdk_catalogue, sdk_catalogue):
    """An empty catalogue synced from the older release, then from the pinned one."""
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    SyncRun.objects.all().delete()
    catalogue_sync(older_sdk_catalogue)
    catalogue_sync(sdk_catalogue)
    old = {e.key: e for e in older_sdk_catalogue.endpoints}
    new = {e.key: e for e in sdk_catalogue.endpoints}
    return old, new


def _entries(page: str) -> dict[str, str]:
    """Each listed change's label -> its entry's text (badges and details), from the changes page."""
    entries = {}
    for block in page.split('<li data-kind="')[1:]:
        label = html.unescape(re.search(r"<code>(.*?)</code>", block).group(1))
        entries[label] = html.unescape(re.sub(r"<[^>]+>", " ", block))
    return entries


def _sync_entries(client, *, breaking: bool = False) -> dict[str, str]:
    """Every change of the latest sync, read page by page from the sync's own page."""
    url, entries = f"/changes/{SyncRun.objects.latest().pk}", {}
    query = {"breaking": "1"} if breaking else {}
    for number in range(1, 50):
        page = client.get(url, {**query, "page": number}).content.decode()
        entries.update(_entries(page))
        if 'rel="next"' not in page:
            return entries
    raise AssertionError("the sync's pages never end")


def _label(key) -> str:
    domain, method, path = key
    return f"{method} {path} ({domain})"


def _weight(weight) -> str:
    return "unknown" if weight is None else str(weight)


def test_the_changes_page_lists_what_really_changed(client, two_releases):
    """Every endpoint added, every weight and permission change, and KuCoin's renamed enum values are listed."""
    old, new = two_releases
    entries = _sync_entries(client)
    added = [key for key in new if key not in old]
    assert len(added) > 80  # the unified-account routes among them
    for key in added:
        assert "Added" in entries[_label(key)]
    for key in (key for key in new if key in old):
        before, after = old[key], new[key]
        if before.rate_limit_weight != after.rate_limit_weight:
            old_weight, new_weight = (_weight(e.rate_limit_weight) for e in (before, after))
            assert f"rate-limit weight: {old_weight} → {new_weight}" in entries[_label(key)]
        if before.api_permission != after.api_permission:
            assert "Breaking" in entries[_label(key)]
            assert f"api-permission: {before.api_permission} → {after.api_permission}" in entries[_label(key)]
    deposit = entries["POST /api/v1/deposit-addresses (spot)"]
    assert "Breaking" in deposit and "to (body) no longer accepts: main, trade" in deposit


def test_the_sync_is_named_with_its_source_and_version(client, two_releases):
    """The page heads the sync with the SDK release it read, and the first import as a whole."""
    page = client.get("/changes").content.decode()
    assert "kucoin-universal-sdk 1.3.2" in page and "kucoin-universal-sdk 1.2.0" in page
    assert "The first import: the whole catalogue was added." in page


def test_breaking_only_leaves_out_the_rest(client, two_releases):
    """?breaking=1 lists only breaking changes, on the changes page and on the sync's own pages."""
    listed = _entries(client.get("/changes", {"breaking": "1"}).content.decode())
    entries = _sync_entries(client, breaking=True)
    assert listed and set(listed) <= set(entries)
    assert all("Breaking" in text for text in entries.values())
    assert "POST /api/v1/deposit-addresses (spot)" in entries


def test_a_sync_with_many_changes_is_paged(client, two_releases):
    """The changes page shows the first changes of a big sync and links to all of them; its page is paged."""
    run = SyncRun.objects.latest()
    total = run.changes.count()
    assert total > 100  # the release added and changed more than one page of items
    listing = client.get("/changes").content.decode()
    assert len(_entries(listing)) < total
    assert f'href="/changes/{run.pk}">All {total} changes of this sync</a>' in listing
    first = client.get(f"/changes/{run.pk}").content.decode()
    assert f"Changes 1–100 of {total}." in first and 'rel="next"' in first
    pages = [client.get(f"/changes/{run.pk}", {"page": n}).content.decode() for n in range(1, -(-total // 100) + 1)]
    assert sum(page.count('<li data-kind="') for page in pages) == total
    assert client.get(f"/changes/{run.pk}", {"page": "nonsense"}).status_code == 200


def test_an_endpoint_page_shows_its_own_history(client, two_releases):
    """The futures cancel-all page says its weight changed, linked to the sync that saw it."""
    old, new = two_releases
    key = ("futures", "DELETE", "/api/v1/orders")
    endpoint = Endpoint.objects.get(domain="futures", method="DELETE", path="/api/v1/orders")
    page = client.get(endpoint.get_absolute_url()).content.decode()
    history = page[page.index('id="history"') :]
    expected = f"rate-limit weight: {old[key].rate_limit_weight} → {new[key].rate_limit_weight}"
    assert expected in html.unescape(history)
    assert f'href="/changes/{SyncRun.objects.latest().pk}"' in history


def test_the_atom_feed_has_an_entry_per_sync(client, two_releases):
    """The feed parses as Atom; the newest entry names the release, counts breaking changes and lists them."""
    response = client.get("/changes/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, just served by our own view
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    newest = entries[0]
    assert "kucoin-universal-sdk 1.3.2" in newest.findtext(f"{ATOM}title")
    assert "breaking" in newest.findtext(f"{ATOM}title")
    assert newest.find(f"{ATOM}link").get("href").endswith(f"/changes/{SyncRun.objects.latest().pk}")
    assert "deposit-addresses" in newest.findtext(f"{ATOM}summary")


def test_an_unknown_sync_is_a_404(client, catalogue):
    """A sync number that does not exist answers 404."""
    assert client.get("/changes/999999").status_code == 404
