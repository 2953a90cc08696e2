"""Search, read one page, list services: the site's engine, filters and Markdown twins, as tool answers."""

import pytest
from django.utils import timezone

from endpoints import selectors
from endpoints.agents.answers import BadInput
from endpoints.agents.catalogue_tools import METADATA_KEYS, hits_find, reference_get, services_list
from endpoints.models import Channel, Endpoint
from endpoints.reference.search import catalogue_search


def test_search_ranks_as_the_site_does(catalogue):
    """The tool's results are the site's search results, in the same order."""
    answer = hits_find(query="add order", filters={}, limit=10)
    site = [hit.item.slug for hit in catalogue_search("add order", {}).hits[:10]]
    assert [hit["reference"] for hit in answer.data["results"]] == site
    assert answer.data["results"][0]["url"].endswith("/reference/" + site[0])
    assert "reference `spot/order/add-order`" in answer.text


def test_search_filters_narrow_like_the_site(catalogue):
    """Filters use the site's form: a host and a pool keep only what matches them."""
    answer = hits_find(query="orders", filters={"domain": "futures", "rate_limit_pool": "Futures"}, limit=50)
    assert answer.data["results"]
    assert {hit["domain"] for hit in answer.data["results"]} == {"futures"}
    assert answer.data["filters"] == {"domain": "futures", "rate_limit_pool": "Futures"}


def test_search_with_filters_only_browses(catalogue):
    """With no words, the filters alone list what they allow, as the search page does."""
    answer = hits_find(query="", filters={"service": "Spot", "sub_service": "Market"}, limit=50)
    assert answer.data["total"] == Endpoint.objects.filter(sdk_service="Spot", sdk_sub_service="Market").count()


def test_search_finds_channels(catalogue):
    """WebSocket topics are found too, with a websocket/ reference."""
    answer = hits_find(query="/market/ticker", filters={}, limit=5)
    channels = [hit for hit in answer.data["results"] if hit["kind"] == "channel"]
    assert channels and all(hit["reference"].startswith("websocket/") for hit in channels)


@pytest.mark.parametrize(
    ("filters", "named"),
    [({"service": "NoSuchService"}, "service"), ({"api_permission": "Root"}, "api_permission")],
)
def test_search_refuses_unknown_filters(catalogue, filters, named):
    """A filter value the site does not know is an error that names the filter, not an empty result."""
    with pytest.raises(BadInput, match=named):
        hits_find(query="order", filters=filters, limit=5)


def test_search_needs_something_to_search(catalogue):
    """Neither words nor filters is an error that says what to send."""
    with pytest.raises(BadInput, match="Give a query"):
        hits_find(query="  ", filters={}, limit=5)


def test_get_endpoint_gives_twin_and_metadata(catalogue):
    """An endpoint comes as its Markdown twin plus the eight fields and its parameters, as catalogued."""
    endpoint = Endpoint.objects.get(slug="spot/market/get-ticker")
    answer = reference_get(reference="spot/market/get-ticker")
    assert answer.text.startswith(f"# {endpoint.summary}\n")
    assert "## Metadata" in answer.text
    metadata = answer.data["metadata"]
    assert tuple(metadata) == METADATA_KEYS
    assert metadata["api_channel"] == endpoint.api_channel
    assert metadata["rate_limit_pool"] == endpoint.rate_limit_pool
    assert [p["name"] for p in answer.data["parameters"]] == [p.name for p in endpoint.parameters.all()]
    assert answer.data["markdown_url"] == "http://127.0.0.1:8000/reference/spot/market/get-ticker.md"


def test_get_accepts_page_urls_and_twin_paths(catalogue):
    """A page URL, a /reference/ path or a twin's address all name the same endpoint."""
    for reference in ("https://example.org/reference/spot/market/get-ticker", "/reference/spot/market/get-ticker.md"):
        assert reference_get(reference=reference).data["reference"] == "spot/market/get-ticker"


def test_get_unified_account_route_says_unpublished(catalogue):
    """A UTA route's channel, permission, pool and weight are null, not guessed."""
    slug = Endpoint.objects.filter(metadata_published=False).values_list("slug", flat=True).first()
    metadata = reference_get(reference=slug).data["metadata"]
    assert metadata["api_channel"] is metadata["rate_limit_weight"] is metadata["api_permission"] is None


def test_get_channel(catalogue):
    """A channel comes as its twin with its topic and subscribe frame."""
    channel = Channel.objects.get(slug="spot-public/ticker")
    answer = reference_get(reference="websocket/spot-public/ticker")
    assert answer.data["kind"] == "channel"
    assert answer.data["topic"] == channel.topic
    assert '"type": "subscribe"' in answer.data["frame"]
    assert answer.data["protocol"] == channel.protocol


@pytest.mark.parametrize("reference", ["spot/order/nope", "websocket/nope", "../../etc/passwd", "x" * 300])
def test_get_unknown_is_a_clear_error(catalogue, reference):
    """Nothing catalogued there: an error that says what a reference looks like."""
    with pytest.raises(BadInput, match="Use a `reference` from search_catalogue"):
        reference_get(reference=reference)


def test_services_count_the_whole_catalogue(catalogue):
    """Every live endpoint and channel is counted once under its service and sub-service."""
    data = services_list().data
    counts = selectors.catalogue_counts()
    assert sum(service["endpoints"] for service in data["rest"]) == counts["endpoints"]
    assert sum(service["channels"] for service in data["websocket"]) == counts["channels"]
    spot = next(service for service in data["rest"] if service["service"] == "Spot")
    orders = Endpoint.objects.filter(sdk_service="Spot", sdk_sub_service="Order", retired_at__isnull=True).count()
    assert {"name": "Order", "endpoints": orders} in spot["sub_services"]


def test_services_follow_a_catalogue_change(catalogue):
    """The cached list is rebuilt when the catalogue changes: a retired endpoint leaves its count."""
    before = {s["service"]: s["endpoints"] for s in services_list().data["rest"]}
    Endpoint.objects.filter(slug="spot/order/add-order").update(retired_at=timezone.now(), updated_at=timezone.now())
    after = {s["service"]: s["endpoints"] for s in services_list().data["rest"]}
    assert after["Spot"] == before["Spot"] - 1


def test_every_channel_reads(catalogue):
    """Every catalogued channel, of every WebSocket protocol, comes back as its twin and frame."""
    for channel in Channel.objects.filter(retired_at__isnull=True):
        answer = reference_get(reference=f"websocket/{channel.slug}")
        assert answer.text.startswith(f"# {channel.summary}\n")
        assert answer.data["frame"] and answer.data["connection"]


def test_search_says_which_corrected_words_it_searched(catalogue):
    """A typo that matches nothing is searched corrected, and the answer names the words searched."""
    answer = hits_find(query="withdrawl", filters={}, limit=5)
    assert answer.data["corrected_to"] == "withdrawal"
    assert answer.data["results"]
    assert answer.text.startswith("Nothing matched “withdrawl”; showing results for “withdrawal”.\n")


def test_search_that_matches_says_no_correction(catalogue):
    """Words that match as typed are not reported as corrected."""
    answer = hits_find(query="withdraw", filters={}, limit=5)
    assert answer.data["corrected_to"] is None
    assert not answer.text.startswith("Nothing matched")
